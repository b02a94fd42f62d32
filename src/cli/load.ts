import path from 'node:path';
import { CrateFactsCache, type CrateFacts } from '../analysis/crate.js';
import type { CrateModel } from '../model/crate-model.js';
import { collectFiles, readSource, type FoundFile } from '../engine/files.js';

export interface LoadedFile extends FoundFile {
  display: string;
  text: string;
  /** Digest of the bytes read: the file is written only if it still holds them. */
  digest: string;
  crate: CrateFacts;
  /** The package's crate model (set by attachModels once every file is read). */
  model?: CrateModel;
  /** With a cache: a digest of every summary `model` is built from (attachModels). */
  modelKey?: string;
}

export interface Skipped {
  path: string;
  reason: string;
  /** It should have been checked and could not be: an error for --check. */
  unchecked: boolean;
}

/**
 * Finds and reads every file under the PATH arguments. Anything that cannot
 * be read (or whose Cargo.toml cannot be parsed) is skipped with its reason;
 * the rest of the run goes on.
 */
export function loadFiles(args: string[], cwd: string, exclude?: Parameters<typeof collectFiles>[2], { ignoreFiles = true }: { ignoreFiles?: boolean } = {}) {
  const { files, problems, missing, empty, staleTemps } = collectFiles(args, cwd, exclude, { ignoreFiles, git: true });
  const crates = new CrateFactsCache();
  const loaded: LoadedFile[] = [];
  const skipped: Skipped[] = problems.map((p) => ({ ...p }));
  for (const f of files) {
    const display = path.relative(cwd, f.absolute) || f.relative;
    const read = readSource(f.absolute);
    if (!read.ok) {
      skipped.push({ path: display, reason: read.reason, unchecked: true });
      continue;
    }
    let crate: CrateFacts;
    try {
      crate = crates.forFile(f.absolute);
    } catch (e) {
      skipped.push({ path: display, reason: (e as Error).message, unchecked: true });
      continue;
    }
    loaded.push({ ...f, display, text: read.text, digest: read.digest, crate });
  }
  return { files: loaded, skipped, missing, empty, staleTemps, crates };
}
