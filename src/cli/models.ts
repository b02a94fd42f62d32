import fs from 'node:fs';
import path from 'node:path';
import { collectFiles, readSource } from '../engine/files.js';
import { collectGarbage } from '../engine/memory.js';
import { WORKER_PARSE_CHARS } from '../engine/parse.js';
import { CrateModel, summarizeSource } from '../model/crate-model.js';
import type { FileSummary } from '../model/summary-types.js';
import type { LoadedFile } from './load.js';

/**
 * Phase 1 for every package the loaded files belong to: each `.rs` file of
 * the package (not only the ones being checked: a helper in `util/fs.rs`
 * matters to a handler in `api.rs`) is summarized, and the summaries merge
 * into the package's crate model. A file outside any package is a crate of
 * its own.
 */
export function attachModels(files: readonly LoadedFile[], cwd: string): void {
  const byRoot = new Map<string, LoadedFile[]>();
  for (const f of files) {
    const root = f.crate.packageRoot ?? path.dirname(f.absolute);
    byRoot.set(root, [...(byRoot.get(root) ?? []), f]);
  }
  for (const [root, members] of byRoot) {
    const summaries = new Map<string, FileSummary>();
    const texts = new Map(members.map((f) => [f.absolute, f.text]));
    const others = members[0].crate.packageRoot ? collectFiles([root], cwd).files.map((f) => f.absolute).filter((f) => ownPackage(f, root)) : [];
    const files = new Set([...texts.keys(), ...others]);
    // A package of one file needs no phase 1 here: phase 2 summarizes it from the tree it parses anyway.
    if (files.size === 1) continue;
    for (const file of files) {
      const text = texts.get(file) ?? readable(file);
      if (text === null) continue;
      summaries.set(file, summarizeSource(text));
      // A large file's tree is hundreds of MB of garbage now: free it before the next one is built.
      if (text.length >= WORKER_PARSE_CHARS) collectGarbage();
    }
    const libName = members[0].crate.packageName?.replace(/-/g, '_') ?? null;
    const model = new CrateModel({ root, libName, files: summaries });
    for (const f of members) f.model = model;
  }
}

/** A file under `root` that no nested package (a directory with its own Cargo.toml) claims. */
function ownPackage(file: string, root: string): boolean {
  for (let dir = path.dirname(file); dir !== root && dir.startsWith(root); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'Cargo.toml'))) return false;
  }
  return true;
}

function readable(file: string): string | null {
  const read = readSource(file);
  return read.ok ? read.text : null;
}
