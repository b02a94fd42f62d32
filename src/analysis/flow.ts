import type { SyntaxNode } from '../engine/parse.js';
import { patternNames } from './bindings.js';
import { field, hasToken } from './syntax.js';

/**
 * Control- and data-flow questions the rules share: which awaits belong to
 * a future, which loop or function a node sits in, what a statement binds,
 * and where a name is used. Answers are syntactic and conservative: when a
 * question cannot be settled from the tree, the answer is the one that makes
 * a fix less likely (a name counts as used if it appears in a macro's tokens).
 */

/** Nodes that start a new body of code: their awaits and returns are not the enclosing code's. */
const BODY_BOUNDARIES = new Set(['closure_expression', 'async_block', 'function_item', 'const_item', 'static_item']);

const AWAITING_MACRO = /^(?:[\w:]*::)?(?:select|select_biased|join|try_join)\s*!|\.\s*await\b/;

export const LOOP_TYPES = new Set(['for_expression', 'while_expression', 'loop_expression']);

/** `.await`s evaluated by the code of `node` itself, not by closures, async blocks or fns nested in it. */
export function awaitsIn(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== node && BODY_BOUNDARIES.has(n.type)) continue;
    if (n.type === 'await_expression') out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/**
 * Macro calls in the code of `node` itself that await: their tokens contain
 * `.await` (`assert_ok!(x.await)`, in a body that did not parse), or they
 * are `select!`/`join!`, which await the futures they are given without an
 * `.await` in sight.
 */
export function awaitingMacros(node: SyntaxNode, source: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== node && BODY_BOUNDARIES.has(n.type)) continue;
    if (n.type === 'macro_invocation') {
      if (AWAITING_MACRO.test(source.slice(n.start, n.end))) out.push(n);
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}

/** The closure, async block or fn whose code `node` is part of. */
export function enclosingBody(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (BODY_BOUNDARIES.has(n.type)) return n;
  return null;
}

/** The innermost loop around `node` in the same body, or null. */
export function enclosingLoop(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (BODY_BOUNDARIES.has(n.type)) return null;
    if (LOOP_TYPES.has(n.type) && !isLoopHeader(node, n)) return n;
  }
  return null;
}

/** True when `node` is in the loop's header (`for x in HEADER`, `while COND`) rather than its body. */
function isLoopHeader(node: SyntaxNode, loop: SyntaxNode): boolean {
  const body = field(loop, 'body');
  return !!body && !(body.start <= node.start && node.end <= body.end);
}

/** `'outer` for `'outer: loop { .. }`, or null. */
export function loopLabel(loop: SyntaxNode, source: string): string | null {
  const label = loop.children.find((c) => c.type === 'label');
  return label ? source.slice(label.start, label.end) : null;
}

/** The return type written on the fn or closure owning `node` (`Result<(), io::Error>`), or null when it returns `()`. */
export function returnTypeOf(node: SyntaxNode, source: string): { owner: SyntaxNode; text: string | null } | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_item' || n.type === 'closure_expression') {
      const t = field(n, 'return_type');
      return { owner: n, text: t ? source.slice(t.start, t.end) : null };
    }
    if (n.type === 'async_block') return null; // an async block's output type is inferred: unknown
  }
  return null;
}

/** The statement directly inside a block that contains `node` (the node itself may be one). */
export function statementOf(node: SyntaxNode): SyntaxNode | null {
  for (let n: SyntaxNode | null = node; n?.parent; n = n.parent) {
    if (n.parent.type === 'block') return n;
    if (BODY_BOUNDARIES.has(n.parent.type)) return null;
  }
  return null;
}

/** The statements of a block, without braces, comments and attributes. */
export function statementsOf(block: SyntaxNode): SyntaxNode[] {
  return block.children.filter((c) => c.named && c.type !== 'line_comment' && c.type !== 'block_comment' && c.type !== 'attribute_item');
}

/** The names a `let` statement binds (`let (a, mut b) = ..` binds a and b). */
export function boundNames(stmt: SyntaxNode, source: string): string[] {
  return stmt.type === 'let_declaration' ? patternNames(field(stmt, 'pattern'), source) : [];
}

/**
 * Every identifier `node` may refer to: variables in expressions and, since
 * a macro's tokens can expand to anything, every identifier token inside a
 * macro call. Field names (`x.name`) and path segments after `::` are not
 * variables and are left out.
 */
export function mentionedNames(node: SyntaxNode, source: string): Set<string> {
  const out = new Set<string>();
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.field !== 'name' && n.field !== 'field') {
      const p = n.parent;
      const isPathTail = p?.type === 'scoped_identifier' && n.field !== 'path';
      if (!isPathTail) out.add(source.slice(n.start, n.end));
    } else if (n.type === 'self') {
      out.add('self');
    } else if (n.type === 'string_literal' && n.parent?.type === 'token_tree') {
      for (const name of formatCaptures(source.slice(n.start, n.end))) out.add(name);
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}

/** Names a format string in a macro captures implicitly: `format!("{name}")`, `"{name:?}"` (not `{{escaped}}`). */
export function formatCaptures(literal: string): string[] {
  return [...literal.replace(/\{\{/g, '').matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\s*[:}]/g)].map((m) => m[1]);
}

/** Whether any statement of `block` after `stmt` mentions `name` (conservatively: shadowing is ignored). */
export function usedAfter(name: string, stmt: SyntaxNode, block: SyntaxNode, source: string): boolean {
  const i = block.children.indexOf(stmt);
  return block.children.slice(i + 1).some((s) => mentionedNames(s, source).has(name));
}

/** An `async move {}` block or `async` closure (captures by value) versus a borrowing one. */
export function isMoveBody(body: SyntaxNode): boolean {
  return hasToken(body, 'move');
}

/** Nodes evaluated by `node`'s own code, not by closures, async blocks or fns nested in it. */
export function ownNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== node && (n.type === 'closure_expression' || n.type === 'async_block' || n.type === 'function_item')) continue;
    out.push(n);
    for (const c of n.children) stack.push(c);
  }
  return out;
}
