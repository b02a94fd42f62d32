import fs from 'node:fs';
import path from 'node:path';
import { CrateFactsCache, type CrateFacts } from '../analysis/crate.js';
import { collectFiles, readSource } from '../engine/files.js';
import { hashOf } from '../engine/cache.js';
import { SummaryStore, type Summarized, type SummaryFile } from '../model/summary-store.js';
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
 *
 * With a `cache`, a file's summary is looked up by its text before it is
 * parsed, and each loaded file gets a `modelKey`: a digest of every summary
 * its model is built from, so a phase-2 result cached under it is reused
 * only while no summary it could depend on has changed. The models
 * themselves are built on first use: a run whose every file is a cache hit
 * builds none.
 */
export function attachModels(files: readonly LoadedFile[], cwd: string, options: ModelOptions = {}): void {
  buildModels(planModels(files, cwd, options), options);
}

/** What phase 1 will summarize: the packages (loaded files' and their path dependencies'), each file with its text. */
export interface ModelPlan {
  /** The loaded files phase 2 checks, by package root. */
  byRoot: Map<string, LoadedFile[]>;
  packages: PlannedPackage[];
}

interface PlannedPackage {
  root: string;
  crate: CrateFacts;
  files: SummaryFile[];
}

export function planModels(files: readonly LoadedFile[], cwd: string, { checked = () => true, crates = new CrateFactsCache() }: ModelOptions = {}): ModelPlan {
  const byRoot = new Map<string, LoadedFile[]>();
  for (const f of files) {
    if (!checked(f)) continue;
    const root = f.crate.packageRoot ?? path.dirname(f.absolute);
    byRoot.set(root, [...(byRoot.get(root) ?? []), f]);
  }
  const texts = new Map(files.map((f) => [f.absolute, f.text]));
  const keep = new Set([...byRoot.values()].flat().map((f) => f.absolute));
  const dependents = loadedDependents(files, byRoot);
  const deps = pathDependencies([...byRoot.values(), ...dependents.values()], crates);
  const packages: PlannedPackage[] = [];
  const seen = new Set<string>();
  const add = (root: string, crate: CrateFacts, loaded: readonly LoadedFile[]) => {
    if (seen.has(root)) return;
    seen.add(root);
    const others = crate.packageRoot ? collectFiles([root], cwd).files.map((f) => f.absolute).filter((f) => ownPackage(f, root)) : [];
    const paths = new Set([...loaded.map((f) => f.absolute), ...others]);
    // A package of one file that nothing else needs gets no phase 1 here: phase 2 summarizes it from the tree it parses anyway.
    if (paths.size === 1 && !deps.has(root) && !crate.pathDeps?.length) return;
    const inputs: SummaryFile[] = [];
    for (const file of paths) {
      const text = texts.get(file) ?? readable(file);
      if (text !== null) inputs.push({ path: file, text, keep: keep.has(file) });
    }
    packages.push({ root, crate, files: inputs });
  };
  for (const [root, members] of byRoot) add(root, members[0].crate, members);
  for (const [root, members] of dependents) add(root, members[0].crate, members);
  for (const [root, crate] of deps) add(root, crate, []);
  return { byRoot, packages };
}

/**
 * The files of the plan that phase 1 must summarize (not found in the
 * cache), for a caller that summarizes them elsewhere first (worker
 * threads) and hands the results to buildModels as `summarized`.
 */
export function toSummarize(plan: ModelPlan, cache?: SummaryStore): SummaryFile[] {
  return plan.packages.flatMap((p) => (cache ? cache.unsummarized(p.root, p.files) : p.files));
}

export function buildModels(plan: ModelPlan, { cache, onSummary, summarized }: ModelOptions & { summarized?: Summarized } = {}): void {
  const summarize = (f: SummaryFile) => summarized?.get(f.text) ?? summarizeSource(f.text, f.keep);
  const after = (f: { text: string }) => {
    onSummary?.();
    // A large file's tree is hundreds of MB of garbage now: free it before the next one is built.
    if (!summarized && f.text.length >= WORKER_PARSE_CHARS) collectGarbage();
  };
  const digests = new Map<string, string>();
  const packages = new Map<string, PackageSummaries>();
  for (const { root, crate, files } of plan.packages) {
    let summaries: ReadonlyMap<string, FileSummary>;
    if (cache) {
      const found = cache.package(root, files, after, summarize);
      for (const [file, digest] of found.digests) digests.set(file, digest);
      summaries = found.files;
    } else {
      const fresh = new Map<string, FileSummary>();
      for (const f of files) {
        fresh.set(f.path, summarize(f));
        after(f);
      }
      summaries = fresh;
    }
    const libName = crate.packageName?.replace(/-/g, '_') ?? null;
    packages.set(root, { root, libName, files: summaries, deps: crate.pathDeps, testFeatures: crate.testFeatures });
  }
  const graph = new CrateGraph(packages);
  for (const [root, members] of plan.byRoot) {
    if (!packages.has(root)) continue;
    const modelKey = cache ? modelDigest(root, packages, digests) : undefined;
    for (const f of members) {
      Object.defineProperty(f, 'model', { get: () => graph.model(root) ?? undefined, enumerable: true, configurable: true });
      if (modelKey) f.modelKey = modelKey;
    }
  }
}

/**
 * A digest of the summaries (and package facts) of `root`, of every package
 * that depends on it (their calls decide where its fns run: run-context.ts),
 * and of every package those reach by path dependencies.
 */
function modelDigest(root: string, packages: ReadonlyMap<string, PackageSummaries>, digests: ReadonlyMap<string, string>): string {
  const dependents = new Set<string>();
  for (const pending = [root]; pending.length; ) {
    const r = pending.pop()!;
    if (dependents.has(r)) continue;
    dependents.add(r);
    for (const [other, pkg] of packages) if ((pkg.deps ?? []).some((d) => d.root === r)) pending.push(other);
  }
  const reached = new Set<string>();
  for (const pending = [...dependents]; pending.length; ) {
    const r = pending.pop()!;
    const pkg = packages.get(r);
    if (reached.has(r) || !pkg) continue;
    reached.add(r);
    pending.push(...(pkg.deps ?? []).map((d) => d.root));
  }
  const parts: string[] = [];
  for (const r of [...reached].sort()) {
    const pkg = packages.get(r)!;
    parts.push(r, pkg.libName ?? '', JSON.stringify(pkg.deps ?? []), JSON.stringify(pkg.testFeatures ?? []));
    for (const file of [...pkg.files.keys()].sort()) parts.push(file, digests.get(file) ?? '');
  }
  return hashOf(...parts);
}

export interface ModelOptions {
  /** Whether phase 2 will check the file (the prefilter); default all. */
  checked?: (f: LoadedFile) => boolean;
  /** Phase 1's cache: summaries are looked up by text, and each checked file gets a `modelKey`. */
  cache?: SummaryStore;
  /** Called after each file is summarized (for a progress line). */
  onSummary?: () => void;
  /** The Cargo facts already read for the loaded files (loadFiles'), reused for their path dependencies. */
  crates?: CrateFactsCache;
}

/**
 * The loaded packages with no checked file (another shard's, or passed over
 * by the prefilter) that depend by path, transitively, on a checked one:
 * their calls say where the checked package's fns run (run-context.ts).
 */
function loadedDependents(files: readonly LoadedFile[], byRoot: ReadonlyMap<string, LoadedFile[]>): Map<string, LoadedFile[]> {
  const others = new Map<string, LoadedFile[]>();
  for (const f of files) {
    const root = f.crate.packageRoot;
    if (root && !byRoot.has(root)) others.set(root, [...(others.get(root) ?? []), f]);
  }
  const planned = new Set(byRoot.keys());
  const out = new Map<string, LoadedFile[]>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [root, members] of others) {
      if (out.has(root) || !(members[0].crate.pathDeps ?? []).some((d) => planned.has(d.root))) continue;
      out.set(root, members);
      planned.add(root);
      changed = true;
    }
  }
  return out;
}

/** The workspace crates the given packages (each by its loaded files) depend on by path, transitively, with their Cargo facts. */
function pathDependencies(packages: readonly LoadedFile[][], cache: CrateFactsCache): Map<string, CrateFacts> {
  const out = new Map<string, CrateFacts>();
  const pending = packages.flatMap((m) => m[0].crate.pathDeps ?? []);
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
