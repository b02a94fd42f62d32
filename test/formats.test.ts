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

describe('text output', () => {
  it('puts each finding next to the hunks of its fix, each a diff of its own', () => {
    const root = tempDir();
    const filler = '// filler\n'.repeat(10);
    writeTree(root, {
      'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["full"] }\n',
      'src/lib.rs': `pub async fn a() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\n${filler}pub async fn b() {\n    std::thread::sleep(std::time::Duration::from_millis(2));\n}\n`,
    });
    const r = runCli(['--dry-run', '.'], root);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.startsWith(needle));
    const first = at('src/lib.rs:2:5 blocking-sleep');
    const second = at('src/lib.rs:15:5 blocking-sleep');
    expect(first).toBe(0);
    expect(lines.slice(first + 1, first + 4)).toEqual(['--- a/src/lib.rs', '+++ b/src/lib.rs', '@@ -1,5 +1,5 @@']);
    expect(lines.slice(second + 1, second + 4)).toEqual(['--- a/src/lib.rs', '+++ b/src/lib.rs', '@@ -12,5 +12,5 @@']);
    expect(lines.filter((l) => l.startsWith('+    tokio::time::sleep')).length).toBe(2);
    expect(lines.findIndex((l) => l.includes('from_millis(2)') && l.startsWith('+'))).toBeGreaterThan(second);
  });
});
