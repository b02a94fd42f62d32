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

/**
 * `node`'s index among its parent's children, -1 when it has none. Siblings
 * are in source order, so a binary search by start finds it; zero-width
 * siblings may share that start, so the node itself is looked for among them.
 * A linear `indexOf` here made asking about each of a file's items quadratic.
 */
export function indexInParent(node: SyntaxNode): number {
  const siblings = node.parent?.children ?? [];
  const first = firstIndex(siblings, (c) => c.start >= node.start);
  for (let i = first; i < siblings.length && siblings[i].start === node.start; i++) if (siblings[i] === node) return i;
  return siblings.indexOf(node); // a node that is not its parent's child (a copy) is not found either way
}

/** The first index of `sorted` whose element passes `test`, which fails on a prefix of `sorted` and passes on the rest. */
function firstIndex(sorted: readonly SyntaxNode[], test: (n: SyntaxNode) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The nodes of `sorted` (a list in document order, such as `ofType` gives) inside `node`, `node` itself included. */
export function within(sorted: readonly SyntaxNode[], node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = firstIndex(sorted, (n) => n.start >= node.start); i < sorted.length && sorted[i].start < node.end; i++) {
    if (sorted[i].end <= node.end) out.push(sorted[i]); // an ancestor starting where `node` does ends after it
  }
  return out;
}

/** The attributes (`#[...]`) written directly before an item or statement. */
export function precedingAttributes(node: SyntaxNode): SyntaxNode[] {
  const siblings = node.parent?.children ?? [];
  const out: SyntaxNode[] = [];
  for (let i = indexInParent(node) - 1; i >= 0; i--) {
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
    // Siblings' ends are in order too: skip those ending before `end`, then take the first that spans.
    const children = node.children;
    let child: SyntaxNode | undefined;
    for (let i = firstIndex(children, (c) => c.end >= end); i < children.length && children[i].start <= start; i++) {
      const c = children[i];
      if (c.end > c.start) {
        child = c;
        break;
      }
    }
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
