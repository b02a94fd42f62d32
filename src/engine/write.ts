import fs from 'node:fs';
import path from 'node:path';
import { digest, readRegular } from './regular-file.js';
import { tempPathFor } from './temp-files.js';

/** One file of a group to replace: what it held when read, and what it gets. */
export interface PlannedWrite {
  /** The real file (never a symbolic link's own name). */
  file: string;
  /** Digest of the bytes async-fix read; the file is written only if it still holds them. */
  expected: string;
  text: string;
}

export interface WriteOptions {
  /** Write files that have no write permission for their owner (as `:w!` does in vi). */
  allowReadOnly?: boolean;
}

export type GroupOutcome =
  | { ok: true }
  /**
   * `culprit` (one of the group's files) could not be written, for `reason`.
   * Nothing of the group is on disk in its new form, except files listed in
   * `notRestored`: replaced before the failure, and putting them back failed too.
   */
  | { ok: false; culprit: string; reason: string; notRestored: string[] };

/** Why a file of a group is not written; thrown before anything is replaced. */
class Refusal extends Error {}

interface Staged {
  plan: PlannedWrite;
  bytes: Buffer;
  original: Buffer;
  stat: fs.Stats;
  /** The new content, fsynced, waiting to be renamed over the file. */
  temp?: string;
  /** A copy of the original, to rename back if a later file of the group fails. */
  backup?: string;
  /** Rewrite the file itself: renaming would break its other hard links or lose its owner. */
  inPlace: boolean;
  committed: boolean;
}

/**
 * Writes a group of files all or nothing: the files one fix touches (a
 * source file and the Cargo.toml it needs) must not end up half applied.
 * Every new content is staged next to its file first (a full disk or a
 * read-only directory fails here, before anything is replaced); then each
 * file is checked to still hold exactly what was read; only then are the
 * temps renamed over, and if one rename fails the files already replaced are
 * put back. A file with other hard links, or whose owner a new file could not
 * keep, is rewritten in place instead (its new bytes over the old, then
 * truncated, so putting the old ones back never needs more space).
 */
export function writeGroup(plans: PlannedWrite[], options: WriteOptions = {}): GroupOutcome {
  const staged: Staged[] = [];
  let current = plans[0];
  try {
    for (const plan of plans) {
      current = plan;
      staged.push(stage(plan, options, plans.length > 1));
    }
    for (const s of staged) {
      current = s.plan;
      const now = readRegular(s.plan.file).bytes;
      if (digest(now) !== s.plan.expected) throw new Refusal('changed while async-fix ran');
      s.original = now;
    }
  } catch (e) {
    for (const s of staged) removeTemps(s);
    return { ok: false, culprit: current.file, reason: e instanceof Refusal ? e.message : describe(e), notRestored: [] };
  }
  for (const s of staged) {
    try {
      commit(s);
    } catch (e) {
      const notRestored = staged.filter((x) => x.committed && !restore(x)).map((x) => x.plan.file);
      for (const x of staged) removeTemps(x);
      return { ok: false, culprit: s.plan.file, reason: describe(e), notRestored };
    }
  }
  for (const s of staged) removeTemps(s);
  syncDirectories(staged.map((s) => path.dirname(s.plan.file)));
  return { ok: true };
}

function stage(plan: PlannedWrite, options: WriteOptions, needBackup: boolean): Staged {
  const stat = fs.lstatSync(plan.file);
  if (stat.isSymbolicLink() || !stat.isFile()) throw new Refusal('changed while async-fix ran (it is no longer a regular file)');
  if ((stat.mode & 0o200) === 0 && !options.allowReadOnly) {
    throw new Refusal('read-only (its owner has no write permission; pass --allow-read-only to write it anyway)');
  }
  const s: Staged = { plan, bytes: Buffer.from(plan.text, 'utf8'), original: Buffer.alloc(0), stat, inPlace: stat.nlink > 1, committed: false };
  if (s.inPlace) return s;
  const temp = writeTemp(plan.file, s.bytes, stat);
  if (!temp) {
    s.inPlace = true; // the owner could not be kept on a new file
    return s;
  }
  s.temp = temp;
  try {
    if (needBackup) s.backup = writeTemp(plan.file, fs.readFileSync(plan.file), stat) ?? undefined;
  } catch (e) {
    removeTemps(s); // not yet in the caller's list of what to clean up
    throw e;
  }
  return s;
}

/** A fsynced temp file beside `file` with `bytes`, its mode and owner; null when the owner cannot be given to it. */
function writeTemp(file: string, bytes: Buffer, stat: fs.Stats): string | null {
  const temp = tempPathFor(file);
  const mode = stat.mode & 0o7777;
  let fd: number;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new Refusal('its directory is not writable (permission denied)');
    throw e;
  }
  try {
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.fchmodSync(fd, mode); // set after open: the umask may have narrowed it
    if (stat.uid !== process.geteuid?.() || stat.gid !== process.getegid?.()) {
      try {
        fs.fchownSync(fd, stat.uid, stat.gid);
      } catch {
        fs.closeSync(fd);
        fs.rmSync(temp, { force: true });
        return null;
      }
    }
    fs.closeSync(fd);
    return temp;
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

function commit(s: Staged): void {
  if (s.inPlace) rewriteInPlace(s.plan.file, s.bytes, s.original);
  else fs.renameSync(s.temp!, s.plan.file);
  s.temp = undefined;
  s.committed = true;
}

/** Puts back the original of a committed file; false when that failed too. */
function restore(s: Staged): boolean {
  try {
    if (s.inPlace) rewriteInPlace(s.plan.file, s.original, s.bytes);
    else if (s.backup) {
      fs.renameSync(s.backup, s.plan.file);
      s.backup = undefined;
    } else return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * New bytes over the old ones, then truncated to their length. If the write
 * fails part way (a full disk when the file grows), the old bytes go back
 * over the same blocks, which were never freed, and the file is cut to its
 * old length.
 */
function rewriteInPlace(file: string, bytes: Buffer, previous: Buffer): void {
  const fd = fs.openSync(file, 'r+');
  try {
    try {
      writeAll(fd, bytes);
      fs.ftruncateSync(fd, bytes.length);
      fs.fsyncSync(fd);
    } catch (e) {
      writeAll(fd, previous);
      fs.ftruncateSync(fd, previous.length);
      fs.fsyncSync(fd);
      throw e;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, done);
}

function removeTemps(s: Staged): void {
  for (const t of [s.temp, s.backup]) if (t) fs.rmSync(t, { force: true });
  s.temp = s.backup = undefined;
}

/** So the renames survive a power loss, not only a crash of this process. */
function syncDirectories(dirs: string[]): void {
  for (const dir of new Set(dirs)) {
    try {
      const fd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // some filesystems do not sync directories; the rename itself is still atomic
    }
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOSPC') return 'no space left on the device';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EROFS') return 'read-only file system';
  return err.message ?? String(e);
}
