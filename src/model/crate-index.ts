import { buildModuleTrees, type Module, type PackageSummaries } from './module-tree.js';
import type { FnSummary, ImplSummary, Item, TypeRef } from './summary-types.js';
import type { RunContexts } from './run-context.js';

/** What a path names: an item of the crate, a module, a method of a crate type, or something outside the crate. */
export type Def =
  | { kind: 'module'; module: Module }
  | { kind: 'item'; module: Module; item: Item }
  | { kind: 'method'; module: Module; owner: Def & { kind: 'item' }; impl: ImplSummary; fn: FnSummary }
  /**
   * Outside the crate (std, a dependency): its path, e.g. `std::sync::RwLock`;
   * `from`, the package (its directory) whose code named it, tells a
   * workspace crate's `pub use tokio;` from the asking package's own.
   */
  | { kind: 'external'; path: string; from?: string };

/** A type with its crate-wide meaning: a crate item (struct, enum, alias) or an external path, with its arguments. */
export interface ResolvedType {
  def: Def;
  args: ResolvedType[];
  ref?: 'shared' | 'mut';
}

const MAX_DEPTH = 24;

/** Names every module sees without a `use` (std's prelude): never taken from a glob. */
const PRELUDE = new Set(['Vec', 'String', 'Box', 'Option', 'Result', 'Some', 'None', 'Ok', 'Err', 'ToString', 'ToOwned', 'Clone', 'Copy', 'Send', 'Sync', 'Sized', 'Drop', 'Fn', 'FnMut', 'FnOnce', 'Iterator', 'IntoIterator', 'Default', 'From', 'Into', 'AsRef', 'AsMut', 'PartialEq', 'Eq', 'PartialOrd', 'Ord']);

/**
 * The other packages a package's code may name: the indexes of its path
 * dependencies in the workspace (`crate-graph.ts`), each built once.
 */
export interface ExternCrates {
  /** The index of the package at `root`, or null when it was not summarized. */
  index(root: string): CrateIndex | null;
  /** The index of the package that holds `file`. */
  owner(file: string): CrateIndex | null;
  /** Where the fns of every package of the run execute (run-context.ts), computed once for all of them. */
  runContexts?(): RunContexts;
}

/**
 * The crate index: the summaries of one package's files merged into module
 * trees, with name resolution through `crate::`, `self::`, `super::`,
 * `use` (aliases, `pub use` re-exports, globs), the library's own name in
 * its binaries and tests, the libraries of its workspace path dependencies
 * (`common::fs::load`, resolved by their own index), and associated fns
 * and methods through impls.
 */
export class CrateIndex {
  readonly byFile: Map<string, Module>;
  private readonly roots: Module[];
  /** The library's root module (`src/lib.rs`), what a dependent's `use <lib name>::..` starts from. */
  readonly libRoot: Module | null;
  /** Impls by the key of the type they are for (`itemKey`); collected on first use, as they may resolve into other packages' indexes. */
  private implsByType: Map<string, { module: Module; impl: ImplSummary }[]> | null = null;

  constructor(
    readonly pkg: PackageSummaries,
    private readonly externs: ExternCrates | null = null,
  ) {
    const trees = buildModuleTrees(pkg);
    this.byFile = trees.byFile;
    this.roots = trees.roots;
    this.libRoot = this.roots.find((r) => r.file.endsWith(`${pathSep()}src${pathSep()}lib.rs`)) ?? null;
  }

  private get impls(): Map<string, { module: Module; impl: ImplSummary }[]> {
    if (this.implsByType) return this.implsByType;
    const impls = (this.implsByType = new Map());
    for (const module of this.modules()) {
      for (const impl of module.summary.impls) {
        const owner = this.resolvePath(module, impl.selfType.path);
        if (owner?.kind !== 'item') continue;
        const key = itemKey(owner);
        impls.set(key, [...(impls.get(key) ?? []), { module, impl }]);
      }
    }
    return impls;
  }

  /** The index a module belongs to: this one, or a path dependency's (a def from there is asked about here). */
  private indexOf(module: Module): CrateIndex {
    return this.pkg.files.has(module.file) ? this : (this.externs?.owner(module.file) ?? this);
  }

  /** The library a workspace path dependency's name stands for, or null. */
  private externLib(name: string): Module | null {
    const dep = this.pkg.deps?.find((d) => d.name === name);
    return (dep && this.externs?.index(dep.root)?.libRoot) ?? null;
  }

  /** Every fn and method of the package, as the defs resolution gives them. */
  *fnDefs(): Generator<Def> {
    for (const module of this.modules()) {
      for (const item of module.summary.items) if (item.kind === 'fn') yield { kind: 'item', module, item };
      for (const impl of module.summary.impls) {
        const owner = this.resolvePath(module, impl.selfType.path);
        if (owner?.kind !== 'item') continue;
        for (const fn of impl.methods) yield { kind: 'method', module, owner, impl, fn };
      }
    }
  }

  *modules(): Generator<Module> {
    const stack = [...this.roots];
    while (stack.length) {
      const m = stack.pop()!;
      yield m;
      stack.push(...m.children.values());
    }
  }

  /** What `segments` names, written in `module`; null when it cannot be told (a name of nothing known). */
  resolvePath(module: Module, segments: readonly string[], depth = 0): Def | null {
    if (depth > MAX_DEPTH || segments.length === 0) return null;
    const owner = this.indexOf(module);
    if (owner !== this) return owner.resolvePath(module, segments, depth + 1);
    const [first, ...rest] = segments;
    let cur: Def | null;
    if (first === '') {
      // `::common::x`: a crate name follows the leading `::`.
      const lib = rest.length > 0 ? this.externLib(rest[0]) : null;
      if (!lib) return { kind: 'external', path: rest.join('::'), from: this.pkg.root };
      cur = { kind: 'module', module: lib };
      rest.shift();
    } else if (first === 'crate' || first === '$crate') cur = { kind: 'module', module: crateRoot(module) };
    else if (first === 'self') cur = { kind: 'module', module };
    else if (first === 'super') cur = module.parent ? { kind: 'module', module: module.parent } : null;
    else if (first === 'Self') return null; // needs the impl: see resolveInImpl
    else {
      cur = this.lookup(module, first, depth + 1);
      if (!cur && this.libRoot && first === this.pkg.libName && module.root !== this.libRoot.root) cur = { kind: 'module', module: this.libRoot };
      // A workspace crate the package depends on by path: names in a module shadow it, as in rustc's extern prelude.
      const lib = cur ? null : this.externLib(first);
      if (lib) cur = { kind: 'module', module: lib };
      if (!cur) return { kind: 'external', path: this.externalPath(module, segments, depth), from: this.pkg.root };
    }
    for (const seg of rest) {
      if (!cur) return null;
      cur = this.member(cur, seg, depth + 1);
    }
    return cur;
  }

  /** `Self::x` and `Self` in an impl whose self type is `selfType`. */
  resolveInImpl(module: Module, selfType: TypeRef, segments: readonly string[]): Def | null {
    const owner = this.resolvePath(module, selfType.path);
    if (!owner) return null;
    let cur: Def | null = owner;
    for (const seg of segments.slice(1)) {
      if (!cur) return null;
      cur = this.member(cur, seg, 1);
    }
    return cur;
  }

  /** Answers of `lookup`, per module and name: glob chains (`use super::*` in every module) would otherwise be walked again for every path. */
  private readonly looked = new Map<Module, Map<string, Def | null>>();

  /** A name in a module's namespace: its items, `mod` children, `use`s, then its globs. */
  lookup(module: Module, name: string, depth = 0): Def | null {
    if (depth > MAX_DEPTH) return null;
    const owner = this.indexOf(module);
    if (owner !== this) return owner.lookup(module, name, depth + 1);
    let memo = this.looked.get(module);
    if (!memo) this.looked.set(module, (memo = new Map()));
    if (memo.has(name)) return memo.get(name)!;
    memo.set(name, null); // a cycle of uses or globs resolves to nothing
    const found = this.lookupUncached(module, name, depth);
    memo.set(name, found);
    return found;
  }

  private lookupUncached(module: Module, name: string, depth: number): Def | null {
    const child = module.children.get(name);
    if (child) return { kind: 'module', module: child };
    const item = module.summary.items.find((i) => i.name === name && i.kind !== 'mod');
    if (item) return { kind: 'item', module, item };
    const use = module.summary.uses.find((u) => u.name === name);
    if (use) return this.resolvePath(module, use.path, depth + 1);
    for (const glob of module.summary.globs) {
      const target = this.resolvePath(module, glob.path, depth + 1);
      if (target?.kind === 'module' && target.module !== module) {
        const found = this.lookup(target.module, name, depth + 1);
        if (found) return found;
      }
    }
    return null;
  }

  /**
   * A path that names nothing in the crate: a crate (`std::fs::read`) when
   * it starts with a lowercase segment, else what an external glob of the
   * module brings (`use std::sync::*;` makes `Mutex` std's), else a prelude
   * name as written (`Vec`, `Option`).
   */
  private externalPath(module: Module, segments: readonly string[], depth: number): string {
    if (segments.length > 1 && /^[a-z_]/.test(segments[0])) return segments.join('::');
    if (!PRELUDE.has(segments[0])) {
      for (const glob of module.summary.globs) {
        const target = this.resolvePath(module, glob.path, depth + 1);
        if (target?.kind === 'external') return [target.path, ...segments].join('::');
      }
    }
    return segments.join('::');
  }

  private member(of: Def, name: string, depth: number): Def | null {
    switch (of.kind) {
      case 'module':
        return this.lookup(of.module, name, depth) ?? null;
      case 'external':
        return { ...of, path: `${of.path}::${name}` };
      case 'item': {
        const target = of.item.kind === 'alias' ? this.aliasTarget(of, depth) : of;
        if (!target || target.kind !== 'item') return target?.kind === 'external' ? { ...target, path: `${target.path}::${name}` } : null;
        const owner = this.indexOf(target.module);
        if (owner !== this) return owner.member(target, name, depth + 1);
        for (const { module, impl } of this.impls.get(itemKey(target)) ?? []) {
          const fn = impl.methods.find((m) => m.name === name);
          if (fn) return { kind: 'method', module, owner: target, impl, fn };
        }
        return null;
      }
      case 'method':
        return null;
    }
  }

  private aliasTarget(alias: Def & { kind: 'item' }, depth: number): Def | null {
    if (alias.item.kind !== 'alias' || !alias.item.type || depth > MAX_DEPTH) return null;
    return this.resolvePath(alias.module, alias.item.type.path, depth + 1);
  }

  /** A type as written in `module`, with aliases expanded. */
  resolveType(module: Module, type: TypeRef, depth = 0): ResolvedType | null {
    if (depth > MAX_DEPTH) return null;
    const def = this.resolvePath(module, type.path);
    if (!def) return null;
    const args = type.args.map((a) => this.resolveType(module, a, depth + 1)).filter((a): a is ResolvedType => a !== null);
    if (def.kind === 'item' && def.item.kind === 'alias' && def.item.type) {
      const target = this.resolveType(def.module, def.item.type, depth + 1);
      return target ? { ...target, ...(type.ref ? { ref: type.ref } : {}) } : null;
    }
    return { def, args, ...(type.ref ? { ref: type.ref } : {}) };
  }

  /** The declared type of a struct's field. */
  fieldType(owner: Def, name: string): ResolvedType | null {
    if (owner.kind !== 'item' || owner.item.kind !== 'struct') return null;
    const f = owner.item.fields.find((x) => x.name === name);
    return f?.type ? this.resolveType(owner.module, f.type) : null;
  }

  /** The declared type of a static or const (`lazy_static!` and `thread_local!` ones too). */
  staticType(def: Def): ResolvedType | null {
    if (def.kind !== 'item' || (def.item.kind !== 'static' && def.item.kind !== 'const') || !def.item.type) return null;
    return this.resolveType(def.module, def.item.type);
  }

  /** The return type of a crate fn or method. */
  returnType(def: Def): ResolvedType | null {
    const fn = def.kind === 'method' ? def.fn : def.kind === 'item' && def.item.kind === 'fn' ? def.item.fn : null;
    if (!fn?.returns) return null;
    const module = def.kind === 'method' ? def.module : (def as Def & { kind: 'item' }).module;
    if (fn.returns.path.length === 1 && fn.returns.path[0] === 'Self' && def.kind === 'method') {
      return { def: def.owner, args: [], ...(fn.returns.ref ? { ref: fn.returns.ref } : {}) };
    }
    return this.resolveType(module, fn.returns);
  }

  /** A method of a crate type by name (through its impls). */
  method(owner: Def, name: string): (Def & { kind: 'method' }) | null {
    const m = this.member(owner, name, 0);
    return m?.kind === 'method' ? m : null;
  }
}

/** A stable name for a crate item: its root, module path and name. */
export function itemKey(def: Def & { kind: 'item' }): string {
  return `${def.module.root}#${[...def.module.path, def.item.name].join('::')}`;
}

/** The crate path of a def, as messages write it: `crate::util::read_manifest`, `Store::load`. */
export function defName(def: Def): string {
  switch (def.kind) {
    case 'external':
      return def.path;
    case 'module':
      return ['crate', ...def.module.path].join('::');
    case 'item':
      return [...def.module.path, def.item.name].join('::') || def.item.name;
    case 'method':
      return `${def.owner.item.name}::${def.fn.name}`;
  }
}

/** How a chain of calls names a fn: a method or associated fn with its type (`Store::load`), a free fn by its name. */
export function callName(def: Def): string {
  return def.kind === 'method' ? defName(def) : defName(def).split('::').pop()!;
}

function crateRoot(module: Module): Module {
  let m = module;
  while (m.parent) m = m.parent;
  return m;
}

function pathSep(): string {
  return process.platform === 'win32' ? '\\' : '/';
}

export type { Module, PackageSummaries };
