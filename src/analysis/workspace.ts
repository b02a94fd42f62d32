import fs from 'node:fs';
import path from 'node:path';
import { dependencyTables, isTable, type DependencyKind, type Table } from './manifest-tables.js';

/*
 * What a package's workspace says beyond its own manifest: which path
 * dependencies are workspace crates its code can name, and which of its
 * features only tests turn on. Plain data, like the rest of `CrateFacts`.
 */

/** A workspace crate a package depends on by path. */
export interface PathDependency {
  /** How code names it: the dependency key for a `package = ".."` rename, else the library's name (`my_lib`). */
  name: string;
  /** The dependency's package directory. */
  root: string;
}

/** Where the package's manifests come from: reads a Cargo.toml, null when there is none or it cannot be read. */
export type ManifestReader = (manifestPath: string) => Table | null;

interface DepEntry {
  key: string;
  kind: DependencyKind;
  /** The dependency's package directory when it is a path dependency. */
  pathRoot: string | null;
  renamed: boolean;
  features: string[];
}

interface Member {
  dir: string;
  manifest: Table;
  deps: DepEntry[];
  features: Record<string, string[]>;
}

/** Features named like test support: test-only unless a non-test build turns them on. */
const TEST_SUPPORT_NAMES = new Set(['test', 'testing', 'test-utils', 'test-util', 'test-support', 'mock', 'mocks', 'fake']);

const isTestSupportName = (feature: string) => TEST_SUPPORT_NAMES.has(feature.replace(/_/g, '-'));

/**
 * One workspace (or a package that is its own workspace): its members, read
 * once for every package in it. Only packages under the workspace root are
 * members, so a path dependency leading out of it is never followed.
 */
export class WorkspaceGraph {
  private readonly members = new Map<string, Member>();
  private testFeatureMemo: Map<string, Set<string>> | null = null;

  constructor(
    /** The workspace root directory (where the `[workspace]` manifest is, or the lone package's). */
    readonly root: string,
    rootManifest: Table | null,
    private readonly read: ManifestReader,
  ) {
    const ws = rootManifest && isTable(rootManifest.workspace) ? rootManifest.workspace : {};
    const excluded = (Array.isArray(ws.exclude) ? ws.exclude : []).map((e) => path.resolve(root, String(e)));
    this.excluded = (dir) => excluded.some((e) => dir === e || dir.startsWith(e + path.sep));
    this.wsDeps = isTable(ws.dependencies) ? ws.dependencies : {};
    const start = [root, ...(Array.isArray(ws.members) ? ws.members.flatMap((m) => expandGlob(root, String(m))) : [])];
    for (const dir of start) this.add(dir);
  }

  private readonly excluded: (dir: string) => boolean;
  private readonly wsDeps: Table;

  /** The member at `dir` and, transitively, the path dependencies it has inside the workspace. */
  private add(dir: string): Member | null {
    const known = this.members.get(dir);
    if (known) return known;
    if (!this.inside(dir)) return null;
    const manifest = this.read(path.join(dir, 'Cargo.toml'));
    if (!manifest || !isTable(manifest.package)) return null;
    const member: Member = { dir, manifest, deps: [], features: {} };
    // Registered before its dependencies are read: a cycle through dev-dependencies ends here.
    this.members.set(dir, member);
    this.testFeatureMemo = null; // a new member's dependencies may turn features on
    const features = isTable(manifest.features) ? manifest.features : {};
    for (const [name, list] of Object.entries(features)) member.features[name] = Array.isArray(list) ? list.map(String) : [];
    for (const kind of ['dependencies', 'dev-dependencies', 'build-dependencies'] as const) {
      for (const { deps } of dependencyTables(manifest, kind)) {
        for (const [key, spec] of Object.entries(deps)) member.deps.push(this.entry(dir, key, spec, kind));
      }
    }
    for (const d of member.deps) if (d.pathRoot) this.add(d.pathRoot);
    return member;
  }

  private entry(dir: string, key: string, spec: unknown, kind: DependencyKind): DepEntry {
    const own = isTable(spec) ? spec : {};
    // `x = { workspace = true }`: the path and rename are the workspace's, relative to its root.
    const inherited = own.workspace === true && isTable(this.wsDeps[key]) ? (this.wsDeps[key] as Table) : null;
    const base = inherited ? this.root : dir;
    const relPath = typeof own.path === 'string' ? own.path : typeof inherited?.path === 'string' ? inherited.path : null;
    const features = [own.features, inherited?.features].flatMap((f) => (Array.isArray(f) ? f.map(String) : []));
    const renamed = typeof own.package === 'string' || typeof inherited?.package === 'string';
    return { key, kind, pathRoot: relPath === null ? null : real(path.resolve(base, relPath)), renamed, features };
  }

  /** Whether the package at `dir` is a member (inside the root, not excluded). */
  has(dir: string): boolean {
    return this.add(dir) !== null;
  }

  private inside(dir: string): boolean {
    return (dir === this.root || dir.startsWith(this.root + path.sep)) && !this.excluded(dir);
  }

  /** The workspace crates the package at `dir` depends on by path (its dev-dependencies too: tests name them). */
  pathDependencies(dir: string): PathDependency[] {
    const member = this.add(dir);
    if (!member) return [];
    const out: PathDependency[] = [];
    for (const d of member.deps) {
      if (d.kind === 'build-dependencies' || !d.pathRoot || d.pathRoot === dir) continue;
      const dep = this.members.get(d.pathRoot);
      const name = d.renamed ? d.key.replace(/-/g, '_') : dep && libName(dep.manifest);
      if (dep && name && !out.some((o) => o.name === name)) out.push({ name, root: dep.dir });
    }
    return out;
  }

  /**
   * The features of the package at `dir` that count as test-only: named
   * like test support (`test-utils`, `mock`, ..) or turned on by some
   * member's `[dev-dependencies]` entry, and reached by no non-test path:
   * not `default`, not a non-test feature's list (here or in a member that
   * names it `dep/feature`), not a normal or build dependency's `features`.
   * Any feature that is neither is taken as a non-test way in, since a
   * user may turn it on.
   */
  testFeatures(dir: string): string[] {
    this.add(dir);
    this.testFeatureMemo ??= this.computeTestFeatures();
    return [...(this.testFeatureMemo.get(dir) ?? [])].sort();
  }

  private computeTestFeatures(): Map<string, Set<string>> {
    const key = (dir: string, f: string) => `${dir}\0${f}`;
    const devEnabled = new Set<string>();
    const reached = new Set<string>();
    const work: [Member, string][] = [];
    const reach = (m: Member | undefined, f: string) => {
      if (!m || reached.has(key(m.dir, f))) return;
      reached.add(key(m.dir, f));
      work.push([m, f]);
    };
    for (const m of this.members.values()) {
      for (const d of m.deps) if (d.kind === 'dev-dependencies' && d.pathRoot) for (const f of d.features) devEnabled.add(key(d.pathRoot, f));
    }
    for (const m of this.members.values()) {
      reach(m, 'default');
      for (const f of Object.keys(m.features)) if (!isTestSupportName(f) && !devEnabled.has(key(m.dir, f))) reach(m, f);
      for (const d of m.deps) if (d.kind !== 'dev-dependencies' && d.pathRoot) for (const f of d.features) reach(this.members.get(d.pathRoot), f);
    }
    while (work.length) {
      const [m, f] = work.pop()!;
      for (const v of m.features[f] ?? []) {
        const slash = v.indexOf('/');
        if (slash === -1) {
          if (!v.startsWith('dep:')) reach(m, v);
          continue;
        }
        // `dep/feature` and `dep?/feature`: a feature of the dependency that key names.
        const depKey = v.slice(0, slash).replace(/\?$/, '');
        for (const d of m.deps) if (d.key === depKey && d.pathRoot) reach(this.members.get(d.pathRoot), v.slice(slash + 1));
      }
    }
    const out = new Map<string, Set<string>>();
    for (const m of this.members.values()) {
      const only = Object.keys(m.features).filter((f) => f !== 'default' && !reached.has(key(m.dir, f)));
      out.set(m.dir, new Set(only));
    }
    return out;
  }
}

/** The library's name as code writes it: `[lib] name`, else the package's with `-` as `_`. */
function libName(manifest: Table): string | null {
  if (isTable(manifest.lib) && typeof manifest.lib.name === 'string') return manifest.lib.name;
  const pkg = manifest.package as Table;
  return typeof pkg.name === 'string' ? pkg.name.replace(/-/g, '_') : null;
}

/** `members = ["crates/*"]`: the directories a pattern matches (`*`, `?` within one path segment). */
function expandGlob(root: string, pattern: string): string[] {
  let dirs = [root];
  for (const seg of pattern.split(/[\\/]+/).filter((s) => s && s !== '.')) {
    if (!/[*?[]/.test(seg)) {
      dirs = dirs.map((d) => path.resolve(d, seg));
      continue;
    }
    const re = new RegExp(`^${seg.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.')}$`);
    dirs = dirs.flatMap((d) => {
      try {
        return fs.readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory() && re.test(e.name)).map((e) => path.join(d, e.name));
      } catch {
        return [];
      }
    });
  }
  return dirs.map(real);
}

/** The real path of a directory, so it matches the real paths files are found by; as given when it does not exist. */
function real(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}
