import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, sleepyCrate, writeTree } from './support/cli.js';

/** `--stdin-filename PATH`, for editors: the text comes from stdin, the crate from PATH's place on disk. */
function withStdin(args: string[], cwd: string, input: string | Buffer) {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--stdin-filename', () => {
  it('with --yes prints the fixed source on stdout and the report on stderr, writing nothing', () => {
    const { root, lib } = sleepyCrate(1);
    const onDisk = fs.readFileSync(lib, 'utf8');
    // The editor's buffer differs from the file on disk: the buffer is what is checked.
    const buffer = onDisk.replace('from_millis(1)', 'from_millis(7)');
    const r = withStdin(['--yes', '--stdin-filename', 'src/lib.rs'], root, buffer);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(buffer.replace('std::thread::sleep(Duration::from_millis(7))', 'tokio::time::sleep(Duration::from_millis(7)).await'));
    expect(r.stderr).toContain('src/lib.rs:4:5 blocking-sleep');
    expect(r.stderr).toContain('Fixed 1 finding in 1 file');
    expect(fs.readFileSync(lib, 'utf8')).toBe(onDisk);
  });

  it('checks the buffer as part of its crate: Cargo facts and the other files come from disk', () => {
    const { root } = sleepyCrate(1);
    writeTree(root, { 'src/util.rs': 'pub fn pause() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\n' });
    const buffer = 'mod util;\npub async fn run() {\n    util::pause();\n}\n';
    const r = withStdin(['--check', '--preview', '--format', 'concise', '--stdin-filename', path.join('src', 'lib.rs')], root, buffer);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('src/lib.rs:3:5: blocking-io blocking via helper `pause`: it calls `std::thread::sleep`, which blocks the executor thread in async code [fix: none]\n');
  });

  it('refuses PATH arguments beside it, and a binary buffer is unchecked', () => {
    const { root } = sleepyCrate(1);
    const both = withStdin(['--check', '--stdin-filename', 'src/lib.rs', 'src'], root, '');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give no PATH arguments');
    const binary = withStdin(['--check', '--stdin-filename', 'src/lib.rs'], root, Buffer.from([0x61, 0, 0x62]));
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('error: src/lib.rs: stdin: binary file');
  });
});
