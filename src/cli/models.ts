import fs from 'node:fs';
import path from 'node:path';
import { CrateFactsCache, type CrateFacts } from '../analysis/crate.js';
import { collectFiles, readSource } from '../engine/files.js';
import { collectGarbage } from '../engine/memory.js';
import { WORKER_PARSE_CHARS } from '../engine/parse.js';
import { CrateGraph } from '../model/crate-graph.js';
import { summarizeSource } from '../model/crate-model.js';
import type { PackageSummaries } from '../model/module-tree.js';
import type { FileSummary } from '../model/summary-types.js';
import type { LoadedFile } from './load.js';

/**
 * Phase 1 for every package the loaded files belong to, and for the
 * workspace crates they depend on by path: each `.rs` file of the package
 * (not only the ones being checked: a helper in `util/fs.rs` matters to a
 * handler in `api.rs`, and one in a member library to its users) is
 * summarized once, however many packages depend on it, and the summaries
 * merge into one crate model per package. A file outside any package is a
 * crate of its own. `checked`: whether phase 2 will run the rules on a
 * loaded file (the prefilter); a package none of whose loaded files is
 * checked needs no model, and only checked files' trees are kept for phase 2.
 */
export function attachModels(files: readonly LoadedFile[], cwd: string, checked: (f: LoadedFile) => boolean = () => true): void {
  const byRoot = new Map<string, LoadedFile[]>();
  for (const f of files) {
    if (!checked(f)) continue;
    const root = f.crate.packageRoot ?? path.dirname(f.absolute);
    byRoot.set(root, [...(byRoot.get(root) ?? []), f]);
  }
  const texts = new Map(files.map((f) => [f.absolute, f.text]));
  const keep = new Set([...byRoot.values()].flat().map((f) => f.absolute));
  const deps = pathDependencies(byRoot);
  const packages = new Map<string, PackageSummaries>();
  const add = (root: string, crate: CrateFacts, loaded: readonly LoadedFile[]) => {
    // A package of one file that nothing else needs gets no phase 1 here: phase 2 summarizes it from the tree it parses anyway.
    const pkg = packages.has(root) ? null : summarizePackage(root, crate, loaded, texts, keep, cwd, deps.has(root) || !!crate.pathDeps?.length);
    if (pkg) packages.set(root, pkg);
  };
  for (const [root, members] of byRoot) add(root, members[0].crate, members);
  for (const [root, crate] of deps) add(root, crate, []);
  const graph = new CrateGraph(packages);
  for (const [root, members] of byRoot) {
    const model = graph.model(root);
    if (model) for (const f of members) f.model = model;
  }
}

/** The workspace crates the checked packages depend on by path, transitively, with their Cargo facts. */
function pathDependencies(byRoot: ReadonlyMap<string, LoadedFile[]>): Map<string, CrateFacts> {
  const out = new Map<string, CrateFacts>();
  const cache = new CrateFactsCache();
  const pending = [...byRoot.values()].flatMap((m) => m[0].crate.pathDeps ?? []);
  for (let dep = pending.pop(); dep; dep = pending.pop()) {
    if (out.has(dep.root)) continue;
    let facts: CrateFacts;
    try {
      facts = cache.forFile(path.join(dep.root, 'Cargo.toml'));
    } catch {
      continue; // its manifest no longer parses: its names stay external
    }
    out.set(dep.root, facts);
    pending.push(...(facts.pathDeps ?? []));
  }
  return out;
}

function summarizePackage(root: string, crate: CrateFacts, loaded: readonly LoadedFile[], texts: ReadonlyMap<string, string>, keep: ReadonlySet<string>, cwd: string, needed: boolean): PackageSummaries | null {
  const others = crate.packageRoot ? collectFiles([root], cwd).files.map((f) => f.absolute).filter((f) => ownPackage(f, root)) : [];
  const files = new Set([...loaded.map((f) => f.absolute), ...others]);
  if (files.size === 1 && !needed) return null;
  const summaries = new Map<string, FileSummary>();
  for (const file of files) {
    const text = texts.get(file) ?? readable(file);
    if (text === null) continue;
    summaries.set(file, summarizeSource(text, keep.has(file)));
    // A large file's tree is hundreds of MB of garbage now: free it before the next one is built.
    if (text.length >= WORKER_PARSE_CHARS) collectGarbage();
  }
  const libName = crate.packageName?.replace(/-/g, '_') ?? null;
  return { root, libName, files: summaries, deps: crate.pathDeps, testFeatures: crate.testFeatures };
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
