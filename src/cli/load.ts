import path from 'node:path';
import { CrateFactsCache, type CrateFacts } from '../analysis/crate.js';
import { collectFiles, readSource, type FoundFile } from '../engine/files.js';

export interface LoadedFile extends FoundFile {
  display: string;
  text: string;
  crate: CrateFacts;
}

/**
 * Finds and reads every file under the PATH arguments. Anything that cannot
 * be read (or whose Cargo.toml cannot be parsed) is skipped with its reason;
 * the rest of the run goes on.
 */
export function loadFiles(args: string[], cwd: string, exclude?: Parameters<typeof collectFiles>[2]) {
  const { files, problems, missing, empty } = collectFiles(args, cwd, exclude);
  const crates = new CrateFactsCache();
  const loaded: LoadedFile[] = [];
  const skipped = problems.map((p) => ({ path: p.path, reason: p.reason }));
  for (const f of files) {
    const display = path.relative(cwd, f.absolute) || f.relative;
    const read = readSource(f.absolute);
    if (!read.ok) {
      skipped.push({ path: display, reason: read.reason });
      continue;
    }
    let crate: CrateFacts;
    try {
      crate = crates.forFile(f.absolute);
    } catch (e) {
      skipped.push({ path: display, reason: (e as Error).message });
      continue;
    }
    loaded.push({ ...f, display, text: read.text, crate });
  }
  return { files: loaded, skipped, missing, empty };
}
