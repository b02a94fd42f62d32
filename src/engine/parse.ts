import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { BindingReader, CursorReader, isCompleteBinding, type TreeReader, type WasmBinding } from './tree-reader.js';

/**
 * A plain-JS mirror of a tree-sitter node. Analyses walk parents and
 * siblings constantly; crossing into wasm for each step is slow and gives a
 * new wrapper object per access, so we copy the tree once per parse.
 * Offsets are UTF-16 code units, the same unit JS strings and magic-string use.
 * A large file has millions of nodes, so a node holds only what analyses read.
 */
export interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  named: boolean;
  /** Field name under the parent (`name`, `body`, ...), if any. */
  field: string | null;
  parent: SyntaxNode | null;
  /** Read-only: leaves share one frozen empty array. */
  children: SyntaxNode[];
}

export interface ParsedFile {
  root: SyntaxNode;
  /** ERROR and MISSING nodes: the engine refuses fixes that raise this. */
  errorCount: number;
}

let parser: Parser | null = null;
let language: Language | null = null;
/** Filled in by web-tree-sitter with the wasm exports (see tree-reader.ts). */
const binding: WasmBinding = {};

/** Loads the wasm runtime and the bundled tree-sitter-rust grammar once. */
export async function initParser(): Promise<void> {
  if (parser) return;
  await Parser.init(binding);
  const require = createRequire(import.meta.url);
  const grammarDir = path.dirname(require.resolve('tree-sitter-rust/package.json'));
  language = await Language.load(path.join(grammarDir, 'tree-sitter-rust.wasm'));
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

/** `direct: false` reads the tree through the public cursor only (for the test comparing both readers). */
export function parseRust(text: string, { direct = true }: { direct?: boolean } = {}): ParsedFile {
  if (!parser || !language) throw new Error('internal: initParser() must be awaited before parsing');
  // The grammar has no notion of a byte-order mark; a space has the same
  // length, so offsets into the real text stay valid.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return mirror(reader(tree, direct), language);
  } finally {
    tree.delete();
  }
}

function reader(tree: Tree, direct: boolean): TreeReader {
  return direct && isCompleteBinding(binding) ? new BindingReader(tree, binding) : new CursorReader(tree);
}

const LEAF: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

function mirror(r: TreeReader, lang: Language): ParsedFile {
  const { types, fields } = lang;
  let errorCount = 0;
  const make = (parent: SyntaxNode | null): SyntaxNode => {
    const start = r.start();
    const end = r.end();
    const node: SyntaxNode = { type: types[r.typeId()] || 'ERROR', start, end, named: r.named(), field: fields[r.fieldId()], parent, children: LEAF };
    // A MISSING node is always zero-width: ask only then.
    if (node.type === 'ERROR' || (start === end && r.missing())) errorCount++;
    return node;
  };
  // Children are gathered on one stack and copied out at the exact size once
  // their parent is done: growing an array per node would waste more memory
  // than the nodes take. Iterative: a 50,000-level nesting must not overflow the JS stack.
  const pending: SyntaxNode[] = [];
  const open: SyntaxNode[] = [];
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
    current = make(current.parent);
    pending.push(current);
  }
}
