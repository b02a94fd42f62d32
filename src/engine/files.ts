import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { gitIgnored } from './git.js';
import { NotReadable, decodeUtf8, describeError, digest, readRegular } from './regular-file.js';
import { isStaleTempFile } from './temp-files.js';


/** A Rust file found under a PATH argument. */
export interface FoundFile {
  /** Where the file really is, under the PATH it was found through (never a symbolic link's own name). */
  absolute: string;
  /** Relative to the PATH argument's directory (the file's own directory when PATH is a file); used in JSON. */
  relative: string;
}

export interface Problem {
  path: string;
  reason: string;
  /** A file that should have been checked and could not be (unreadable, not UTF-8): an error for --check. */
  unchecked: boolean;
}

const IGNORE_FILES = ['.gitignore', '.ignore'];

/** A directory named as a PATH: a tree a file reached through a symbolic link must be in to be fixed. */
interface Root {
  /** As the user named it (absolute), so paths shown keep the user's spelling. */
  given: string;
  real: string;
}

export interface Collected {
  files: FoundFile[];
  problems: Problem[];
  missing: string[];
  empty: string[];
  /** Temp files an interrupted earlier run left behind (absolute paths). */
  staleTemps: string[];
}

/**
 * Walks the PATH arguments for `.rs` files the way cargo-minded tools do:
 * honoring .gitignore/.ignore, skipping `target/` and hidden directories.
 * A file is identified by its real path, so one reached by several names is
 * found once, and a symbolic link is never what gets written: a link to a
 * file inside the trees being fixed stands for its target; a link leading
 * out of them is skipped with a warning.
 */
export function collectFiles(
  args: string[],
  cwd: string,
  /** The config's `exclude`: matching files and directories are not scanned, even when named as a PATH. */
  exclude?: ((absolute: string, isDir: boolean) => boolean) | null,
  /**
   * `ignoreFiles: false` (`--no-ignore`): no .gitignore or .ignore file is
   * read. `git`: also leave out what git itself ignores in a directory
   * walked (the .gitignore files above the PATH, `.git/info/exclude`, the
   * global excludes file; a tracked file is never ignored), as `git status` sees it.
   */
  { ignoreFiles = true, git = false }: { ignoreFiles?: boolean; git?: boolean } = {},
): Collected {
  const out: Collected = { files: [], problems: [], missing: [], empty: [], staleTemps: [] };
  const seen = new Set<string>();
  const roots = rootsOf(args, cwd);
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && isBrokenLink(abs)) out.problems.push({ path: arg, reason: 'broken symbolic link; skipped', unchecked: true });
      else if (code === 'ENOENT') out.missing.push(arg);
      else out.problems.push({ path: arg, reason: describeError(e), unchecked: true });
      continue;
    }
    if (stat.isFile()) {
      if (!abs.endsWith('.rs')) {
        out.problems.push({ path: arg, reason: 'not a Rust source file (only `.rs` files are checked); skipped', unchecked: true });
        continue;
      }
      if (exclude?.(abs, false)) {
        out.problems.push({ path: arg, reason: "excluded by the config's `exclude`; not checked", unchecked: false });
        continue;
      }
      const real = fs.realpathSync(abs);
      // A file named as a PATH may be a link: its target must be beside it (or in a directory being fixed).
      const own = path.dirname(abs);
      const at = placeIn([{ given: own, real: fs.realpathSync(own) }, ...roots], real);
      if (!at) {
        out.problems.push({ path: arg, reason: `symbolic link to ${real}, outside the directories being fixed; skipped`, unchecked: false });
        continue;
      }
      if (!seen.has(real)) out.files.push({ absolute: at.absolute, relative: path.basename(at.absolute) });
      seen.add(real);
      out.staleTemps.push(...staleTempsIn(path.dirname(real), path.basename(real)));
      continue;
    }
    if (!stat.isDirectory()) {
      out.problems.push({ path: arg, reason: 'not a regular file or directory', unchecked: true });
      continue;
    }
    const root = fs.realpathSync(abs);
    const before = out.files.length;
    new Walk(abs, root, roots, out, seen, cwd, exclude, ignoreFiles).dir(abs, [], new Set([root]), root);
    if (git && ignoreFiles && out.files.length > before) {
      const ignored = gitIgnored(abs, out.files.slice(before).map((f) => f.absolute));
      if (ignored.size) out.files.splice(before, out.files.length - before, ...out.files.slice(before).filter((f) => !ignored.has(f.absolute)));
    }
    if (out.files.length === before) out.empty.push(arg);
  }
  return out;
}

function rootsOf(args: string[], cwd: string): Root[] {
  const roots: Root[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    try {
      if (fs.statSync(abs).isDirectory()) roots.push({ given: abs, real: fs.realpathSync(abs) });
    } catch {
      // a missing PATH is reported by the walk
    }
  }
  // The deepest root first, so a file is named under the most specific PATH.
  return roots.sort((a, b) => b.real.length - a.real.length);
}

const within = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** Where a real path is under the PATH arguments, spelled the way the user named that PATH; null when outside all. */
function placeIn(roots: Root[], real: string): { absolute: string; root: Root } | null {
  const root = roots.find((r) => within(r.real, real));
  return root ? { absolute: path.join(root.given, path.relative(root.real, real)), root } : null;
}

function isBrokenLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

interface Matcher {
  dir: string;
  ig: Ignore;
}

class Walk {
  constructor(
    private readonly base: string,
    private readonly realRoot: string,
    private readonly roots: Root[],
    private readonly out: Collected,
    private readonly seen: Set<string>,
    private readonly cwd: string,
    private readonly exclude?: ((absolute: string, isDir: boolean) => boolean) | null,
    private readonly ignoreFiles = true,
  ) {}

  /** How a warning names a path: from the working directory, like the rest of the messages. */
  private rel(full: string): string {
    return (path.relative(this.cwd, full) || full).split(path.sep).join('/');
  }

  /** `realDir`: `dir`'s real path; an entry that is no link is at its name under it (no realpath call per entry). */
  dir(dir: string, matchers: Matcher[], visited: Set<string>, realDir: string): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.out.problems.push({ path: this.rel(dir), reason: describeError(e), unchecked: true });
      return;
    }
    const own = this.ownMatcher(dir);
    const active = own ? [...matchers, own] : matchers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real: string | null = null;
      if (isFile && isStaleTempFile(entry.name)) {
        this.out.staleTemps.push(full);
        continue;
      }
      if (entry.isSymbolicLink()) {
        try {
          real = fs.realpathSync(full);
        } catch {
          if (entry.name.endsWith('.rs')) this.out.problems.push({ path: this.rel(full), reason: 'broken symbolic link or link loop; skipped', unchecked: true });
          continue;
        }
        const st = fs.statSync(real);
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (isDir && !within(this.realRoot, real)) continue; // never leave the root
      }
      if (isDir) {
        if (entry.name.startsWith('.') || entry.name === 'target' || isIgnored(active, full, true) || this.exclude?.(full, true)) continue;
        const realSub = real ?? path.join(realDir, entry.name);
        if (visited.has(realSub)) continue; // a link back into a directory already walked
        visited.add(realSub);
        this.dir(full, active, visited, realSub);
      } else if (isFile && entry.name.endsWith('.rs') && !isIgnored(active, full, false) && !this.exclude?.(full, false)) {
        const realFile = real ?? path.join(realDir, entry.name);
        if (this.seen.has(realFile)) continue;
        // Named under this walk's PATH when it is in its tree, else under the PATH whose tree holds it.
        const at = within(this.realRoot, realFile)
          ? { absolute: path.join(this.base, path.relative(this.realRoot, realFile)), root: { given: this.base, real: this.realRoot } }
          : placeIn(this.roots, realFile);
        if (!at) {
          this.out.problems.push({ path: this.rel(full), reason: `symbolic link to ${realFile}, outside the directories being fixed; skipped`, unchecked: false });
          continue;
        }
        this.seen.add(realFile);
        this.out.files.push({ absolute: at.absolute, relative: path.relative(at.root.given, at.absolute).split(path.sep).join('/') });
      }
    }
  }

  private ownMatcher(dir: string): Matcher | null {
    if (!this.ignoreFiles) return null;
    let ig: Ignore | null = null;
    for (const name of IGNORE_FILES) {
      try {
        const text = readRegular(path.join(dir, name)).bytes.toString('utf8');
        ig = (ig ?? ignore()).add(text);
      } catch (e) {
        // No such ignore file here is the usual case; anything else is worth a word.
        if (e instanceof NotReadable && e.code !== 'ENOENT') {
          this.out.problems.push({ path: this.rel(path.join(dir, name)), reason: `${e.message.replace(/; skipped$/, '')}; its patterns were not applied`, unchecked: false });
        }
      }
    }
    return ig ? { dir, ig } : null;
  }
}

/** Temp files of `name` an interrupted earlier run left in `dir`. */
function staleTempsIn(dir: string, name: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.startsWith(`.${name}.`) && isStaleTempFile(n)).map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function isIgnored(matchers: Matcher[], full: string, isDir: boolean): boolean {
  for (const m of matchers) {
    const rel = path.relative(m.dir, full).split(path.sep).join('/');
    if (rel && m.ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

export type ReadResult = { ok: true; text: string; digest: string } | { ok: false; reason: string };

/** Reads a source file as text; a BOM is kept as U+FEFF so it is written back unchanged. */
export function readSource(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readRegular(file).bytes;
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  return sourceFromBytes(bytes);
}

/** Source text from bytes read anywhere (a file, stdin): UTF-8 without NULs, as rustc requires. */
export function sourceFromBytes(bytes: Buffer): ReadResult {
  if (looksLikeUtf16(bytes)) return { ok: false, reason: 'UTF-16, not UTF-8; skipped (rustc requires UTF-8 source)' };
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes); skipped' };
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, reason: 'not valid UTF-8; skipped (rustc requires UTF-8 source)' };
  return { ok: true, text, digest: digest(bytes) };
}

/** A UTF-16 byte-order mark, or text whose every other byte is NUL (ASCII in UTF-16 without a BOM). */
function looksLikeUtf16(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (evenNul > pairs * 0.6 && oddNul === 0) || (oddNul > pairs * 0.6 && evenNul === 0);
}
