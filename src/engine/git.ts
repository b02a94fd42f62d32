import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The git status could not be learned, so the files cannot be shown to be clean. */
export class GitStatusUnknown extends Error {}

/** git has no answer after this long: something it reads blocks (a FIFO it was not told of); better to say so than to hang. */
const GIT_TIMEOUT_MS = 120_000;

/**
 * Like `cargo fix`: inside a git work tree, files with uncommitted changes
 * (modified, staged or untracked) are not overwritten without --allow-dirty,
 * so the user can always review or revert what async-fix wrote.
 */
export function dirtyFiles(files: string[]): { file: string; state: string }[] {
  const byRoot = new Map<string, string[]>();
  for (const f of files) {
    const real = fs.realpathSync(f); // git reports paths under the real work-tree root
    const root = gitRoot(path.dirname(real));
    if (!root) continue;
    byRoot.set(root, [...(byRoot.get(root) ?? []), real]);
  }
  const out: { file: string; state: string }[] = [];
  for (const [root, group] of byRoot) {
    const blocking = blockingIgnoreFile(root, group);
    if (blocking) throw new GitStatusUnknown(`${blocking} is not a regular file, and git would wait for ever reading it`);
    const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...group.map((f) => path.relative(root, f))]);
    for (const entry of status.split('\0')) {
      if (entry.length < 4) continue;
      const code = entry.slice(0, 2);
      const file = path.join(root, entry.slice(3));
      const state = code === '??' ? 'untracked' : code[0] !== ' ' && code[1] === ' ' ? 'staged' : 'dirty';
      out.push({ file, state });
    }
  }
  return out;
}

/**
 * Which of `files` (all under `dir`) git ignores, asked of git itself
 * (`git check-ignore`, one call): what `git status` leaves out, from every
 * .gitignore up to the work-tree root, `.git/info/exclude` and the global
 * excludes file; a tracked file is never ignored. Empty outside a work
 * tree, when git cannot run, or when one of those files is not a regular
 * file (git would wait on it for ever; the walk warns about one it meets).
 */
export function gitIgnored(dir: string, files: string[]): Set<string> {
  let realDir: string;
  let root: string | null;
  try {
    realDir = fs.realpathSync(dir);
    root = gitRoot(realDir);
  } catch {
    return new Set();
  }
  if (!root) return new Set();
  // git answers for paths under its real work-tree root: spell them so, and map the answer back.
  const real = new Map(files.map((f) => [path.join(realDir, path.relative(dir, f)), f]));
  if (blockingIgnoreFile(root, [...real.keys()])) return new Set();
  const r = spawnSync('git', ['check-ignore', '--stdin', '-z'], { cwd: root, input: [...real.keys()].join('\0'), encoding: 'utf8', timeout: GIT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  // 0: some are ignored; 1: none; anything else (a timeout, 128) tells nothing.
  if (r.error || r.status !== 0) return new Set();
  return new Set(r.stdout.split('\0').flatMap((p) => (real.has(p) ? [real.get(p)!] : [])));
}

/**
 * An ignore file git reads for these paths that is not a regular file: git
 * opens them blocking, so a FIFO named .gitignore hangs `git status`.
 */
function blockingIgnoreFile(root: string, files: string[]): string | null {
  const candidates = new Set<string>([path.join(root, '.git', 'info', 'exclude'), globalExcludes(root)]);
  for (const f of files) {
    for (let d = path.dirname(f); d.startsWith(root); d = path.dirname(d)) {
      candidates.add(path.join(d, '.gitignore'));
      if (d === root) break;
    }
  }
  for (const c of candidates) {
    try {
      if (!fs.statSync(c).isFile()) return c;
    } catch {
      // absent: nothing for git to read
    }
  }
  return null;
}

function globalExcludes(root: string): string {
  try {
    const configured = git(root, ['config', '--path', 'core.excludesFile']).trim();
    if (configured) return configured;
  } catch {
    // not set
  }
  const xdg = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(xdg, 'git', 'ignore');
}

function gitRoot(dir: string): string | null {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim() || null;
  } catch (e) {
    if (e instanceof GitStatusUnknown) throw e;
    return null; // not a git work tree, or git is missing: nothing to protect
  }
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: GIT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new GitStatusUnknown(`\`git ${args[0]}\` did not answer in ${GIT_TIMEOUT_MS / 1000} s`);
    throw e;
  }
}
