import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { cargoCheck, writeVerified } from '../src/engine/verify.js';
import { writeGroup } from '../src/engine/write.js';
import { digest } from '../src/engine/regular-file.js';
import { CrateFactsCache } from '../src/analysis/crate.js';
import type { Rule } from '../src/rule.js';
import { runCli, tempDir, TOKIO_MANIFEST } from './support/cli.js';
import { cargoEnv, offlineCrate } from './support/cargo.js';

const SLEEPY = 'use std::time::Duration;\n\npub async fn f() {\n    std::thread::sleep(Duration::from_millis(1));\n}\n';

beforeAll(async () => {
  await initParser();
  Object.assign(process.env, cargoEnv);
});

/** A deliberately broken rule: its "fix" calls a function tokio does not have. */
const brokenRule: Rule = {
  id: 'broken-for-test',
  summary: 'test rule whose fix does not compile',
  fixSafety: 'safe',
  docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '' },
  check(file) {
    return file.callsTo(new Set(['std::thread::sleep'])).map(({ call, callee }) => ({
      node: call,
      message: 'test',
      fix: { safety: 'safe' as const, title: 'break it', edits: [{ start: callee.start, end: callee.end, text: 'tokio::time::slep' }] },
    }));
  },
};

describe('--verify', () => {
  it('keeps fixes that compile (real cargo check, offline against Debian tokio)', () => {
    const root = tempDir();
    offlineCrate(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': SLEEPY });
    const r = runCli(['--yes', '--verify', '.'], root, cargoEnv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toContain('tokio::time::sleep(Duration::from_millis(1)).await;');
  }, 600_000);

  it('rolls back a broken fix, restoring the file byte for byte, and reports cargo\'s first error', () => {
    const root = tempDir();
    offlineCrate(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': SLEEPY });
    const lib = path.join(root, 'src/lib.rs');
    const crate = new CrateFactsCache().forFile(lib);
    const outcome = processFile({ path: lib, text: SLEEPY, crate }, { rules: [brokenRule], fixMode: 'safe' });
    expect(outcome.newText).toContain('tokio::time::slep(');
    const writes: string[] = [];
    const results = writeVerified(
      [{ manifestPath: crate.manifestPath!, files: [{ absolute: lib, text: SLEEPY, newText: outcome.newText }] }],
      (pkg, direction) => {
        const [f] = pkg.files;
        const [from, to] = direction === 'fix' ? [f.text, f.newText] : [f.newText, f.text];
        writes.push(to);
        return writeGroup([{ file: f.absolute, expected: digest(from), text: to }]).ok;
      },
    );
    expect(results).toEqual([{ manifestPath: crate.manifestPath, status: 'rolled-back', firstError: expect.stringMatching(/slep/) }]);
    expect(writes).toHaveLength(2); // the fix, then the original back
    expect(fs.readFileSync(lib, 'utf8')).toBe(SLEEPY);
    expect(cargoCheck(crate.manifestPath!).ok).toBe(true);
  }, 600_000);

  it('writes nothing to a package that did not build before the run (exit 2), unless --broken-code', () => {
    const root = tempDir();
    const broken = SLEEPY + '\npub fn oops() -> u32 { "not a number" }\n';
    offlineCrate(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': broken });
    const r = runCli(['--yes', '--verify', '.'], root, cargoEnv);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('did not build before async-fix ran, so --verify cannot check the fixes; pass --broken-code');
    expect(r.stdout).toContain('mismatched types');
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toBe(broken);
    // Like `cargo fix --broken-code`: written, and said to be unverified.
    const anyway = runCli(['--yes', '--verify', '--broken-code', '.'], root, cargoEnv);
    expect(anyway.code).toBe(0);
    expect(anyway.stderr).toContain('did not build before async-fix ran, so the fixes were written unverified (--broken-code)');
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toContain('tokio::time::sleep(Duration::from_millis(1)).await;');
  }, 600_000);

  it('through the CLI: a fix that breaks the build is rolled back, reported, and exits 1', () => {
    // A real gap --verify exists for: the sleep fix adds an await point, and the
    // std MutexGuard alive across it makes the spawned future !Send.
    const root = tempDir();
    const lib = [
      'use std::sync::{Arc, Mutex};',
      'use std::time::Duration;',
      '',
      'pub fn start(state: Arc<Mutex<u32>>) {',
      '    tokio::spawn(async move {',
      '        let mut guard = state.lock().unwrap();',
      '        *guard += 1;',
      '        std::thread::sleep(Duration::from_millis(1));',
      '        *guard += 1;',
      '    });',
      '}',
      '',
    ].join('\n');
    offlineCrate(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': lib });
    const r = runCli(['--yes', '--verify', '--format', 'json', '.'], root, cargoEnv);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0].findings.find((f: { rule: string }) => f.rule === 'blocking-sleep')).toMatchObject({ applied: false });
    expect(doc.files[0].errors[0]).toMatch(/rolled back 1 fix \(blocking-sleep\): cargo check failed after the fixes:\n.*cannot be sent between threads safely/s);
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toBe(lib);
  }, 600_000);

  it('a fix that needs a tokio feature builds once the feature is added (Cargo.toml written with it)', () => {
    const root = tempDir();
    offlineCrate(root, { 'Cargo.toml': TOKIO_MANIFEST.replace('features = ["full"]', 'features = ["rt"]'), 'src/lib.rs': SLEEPY });
    const r = runCli(['--yes', '--verify', '.'], root, cargoEnv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')).toContain('features = ["rt", "time"]');
  }, 600_000);
});
