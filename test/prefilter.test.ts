import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachModels } from '../src/cli/models.js';
import { loadFiles } from '../src/cli/load.js';
import { initParser } from '../src/engine/parse.js';
import { mayHoldFindings } from '../src/engine/prefilter.js';
import type { Rule } from '../src/rule.js';
import { allRules } from '../transforms/index.js';
import { repoRoot, runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * The prefilter: a file whose text cannot hold a finding is not parsed for
 * the rules, and a package none of whose files can is not summarized. The
 * sweep and the ecosystem check compare it with `--no-prefilter` over the
 * Debian and apps corpora; here, over the fixtures and small crates.
 */
beforeAll(async () => {
  await initParser();
});

const report = (args: string[], cwd: string) => {
  const r = runCli(['--dry-run', '--unsafe-fixes', '--preview', '--include-tests', '--format', 'json', ...args], cwd);
  expect(r.stderr).toBe('');
  const doc = JSON.parse(r.stdout);
  doc.summary.seconds = 0;
  return doc;
};

describe('prefilter', () => {
  it('passes async code and suppression comments, not sync code; a rule may ask for its own text', () => {
    expect(mayHoldFindings('fn f() { std::thread::sleep(D); }', allRules)).toBe(false);
    expect(mayHoldFindings('async fn f() { std::thread::sleep(D); }', allRules)).toBe(true);
    expect(mayHoldFindings('fn f() -> impl Future { g().await }', allRules)).toBe(true);
    // send-unwrap reports a sync `send(..).unwrap()` too.
    expect(mayHoldFindings('fn f(tx: S) { tx.send(1).unwrap(); }', allRules)).toBe(true);
    expect(mayHoldFindings('// async-fix: ignore[blocking-sleep]\nfn f() {}', allRules)).toBe(true);
    const own = { ...allRules[0], prefilter: /thread::spawn/ } as Rule;
    expect(mayHoldFindings('fn f() { std::thread::spawn(g); }', [own])).toBe(true);
    expect(mayHoldFindings('async fn f() {}', [own])).toBe(false);
  });

  it('reports what --no-prefilter reports over every fixture', () => {
    const fixtures = path.join(repoRoot, '__fixtures__');
    const filtered = report([], fixtures);
    expect(filtered.summary.findings).toBeGreaterThan(300);
    expect(filtered).toEqual(report(['--no-prefilter'], fixtures));
  });

  it('summarizes no package none of whose files can hold a finding, and keeps the rest whole', () => {
    const root = tempDir();
    writeTree(root, {
      'sync/Cargo.toml': TOKIO_MANIFEST,
      'sync/src/lib.rs': 'pub mod util;\npub fn a() {}\n',
      'sync/src/util.rs': 'pub fn b() { std::thread::sleep(std::time::Duration::from_millis(1)); }\n',
      'mixed/Cargo.toml': TOKIO_MANIFEST,
      'mixed/src/lib.rs': 'pub mod util;\npub async fn run() { util::pause(); }\n',
      'mixed/src/util.rs': 'pub fn pause() { std::thread::sleep(std::time::Duration::from_millis(1)); }\n',
    });
    const { files } = loadFiles(['.'], root);
    const checked = (f: { text: string }) => mayHoldFindings(f.text, allRules);
    attachModels(files, root, { checked });
    const model = (rel: string) => files.find((f) => f.absolute === path.join(root, rel))!.model;
    expect(model('sync/src/lib.rs')).toBeUndefined();
    expect(model('sync/src/util.rs')).toBeUndefined();
    // Without the prefilter the same package has one.
    const all = loadFiles(['.'], root).files;
    attachModels(all, root);
    expect(all.find((f) => f.absolute === path.join(root, 'sync/src/lib.rs'))!.model).toBeDefined();
    expect(model('mixed/src/lib.rs')).toBeDefined();
    // The sync helper is summarized for the package's model, though it is not checked itself.
    expect(model('mixed/src/lib.rs')!.index.byFile.has(path.join(root, 'mixed/src/util.rs'))).toBe(true);
    // And the cross-file finding it makes is the same either way.
    expect(report([], root)).toEqual(report(['--no-prefilter'], root));
    expect(report([], root).summary.findingsByRule).toEqual({ 'blocking-io': 1 });
  });
});
