import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from './package-version.js';

/**
 * Where the per-file phases keep their outputs between runs: a few JSON
 * slots per package (its files' summaries, its files' outcomes per set of
 * options), named by a hash of what they are for. A slot's entries each
 * name the inputs they were computed from, so a slot may be stale or from
 * a concurrent run without harm: an entry whose inputs differ is a miss.
 * One slot per package, not one file per entry: thousands of tiny files
 * cost more to write than the work they save.
 *
 * A slot is written to a temp name and renamed into place, so a reader
 * sees a whole slot or none, and of two runs writing the same slot the
 * last wins. A slot that does not parse or names another slot (corrupt or
 * foreign) reads as empty and is rewritten; a cache directory that cannot
 * be read or written reads as empty, never an error.
 */
export class ContentCache {
  private readonly dir: string;
  private writable = true;
  private readonly made = new Set<string>();

  /** `tool`: the build's digest, part of every slot's name (buildDigest, or a test's own). */
  constructor(root: string, readonly tool: string = buildDigest()) {
    this.dir = path.join(root, FORMAT);
  }

  read<T>(kind: string, id: string): T | null {
    try {
      const slot = JSON.parse(fs.readFileSync(this.slotPath(kind, id), 'utf8')) as { key?: unknown; value?: T };
      if (slot && slot.key === `${kind}:${id}` && slot.value && typeof slot.value === 'object') return slot.value;
    } catch {
      // missing, unreadable or corrupt: empty
    }
    return null;
  }

  write(kind: string, id: string, value: unknown): void {
    if (!this.writable) return;
    const file = this.slotPath(kind, id);
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      const dir = path.dirname(file);
      if (!this.made.has(dir)) fs.mkdirSync(dir, { recursive: true });
      this.made.add(dir);
      fs.writeFileSync(temp, JSON.stringify({ key: `${kind}:${id}`, value }));
      fs.renameSync(temp, file);
    } catch {
      // A read-only or full cache dir: the run goes on without storing, and stops trying.
      this.writable = false;
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // its directory is not there either
      }
    }
  }

  /** `id` is a hash: the slot's name, hashed with the build so builds never share one. */
  private slotPath(kind: string, id: string): string {
    const name = hashOf(this.tool, kind, id);
    return path.join(this.dir, kind, name.slice(0, 2), `${name.slice(2)}.json`);
  }
}

/** Bumped when a slot's shape changes; old slots then sit unused in their own directory. */
const FORMAT = 'v1';

/** The hex SHA-256 of the parts, each length-prefixed so `("ab","c")` and `("a","bc")` differ. */
export function hashOf(...parts: string[]): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(`${p.length}:`).update(p);
  return h.digest('hex');
}

/**
 * Where the cache lives by default: `$ASYNC_FIX_CACHE_DIR`, else the user's
 * cache directory (`$XDG_CACHE_HOME`, `~/Library/Caches`, `%LOCALAPPDATA%`)
 * under `async-fix/`. Never inside the project, whose tree a fix run must
 * leave with only the files it fixed changed.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ASYNC_FIX_CACHE_DIR) return path.resolve(env.ASYNC_FIX_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'async-fix');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'async-fix');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'async-fix', 'cache');
  return path.join(os.homedir(), '.cache', 'async-fix');
}

let toolDigest: string | undefined;

/**
 * A digest of the running build: its code (the `.js` files of `src/` and
 * `transforms/` under dist, or the `.ts` sources when run from them) and
 * the grammar's version. The package version alone would serve stale
 * entries to a build whose rules changed without a version bump.
 */
export function buildDigest(): string {
  if (toolDigest !== undefined) return toolDigest;
  const self = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(self), '..', '..');
  const code = self.endsWith('.ts') ? /(?<!\.d)\.ts$/ : /\.js$/;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (code.test(e.name)) files.push(p);
    }
  };
  for (const top of ['src', 'transforms']) if (fs.existsSync(path.join(root, top))) walk(path.join(root, top));
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  for (const pkg of ['tree-sitter-rust', 'web-tree-sitter']) h.update(`${pkg}@${packageVersion(pkg)}\0`);
  return (toolDigest = h.digest('hex'));
}
