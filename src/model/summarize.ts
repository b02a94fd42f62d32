import type { SyntaxNode } from '../engine/parse.js';
import { namesFeature, parsePredicate, requiresTest, type CfgPredicate } from '../analysis/cfg.js';
import { field, namedChildren, precedingAttributes } from '../analysis/syntax.js';
import { itemMacroStatics } from './item-macros.js';
import { entryRuntime } from '../analysis/entry.js';
import type { CallContext, CallRef, FileSummary, FnRuns, FnSummary, ImplSummary, LocalEffects, LockUse, LooseCall, ModuleSummary, ReceiverRef, StaticUse, TypeRef } from './summary-types.js';
import { pathSegments, typeRef } from './type-ref.js';
import { MUTATING_METHODS } from './shared-state.js';

/**
 * Phase 1: one file's declarations (items and their types, `use`s, `mod`
 * declarations, impls and their methods, what each fn calls). Pure: the
 * file's path plays no part, so a summary can be cached by content hash.
 */
export function summarizeFile(root: SyntaxNode, text: string): FileSummary {
  const modules: ModuleSummary[] = [];
  collectModule(root, [], { testOnly: false }, text, new LineIndex(text), modules);
  return { modules };
}

/** `outer`: what the module's parent and the `#[cfg]`s on its `mod` item say about tests. */
function collectModule(scope: SyntaxNode, path: string[], outer: ModuleCfg, text: string, lines: LineIndex, out: ModuleSummary[]): void {
  const src = (n: SyntaxNode) => text.slice(n.start, n.end);
  // `#![cfg(..)]` at the top of the file (or of the module's braces) says it for the whole module.
  const { testOnly, cfg } = bothCfg(outer, cfgOf(scope.children.filter((c) => c.type === 'inner_attribute_item'), src));
  const module: ModuleSummary = { path, testOnly, ...(cfg ? { cfg } : {}), items: [], uses: [], globs: [], modDecls: [], impls: [] };
  out.push(module);
  collectItems(scope, module, text, lines, out);
}

/** The items of `scope` into `module`; those of an item-level macro whose body parsed as items (`cfg_rt! { .. }`) are the module's too. */
function collectItems(scope: SyntaxNode, module: ModuleSummary, text: string, lines: LineIndex, out: ModuleSummary[]): void {
  const src = (n: SyntaxNode) => text.slice(n.start, n.end);
  const { path, testOnly } = module;
  let attrs: SyntaxNode[] = [];
  for (const child of scope.children) {
    if (child.type === 'attribute_item') {
      attrs.push(child);
      continue;
    }
    if (child.type === 'line_comment' || child.type === 'block_comment') continue;
    const own = attrs;
    attrs = [];
    const pub = child.children.some((c) => c.type === 'visibility_modifier');
    const name = field(child, 'name');
    const itemName = name ? src(name) : '';
    switch (child.type) {
      case 'use_declaration': {
        const arg = field(child, 'argument');
        if (arg) collectUse(arg, [], pub, module, src);
        break;
      }
      case 'function_item':
        module.items.push({ kind: 'fn', name: itemName, pub, fn: fnSummary(child, text, lines) });
        break;
      case 'struct_item':
        module.items.push({ kind: 'struct', name: itemName, pub, fields: structFields(child, src) });
        break;
      case 'enum_item':
      case 'trait_item':
      case 'union_item':
        module.items.push({ kind: child.type === 'enum_item' ? 'enum' : child.type === 'trait_item' ? 'trait' : 'union', name: itemName, pub });
        break;
      case 'static_item':
      case 'const_item': {
        const type = field(child, 'type');
        module.items.push({ kind: child.type === 'static_item' ? 'static' : 'const', name: itemName, pub, type: type ? typeRef(type, src) : null });
        break;
      }
      case 'type_item': {
        const type = field(child, 'type');
        module.items.push({ kind: 'alias', name: itemName, pub, type: type ? typeRef(type, src) : null });
        break;
      }
      case 'impl_item': {
        const impl = implSummary(child, text, lines, src);
        if (impl) module.impls.push(impl);
        break;
      }
      case 'mod_item': {
        const body = field(child, 'body');
        // The parent's own cfg stays the parent's: the module tree passes it down.
        const cfg = bothCfg({ testOnly }, cfgOf(own, src));
        if (!body) {
          module.modDecls.push({ name: itemName, pub, ...cfg, ...pathAttr(own, src) });
          break;
        }
        module.items.push({ kind: 'mod', name: itemName, pub });
        collectModule(body, [...path, itemName], cfg, text, lines, out);
        break;
      }
      case 'macro_invocation':
      case 'expression_statement': {
        // `lazy_static! { .. }` at item level parses as a statement wrapping the invocation.
        const invocation = child.type === 'macro_invocation' ? child : namedChildren(child)[0];
        if (invocation?.type !== 'macro_invocation') break;
        module.items.push(...itemMacroStatics(invocation, src));
        const items = invocation.children.find((c) => c.type === 'macro_body')?.children.find((c) => c.type === 'declaration_list');
        if (items) collectItems(items, module, text, lines, out);
        break;
      }
    }
  }
}

function collectUse(node: SyntaxNode, prefix: string[], pub: boolean, module: ModuleSummary, src: (n: SyntaxNode) => string): void {
  switch (node.type) {
    case 'identifier':
    case 'scoped_identifier':
    case 'crate':
    case 'super':
    case 'self': {
      const segs = pathSegments(node, src);
      if (!segs) return;
      if (node.type === 'self') {
        // `use a::b::{self}` binds `b`
        if (prefix.length) module.uses.push({ name: prefix[prefix.length - 1], path: prefix, pub });
        return;
      }
      const full = [...prefix, ...segs];
      module.uses.push({ name: full[full.length - 1], path: full, pub });
      return;
    }
    case 'use_as_clause': {
      const p = field(node, 'path');
      const alias = field(node, 'alias');
      if (!p || !alias || src(alias) === '_') return;
      const segs = p.type === 'self' ? [] : pathSegments(p, src);
      if (!segs) return;
      module.uses.push({ name: src(alias), path: [...prefix, ...segs], pub });
      return;
    }
    case 'use_wildcard': {
      const inner = node.children.find((c) => c.named);
      const segs = inner ? pathSegments(inner, src) : [];
      if (segs) module.globs.push({ path: [...prefix, ...segs], pub });
      return;
    }
    case 'scoped_use_list': {
      const p = field(node, 'path');
      const list = field(node, 'list');
      const segs = p ? pathSegments(p, src) : [];
      if (segs && list) collectUse(list, [...prefix, ...segs], pub, module, src);
      return;
    }
    case 'use_list':
      for (const c of node.children) if (c.named) collectUse(c, prefix, pub, module, src);
      return;
  }
}

function structFields(item: SyntaxNode, src: (n: SyntaxNode) => string): { name: string; type: TypeRef | null }[] {
  const body = field(item, 'body');
  if (!body) return [];
  if (body.type === 'ordered_field_declaration_list') {
    return namedChildren(body)
      .filter((c) => c.field === 'type')
      .map((t, i) => ({ name: String(i), type: typeRef(t, src) }));
  }
  const out: { name: string; type: TypeRef | null }[] = [];
  for (const f of namedChildren(body)) {
    const name = field(f, 'name');
    const type = field(f, 'type');
    if (f.type === 'field_declaration' && name) out.push({ name: src(name), type: type ? typeRef(type, src) : null });
  }
  return out;
}

function implSummary(item: SyntaxNode, text: string, lines: LineIndex, src: (n: SyntaxNode) => string): ImplSummary | null {
  const type = field(item, 'type');
  const selfType = type ? typeRef(type, src) : null;
  if (!selfType) return null;
  const trait = field(item, 'trait');
  const body = field(item, 'body');
  const methods = (body ? namedChildren(body) : []).filter((c) => c.type === 'function_item').map((f) => fnSummary(f, text, lines));
  const traitPath = trait ? pathSegments(trait.type === 'generic_type' ? (field(trait, 'type') ?? trait) : trait, src) : null;
  return { selfType, ...(traitPath ? { trait: traitPath } : {}), methods };
}

function fnSummary(fn: SyntaxNode, text: string, lines: LineIndex): FnSummary {
  const src = (n: SyntaxNode) => text.slice(n.start, n.end);
  const name = field(fn, 'name');
  const modifiers = fn.children.find((c) => c.type === 'function_modifiers');
  const params = field(fn, 'parameters');
  const selfParam = params?.children.find((c) => c.type === 'self_parameter');
  const selfText = selfParam ? src(selfParam).replace(/\s+/g, '') : null;
  const ret = field(fn, 'return_type');
  const body = field(fn, 'body');
  const named = (params ? namedChildren(params) : []).flatMap((p) => {
    const pattern = p.type === 'parameter' ? field(p, 'pattern') : undefined;
    const type = field(p, 'type');
    return pattern?.type === 'identifier' ? [{ name: src(pattern), type: type ? typeRef(type, src) : null }] : [];
  });
  const values: string[][] = [];
  const effects = body ? bodyEffects(body, src, lines, named, values) : { calls: [], opaqueAwaits: 0, methods: [], statics: [], opaqueMacros: 0, paramWrites: [], locks: [] };
  const runs = fnRuns(fn, text, values);
  return {
    name: name ? src(name) : '',
    async: !!modifiers && modifiers.children.some((c) => c.type === 'async'),
    self: selfText === null ? null : selfText.startsWith('&mut') ? 'mut' : selfText.startsWith('&') ? 'ref' : 'value',
    params: named,
    returns: ret ? typeRef(ret, src) : null,
    line: lines.line(name?.start ?? fn.start),
    effects,
    arity: (params ? namedChildren(params) : []).filter((p) => p.type === 'parameter').length,
    ...(runs ? { runs } : {}),
  };
}

/** Route attributes of web frameworks (actix-web's, Rocket's): the fn is called by the framework for each request. */
const HANDLER_ATTRIBUTE = /^#\[\s*(?:[\w:]*::)?(?:get|post|put|delete|patch|head|options|route|connect)\s*\(/;

function fnRuns(fn: SyntaxNode, text: string, values: string[][]): FnRuns | null {
  const runs: FnRuns = {};
  if (precedingAttributes(fn).some((a) => HANDLER_ATTRIBUTE.test(text.slice(a.start, a.end)))) runs.handler = true;
  const entry = entryRuntime(fn, text);
  if (entry) runs.entry = entry;
  if (values.length) runs.values = values;
  return runs.handler || runs.entry || runs.values ? runs : null;
}

/** Calls that start a task running the future they are given (not `spawn_blocking`, whose closure runs on a blocking thread). */
export const SPAWN_NAME = /^spawn(?:_local|_on|_with_handle|_pinned)?$/;
const CONCURRENT_MACROS = new Set(['select', 'select_biased', 'join', 'try_join']);
const CONCURRENT_CALLS = new Set(['join_all', 'try_join_all', 'select_all', 'select_ok']);

/**
 * Where the call `n` runs, from the calls and macros around it inside
 * `body`: in a future handed to a spawn call (`tokio::spawn(async { .. })`,
 * `set.spawn(serve(conn))`), to `block_on`, or polled beside others by
 * `select!`/`join!`/`join_all`; the innermost decides.
 */
export function callContext(n: SyntaxNode, body: SyntaxNode, src: (n: SyntaxNode) => string): CallContext | undefined {
  for (let p = n.parent, child = n; p && child !== body; child = p, p = p.parent) {
    if (p.type === 'macro_invocation') {
      const name = field(p, 'macro');
      if (name && CONCURRENT_MACROS.has(src(name).split('::').at(-1)!)) return 'concurrent';
    }
    if (p.type !== 'arguments' || p.parent?.type !== 'call_expression') continue;
    const callee = field(p.parent, 'function');
    const named = callee?.type === 'generic_function' ? field(callee, 'function') : callee;
    const last = named?.type === 'field_expression' ? field(named, 'field') : named?.type === 'scoped_identifier' ? field(named, 'name') : named;
    const word = last ? src(last) : '';
    if (SPAWN_NAME.test(word)) return 'spawned';
    if (word === 'block_on') return 'block-on';
    if (CONCURRENT_CALLS.has(word)) return 'concurrent';
  }
  return undefined;
}

const FN_NAME = /^[a-z_][a-z0-9_]*$/;

/** What a fn body does that callers may need to know, in one walk; nested fn items are summarized on their own. */
/** `values`: filled with the paths passed as call arguments that may name fns (`FnRuns.values`). */
function bodyEffects(body: SyntaxNode, src: (n: SyntaxNode) => string, lines: LineIndex, params: { name: string; type: TypeRef | null }[], values: string[][]): LocalEffects {
  const fx: LocalEffects = { calls: [], opaqueAwaits: 0, methods: [], statics: [], opaqueMacros: 0, paramWrites: [], locks: [] };
  const loose = new Map<string, LooseCall>();
  const valueKeys = new Set<string>();
  const methods = new Set<string>();
  const statics = new Set<string>();
  const paramWrites = new Set<string>();
  const stack = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'function_item' || n.type === 'impl_item' || n.type === 'mod_item') continue;
    if (n.type === 'call_expression') {
      const callee = field(n, 'function');
      const ref = callee && calleeRef(callee, src, lines.line(n.start));
      // Only calls the index can follow: a path, a method on `self`, a field of it, a typed parameter or a path chain.
      const awaited = n.parent?.type === 'await_expression';
      const context = ref ? callContext(n, body, src) : undefined;
      if (ref && (ref.kind === 'path' || followable(ref.receiver, params))) {
        if (awaited) ref.awaited = true;
        if (context) ref.context = context;
        fx.calls.push(ref);
      } else {
        if (ref?.kind === 'method') {
          const args = field(n, 'arguments');
          const call: LooseCall = { name: ref.name, args: args ? namedChildren(args).filter((c) => !c.type.endsWith('comment')).length : 0, line: ref.line, ...(context ? { context } : {}) };
          const key = `${call.name}/${call.args}/${context ?? ''}`;
          if (!loose.has(key)) loose.set(key, call);
        }
        // A method on a static is the static's use (below), not a call on some client.
        if (ref?.kind === 'method' && !(ref.receiver.kind === 'name' && STATIC_NAME.test(ref.receiver.name))) methods.add(ref.name);
        if (awaited) fx.opaqueAwaits++;
      }
      const written = ref?.kind === 'method' && MUTATING_METHODS.has(ref.name) ? placeRoot(field(callee!, 'value')) : null;
      if (written && params.some((p) => p.name === src(written))) paramWrites.add(src(written));
    } else if (n.type === 'await_expression') {
      if (n.children.find((c) => c.named)?.type !== 'call_expression') fx.opaqueAwaits++;
    } else if (n.type === 'macro_invocation') {
      const name = field(n, 'macro');
      // A body parsed as code (macro-bodies.ts) is walked like any other; only the others hide what they do.
      const parsed = n.children.some((c) => c.type === 'macro_body');
      if (!parsed && (!name || !TRANSPARENT_MACROS.has(src(name).split('::').at(-1)!))) fx.opaqueMacros++;
    } else if (n.type === 'identifier' || n.type === 'scoped_identifier' || n.type === 'generic_function') {
      // A fn passed by name (`get(handler)`, `.to(route::<T>)`) runs wherever its taker calls it.
      if (n.parent?.type === 'arguments') {
        const named = n.type === 'generic_function' ? field(n, 'function') : n;
        const path = named && pathSegments(named, src);
        const key = path?.join('::');
        if (path && key && FN_NAME.test(path.at(-1)!) && !params.some((p) => p.name === key) && !valueKeys.has(key)) {
          valueKeys.add(key);
          values.push(path);
        }
      }
      if (n.type === 'generic_function') {
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
        continue;
      }
      const use = staticUse(n, src);
      const key = use && `${use.path.join('::')} ${use.op}`;
      if (use && !statics.has(key!)) {
        statics.add(key!);
        fx.statics.push(use);
      }
      if (n.type === 'scoped_identifier') continue;
    }
    // A statement under `#[cfg(test)]` in a fn that is not is not compiled with it: its calls are not the fn's.
    let skip: SyntaxNode | null = null;
    for (let i = 0; i < n.children.length; i++) {
      const c = n.children[i];
      if (c.type === 'attribute_item' && cfgOf([c], src).testOnly) skip = n.children.slice(i + 1).find((d) => d.named && d.type !== 'attribute_item' && !d.type.endsWith('comment')) ?? null;
    }
    for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i] !== skip) stack.push(n.children[i]);
  }
  fx.methods = [...methods];
  if (loose.size) fx.loose = [...loose.values()];
  fx.paramWrites = [...paramWrites];
  fx.locks = lockUses(body, fx.calls, src, lines);
  return fx;
}

const LOCK_METHODS = new Set(['lock', 'read', 'write', 'try_lock', 'try_read', 'try_write']);

/**
 * The locks a body takes on a static or a field of `self`, each with the
 * calls made while its guard is bound by a `let` (to the end of the block,
 * or a `drop` of the guard): what the effects need to tell a lock another
 * fn holds across a blocking call.
 */
function lockUses(body: SyntaxNode, calls: CallRef[], src: (n: SyntaxNode) => string, lines: LineIndex): LockUse[] {
  const out: LockUse[] = [];
  const byLine = (from: number, to: number) => calls.flatMap((c, i) => (c.line >= from && c.line <= to ? [i] : []));
  const stack = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'function_item' || n.type === 'closure_expression' || n.type === 'async_block') continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    if (n.type !== 'call_expression') continue;
    const callee = field(n, 'function');
    const method = callee?.type === 'field_expression' ? field(callee, 'field') : undefined;
    const receiver = callee?.type === 'field_expression' ? field(callee, 'value') : undefined;
    if (!method || !receiver || !LOCK_METHODS.has(src(method))) continue;
    const target = lockTarget(receiver, src);
    if (!target) continue;
    // The guard's life: a `let` binding it lives to the end of its block (or its `drop`); a temporary, its statement.
    let stmt: SyntaxNode | null = n;
    while (stmt && stmt.type !== 'let_declaration' && stmt.type !== 'expression_statement' && stmt.parent?.type !== 'block') stmt = stmt.parent;
    const guard = stmt?.type === 'let_declaration' && field(stmt, 'pattern')?.type === 'identifier' ? src(field(stmt, 'pattern')!) : null;
    let heldOver: number[] = [];
    if (guard && stmt?.parent?.type === 'block') {
      const after = stmt.parent.children.slice(stmt.parent.children.indexOf(stmt) + 1);
      const dropped = after.find((c) => /^drop\(\s*(\w+)\s*\)/.exec(src(c).trim())?.[1] === guard);
      const end = dropped ?? after.filter((c) => c.named).at(-1);
      // Calls are summarized by line: those on the lines after the `let`, to the guard's end.
      if (end) heldOver = byLine(lines.line(stmt.end) + 1, lines.line(end.end));
    }
    out.push({ target, method: src(method), line: lines.line(n.start), heldOver });
  }
  return out;
}

/** `CACHE`, `crate::CACHE` or `self.state`, the receiver of a lock call. */
function lockTarget(receiver: SyntaxNode, src: (n: SyntaxNode) => string): LockUse['target'] | null {
  if (receiver.type === 'field_expression' && field(receiver, 'value')?.type === 'self') {
    const f = field(receiver, 'field');
    return f ? { kind: 'self-field', field: src(f) } : null;
  }
  if (receiver.type === 'identifier' || receiver.type === 'scoped_identifier') {
    const path = pathSegments(receiver, src);
    return path && STATIC_NAME.test(path.at(-1)!) ? { kind: 'static', path } : null;
  }
  return null;
}

/** The identifier a place expression starts from: `db` for `db.rows`, `db.rows[i]` or `*db`. */
function placeRoot(n: SyntaxNode | undefined): SyntaxNode | null {
  while (n && (n.type === 'field_expression' || n.type === 'index_expression' || n.type === 'unary_expression' || n.type === 'parenthesized_expression')) {
    n = n.type === 'field_expression' ? field(n, 'value') : n.children.find((c) => c.named);
  }
  return n?.type === 'identifier' ? n : null;
}

/** Macros that only format, log or assert their arguments: they call nothing the arguments do not. */
const TRANSPARENT_MACROS = new Set([
  'format', 'format_args', 'write', 'writeln', 'print', 'println', 'eprint', 'eprintln', 'panic', 'unreachable', 'todo', 'unimplemented',
  'assert', 'assert_eq', 'assert_ne', 'debug_assert', 'debug_assert_eq', 'debug_assert_ne', 'vec', 'matches', 'concat', 'stringify', 'env',
  'trace', 'debug', 'info', 'warn', 'error', 'event', 'span', 'trace_span', 'debug_span', 'info_span', 'warn_span', 'error_span', 'bail', 'anyhow', 'ensure', 'format_err',
]);

const STATIC_NAME = /^[A-Z][A-Z0-9_]*$/;

/** `CACHE.lock()` is `{ path: ["CACHE"], op: "lock" }`: a SCREAMING_CASE path used as a value (the index tells statics from consts). */
function staticUse(n: SyntaxNode, src: (n: SyntaxNode) => string): StaticUse | null {
  const parent = n.parent;
  if (!parent || parent.type === 'scoped_identifier' || n.field === 'function' || n.field === 'type' || n.field === 'pattern') return null;
  const path = pathSegments(n, src);
  if (!path || !STATIC_NAME.test(path.at(-1)!) || path.at(-1)!.length < 2) return null;
  if (parent.type === 'field_expression' && n.field === 'value' && parent.parent?.type === 'call_expression' && parent.field === 'function') {
    const method = field(parent, 'field');
    return { path, op: method ? src(method) : null };
  }
  if ((parent.type === 'assignment_expression' || parent.type === 'compound_assignment_expr') && n.field === 'left') return { path, op: '=' };
  return { path, op: null };
}

function calleeRef(callee: SyntaxNode, src: (n: SyntaxNode) => string, line: number): CallRef | null {
  const named = callee.type === 'generic_function' ? field(callee, 'function') : callee;
  if (!named) return null;
  if (named.type === 'field_expression') {
    const method = field(named, 'field');
    const value = field(named, 'value');
    if (!method || !value) return null;
    return { kind: 'method', name: src(method), receiver: receiverRef(value, src), line };
  }
  const path = pathSegments(named, src);
  return path ? { kind: 'path', path, line } : null;
}

const PRIMITIVES = new Set(['bool', 'char', 'str', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'f32', 'f64']);

function followable(r: ReceiverRef, params: { name: string; type: TypeRef | null }[]): boolean {
  if (r.kind === 'other') return false;
  if (r.kind !== 'name') return true;
  const type = params.find((p) => p.name === r.name)?.type;
  return !!type && !(type.path.length === 1 && PRIMITIVES.has(type.path[0]));
}

function receiverRef(value: SyntaxNode, src: (n: SyntaxNode) => string): ReceiverRef {
  if (value.type === 'self') return { kind: 'self' };
  if (value.type === 'identifier') return { kind: 'name', name: src(value) };
  if (value.type === 'field_expression') {
    const inner = field(value, 'value');
    const name = field(value, 'field');
    if (inner?.type === 'self' && name) return { kind: 'self-field', field: src(name) };
  }
  // `Command::new(..).arg(..).output()`: the path call the chain starts from.
  let v: SyntaxNode | undefined = value;
  while (v?.type === 'call_expression') {
    const f = field(v, 'function');
    if (f?.type === 'field_expression') {
      v = field(f, 'value');
      continue;
    }
    const path = f && pathSegments(f, src);
    return path ? { kind: 'chain', root: path } : { kind: 'other' };
  }
  return { kind: 'other' };
}

/** What cfgs say about tests: test-only for certain (`cfg(test)`), or a predicate naming features, which only the package's Cargo facts can judge. */
interface ModuleCfg {
  testOnly: boolean;
  cfg?: CfgPredicate;
}

/** Both at once: an item under both cfgs. */
function bothCfg(a: ModuleCfg, b: ModuleCfg): ModuleCfg {
  if (a.testOnly || b.testOnly) return { testOnly: true };
  const cfg = a.cfg && b.cfg ? { op: 'all' as const, args: [a.cfg, b.cfg] } : (a.cfg ?? b.cfg);
  return cfg ? { testOnly: false, cfg } : { testOnly: false };
}

/** What an item's `#[cfg(..)]`s (or a module's `#![cfg(..)]`s) say; only predicates naming features can be test-only by them. */
function cfgOf(attrs: SyntaxNode[], src: (n: SyntaxNode) => string): ModuleCfg {
  const preds: CfgPredicate[] = [];
  for (const a of attrs) {
    const inner = /^#!?\[\s*cfg\s*\((.*)\)\s*\]$/s.exec(src(a))?.[1];
    const pred = inner ? parsePredicate(inner) : null;
    if (pred) preds.push(pred);
  }
  if (preds.some((p) => requiresTest(p))) return { testOnly: true };
  const featured = preds.filter(namesFeature);
  if (featured.length === 0) return { testOnly: false };
  return { testOnly: false, cfg: featured.length === 1 ? featured[0] : { op: 'all', args: featured } };
}

function pathAttr(attrs: SyntaxNode[], src: (n: SyntaxNode) => string): { pathAttr?: string } {
  for (const a of attrs) {
    const m = /^#\[\s*path\s*=\s*"((?:[^"\\]|\\.)*)"\s*\]$/s.exec(src(a));
    if (m) return { pathAttr: m[1] };
  }
  return {};
}

/** Line numbers by binary search over line starts: one pass over the text, not one per lookup. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
