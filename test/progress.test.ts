import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, runCli, sleepyCrate, tempDir } from './support/cli.js';

/**
 * The progress line, on a real pseudo-terminal: util-linux `script` runs
 * the binary with a terminal for stdout and stderr and records every byte
 * it writes, the line's carriage returns and erasures included.
 */
function inTerminal(args: string[], cwd: string): string {
  const log = path.join(tempDir(), 'typescript');
  const cmd = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-q', '-e', '-c', `cd '${cwd}' && NO_COLOR=1 ${cmd}`, log], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(r.error).toBeUndefined();
  return fs.readFileSync(log, 'utf8');
}

describe('progress on stderr', () => {
  it('counts files on a terminal, and erases itself before the report', () => {
    const { root, lib } = sleepyCrate(3);
    // A second file: a package of one file has no phase 1 to show.
    fs.writeFileSync(lib, `pub mod util;\n${fs.readFileSync(lib, 'utf8')}`);
    fs.writeFileSync(path.join(root, 'src', 'util.rs'), 'pub fn helper() {}\n');
    const screen = inTerminal(['--dry-run', '--no-cache'], root);
    expect(screen).toMatch(/\r\x1b\[Ksummarizing 1 files, \d+ files\/s, \d+\.\d s/);
    expect(screen).toMatch(/\r\x1b\[Kchecking 2\/2 files, \d+ files\/s, \d+\.\d s/);
    const lastLine = screen.lastIndexOf('checking 2/2');
    expect(screen.indexOf('\r\x1b[K', lastLine)).toBeLessThan(screen.indexOf('Scanned 2 files'));
    expect(screen).toContain('3 findings');
  });

  it('is not drawn with --quiet, in JSON mode, or when stderr is not a terminal', () => {
    const { root } = sleepyCrate(1);
    for (const extra of [['--quiet'], ['--format', 'json']]) expect(inTerminal(['--dry-run', ...extra], root), extra.join(' ')).not.toContain('files/s');
    const piped = runCli(['--dry-run'], root);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain('Scanned 1 file');
  });
});
