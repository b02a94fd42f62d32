import { isNamedType } from '../engine/mirror.js';
import type { SyntaxNode } from '../engine/parse.js';

const NONE: readonly SyntaxNode[] = Object.freeze([]);

/** Nodes of one type in document order, with each one's place in that order among all kept nodes. */
interface Bucket {
  nodes: SyntaxNode[];
  order: number[];
}

/**
 * A file's nodes by type, each list in document order (a pre-order walk, as
 * `ofType` gives them). Rules ask for calls, blocks, lets, identifiers, ...
 * of the whole file, several rules the same types: one walk serves every
 * such question. Tokens (`(`, `fn`, `;`) are most of a tree and never asked
 * for, so only nodes of types that can be named are kept (the odd token
 * named like a node type with them); a question about a token type gets a
 * walk of its own. Several types at once are merged by each node's place.
 */
export class TreeIndex {
  private buckets: Map<string, Bucket> | null = null;
  private readonly combined = new Map<string, readonly SyntaxNode[]>();

  constructor(private readonly root: SyntaxNode) {}

  ofType(types: readonly string[]): readonly SyntaxNode[] {
    const tokens = !types.every(isNamedType);
    if (types.length === 1 && !tokens) return this.bucketed().get(types[0])?.nodes ?? NONE;
    const key = types.join(' ');
    let nodes = this.combined.get(key);
    if (!nodes) {
      nodes = tokens ? tokenWalk(this.root, new Set(types)) : merge(types.flatMap((t) => this.bucketed().get(t) ?? []));
      this.combined.set(key, nodes);
    }
    return nodes;
  }

  private bucketed(): Map<string, Bucket> {
    if (!this.buckets) {
      const buckets = new Map<string, Bucket>();
      let place = 0;
      const stack: SyntaxNode[] = [this.root];
      while (stack.length) {
        const n = stack.pop()!;
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
        if (!n.named && !isNamedType(n.type)) continue;
        const bucket = buckets.get(n.type);
        if (bucket) {
          bucket.nodes.push(n);
          bucket.order.push(place++);
        } else buckets.set(n.type, { nodes: [n], order: [place++] });
      }
      this.buckets = buckets;
    }
    return this.buckets;
  }
}

/** The buckets' nodes in one list, in document order. */
function merge(buckets: Bucket[]): SyntaxNode[] {
  if (buckets.length === 1) return buckets[0].nodes;
  const out: SyntaxNode[] = [];
  const next = buckets.map(() => 0);
  for (;;) {
    let best = -1;
    for (let b = 0; b < buckets.length; b++) {
      if (next[b] < buckets[b].order.length && (best < 0 || buckets[b].order[next[b]] < buckets[best].order[next[best]])) best = b;
    }
    if (best < 0) return out;
    out.push(buckets[best].nodes[next[best]++]);
  }
}

/** Every node of `types` in pre-order, tokens included, with an explicit stack (deeply nested files are legal Rust). */
function tokenWalk(root: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (types.has(n.type)) out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
