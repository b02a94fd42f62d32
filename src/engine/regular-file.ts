import crypto from 'node:crypto';
import fs from 'node:fs';

/** Why a path could not be read as a regular file; the message is meant for the user. */
export class NotReadable extends Error {
  constructor(
    message: string,
    /** The errno code when the OS refused (ENOENT, EACCES, ...). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Reads a file only if it is a regular file. Opening a FIFO for reading
 * blocks until some writer opens it, so a FIFO named `Cargo.toml` would hang
 * the run forever: the open is non-blocking, and the descriptor's own fstat
 * (not a stat of the name, which can change in between) decides.
 */
export function readRegular(file: string): { bytes: Buffer; stat: fs.Stats } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new NotReadable(describeError(e), (e as NodeJS.ErrnoException).code);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NotReadable(`${kindOf(stat)}, not a regular file; skipped`);
    return { bytes: fs.readFileSync(fd), stat };
  } catch (e) {
    if (e instanceof NotReadable) throw e;
    throw new NotReadable(describeError(e), (e as NodeJS.ErrnoException).code);
  } finally {
    fs.closeSync(fd);
  }
}

/** A regular file's text, or null when there is no such file. Other problems throw NotReadable. */
export function readRegularText(file: string): string | null {
  try {
    return readRegular(file).bytes.toString('utf8');
  } catch (e) {
    if (e instanceof NotReadable && e.code === 'ENOENT') return null;
    throw e;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of UTF-8 bytes, or null when they are not valid UTF-8 (never a lossy U+FFFD replacement). */
export function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A text file exactly as on disk, for files async-fix may edit (Cargo.toml).
 * Invalid UTF-8 (in a comment, say) would come back as U+FFFD and be
 * written so: such a file is refused instead.
 */
export function readTextExact(file: string): { text: string; digest: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readRegular(file).bytes;
  } catch (e) {
    return { error: (e as Error).message.replace(/; skipped$/, '') };
  }
  const text = decodeUtf8(bytes);
  return text === null ? { error: 'not valid UTF-8, so it is not edited' } : { text, digest: digest(bytes) };
}

export function digest(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
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
