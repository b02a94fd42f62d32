import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, sleepyCrate } from './support/cli.js';

/** Flags and behaviours users bring from ruff, clippy and cargo: each through the real binary. */
describe('command-line conventions', () => {
  it('--version and -V print the package version', () => {
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const r = runCli([flag], repoRoot);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('--exit-zero keeps --check at 0 with findings, but not with errors', () => {
    const { root } = sleepyCrate(1);
    expect(runCli(['--check', '.'], root).code).toBe(1);
    const zero = runCli(['--check', '--exit-zero', '.'], root);
    expect(zero.code).toBe(0);
    expect(zero.stdout).toContain('blocking-sleep');
    expect(runCli(['--check', '--exit-zero', 'missing.rs'], root).code).toBe(2);
  });

  it('refuses a named file that is not Rust source, and --check counts it as unchecked', () => {
    const { root } = sleepyCrate(1);
    const r = runCli(['--dry-run', 'Cargo.toml', 'src/lib.rs'], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: Cargo.toml: not a Rust source file (only `.rs` files are checked); skipped');
    expect(r.stdout).toContain('Scanned 1 file');
    const gate = runCli(['--check', 'Cargo.toml'], root);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain('error: Cargo.toml: not a Rust source file');
  });

  it('colors a piped log under FORCE_COLOR, and NO_COLOR wins over it', () => {
    const { root } = sleepyCrate(1);
    const plain = { NO_COLOR: '', FORCE_COLOR: '' };
    const forced = runCli(['--dry-run', '.'], root, { ...plain, FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\x1b[');
    expect(runCli(['--dry-run', '.'], root, { ...plain, FORCE_COLOR: '0' }).stdout).not.toContain('\x1b[');
    expect(runCli(['--dry-run', '.'], root, { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toContain('\x1b[');
    expect(runCli(['--dry-run', '.'], root, plain).stdout).not.toContain('\x1b[');
  });
});
