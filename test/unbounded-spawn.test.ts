import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

const LIB = `pub async fn run(ids: Vec<u64>) {
    for id in ids {
        tokio::spawn(async move { drop(id) });
    }
}
`;

describe('unbounded-spawn: the cap comes from max-concurrency', () => {
  it('--max-concurrency N is written once, as the named constant', () => {
    const root = tempDir();
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': LIB });
    const r = runCli(['--yes', '--unsafe-fixes', '--rule', 'unbounded-spawn', '--max-concurrency', '16', '.'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const fixed = fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8');
    expect(fixed).toContain('const MAX_IN_FLIGHT: usize = 16;');
    expect(fixed).toContain('tokio::sync::Semaphore::new(MAX_IN_FLIGHT)');
    expect(fixed.match(/\b16\b/g)).toHaveLength(1);
  });

  it('the config key max-concurrency is used when no flag is given', () => {
    const root = tempDir();
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'async-fix.toml': 'max-concurrency = 32\n', 'src/lib.rs': LIB });
    const r = runCli(['--yes', '--unsafe-fixes', '--rule', 'unbounded-spawn', '.'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toContain('const MAX_IN_FLIGHT: usize = 32;');
  });

  it('a literal loop no longer than the cap is not a finding, one longer is', () => {
    const root = tempDir();
    const lib = 'pub async fn run() {\n    for id in 0..20u64 {\n        tokio::spawn(async move { drop(id) });\n    }\n}\n';
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': lib });
    const under = JSON.parse(runCli(['--check', '--format', 'json', '--rule', 'unbounded-spawn', '--max-concurrency', '20', '.'], root).stdout);
    expect(under.summary.findings).toBe(0);
    const over = JSON.parse(runCli(['--check', '--format', 'json', '--rule', 'unbounded-spawn', '--max-concurrency', '19', '.'], root).stdout);
    expect(over.summary.findings).toBe(1);
  });

  it('JSON and text output name the other form of the fix', () => {
    const root = tempDir();
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': LIB });
    const json = JSON.parse(runCli(['--check', '--unsafe-fixes', '--format', 'json', '--rule', 'unbounded-spawn', '.'], root).stdout);
    expect(json.files[0].findings).toMatchObject([
      {
        fix: 'unsafe',
        fixTitle: 'Cap running tasks at 100 with a `Semaphore` permit moved into each task',
        alternatives: [{ fix: 'unsafe', title: 'Cap in-flight tasks at 100 with a `JoinSet` and wait for all of them after the loop' }],
      },
    ]);
    const text = runCli(['--check', '--unsafe-fixes', '--color', 'never', '--rule', 'unbounded-spawn', '.'], root).stdout;
    expect(text).toContain('= note: other fix (unsafe): Cap in-flight tasks at 100 with a `JoinSet` and wait for all of them after the loop; choose it in the review');
  });
});
