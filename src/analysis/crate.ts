import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { readRegularText, readTextExact } from '../engine/regular-file.js';
import { addDependencyFeatures } from './manifest-edit.js';
import { dependencyTables, isTable, type Table } from './manifest-tables.js';
import { WorkspaceGraph, type PathDependency } from './workspace.js';

/**
 * What the Cargo manifests say about the package a file belongs to. Plain
 * data, so it can cross into a worker thread with the file text.
 */
export interface CrateFacts {
  manifestPath: string | null;
  packageName: string | null;
  /** The package directory: `tests/`, `benches/` and `examples/` under it are test code. */
  packageRoot: string | null;
  /** tokio as a normal (or target-specific) dependency, or why it is not one. */
  tokio: TokioFacts;
  /** tokio as a dev-dependency, usable from test code only. */
  devTokio: TokioDep | null;
  /** `futures` as a normal, non-optional dependency with its `join!` (the `async-await` feature), if it is one. */
  futures?: { path: string };
  /** `fs-err` (std::fs's API with errors that name the path), if a dependency of any kind. */
  fsErr?: FsErrDep;
  /** Path dependencies that are crates of the same workspace, so the crate model can see into them. */
  pathDeps?: PathDependency[];
  /** Features of this package only tests turn on: `#[cfg(feature = "..")]` on them marks test code. */
  testFeatures?: string[];
}

export interface FsErrDep {
  /** How code names the crate: the dependency key, `-` as `_` (`fs_err`). */
  path: string;
  /** Whether its `tokio` feature, the async `fs_err::tokio` module, is on. */
  tokio: boolean;
  /** Only a dev-dependency: usable from test code only. */
  devOnly: boolean;
}

export type TokioFacts =
  | ({ status: 'usable' } & TokioDep)
  /** `optional = true`: usable only in code compiled with one of `enabledBy` (`#[cfg(feature = "..")]`). */
  | ({ status: 'optional'; enabledBy: string[] } & TokioDep)
  | { status: 'unusable'; reason: string }
  /** No manifest found: decided per file from what the file itself uses. */
  | { status: 'unknown' };

export interface TokioDep {
  /** How code names the crate: the dependency key, `-` as `_` (`rt` for `rt = { package = "tokio" }`). */
  path: string;
  /** Features enabled, including those inherited from `[workspace.dependencies]`. */
  features: string[];
  /** Where features are declared, so a fix can add one; absent when it cannot be edited. */
  declaredIn?: DeclaredAt;
}

/** A dependency entry: `[<table...>] <key> = ...` in `manifestPath`. */
export interface DeclaredAt {
  manifestPath: string;
  table: string[];
  key: string;
}

export const NO_MANIFEST: CrateFacts = { manifestPath: null, packageName: null, packageRoot: null, tokio: { status: 'unknown' }, devTokio: null };

const OTHER_RUNTIMES = ['async-std', 'smol', 'actix-rt', 'glommio', 'monoio', 'async-executor'];

export class CrateFactsCache {
  private byDir = new Map<string, CrateFacts>();
  private workspaces = new Map<string, WorkspaceGraph>();

  /** Facts for the package holding `file` (nearest Cargo.toml with `[package]`). */
  forFile(file: string): CrateFacts {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(dir: string): CrateFacts {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let facts: CrateFacts;
    const manifest = path.join(dir, 'Cargo.toml');
    const parsed = readManifest(manifest);
    if (parsed && isTable(parsed.package)) {
      // A package can be its own workspace root (`[package]` and `[workspace]` in one manifest).
      let ws: Workspace | null | undefined;
      const workspace = () => (ws === undefined ? (ws = isTable(parsed.workspace) ? { manifestPath: manifest, manifest: parsed } : findWorkspaceRoot(path.dirname(dir))) : ws);
      facts = packageFacts(manifest, parsed, workspace);
      const graph = this.workspaceOf(dir, parsed, workspaceOrNone(workspace));
      facts = { ...facts, pathDeps: graph.pathDependencies(dir), testFeatures: graph.testFeatures(dir) };
    } else {
      const parent = path.dirname(dir);
      facts = parent === dir ? NO_MANIFEST : this.forDir(parent);
    }
    this.byDir.set(dir, facts);
    return facts;
  }

  /** The workspace the package at `dir` is a member of; a package outside any (or excluded from it) is its own. */
  private workspaceOf(dir: string, manifest: Table, ws: Workspace | null): WorkspaceGraph {
    const read = (file: string) => {
      try {
        return readManifest(file);
      } catch {
        return null; // a sibling's broken manifest is that package's problem
      }
    };
    const graph = (root: string, rootManifest: Table) => {
      let g = this.workspaces.get(root);
      if (!g) this.workspaces.set(root, (g = new WorkspaceGraph(root, rootManifest, read)));
      return g;
    };
    const shared = ws ? graph(path.dirname(ws.manifestPath), ws.manifest) : null;
    return shared?.has(dir) ? shared : graph(dir, manifest);
  }
}

/** A parsed Cargo.toml, or null when there is none; one that cannot be read or parsed throws (its files are skipped). */
export function readManifest(file: string): Table | null {
  try {
    const text = readRegularText(file);
    return text === null ? null : (parseToml(text) as Table);
  } catch (e) {
    throw new Error(`${file}: cannot read Cargo.toml: ${(e as Error).message.split('\n')[0].replace(/; skipped$/, '')}`);
  }
}

/** The workspace, or none when a manifest above cannot be read: only `workspace = true` makes that an error. */
function workspaceOrNone(workspace: () => Workspace | null): Workspace | null {
  try {
    return workspace();
  } catch {
    return null;
  }
}

export interface Workspace {
  manifestPath: string;
  manifest: Table;
}

function findWorkspaceRoot(dir: string): Workspace | null {
  for (let d = dir; ; d = path.dirname(d)) {
    const manifestPath = path.join(d, 'Cargo.toml');
    const t = readManifest(manifestPath);
    if (t && isTable(t.workspace)) return { manifestPath, manifest: t };
    if (path.dirname(d) === d) return null;
  }
}

interface FoundDep extends TokioDep {
  optional: boolean;
  defaultFeatures: boolean;
  key: string;
  problem?: string;
}

function findTokio(manifestPath: string, manifest: Table, kind: 'dependencies' | 'dev-dependencies', workspace: () => Workspace | null, pkg = 'tokio'): FoundDep | null {
  let found: FoundDep | null = null;
  for (const { table, deps } of dependencyTables(manifest, kind)) {
    for (const [key, spec] of Object.entries(deps)) {
      const s = isTable(spec) ? spec : {};
      if ((typeof s.package === 'string' ? s.package : key) !== pkg) continue;
      let features = Array.isArray(s.features) ? s.features.map(String) : [];
      let declaredIn: DeclaredAt = { manifestPath, table, key };
      let problem: string | undefined;
      let defaultFeatures = s['default-features'] !== false;
      if (s.workspace === true) {
        const ws = workspace();
        const wsDeps = ws && isTable(ws.manifest.workspace) && isTable(ws.manifest.workspace.dependencies) ? ws.manifest.workspace.dependencies : {};
        const wsSpec = wsDeps[key];
        if (ws && wsSpec !== undefined) {
          if (isTable(wsSpec) && Array.isArray(wsSpec.features)) features = [...features, ...wsSpec.features.map(String)];
          defaultFeatures = !isTable(wsSpec) || wsSpec['default-features'] !== false;
          declaredIn = { manifestPath: ws.manifestPath, table: ['workspace', 'dependencies'], key };
        } else {
          problem = ws ? `${key}.workspace = true but the workspace declares no ${key}` : `${key}.workspace = true but the workspace root was not found (no Cargo.toml with [workspace] above this package)`;
        }
      }
      const dep: FoundDep = { path: key.replace(/-/g, '_'), features, optional: s.optional === true, key, problem, defaultFeatures };
      // Offer feature edits only where the editor can make them (it handles the usual layouts).
      if (editable(declaredIn)) dep.declaredIn = declaredIn;
      // Prefer a plain `[dependencies]` entry; merge features of target-specific ones.
      if (!found) found = dep;
      else found.features = [...new Set([...found.features, ...features])];
    }
  }
  return found;
}

/** By manifest text and entry: a workspace root's `[workspace.dependencies]` is probed once for all its members. */
const editableMemo = new Map<string, boolean>();

function editable(at: DeclaredAt): boolean {
  const read = readTextExact(at.manifestPath);
  if (!('text' in read)) return false;
  const memo = `${at.table.join('.')}\0${at.key}\0${read.text}`;
  let ok = editableMemo.get(memo);
  if (ok === undefined) {
    ok = 'text' in addDependencyFeatures(read.text, { table: at.table, key: at.key, addFeatures: ['async-fix-probe'] });
    if (editableMemo.size > 10_000) editableMemo.clear();
    editableMemo.set(memo, ok);
  }
  return ok;
}

/** Crate features that turn on an optional dependency (`x = ["tokio"]`, `["dep:tokio"]`, `["tokio/rt"]`). */
function enablingFeatures(manifest: Table, key: string): string[] {
  const features = isTable(manifest.features) ? manifest.features : {};
  const enables = (f: string, seen: Set<string>): boolean => {
    if (seen.has(f)) return false;
    seen.add(f);
    const list = features[f];
    if (!Array.isArray(list)) return false;
    return list.some((x) => {
      const v = String(x);
      if (v === key || v === `dep:${key}` || v.startsWith(`${key}/`) || v.startsWith(`${key}?/`)) return !v.includes('?/');
      return enables(v, seen);
    });
  };
  const out = Object.keys(features).filter((f) => enables(f, new Set()));
  // An optional dependency without `dep:` anywhere is also its own implicit feature.
  const usesDepSyntax = Object.values(features).some((l) => Array.isArray(l) && l.some((x) => String(x) === `dep:${key}`));
  return usesDepSyntax ? out : [key, ...out];
}

export function packageFacts(manifestPath: string, manifest: Table, workspace: () => Workspace | null): CrateFacts {
  const pkg = manifest.package as Table;
  const packageName = typeof pkg.name === 'string' ? pkg.name : null;
  const base: Pick<CrateFacts, 'manifestPath' | 'packageName' | 'packageRoot' | 'futures' | 'fsErr'> = { manifestPath, packageName, packageRoot: path.dirname(manifestPath) };
  const dev = findTokio(manifestPath, manifest, 'dev-dependencies', workspace);
  const devTokio = dev && !dev.problem ? strip(dev) : null;
  const main = findTokio(manifestPath, manifest, 'dependencies', workspace);
  const fut = findTokio(manifestPath, manifest, 'dependencies', workspace, 'futures');
  // `futures::join!` needs the `async-await` feature (on by default).
  if (fut && !fut.problem && !fut.optional && (fut.defaultFeatures || fut.features.includes('async-await'))) base.futures = { path: fut.path };
  // A normal dependency (optional too: its code compiles only where it is on) wins over a dev-dependency.
  const fsErr = findTokio(manifestPath, manifest, 'dependencies', workspace, 'fs-err');
  const fsErrAny = fsErr ?? findTokio(manifestPath, manifest, 'dev-dependencies', workspace, 'fs-err');
  if (fsErrAny && !fsErrAny.problem) base.fsErr = { path: fsErrAny.path, tokio: fsErrAny.features.includes('tokio'), devOnly: !fsErr };
  if (main?.problem) return { ...base, tokio: { status: 'unusable', reason: main.problem }, devTokio };
  if (main && main.optional) return { ...base, tokio: { status: 'optional', enabledBy: enablingFeatures(manifest, main.key), ...strip(main) }, devTokio };
  if (main) return { ...base, tokio: { status: 'usable', ...strip(main) }, devTokio };
  const deps = Object.assign({}, ...dependencyTables(manifest, 'dependencies').map((t) => t.deps)) as Table;
  const name = packageName ?? 'this crate';
  const other = OTHER_RUNTIMES.find((r) => r in deps);
  const reason = other
    ? `${name} runs on ${other}, not tokio (tokio's timers and I/O panic outside a tokio runtime)`
    : 'futures' in deps
      ? `tokio is not a dependency of ${name} (it uses futures, not tokio)`
      : `tokio is not a dependency of ${name}`;
  return { ...base, tokio: { status: 'unusable', reason }, devTokio };
}

function strip(d: FoundDep): TokioDep {
  return { path: d.path, features: d.features, declaredIn: d.declaredIn };
}
