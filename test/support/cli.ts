import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = path.join(repoRoot, 'bin', 'async-fix.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built binary (`npm run build` first) the way a user would, with no terminal attached. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The command prefix that runs a program as this user but without root's
 * power to ignore permission bits, so a chmod 000 file or a read-only
 * directory is as real to it as to any user. The process keeps its uid, so
 * it can still read a checkout only its owner can enter.
 */
export function withoutPermissionOverride(): string[] {
  if (process.getuid?.() !== 0) return [];
  const caps = '-dac_override,-dac_read_search,-fowner';
  return ['setpriv', '--inh-caps', caps, '--bounding-set', caps];
}

/** Like runCli, but permission bits bind as they would for any user (see withoutPermissionOverride). */
export function runCliAsOwner(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const cmd = [...withoutPermissionOverride(), process.execPath, binPath, ...args];
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A throwaway directory outside any git work tree. */
export function tempDir(prefix = 'async-fix-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `files` (path -> content) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

export const TOKIO_MANIFEST = '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["full"] }\n';

/** A tokio crate with `count` fixable sleeps in `src/lib.rs`. */
export function sleepyCrate(count = 2): { root: string; lib: string } {
  const root = tempDir();
  const fns = Array.from({ length: count }, (_, i) => `pub async fn f${i}() {\n    std::thread::sleep(Duration::from_millis(${i + 1}));\n}\n`);
  writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': `use std::time::Duration;\n\n${fns.join('\n')}` });
  return { root, lib: path.join(root, 'src', 'lib.rs') };
}
