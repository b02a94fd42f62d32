import type { SyntaxNode } from '../engine/parse.js';
import { awaitsIn, boundNames, enclosingBody, enclosingLoop, LOOP_TYPES, mentionedNames, statementOf } from './flow.js';
import { isShadowedByLocalBinding } from './bindings.js';
import { descendants, field, namedChildren } from './syntax.js';

/**
 * The shape of a loop: what it iterates and what drives it. A loop over a
 * literal range or array runs a known number of times; one over anything else
 * runs as often as its data says, which the caller decides. A loop that awaits
 * `accept()`, `recv()`, `next()` or `tick()` is an event loop: it does one
 * round per connection, message or period, and that is its design.
 */

export type LoopDriver = 'accept' | 'recv' | 'next' | 'tick';

const DRIVER_METHODS: Record<string, LoopDriver> = {
  accept: 'accept',
  recv: 'recv',
  recv_from: 'recv',
  recv_async: 'recv',
  next: 'next',
  try_next: 'next',
  next_message: 'next',
  tick: 'tick',
};

/** Adapters that keep the number of items of what they are called on. */
const SAME_LENGTH_ADAPTERS = new Set(['iter', 'into_iter', 'iter_mut', 'copied', 'cloned', 'enumerate', 'rev']);

/**
 * How many items a literal iterable yields (`0..10`, `1..=n` with literal
 * ends, `[a, b, c]`, `&[..]`, `[x; 4]`, through `.iter()`, `.into_iter()`,
 * `.copied()`, ...), or null when its size is not written in the code.
 */
export function literalLength(expr: SyntaxNode, source: string): number | null {
  let e = expr;
  for (;;) {
    if (e.type === 'reference_expression' || e.type === 'parenthesized_expression') {
      e = field(e, 'value') ?? namedChildren(e)[0];
      continue;
    }
    if (e.type === 'call_expression') {
      const fn = field(e, 'function');
      const args = field(e, 'arguments');
      if (fn?.type === 'field_expression' && args && namedChildren(args).length === 0) {
        const name = field(fn, 'field');
        if (name && SAME_LENGTH_ADAPTERS.has(source.slice(name.start, name.end))) {
          e = field(fn, 'value')!;
          continue;
        }
      }
    }
    break;
  }
  if (e.type === 'array_expression') {
    const length = field(e, 'length');
    if (length) return integerValue(length, source);
    return namedChildren(e).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment' && c.type !== 'attribute_item').length;
  }
  if (e.type === 'range_expression') {
    const [lo, hi] = namedChildren(e);
    const from = lo ? integerValue(lo, source) : null;
    const to = hi ? integerValue(hi, source) : null;
    if (from === null || to === null) return null;
    const inclusive = source.slice(lo.end, hi.start).includes('=');
    return Math.max(0, to - from + (inclusive ? 1 : 0));
  }
  return null;
}

function integerValue(node: SyntaxNode, source: string): number | null {
  if (node.type === 'identifier') return constValue(node, source);
  if (node.type !== 'integer_literal') return null;
  const m = /^(\d[\d_]*)(?:[ui](?:8|16|32|64|128|size))?$/.exec(source.slice(node.start, node.end));
  return m ? Number(m[1].replace(/_/g, '')) : null;
}

/** `N` naming a `const N: usize = 8;` of this file (a local binding of that name hides it, so one must not exist). */
function constValue(name: SyntaxNode, source: string): number | null {
  const text = source.slice(name.start, name.end);
  if (isShadowedByLocalBinding(text, name, source)) return null;
  let root = name;
  while (root.parent) root = root.parent;
  const values = new Set<number | null>();
  for (const n of descendants(root)) {
    if (n.type !== 'const_item') continue;
    const id = field(n, 'name');
    const value = field(n, 'value');
    if (id && source.slice(id.start, id.end) === text) values.add(value ? integerValue(value, source) : null);
  }
  // Two consts of that name in different modules: which one is meant is not settled here.
  return values.size === 1 ? [...values][0] : null;
}

/** What a `for` loop iterates, or null for `while` and `loop`. */
export function iteratedExpression(loop: SyntaxNode): SyntaxNode | null {
  return loop.type === 'for_expression' ? (field(loop, 'value') ?? null) : null;
}

/**
 * The event a loop waits for each round, from the awaits in its own code
 * (condition and body, not closures or async blocks in it) and from
 * `select!`-style macros, whose branches name the futures without `.await`.
 */
export function loopDriver(loop: SyntaxNode, source: string): LoopDriver | null {
  for (const a of awaitsIn(loop)) {
    const d = awaitedMethodDriver(a, source);
    if (d) return d;
  }
  for (const n of descendants(loop)) {
    if (n.type !== 'macro_invocation' || enclosingBody(n) !== enclosingBody(loop)) continue;
    const name = source.slice(field(n, 'macro')!.start, field(n, 'macro')!.end);
    if (!/(?:^|::)(?:select|join|try_join)$/.test(name)) continue;
    const m = /\.\s*(accept|recv|recv_from|recv_async|next|try_next|next_message|tick)\s*\(/.exec(source.slice(n.start, n.end));
    if (m) return DRIVER_METHODS[m[1]];
  }
  return null;
}

function awaitedMethodDriver(awaitNode: SyntaxNode, source: string): LoopDriver | null {
  const call = namedChildren(awaitNode)[0];
  if (call?.type !== 'call_expression') return null;
  const fn = field(call, 'function');
  if (fn?.type !== 'field_expression') return null;
  const name = field(fn, 'field');
  return name ? (DRIVER_METHODS[source.slice(name.start, name.end)] ?? null) : null;
}

/** Semaphore permits: a loop that takes one before it spawns is already bounded. */
const PERMIT_METHODS = /^(?:try_)?acquire(?:_many)?(?:_owned)?$/;

/**
 * Whether a permit taken (`sem.acquire().await`, `acquire_owned`,
 * `try_acquire`, ...) in `within` before `node` bounds `node`: the permit's
 * binding is used in `node` (moved into the task), or it is not bound or not
 * used again (a guard held for the round). A permit moved into some other
 * code (another spawn) bounds that code, not `node`.
 */
export function permitAcquiredBefore(node: SyntaxNode, within: SyntaxNode, source: string): boolean {
  for (const n of descendants(within)) {
    if (n.start >= node.start) continue;
    if (n.type !== 'field_identifier' || n.parent?.type !== 'field_expression' || !PERMIT_METHODS.test(source.slice(n.start, n.end))) continue;
    const stmt = statementOf(n);
    const names = stmt ? boundNames(stmt, source) : [];
    if (names.length === 0 || names.some((name) => mentionedNames(node, source).has(name))) return true;
    const usedElsewhere = [...descendants(within)].some(
      (m) => m.type === 'identifier' && m.start >= stmt!.end && !(node.start <= m.start && m.end <= node.end) && names.includes(source.slice(m.start, m.end)),
    );
    if (!usedElsewhere) return true;
  }
  return false;
}

/**
 * The loops around `node` in its own body, innermost first, up to (not
 * including) the first event loop: rounds of an event loop are its design,
 * but a data loop inside one round still runs as often as its data says.
 */
export interface LoopNest {
  /** Data loops around the node, innermost first. */
  loops: SyntaxNode[];
  /** The event loop the nest sits in, if any. */
  driven: { loop: SyntaxNode; by: LoopDriver } | null;
  /** The outermost loop of the body around the node, event loops included. */
  outermost: SyntaxNode | null;
}

export function loopNest(node: SyntaxNode, source: string): LoopNest {
  const nest: LoopNest = { loops: [], driven: null, outermost: null };
  for (let l = enclosingLoop(node); l; l = enclosingLoop(l)) {
    nest.outermost = l;
    if (nest.driven) continue;
    const by = loopDriver(l, source);
    if (by) nest.driven = { loop: l, by };
    else nest.loops.push(l);
  }
  return nest;
}

/** The product of the literal lengths of `loops`, or null when one of them is not literal. */
export function literalIterations(loops: readonly SyntaxNode[], source: string): number | null {
  let total = 1;
  for (const l of loops) {
    const value = iteratedExpression(l);
    const n = value ? literalLength(value, source) : null;
    if (n === null) return null;
    total *= n;
  }
  return total;
}

/**
 * `ITER.map(|x| BODY).collect()` (or `.for_each(|x| BODY)`) with `node` in
 * the closure's own code: an iterator chain that runs it once per item.
 */
export interface IteratorChain {
  /** `map` or `for_each`. */
  adapter: string;
  closure: SyntaxNode;
  /** What the adapter is called on. */
  iterator: SyntaxNode;
  /** The whole chain: `ITER.map(..).collect()` or `ITER.for_each(..)`. */
  chain: SyntaxNode;
}

export function iteratorChainOf(node: SyntaxNode, source: string): IteratorChain | null {
  const closure = enclosingBody(node);
  if (closure?.type !== 'closure_expression') return null;
  const args = closure.parent;
  const call = args?.parent;
  if (args?.type !== 'arguments' || namedChildren(args).length !== 1 || call?.type !== 'call_expression') return null;
  const fn = field(call, 'function');
  if (fn?.type !== 'field_expression') return null;
  const adapter = source.slice(field(fn, 'field')!.start, field(fn, 'field')!.end);
  const iterator = field(fn, 'value')!;
  if (adapter === 'for_each') return { adapter, closure, iterator, chain: call };
  if (adapter !== 'map') return null;
  const outer = call.parent;
  if (outer?.type !== 'field_expression' || call.field !== 'value') return null;
  const next = field(outer, 'field');
  if (!next || source.slice(next.start, next.end) !== 'collect') return null;
  // `.collect()` or `.collect::<Vec<_>>()`
  let collectCall = outer.parent;
  if (collectCall?.type === 'generic_function') collectCall = collectCall.parent;
  if (collectCall?.type !== 'call_expression') return null;
  return { adapter, closure, iterator, chain: collectCall! };
}

/** Whether `node` is a loop expression (`for`, `while`, `loop`). */
export function isLoop(node: SyntaxNode): boolean {
  return LOOP_TYPES.has(node.type);
}

/** The statement of `block` that contains `node`, or null when `node` is not inside `block`'s statements. */
export function statementIn(block: SyntaxNode, node: SyntaxNode): SyntaxNode | null {
  for (let n: SyntaxNode | null = statementOf(node); n; n = n.parent ? statementOf(n.parent) : null) {
    if (n.parent === block) return n;
  }
  return null;
}
