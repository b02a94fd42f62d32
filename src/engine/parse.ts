import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/**
 * A plain-JS mirror of a tree-sitter node. Analyses walk parents and
 * siblings constantly; crossing into wasm for each step is slow and gives a
 * new wrapper object per access, so we copy the tree once per parse.
 * Offsets are UTF-16 code units, the same unit JS strings and magic-string use.
 */
export interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  named: boolean;
  /** Field name under the parent (`name`, `body`, ...), if any. */
  field: string | null;
  parent: SyntaxNode | null;
  children: SyntaxNode[];
  /** Zero-width node the parser inserted to recover from an error. */
  missing: boolean;
}

export interface ParsedFile {
  root: SyntaxNode;
  /** ERROR and MISSING nodes: the engine refuses fixes that raise this. */
  errorCount: number;
}

let parser: Parser | null = null;

/** Loads the wasm runtime and the bundled tree-sitter-rust grammar once. */
export async function initParser(): Promise<void> {
  if (parser) return;
  await Parser.init();
  const require = createRequire(import.meta.url);
  const grammarDir = path.dirname(require.resolve('tree-sitter-rust/package.json'));
  const language = await Language.load(path.join(grammarDir, 'tree-sitter-rust.wasm'));
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

export function parseRust(text: string): ParsedFile {
  if (!parser) throw new Error('internal: initParser() must be awaited before parsing');
  // The grammar has no notion of a byte-order mark; a space has the same
  // length, so offsets into the real text stay valid.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return mirror(tree.rootNode.walk());
  } finally {
    tree.delete();
  }
}

type Cursor = ReturnType<import('web-tree-sitter').Node['walk']>;

function mirror(cursor: Cursor): ParsedFile {
  let errorCount = 0;
  const make = (parent: SyntaxNode | null): SyntaxNode => {
    const node: SyntaxNode = {
      type: cursor.nodeType,
      start: cursor.startIndex,
      end: cursor.endIndex,
      named: cursor.nodeIsNamed,
      field: cursor.currentFieldName,
      parent,
      children: [],
      missing: cursor.nodeIsMissing,
    };
    if (node.type === 'ERROR' || node.missing) errorCount++;
    parent?.children.push(node);
    return node;
  };
  const root = make(null);
  // Iterative walk: a 10,000-level nesting must not overflow the JS stack.
  let current = root;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      current = make(current);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return { root, errorCount };
      }
      current = current.parent!;
    }
    current = make(current.parent);
  }
}
