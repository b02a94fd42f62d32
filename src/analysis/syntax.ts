import type { SyntaxNode } from '../engine/parse.js';

/** Small, allocation-light helpers over the mirrored syntax tree. */

export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((c) => c.field === name);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.named);
}

export function hasToken(node: SyntaxNode, token: string): boolean {
  return node.children.some((c) => !c.named && c.type === token);
}

export function* ancestors(node: SyntaxNode): Generator<SyntaxNode> {
  for (let n = node.parent; n; n = n.parent) yield n;
}

/** Pre-order walk with an explicit stack (deeply nested files are legal Rust). */
export function* descendants(root: SyntaxNode): Generator<SyntaxNode> {
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

export function ofType(root: SyntaxNode, ...types: string[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const n of descendants(root)) if (types.includes(n.type)) out.push(n);
  return out;
}

export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The attributes (`#[...]`) written directly before an item or statement. */
export function precedingAttributes(node: SyntaxNode): SyntaxNode[] {
  const siblings = node.parent?.children ?? [];
  const out: SyntaxNode[] = [];
  for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
    const s = siblings[i];
    if (s.type === 'attribute_item') out.unshift(s);
    else if (s.type !== 'line_comment' && s.type !== 'block_comment') break;
  }
  return out;
}

export function isComment(node: SyntaxNode): boolean {
  return node.type === 'line_comment' || node.type === 'block_comment';
}

/** The innermost node spanning `start..end`. */
export function innermostSpanning(root: SyntaxNode, start: number, end: number): SyntaxNode {
  let node = root;
  for (;;) {
    const child = node.children.find((c) => c.start <= start && end <= c.end && c.end > c.start);
    if (!child) return node;
    node = child;
  }
}

/** Node types a path (or one of its segments) can have: `x`, `T`, `a::b`, `a::B`. */
export const PATH_NODE_TYPES: ReadonlySet<string> = new Set(['identifier', 'type_identifier', 'scoped_identifier', 'scoped_type_identifier']);

/** A call's arguments, comments left out. */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  return namedChildren(field(call, 'arguments') ?? call).filter((a) => !isComment(a));
}

/** The name a callee or macro path ends in: `spawn_local` in `set.spawn_local`, `info` in `tracing::info`. */
export function lastSegment(path: SyntaxNode): SyntaxNode {
  return field(path, 'field') ?? field(path, 'name') ?? path;
}
