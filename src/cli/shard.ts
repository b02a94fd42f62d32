import path from 'node:path';
import type { LoadedFile } from './load.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `--shard I/N`, 1 <= I <= N. */
export function parseShard(spec: string): Shard | Error {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    return new Error(`--shard takes I/N with 1 <= I <= N (e.g. --shard 2/4), not \`${spec}\``);
  }
  return { index, count };
}

/**
 * The files of the packages in shard `index` of `count`. Whole packages go
 * to one shard, so each package's crate model is the same as in a whole run;
 * the split depends only on the packages' paths (relative to `cwd`) and
 * sizes, so every machine of a CI matrix computes the same one. Largest
 * package first onto the lightest shard (ties: the lower shard), which keeps
 * the shards' sizes close.
 */
export function shardFiles(files: LoadedFile[], { index, count }: Shard, cwd: string): LoadedFile[] {
  const packages = new Map<string, { size: number; files: LoadedFile[] }>();
  for (const f of files) {
    const root = path.relative(cwd, f.crate.packageRoot ?? path.dirname(f.absolute)).split(path.sep).join('/');
    const pkg = packages.get(root) ?? { size: 0, files: [] };
    pkg.size += f.text.length;
    pkg.files.push(f);
    packages.set(root, pkg);
  }
  const order = [...packages].sort(([ra, a], [rb, b]) => b.size - a.size || (ra < rb ? -1 : ra > rb ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const mine = new Set<LoadedFile>();
  for (const [, pkg] of order) {
    const target = load.indexOf(Math.min(...load));
    load[target] += pkg.size;
    if (target === index - 1) for (const f of pkg.files) mine.add(f);
  }
  return files.filter((f) => mine.has(f));
}
