import fs from 'node:fs';
import path from 'node:path';
import { CrateFactsCache } from '../analysis/crate.js';
import { sourceFromBytes } from '../engine/files.js';
import type { LoadedFile, Skipped } from './load.js';

/**
 * `--stdin-filename PATH`: the source comes from stdin (an editor's
 * unsaved buffer); PATH says where it lives, for the crate it belongs to
 * (its Cargo.toml, the package's other files, read from disk) and for
 * messages. The file on disk, if any, is neither read for this text nor
 * written.
 */
export function loadStdin(name: string, cwd: string): { files: LoadedFile[]; skipped: Skipped[]; crates: CrateFactsCache } {
  const crates = new CrateFactsCache();
  const absolute = path.resolve(cwd, name);
  const display = path.relative(cwd, absolute) || name;
  const read = sourceFromBytes(fs.readFileSync(0));
  if (!read.ok) return { files: [], skipped: [{ path: display, reason: `stdin: ${read.reason}`, unchecked: true }], crates };
  try {
    const crate = crates.forFile(absolute);
    return { files: [{ absolute, relative: path.basename(absolute), display, text: read.text, digest: read.digest, crate }], skipped: [], crates };
  } catch (e) {
    return { files: [], skipped: [{ path: display, reason: (e as Error).message, unchecked: true }], crates };
  }
}
