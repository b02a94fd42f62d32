import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir as newTempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * scripts/ecosystem.mjs end to end over a one-app corpus of its own
 * ($ASYNC_FIX_APPS_CORPUS): the tables, the unjudged export, the verdicts
 * whose finding is gone, --min-precision and a malformed ledger.
 */

const LIB = `use std::time::Duration;

pub async fn warm_up() {
    std::thread::sleep(Duration::from_millis(5));
}

pub async fn load() -> Vec<u8> {
    std::fs::read("cache.bin").unwrap()
}
`;

let corpus: string;
const made: string[] = [];
const tempDir = (prefix?: string) => {
  const dir = newTempDir(prefix);
  made.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  corpus = tempDir('async-fix-eco-corpus-');
  const src = path.join(corpus, 'src');
  writeTree(src, { 'demo-0000000/Cargo.toml': TOKIO_MANIFEST, 'demo-0000000/src/lib.rs': LIB });
  const tar = spawnSync('tar', ['-czf', path.join(corpus, 'apps.tar.gz'), '-C', src, 'demo-0000000']);
  expect(tar.status).toBe(0);
});

function ecosystem(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'ecosystem.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ASYNC_FIX_APPS_CORPUS: corpus },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const unjudgedOf = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('the ecosystem check', () => {
  it('lists every finding unjudged with an empty ledger, and exports them for review', () => {
    const dir = tempDir();
    const ledger = path.join(dir, 'verdicts.jsonl');
    fs.writeFileSync(ledger, '');
    const out = path.join(dir, 'unjudged.jsonl');
    const r = ecosystem(['--ledger', ledger, '--unjudged-out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS fix run 2: no file content changes \(1 apps\)/);
    expect(r.stdout).toMatch(/ecosystem: 2 finding\(s\) with no verdict yet/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^ecosystem: \d+ passed, 0 failed$/);
    const unjudged = unjudgedOf(out);
    expect(unjudged.map((f) => [f.rule, f.fn, f.line])).toEqual([
      ['blocking-sleep', 'warm_up', 4],
      ['blocking-fs', 'load', 8],
    ]);
    expect(unjudged[0]).toMatchObject({ app: 'demo-0000000', path: 'src/lib.rs', fix: 'safe', defaultFix: 'safe' });
    expect(unjudged[0].context).toContain('4 |     std::thread::sleep(Duration::from_millis(5));');
  });

  it('computes precision from the ledger, reports a verdict whose finding is gone, and fails under --min-precision', () => {
    const dir = tempDir();
    const out = path.join(dir, 'unjudged.jsonl');
    const empty = path.join(dir, 'empty.jsonl');
    fs.writeFileSync(empty, '');
    expect(ecosystem(['--ledger', empty, '--unjudged-out', out]).code).toBe(0);
    const [sleep, read] = unjudgedOf(out);
    const judge = (f: { app: string; path: string; rule: string; key: string; line: number }, verdict: string) =>
      JSON.stringify({ app: f.app, path: f.path, rule: f.rule, key: f.key, verdict, reason: 'test', line: f.line });
    const ledger = path.join(dir, 'verdicts.jsonl');
    const gone = { ...read, key: '0123456789abcdef#1', line: 99 };
    fs.writeFileSync(ledger, [judge(read, 'TP'), judge(sleep, 'FP'), judge(gone, 'TP')].join('\n') + '\n');
    const jsonOut = path.join(dir, 'table.json');

    const r = ecosystem(['--ledger', ledger, '--json', jsonOut, '--min-precision', '0.9']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^ {2}overall +2 +2 +1 +1 +0 +50\.0% +0\.0%$/m);
    expect(r.stdout).toMatch(/ecosystem: 0 finding\(s\) with no verdict yet/);
    expect(r.stdout).toMatch(/1 verdict\(s\) whose finding disappeared.*\n {2}verdicts\.jsonl:3 demo-0000000 src\/lib\.rs:99 blocking-fs 0123456789abcdef#1 TP/);
    // blocking-fs is in the preview tier: in the table of every tier, not in the default output's.
    expect(r.stdout).toMatch(/FAIL default output precision is at least 0\.9\n +precision 0\.000/);
    const doc = JSON.parse(fs.readFileSync(jsonOut, 'utf8'));
    expect(doc.tables.all.rules['blocking-fs']).toMatchObject({ findings: 1, TP: 1, precision: 1 });
    expect(doc.tables.default.rules['blocking-fs']).toBeUndefined();
    expect(doc.tables.default.rules['blocking-sleep']).toMatchObject({ findings: 1, FP: 1, precision: 0 });
    expect(doc.gone).toHaveLength(1);
  });

  it('refuses a malformed ledger with exit 2, naming the line', () => {
    const ledger = path.join(tempDir(), 'verdicts.jsonl');
    fs.writeFileSync(ledger, '\n{"app": "demo"}\n');
    const r = ecosystem(['--ledger', ledger]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/verdicts\.jsonl:2: `path` must be a non-empty string/);
  });
});
