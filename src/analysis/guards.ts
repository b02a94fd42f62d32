import type { SyntaxNode } from '../engine/parse.js';
import type { Edit } from '../rule.js';
import { boundIdentifier } from './bindings.js';
import type { FileAnalysis } from './file-analysis.js';
import { awaitingMacros, awaitsIn, boundNames, mentionedNames, statementsOf } from './flow.js';
import type { SourceText } from './source.js';
import { descendants, field, namedChildren } from './syntax.js';

/**
 * Which values stay alive across an `.await` of the same future: a lock or
 * `RefCell` guard, an `Rc`. Rust drops a `let` binding at the end of its
 * block (or at `drop(x)`), and a temporary at the end of the statement that
 * creates it; a `match`, `if let` or `while let` scrutinee's temporaries live
 * through the arms and body, a plain `if`/`while` condition's do not. A value
 * alive at an await is stored in the future: it blocks others for as long as
 * the task is suspended, and makes the future `!Send` when the value is.
 */

export interface HeldAcrossAwait {
  /** The first await (in evaluation order) the value is alive across. */
  await: SyntaxNode;
  /** The `let` that binds the value, or null for a temporary. */
  binding: { stmt: SyntaxNode; name: string } | null;
  /** Whether the binding is mentioned at or after that await (always true for a temporary). */
  usedAfterAwait: boolean;
  /** Edits that end the binding's life before the await (a block around it and its uses), or why there are none. */
  scopeFix: { edits: Edit[] } | { reason: string };
}

/** Methods that pass a lock result's guard through: `m.lock().unwrap()`, `.expect(..)`, `.unwrap_or_else(PoisonError::into_inner)`. */
const PASS_THROUGH = new Set(['unwrap', 'expect', 'unwrap_or_else']);

/** The expression whose value is the guard `acquire` (`m.lock()`) produces: `m.lock().unwrap()`, `m.lock()?`. */
export function guardValue(acquire: SyntaxNode, source: SourceText): SyntaxNode {
  let v = acquire;
  for (;;) {
    const p = v.parent;
    if (!p) return v;
    if (p.type === 'try_expression' || p.type === 'parenthesized_expression') {
      v = p;
      continue;
    }
    const call = p.parent;
    const method = field(p, 'field');
    if (p.type === 'field_expression' && v.field === 'value' && call?.type === 'call_expression' && method && PASS_THROUGH.has(source.of(method))) {
      v = call;
      continue;
    }
    return v;
  }
}

/** Whether the value of `value` is alive across an await of the same future, and how. */
export function heldAcrossAwait(value: SyntaxNode, source: SourceText): HeldAcrossAwait | null {
  const stmt = value.parent;
  if (stmt?.type === 'let_declaration' && value.field === 'value' && stmt.parent?.type === 'block') {
    const name = boundIdentifier(stmt, source.text);
    if (name) return heldBinding(stmt, name, stmt.parent, source);
  }
  return heldTemporary(value, source);
}

function heldBinding(stmt: SyntaxNode, name: string, block: SyntaxNode, source: SourceText): HeldAcrossAwait | null {
  const stmts = statementsOf(block);
  const after = stmts.slice(stmts.indexOf(stmt) + 1);
  for (let i = 0; i < after.length; i++) {
    const s = after[i];
    if (isDropOf(s, name, source)) return null;
    const awaits = firstAwait(s, source);
    if (!awaits) continue;
    const rest = after.slice(i);
    const usedAfterAwait = rest.some((r) => mentionedNames(r, source.text).has(name));
    const moved = [stmt, ...after.slice(0, i)];
    return {
      await: awaits,
      binding: { stmt, name },
      usedAfterAwait,
      scopeFix: usedAfterAwait
        ? { reason: `\`${name}\` is used after the await` }
        : name.startsWith('_')
          ? { reason: `\`${name}\` is named to be held for its scope, so the await may be meant to run under it` }
          : scopeInBlock(moved, rest, name, source),
    };
  }
  return null;
}

/** `{ let g = ..; uses.. }`: the statements that hold the value, re-indented into their own block. */
function scopeInBlock(moved: SyntaxNode[], rest: SyntaxNode[], name: string, source: SourceText): { edits: Edit[] } | { reason: string } {
  const later = new Set<string>();
  for (const r of rest) for (const n of mentionedNames(r, source.text)) later.add(n);
  const bound = moved.slice(1).flatMap((s) => boundNames(s, source.text));
  const escaping = bound.filter((n) => n !== name && later.has(n));
  if (escaping.length) {
    return { reason: `\`${escaping[0]}\` is declared while the guard is held and used after the await; move its use before the await or restructure` };
  }
  // `let _enter = span.enter();` lives for its scope on purpose: a block would end it early.
  const held = bound.find((n) => n.startsWith('_') && n !== '_');
  if (held) return { reason: `\`${held}\` is declared while the guard is held and kept to the end of the scope` };
  const text = source.text;
  const first = moved[0];
  const last = moved[moved.length - 1];
  const eol = source.eol;
  const indent = source.indentAt(first.start);
  const unit = /\t/.test(indent) ? '\t' : '    ';
  // Keep a comment that ends the last line inside the block with its statement.
  const trailing = /^[ \t]*\/\/[^\r\n]*/.exec(text.slice(last.end));
  const end = last.end + (trailing ? trailing[0].length : 0);
  const edits: Edit[] = [{ start: first.start, end: first.start, text: `{${eol}${indent}${unit}` }];
  if (!spansMultilineLiteral(moved, source)) {
    for (let i = text.indexOf('\n', first.start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
      const next = text.indexOf('\n', i + 1);
      const line = text.slice(i + 1, next < 0 ? text.length : next);
      if (!/^[ \t]*\r?$/.test(line)) edits.push({ start: i + 1, end: i + 1, text: unit }); // no trailing whitespace on blank lines
    }
  }
  edits.push({ start: end, end, text: `${eol}${indent}}` });
  return { edits };
}

/** Re-indenting would change a string literal (or block comment) that spans lines. */
function spansMultilineLiteral(nodes: SyntaxNode[], source: SourceText): boolean {
  const literal = new Set(['string_literal', 'raw_string_literal', 'block_comment']);
  return nodes.some((s) => [...descendants(s)].some((n) => literal.has(n.type) && source.of(n).includes('\n')));
}

/** `drop(g);` as a statement of the guard's block. */
function isDropOf(stmt: SyntaxNode, name: string, source: SourceText): boolean {
  const call = stmt.type === 'expression_statement' ? namedChildren(stmt)[0] : stmt;
  if (call?.type !== 'call_expression') return false;
  const callee = field(call, 'function');
  const args = namedChildren(field(call, 'arguments') ?? call);
  return !!callee && /^(?:(?:::)?std::mem::)?drop$/.test(source.of(callee)) && args.length === 1 && source.of(args[0]) === name;
}

/** Await points of this future in `node` (an `.await`, or a macro call with one in its tokens), optionally only those completing after `after`. */
function awaitPoints(node: SyntaxNode, source: SourceText, after = -1): SyntaxNode[] {
  return [...awaitsIn(node), ...awaitingMacros(node, source.text)].filter((a) => a.end > after);
}

/** The await point in `node` that completes first. */
function firstAwait(node: SyntaxNode, source: SourceText, after = -1): SyntaxNode | null {
  const all = awaitPoints(node, source, after);
  return all.length ? all.reduce((a, b) => (b.end < a.end ? b : a)) : null;
}

/**
 * A temporary lives until the end of its statement, except where Rust's
 * reference gives it a smaller temporary scope: a plain `if` or `while`
 * condition (dropped once the condition is evaluated), a match arm's
 * expression (dropped when the arm ends), each operand of `&&`/`||`.
 * It is held across an await that completes after it is created in that range.
 */
function heldTemporary(value: SyntaxNode, source: SourceText): HeldAcrossAwait | null {
  let scope = value;
  for (let n: SyntaxNode | null = value; n?.parent; n = n.parent) {
    scope = n;
    const p: SyntaxNode = n.parent;
    if (n.field === 'condition' && (p.type === 'if_expression' || p.type === 'while_expression') && n.type !== 'let_condition') break;
    if (n.field === 'value' && p.type === 'match_arm') break;
    if ((n.field === 'left' || n.field === 'right') && p.type === 'binary_expression' && p.children.some((c) => c.type === '&&' || c.type === '||')) break;
    if (p.type === 'block' || p.type === 'closure_expression' || p.type === 'async_block' || p.type === 'function_item') break;
    if (p.type === 'let_declaration' || p.type === 'expression_statement') {
      scope = p;
      break;
    }
  }
  const first = firstAwait(scope, source, value.end);
  if (!first) return null;
  return { await: first, binding: null, usedAfterAwait: true, scopeFix: { reason: 'the guard is a temporary of a statement that awaits' } };
}

export interface HeldGuard {
  /** `m.lock()` */
  acquire: SyntaxNode;
  /** `m` */
  receiver: SyntaxNode;
  /** What holds the guard: `m.lock().unwrap()`. */
  value: SyntaxNode;
  held: HeldAcrossAwait;
}

/**
 * Argument-less method calls named in `methods` (`lock`, `borrow_mut`) in
 * async code, not themselves awaited, that `accept` takes for a guard, and
 * whose guard is alive across an await.
 */
export function guardsHeldAcrossAwait(
  file: FileAnalysis,
  methods: ReadonlySet<string>,
  accept: (receiver: SyntaxNode, acquire: SyntaxNode, method: string) => boolean,
): HeldGuard[] {
  const out: HeldGuard[] = [];
  for (const acquire of file.nodesOfType('call_expression')) {
    const f = field(acquire, 'function');
    const method = f?.type === 'field_expression' ? field(f, 'field') : undefined;
    const receiver = f && field(f, 'value');
    const args = namedChildren(field(acquire, 'arguments') ?? acquire);
    if (!method || !receiver || args.length || !methods.has(file.text(method))) continue;
    if (acquire.parent?.type === 'await_expression' || !file.inAsyncContext(acquire)) continue;
    if (!accept(receiver, acquire, file.text(method))) continue;
    const value = guardValue(acquire, file.source);
    const held = heldAcrossAwait(value, file.source);
    if (held) out.push({ acquire, receiver, value, held });
  }
  return out;
}

/** Whether `acquire` is immediately unwrapped (`m.lock().unwrap()`): a sync lock returning a `LockResult`. */
export function isUnwrapped(acquire: SyntaxNode, source: SourceText): boolean {
  return guardValue(acquire, source) !== acquire;
}

/**
 * How a message names the await point a value is held across: "the `.await`
 * on line N" (the line of the `.await` itself, not of the statement's first
 * line), or "the `select!` on line N" for a macro that awaits what it is given.
 */
export function awaitPointLabel(point: SyntaxNode, source: SourceText): string {
  if (point.type === 'macro_invocation') {
    const name = point.children.find((c) => c.field === 'macro');
    const text = name ? source.text.slice(name.start, name.end).split('::').at(-1)!.trim() : 'macro';
    return `the \`${text}!\` on line ${source.position(point.start).line}`;
  }
  const keyword = [...point.children].reverse().find((c) => c.type === 'await') ?? point;
  return `the \`.await\` on line ${source.position(keyword.start).line}`;
}
