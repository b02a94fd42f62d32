import type { Language } from 'web-tree-sitter';
import type { ParsedFile, SyntaxNode } from './parse.js';
import type { TreeReader } from './tree-reader.js';

/**
 * Copies a tree read by a `TreeReader` into `SyntaxNode`s. A large file has
 * millions of nodes, so a node is five fields: its type, field name and
 * whether it is named are one small integer, read through getters.
 */

let typeNames: readonly string[] = [];
let fieldNames: readonly (string | null)[] = [];
let namedTypeNames: ReadonlySet<string> = new Set();

/** The grammar's names for type and field ids; set once, by initParser. */
export function useGrammarNames(language: Language): void {
  // web-tree-sitter calls a type without a name (an internal one) ERROR too.
  typeNames = language.types.map((t) => t || 'ERROR');
  fieldNames = language.fields;
  namedTypeNames = new Set(['ERROR', ...language.types.filter((t, id) => t && language.nodeTypeIsNamed(id))]);
}

/**
 * Whether nodes of type `type` can be named ones. A few names are both (the
 * `block` fragment keyword of `macro_rules!` is a token named like the
 * `block` node); every other is a token's (`(`, `fn`) or a named node's.
 */
export function isNamedType(type: string): boolean {
  return namedTypeNames.has(type);
}

const NAMED = 1 << 16;
const FIELD_SHIFT = 17;

class MirrorNode implements SyntaxNode {
  constructor(
    // Writable only for macro bodies parsed apart (macro-bodies.ts), which move their nodes into the file's tree.
    public start: number,
    public end: number,
    /** Type id (16 bits), named (1 bit), field id (the rest). */
    private meta: number,
    public parent: SyntaxNode | null,
    public children: SyntaxNode[],
  ) {}

  /** Hangs this node under `parent` as its `field` (a grammar field name, or null). */
  reattach(parent: SyntaxNode, field: string | null): void {
    const id = field === null ? 0 : fieldNames.indexOf(field);
    if (id < 0) throw new Error(`internal: no grammar field ${field}`);
    this.parent = parent;
    this.meta = (this.meta & ((1 << FIELD_SHIFT) - 1)) | (id << FIELD_SHIFT);
  }

  get type(): string {
    return typeNames[this.meta & 0xffff] ?? 'ERROR';
  }

  get named(): boolean {
    return (this.meta & NAMED) !== 0;
  }

  get field(): string | null {
    return fieldNames[this.meta >>> FIELD_SHIFT] ?? null;
  }
}

const LEAF: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

/** Moves a node of one mirrored tree under a node of another (see MirrorNode.reattach). */
export function reattach(node: SyntaxNode, parent: SyntaxNode, field: string | null): void {
  if (!(node instanceof MirrorNode)) throw new Error('internal: only mirrored nodes can be reattached');
  node.reattach(parent, field);
}

export function mirror(r: TreeReader): Omit<ParsedFile, 'macros'> {
  let errorCount = 0;
  const make = (parent: MirrorNode | null): MirrorNode => {
    const start = r.start();
    const end = r.end();
    const node = new MirrorNode(start, end, r.typeId() | (r.named() ? NAMED : 0) | (r.fieldId() << FIELD_SHIFT), parent, LEAF);
    // A MISSING node is always zero-width: ask only then.
    if (node.type === 'ERROR' || (start === end && r.missing())) errorCount++;
    return node;
  };
  // Children are gathered on one stack and copied out at the exact size once
  // their parent is done: growing an array per node would waste more memory
  // than the nodes take. Iterative: a 50,000-level nesting must not overflow the JS stack.
  const pending: MirrorNode[] = [];
  const open: MirrorNode[] = [];
  const openFrom: number[] = [];
  let current = make(null);
  const root = current;
  for (;;) {
    if (r.firstChild()) {
      open.push(current);
      openFrom.push(pending.length);
      current = make(current);
      pending.push(current);
      continue;
    }
    while (!r.nextSibling()) {
      if (!r.parent()) {
        r.close();
        return { root, errorCount };
      }
      current = open.pop()!;
      const from = openFrom.pop()!;
      current.children = pending.slice(from);
      pending.length = from;
    }
    current = make(current.parent as MirrorNode | null);
    pending.push(current);
  }
}
