import type { SyntaxNode } from '../engine/parse.js';
import { field } from './syntax.js';
import { isShadowedByLocalBinding } from './bindings.js';

/**
 * Resolves a path written in the source (`thread::sleep`, `nap`, `fs::read`)
 * to the fully qualified path it names (`std::thread::sleep`), following
 * `use` declarations the way rustc does: names are looked up in the enclosing
 * blocks, then the enclosing module (not outer modules), then globs, then the
 * extern prelude. Items defined in the file resolve to a `local` path so that
 * a local `fn sleep` never matches `std::thread::sleep`.
 */
export interface ResolvedPath {
  /** `std::thread::sleep`; for a local item, `self::<...>::sleep` style text. */
  path: string;
  local: boolean;
}

/** `clause`: the `use` tree node that binds the name (`fs`, `sleep as nap`, `self` in `fs::{self}`). */
type Binding = { kind: 'import'; target: SyntaxNode[]; scope: SyntaxNode; clause?: SyntaxNode } | { kind: 'item'; node: SyntaxNode };

interface ScopeBindings {
  names: Map<string, Binding>;
  globs: SyntaxNode[][];
}

const ITEM_TYPES = new Set([
  'function_item', 'struct_item', 'enum_item', 'union_item', 'mod_item', 'const_item', 'static_item',
  'type_item', 'trait_item', 'macro_definition', 'function_signature_item',
]);

const MAX_DEPTH = 16;

/**
 * Whether a glob of an external module (whose contents we cannot see) may be
 * taken to provide `name`. The root of a longer path or of a `use` path is a
 * crate or a module; a lowercase one is taken to be a crate (`std`, `tokio`),
 * or `use std::thread::*` would turn `std::...` and `tokio::...` into
 * `std::thread::std::...`. CamelCase roots are types (`Duration::ZERO`), and a
 * final name (`sleep`) is whatever the glob brings.
 */
function externalGlobMayProvide(name: string, isRoot: boolean): boolean {
  return !isRoot || !/^[a-z_]/.test(name);
}

export class Resolver {
  private scopes = new Map<SyntaxNode, ScopeBindings>();
  private preferred: ReadonlySet<string> | undefined;

  constructor(
    private readonly source: string,
    /** The file's `use` and `extern crate` items, for `pathIn`'s quick answer; without them it resolves every path. */
    private readonly imports?: () => readonly SyntaxNode[],
  ) {}

  /**
   * Resolve an `identifier` or `scoped_identifier` used as a path. When two
   * globs of external modules could provide a name, the one giving a path in
   * `preferred` is taken (code that compiles has only one provider).
   */
  resolve(node: SyntaxNode, preferred?: ReadonlySet<string>): ResolvedPath | null {
    const segments = this.segments(node);
    if (!segments) return null;
    if (isLocalName(segments, node, this.source)) return { path: `<local>::${segments[0].text}`, local: true };
    return this.resolvePreferring(segments, node, preferred);
  }

  /** The fully qualified path of a node, or null; a convenience for rules. */
  qualifiedName(node: SyntaxNode, preferred?: ReadonlySet<string>): string | null {
    const r = this.resolve(node, preferred);
    return r && !r.local ? r.path : null;
  }

  /**
   * `qualifiedName(node, paths)` when it is one of `paths`, else null. Rules
   * ask this of every call and path in a file, and nearly all name something
   * else, so the walk for a local binding of the name, the costly part, is
   * made only for one that would otherwise match.
   */
  pathIn(node: SyntaxNode, paths: ReadonlySet<string>): string | null {
    if (!this.mayStartPathIn(node, paths)) return null;
    const segments = this.segments(node);
    if (!segments) return null;
    const r = this.resolvePreferring(segments, node, paths);
    if (!r || r.local || !paths.has(r.path) || isLocalName(segments, node, this.source)) return null;
    return r.path;
  }

  /**
   * False when `node` cannot name one of `paths`: its first segment is not
   * one of theirs, and no `use` (or `extern crate .. as`) in the file can
   * bind that name. Anything else a name can be (a local, an item of this
   * file, the extern prelude's `x`) is not in `paths`. With a glob import
   * any name may come from it.
   */
  private mayStartPathIn(node: SyntaxNode, paths: ReadonlySet<string>): boolean {
    const importable = this.importableNames();
    if (!importable) return true;
    const first = firstSegment(node);
    if (first === null) return true;
    const text = this.source.slice(first.start, first.end);
    return text === 'self' || text === 'super' || importable.has(text) || this.rootsOf(paths).has(text);
  }

  /** Every identifier in the file's `use` and `extern crate` items (more than they bind: enough); null with a glob or without the items. */
  private importableNames(): ReadonlySet<string> | null {
    if (this.importable === undefined) {
      this.importable = null;
      if (this.imports) {
        const names = new Set<string>();
        let glob = false;
        for (const item of this.imports()) {
          const stack = [item];
          while (stack.length) {
            const n = stack.pop()!;
            if (n.type === 'use_wildcard') glob = true;
            if (n.type === 'identifier') names.add(this.source.slice(n.start, n.end));
            for (const c of n.children) stack.push(c);
          }
        }
        if (!glob) this.importable = names;
      }
    }
    return this.importable;
  }

  private importable: ReadonlySet<string> | null | undefined;

  private rootsOf(paths: ReadonlySet<string>): ReadonlySet<string> {
    let roots = this.roots.get(paths);
    if (!roots) this.roots.set(paths, (roots = new Set([...paths].map((p) => p.split('::')[0]))));
    return roots;
  }

  private readonly roots = new Map<ReadonlySet<string>, ReadonlySet<string>>();

  private resolvePreferring(segments: Seg[], node: SyntaxNode, preferred: ReadonlySet<string> | undefined): ResolvedPath | null {
    this.preferred = preferred;
    try {
      return this.resolveSegments(segments, node, 0);
    } finally {
      this.preferred = undefined;
    }
  }

  /**
   * The `use` clause that brings the first segment of the path at `node` into
   * scope (`fs` of `use std::{fs, io};` for `fs::read`), or null when that
   * name is not imported by an explicit `use` (globs, the prelude, locals).
   */
  importClause(node: SyntaxNode): SyntaxNode | null {
    const segments = this.segments(node);
    if (!segments || segments[0].text === '' || (segments.length === 1 && isShadowedByLocalBinding(segments[0].text, node, this.source))) return null;
    for (let scope = this.bindingScope(scopeChainStart(node)); scope; scope = this.bindingScope(outerScope(scope))) {
      const binding = this.bindings(scope).names.get(segments[0].text);
      if (binding) return binding.kind === 'import' ? (binding.clause ?? null) : null;
      if (isModuleScope(scope)) break;
    }
    return null;
  }

  /**
   * `usePath`: the segments of a `use` (or glob) path, whose first segment is
   * always a crate or module. `expanding`: the import whose path this is,
   * which never resolves through itself (`use tokio::{self, ..}` and
   * `use fs_err;` bind the crate's own name to the crate).
   */
  private resolveSegments(segments: Seg[], at: SyntaxNode, depth: number, usePath = false, expanding?: Binding): ResolvedPath | null {
    if (depth > MAX_DEPTH) return null;
    const [first, ...rest] = segments;
    const restText = rest.map((s) => s.text);
    if (first.text === '') return { path: restText.join('::'), local: false }; // `::std::...`
    if (first.text === 'crate' || first.text === 'Self' || first.text === '$crate') {
      return { path: [first.text, ...restText].join('::'), local: true };
    }
    if (first.text === 'self' || first.text === 'super') {
      let module = ownModule(at);
      let i = 0;
      for (; i < segments.length && (segments[i].text === 'self' || segments[i].text === 'super'); i++) {
        if (segments[i].text === 'super') {
          const parentModule = module.parent ? moduleScope(module) : null;
          if (!parentModule || parentModule === module) return null;
          module = parentModule;
        }
      }
      if (i >= segments.length) return null;
      return this.resolveInModule(segments.slice(i), module, depth);
    }
    for (let scope = this.bindingScope(scopeChainStart(at)); scope; scope = this.bindingScope(outerScope(scope))) {
      const binding = this.bindings(scope).names.get(first.text);
      if (binding && binding !== expanding) return this.expand(binding, restText, depth);
      if (isModuleScope(scope)) break;
    }
    const viaGlob = this.resolveViaGlobs(first.text, at, depth, externalGlobMayProvide(first.text, usePath || rest.length > 0));
    if (viaGlob) return { path: [viaGlob.path, ...restText].join('::'), local: viaGlob.local };
    // Extern prelude: `std`, `tokio`, or a prelude item such as `Vec`.
    return { path: [first.text, ...restText].join('::'), local: false };
  }

  /** Look a path up starting in a given module's own scope (for `self::`/`super::` and globs). */
  private resolveInModule(segments: Seg[], module: SyntaxNode, depth: number): ResolvedPath | null {
    const [first, ...rest] = segments;
    const binding = this.bindings(module).names.get(first.text);
    const restText = rest.map((s) => s.text);
    if (binding) return this.expand(binding, restText, depth);
    const viaGlob = this.globLookup(first.text, module, depth, externalGlobMayProvide(first.text, rest.length > 0));
    if (viaGlob) return { path: [viaGlob.path, ...restText].join('::'), local: viaGlob.local };
    return { path: ['self', first.text, ...restText].join('::'), local: true };
  }

  private expand(binding: Binding, rest: string[], depth: number): ResolvedPath | null {
    if (binding.kind === 'item') {
      const name = this.source.slice(field(binding.node, 'name')?.start ?? 0, field(binding.node, 'name')?.end ?? 0);
      return { path: ['self', name, ...rest].join('::'), local: true };
    }
    const target = this.resolveSegments(binding.target.map(segOf(this.source)), binding.scope, depth + 1, true, binding);
    if (!target) return null;
    return { path: [target.path, ...rest].join('::'), local: target.local };
  }

  private resolveViaGlobs(name: string, at: SyntaxNode, depth: number, external: boolean): ResolvedPath | null {
    for (let scope = this.bindingScope(scopeChainStart(at)); scope; scope = this.bindingScope(outerScope(scope))) {
      const found = this.globLookup(name, scope, depth, external);
      if (found) return found;
      if (isModuleScope(scope)) break;
    }
    return null;
  }

  /**
   * A glob from a module of this file brings that module's names, its own
   * imports and what its globs bring. A glob from an external path
   * (`use std::thread::*`) is taken to provide the name when `external`
   * allows it, since code that compiles cannot have two globs providing the
   * same used name.
   */
  private globLookup(name: string, scope: SyntaxNode, depth: number, external: boolean): ResolvedPath | null {
    if (depth > MAX_DEPTH) return null;
    const guesses: ResolvedPath[] = [];
    for (const glob of this.bindings(scope).globs) {
      const segs = glob.map(segOf(this.source));
      const module = this.localModule(segs, scope);
      if (module) {
        const b = this.bindings(module).names.get(name);
        if (b) return this.expand(b, [], depth + 1);
        const nested = this.globLookup(name, module, depth + 1, external);
        if (nested?.local) return nested;
        if (nested) guesses.push(nested);
        continue;
      }
      if (!external) continue;
      const base = this.resolveSegments(segs, scope, depth + 1, true);
      if (base && !base.local) guesses.push({ path: `${base.path}::${name}`, local: false });
    }
    return guesses.find((g) => this.preferred?.has(g.path)) ?? guesses[0] ?? null;
  }

  /** `super`, `self`, `super::super`, or a `mod` defined in this file: its scope node. */
  private localModule(segs: Seg[], at: SyntaxNode): SyntaxNode | null {
    let module = ownModule(at);
    for (const s of segs) {
      if (s.text === 'self') continue;
      if (s.text === 'super') {
        if (!module.parent) return null;
        module = moduleScope(module);
        continue;
      }
      const b = this.bindings(module).names.get(s.text);
      if (b?.kind !== 'item' || b.node.type !== 'mod_item') return null;
      const body = field(b.node, 'body');
      if (!body) return null;
      module = body;
    }
    return module;
  }

  /**
   * `scope` when it binds a name, has a glob or is a module, else the first
   * such scope around it: a scope binding nothing cannot answer a lookup, and
   * generated code nests thousands of them. Remembered for the ones skipped.
   */
  private bindingScope(scope: SyntaxNode | null): SyntaxNode | null {
    const skipped: SyntaxNode[] = [];
    let s = scope;
    while (s && !isModuleScope(s)) {
      const b = this.bindings(s);
      if (b.names.size || b.globs.length) break;
      const known = this.bindingScopeAbove.get(s);
      if (known !== undefined) {
        s = known;
        break;
      }
      skipped.push(s);
      s = outerScope(s);
    }
    for (const k of skipped) this.bindingScopeAbove.set(k, s);
    return s;
  }

  private readonly bindingScopeAbove = new Map<SyntaxNode, SyntaxNode | null>();

  private bindings(scope: SyntaxNode): ScopeBindings {
    let b = this.scopes.get(scope);
    if (!b) {
      b = collectBindings(scope, this.source);
      this.scopes.set(scope, b);
    }
    return b;
  }

  private segments(node: SyntaxNode): Seg[] | null {
    const out: SyntaxNode[] = [];
    if (!pathNodes(node, out)) return null;
    return out.map(segOf(this.source));
  }
}

interface Seg {
  text: string;
}

/** A one-segment path naming a local variable (`let sleep = ..; sleep(d)`): not a path at all. */
function isLocalName(segments: Seg[], node: SyntaxNode, source: string): boolean {
  return segments.length === 1 && isShadowedByLocalBinding(segments[0].text, node, source);
}

const segOf = (source: string) => (n: SyntaxNode): Seg => ({ text: n.type === 'empty_root' ? '' : source.slice(n.start, n.end) });

const SEGMENT_TYPES: ReadonlySet<string> = new Set(['identifier', 'type_identifier', 'self', 'super', 'crate', 'metavariable']);
const SCOPED_TYPES: ReadonlySet<string> = new Set(['scoped_identifier', 'scoped_type_identifier']);

/** Whether `node` has a type the resolver can answer for: any other node (a method call's callee, a generic path) resolves to null. */
export function mayResolve(node: SyntaxNode): boolean {
  return SEGMENT_TYPES.has(node.type) || SCOPED_TYPES.has(node.type);
}

/** The leftmost segment of a path node; null for `::a::b` (no segment names the crate) or a node that is no path. */
function firstSegment(node: SyntaxNode): SyntaxNode | null {
  let n = node;
  while (SCOPED_TYPES.has(n.type)) {
    const p = field(n, 'path');
    if (!p) return null;
    n = p;
  }
  return SEGMENT_TYPES.has(n.type) ? n : null;
}

/** Flatten `a::b::c` into its segment nodes; a leading `::` becomes an `empty_root` marker. */
function pathNodes(node: SyntaxNode, out: SyntaxNode[]): boolean {
  if (SEGMENT_TYPES.has(node.type)) {
    out.push(node);
    return true;
  }
  if (!SCOPED_TYPES.has(node.type)) return false; // generic and qualified (`<T as X>::`) paths are not resolved
  const p = field(node, 'path');
  const name = field(node, 'name');
  if (!name) return false;
  if (p) {
    if (!pathNodes(p, out)) return false;
  } else {
    out.push({ ...name, type: 'empty_root', children: [] });
  }
  out.push(name);
  return true;
}

function isModuleScope(n: SyntaxNode): boolean {
  return n.type === 'source_file' || (n.type === 'declaration_list' && n.parent?.type === 'mod_item');
}

function isScope(n: SyntaxNode): boolean {
  return n.type === 'block' || isModuleScope(n);
}

function innermostScope(n: SyntaxNode): SyntaxNode | null {
  for (let p = n.parent; p; p = p.parent) if (isScope(p)) return p;
  return null;
}

function outerScope(scope: SyntaxNode): SyntaxNode | null {
  return innermostScope(scope);
}

/** Lookups from a `use` start in the scope that holds it; from any other node, in the innermost enclosing scope. */
function scopeChainStart(at: SyntaxNode): SyntaxNode | null {
  return isScope(at) ? at : innermostScope(at);
}

function ownModule(n: SyntaxNode): SyntaxNode {
  return isModuleScope(n) ? n : moduleScope(n);
}

/** The module enclosing `n` (for a module scope node, its parent module). */
function moduleScope(n: SyntaxNode): SyntaxNode {
  let last = n;
  for (let p = n.parent; p; p = p.parent) {
    if (isModuleScope(p)) return p;
    last = p;
  }
  return last;
}

function collectBindings(scope: SyntaxNode, source: string): ScopeBindings {
  const names = new Map<string, Binding>();
  const globs: SyntaxNode[][] = [];
  for (const child of scope.children) {
    if (child.type === 'use_declaration') {
      const arg = field(child, 'argument');
      if (arg) collectUse(arg, [], scope, names, globs, source);
    } else if (child.type === 'extern_crate_declaration') {
      const name = field(child, 'name');
      const alias = field(child, 'alias');
      if (name && alias) names.set(source.slice(alias.start, alias.end), { kind: 'import', target: [name], scope });
    } else if (ITEM_TYPES.has(child.type)) {
      const name = field(child, 'name');
      if (name) names.set(source.slice(name.start, name.end), { kind: 'item', node: child });
    }
  }
  return { names, globs };
}

function collectUse(
  node: SyntaxNode,
  prefix: SyntaxNode[],
  scope: SyntaxNode,
  names: Map<string, Binding>,
  globs: SyntaxNode[][],
  source: string,
): void {
  const text = (n: SyntaxNode) => source.slice(n.start, n.end);
  switch (node.type) {
    case 'identifier':
    case 'scoped_identifier':
    case 'crate':
    case 'super': {
      const segs: SyntaxNode[] = [];
      if (!pathNodes(node, segs)) return;
      const full = [...prefix, ...segs];
      names.set(text(segs[segs.length - 1]), { kind: 'import', target: full, scope, clause: node });
      return;
    }
    case 'self': // `use std::fs::{self}` binds `fs`
      if (prefix.length) names.set(text(prefix[prefix.length - 1]), { kind: 'import', target: prefix, scope, clause: node });
      return;
    case 'use_as_clause': {
      const p = field(node, 'path');
      const alias = field(node, 'alias');
      if (!p || !alias) return;
      const segs: SyntaxNode[] = [];
      if (p.type !== 'self' && !pathNodes(p, segs)) return;
      if (text(alias) !== '_') names.set(text(alias), { kind: 'import', target: [...prefix, ...segs], scope, clause: node });
      return;
    }
    case 'use_wildcard': {
      const inner = node.children.find((c) => c.named);
      const segs: SyntaxNode[] = [];
      if (inner && !pathNodes(inner, segs)) return;
      globs.push([...prefix, ...segs]);
      return;
    }
    case 'scoped_use_list': {
      const p = field(node, 'path');
      const list = field(node, 'list');
      const segs: SyntaxNode[] = [];
      if (p && !pathNodes(p, segs)) return;
      if (list) collectUse(list, [...prefix, ...segs], scope, names, globs, source);
      return;
    }
    case 'use_list':
      for (const c of node.children) if (c.named) collectUse(c, prefix, scope, names, globs, source);
      return;
  }
}
