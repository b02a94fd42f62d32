import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

function gitRoot(dir: string): string | null {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim() || null;
  } catch {
    return null; // not a git work tree, or git is missing: nothing to protect
  }
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
