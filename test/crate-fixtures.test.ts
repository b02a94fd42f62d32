import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from './support/cli.js';

/**
 * Crate-shaped fixtures: `__fixtures__/<rule-id>/<case>/` is a crate or
 * workspace (with Cargo.toml) and `<case>.output/` is what it must become.
 * The real binary runs on a copy with `--yes --unsafe-fixes`; every file must
 * then match the expected tree, Cargo.toml included, and a second run must
 * change nothing. scripts/compile-check.mjs builds both trees with cargo.
 * `<case>.findings`, when present, lists every finding the input gives
 * (`path:line:column rule: message`, one a line, in output order), so a
 * report-only case (output = input) still shows what must and must not be
 * found, as ESLint's RuleTester `errors` do.
 */
const FIXTURES = path.join(repoRoot, '__fixtures__');

function listFiles(dir: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) return e.name === 'target' ? [] : listFiles(dir, r);
      return e.name === 'Cargo.lock' ? [] : [r];
    })
    .sort();
}

const snapshot = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

const crates = fs
  .readdirSync(FIXTURES)
  .flatMap((rule) =>
    fs.statSync(path.join(FIXTURES, rule)).isDirectory()
      ? fs
          .readdirSync(path.join(FIXTURES, rule))
          .filter((c) => !c.endsWith('.output') && fs.existsSync(path.join(FIXTURES, rule, c, 'Cargo.toml')))
          .map((c) => ({ rule, name: c }))
      : [],
  );

describe('crate fixtures', () => {
  it('exist', () => {
    expect(crates.length).toBeGreaterThanOrEqual(8);
  });

  it.each(crates)('$rule/$name', ({ rule, name }) => {
    const input = path.join(FIXTURES, rule, name);
    const expected = path.join(FIXTURES, rule, `${name}.output`);
    expect(fs.existsSync(expected), `${name}.output/ is missing`).toBe(true);
    const work = path.join(tempDir(), name);
    fs.cpSync(input, work, { recursive: true });
    const first = runCli(['--yes', '--unsafe-fixes', '--rule', rule, '.'], work);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(snapshot(work)).toEqual(snapshot(expected));
    const second = runCli(['--yes', '--unsafe-fixes', '--rule', rule, '--format', 'json', '.'], work);
    expect(JSON.parse(second.stdout).summary.fixesApplied).toBe(0);
    expect(snapshot(work)).toEqual(snapshot(expected));
    const listed = path.join(FIXTURES, rule, `${name}.findings`);
    if (fs.existsSync(listed)) {
      const fresh = path.join(tempDir(), name);
      fs.cpSync(input, fresh, { recursive: true });
      const dry = runCli(['--dry-run', '--rule', rule, '--format', 'json', '.'], fresh);
      const found = JSON.parse(dry.stdout).files.flatMap((f: { path: string; findings: { line: number; column: number; rule: string; message: string }[] }) =>
        f.findings.map((x) => `${f.path}:${x.line}:${x.column} ${x.rule}: ${x.message}`),
      );
      expect(found).toEqual(fs.readFileSync(listed, 'utf8').split('\n').filter(Boolean));
    }
  });
});
