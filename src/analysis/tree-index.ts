import type { SyntaxNode } from '../engine/parse.js';

const NONE: readonly SyntaxNode[] = Object.freeze([]);

/**
 * A file's nodes by type, each list in document order (a pre-order walk, as
 * `ofType` gives them). Rules ask for calls, blocks, lets, identifiers, ...
 * of the whole file, several rules the same types: one walk groups the named
 * nodes for every such question. Anonymous tokens (`(`, `fn`, `;`) are most
 * of a tree and never asked for, so they are not kept; a question about them,
 * or about several types at once, gets a walk of its own, made once.
 */
export class TreeIndex {
  private grouped: { named: Map<string, SyntaxNode[]>; anonymousTypes: Set<string> } | null = null;
  private readonly walked = new Map<string, SyntaxNode[]>();

  constructor(private readonly root: SyntaxNode) {}

  ofType(types: readonly string[]): readonly SyntaxNode[] {
    const { named, anonymousTypes } = this.group();
    if (types.length === 1 && !anonymousTypes.has(types[0])) return named.get(types[0]) ?? NONE;
    const key = types.join(' ');
    let nodes = this.walked.get(key);
    if (!nodes) {
      const wanted = new Set(types);
      nodes = this.walk((n) => wanted.has(n.type));
      this.walked.set(key, nodes);
    }
    return nodes;
  }

  private group() {
    if (!this.grouped) {
      const named = new Map<string, SyntaxNode[]>();
      const anonymousTypes = new Set<string>();
      this.walk((n) => {
        if (!n.named) anonymousTypes.add(n.type);
        else {
          const list = named.get(n.type);
          if (list) list.push(n);
          else named.set(n.type, [n]);
        }
        return false;
      });
      this.grouped = { named, anonymousTypes };
    }
    return this.grouped;
  }

  /** Pre-order, with an explicit stack (deeply nested files are legal Rust). */
  private walk(keep: (n: SyntaxNode) => boolean): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const stack: SyntaxNode[] = [this.root];
    while (stack.length) {
      const n = stack.pop()!;
      if (keep(n)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    return out;
  }
}
