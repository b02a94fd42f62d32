import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** A Rust file found under a PATH argument. */
export interface FoundFile {
  absolute: string;
  /** Relative to the PATH argument's directory (the file's own directory when PATH is a file); used in JSON. */
  relative: string;
}

export interface Problem {
  path: string;
  reason: string;
}

const IGNORE_FILES = ['.gitignore', '.ignore'];

/**
 * Walks the PATH arguments for `.rs` files the way cargo-minded tools do:
 * honoring .gitignore/.ignore, skipping `target/` and hidden directories,
 * and following a symlink only when it stays inside the root it was found under.
 */
export function collectFiles(
  args: string[],
  cwd: string,
  /** The config's `exclude`: matching files and directories are not scanned, even when named as a PATH. */
  exclude?: ((absolute: string, isDir: boolean) => boolean) | null,
): { files: FoundFile[]; problems: Problem[]; missing: string[]; empty: string[] } {
  const files: FoundFile[] = [];
  const problems: Problem[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') missing.push(arg);
      else problems.push({ path: arg, reason: describeError(e) });
      continue;
    }
    if (stat.isFile()) {
      if (exclude?.(abs, false)) {
        problems.push({ path: arg, reason: "excluded by the config's `exclude`; not checked" });
        continue;
      }
      const real = fs.realpathSync(abs);
      if (!seen.has(real)) files.push({ absolute: abs, relative: path.basename(abs) });
      seen.add(real);
      continue;
    }
    if (!stat.isDirectory()) {
      problems.push({ path: arg, reason: 'not a regular file or directory' });
      continue;
    }
    const root = fs.realpathSync(abs);
    const before = files.length;
    walk(abs, abs, root, [], new Set([root]), files, problems, seen, exclude);
    if (files.length === before) empty.push(arg);
  }
  return { files, problems, missing, empty };
}

interface Matcher {
  dir: string;
  ig: Ignore;
}

function walk(
  dir: string,
  base: string,
  realRoot: string,
  matchers: Matcher[],
  visited: Set<string>,
  files: FoundFile[],
  problems: Problem[],
  seen: Set<string>,
  exclude?: ((absolute: string, isDir: boolean) => boolean) | null,
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: path.relative(base, dir) || dir, reason: describeError(e) });
    return;
  }
  const own = ownMatcher(dir);
  const active = own ? [...matchers, own] : matchers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(full);
      } catch {
        problems.push({ path: path.relative(base, full), reason: 'broken symbolic link or link loop; skipped' });
        continue;
      }
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) continue; // never leave the root
      const st = fs.statSync(real);
      isDir = st.isDirectory();
      isFile = st.isFile();
    }
    if (isDir) {
      if (entry.name.startsWith('.') || entry.name === 'target' || isIgnored(active, full, true) || exclude?.(full, true)) continue;
      const real = fs.realpathSync(full);
      if (visited.has(real)) continue; // a link back into a directory already walked
      visited.add(real);
      walk(full, base, realRoot, active, visited, files, problems, seen, exclude);
    } else if (isFile && entry.name.endsWith('.rs') && !isIgnored(active, full, false) && !exclude?.(full, false)) {
      const abs = path.resolve(full);
      const real = fs.realpathSync(full);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push({ absolute: abs, relative: path.relative(base, full).split(path.sep).join('/') });
    }
  }
}

function ownMatcher(dir: string): Matcher | null {
  let ig: Ignore | null = null;
  for (const name of IGNORE_FILES) {
    try {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      ig = (ig ?? ignore()).add(text);
    } catch {
      // no such ignore file here
    }
  }
  return ig ? { dir, ig } : null;
}

function isIgnored(matchers: Matcher[], full: string, isDir: boolean): boolean {
  for (const m of matchers) {
    const rel = path.relative(m.dir, full).split(path.sep).join('/');
    if (rel && m.ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a source file as text; a BOM is kept as U+FEFF so it is written back unchanged. */
export function readSource(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, reason: describeError(e) };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes); skipped' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8; skipped (rustc requires UTF-8 source)' };
  }
}

export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; skipped';
    case 'ELOOP':
      return 'symbolic link loop; skipped';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.message ?? String(e);
  }
}
