import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sleepyCrate, tempDir, writeTree } from './support/cli.js';

/** The report formats for editors and CI, --statistics and --output-file, through the real binary. */
describe('report formats', () => {
  it('concise: one `path:line:col: rule message [fix]` line per finding, nothing else', () => {
    const { root } = sleepyCrate(2);
    const r = runCli(['--dry-run', '--format', 'concise', '.'], root);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'src/lib.rs:4:5: blocking-sleep `std::thread::sleep` blocks the executor thread in async code; use `tokio::time::sleep(..).await` [fix: safe]',
      'src/lib.rs:8:5: blocking-sleep `std::thread::sleep` blocks the executor thread in async code; use `tokio::time::sleep(..).await` [fix: safe]',
      '',
    ]);
  });

  it('github: a workflow-command annotation per finding, with the runner\'s escapes', () => {
    const root = tempDir();
    writeTree(root, { 'odd, name%.rs': 'async fn f() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\n' });
    const r = runCli(['--check', '--format', 'github', '.'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '::warning file=odd%2C name%25.rs,line=2,col=5,endLine=2,endColumn=60,title=async-fix blocking-sleep::' +
        // A file outside any crate: no Cargo.toml says tokio is there, so no fix is offered.
        '`std::thread::sleep` blocks the executor thread in async code; use `tokio::time::sleep(..).await` [fix: none]\n',
    );
  });

  it('--statistics: findings and fixable counts per rule, most frequent first', () => {
    const { root, lib } = sleepyCrate(3);
    fs.appendFileSync(lib, 'pub async fn g(tx: tokio::sync::mpsc::Sender<u8>) {\n    tx.send(1).await.unwrap();\n}\n');
    const r = runCli(['--dry-run', '--preview', '--statistics', '.'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        ' count  rule             safe fix   unsafe fix',
        '     3  blocking-sleep          3            0',
        '     1  send-unwrap             1            0',
        '4 findings in 1 file',
        '',
      ].join('\n'),
    );
    const json = runCli(['--dry-run', '--statistics', '--format', 'json', '.'], root);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--statistics is a text report');
  });

  it('--output-file writes the report there and nothing on stdout; an unwritable one is an error', () => {
    const { root } = sleepyCrate(1);
    const out = path.join(tempDir(), 'report.json');
    const r = runCli(['--dry-run', '--format', 'json', '--output-file', out, '.'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).summary.findings).toBe(1);
    const bad = runCli(['--dry-run', '-o', path.join(root, 'no', 'such', 'dir', 'r.txt'), '.'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: cannot write the report to .*r\.txt/);
  });
});
