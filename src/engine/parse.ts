import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { flatBytes, flatten, FlatReader, NODE_BYTES, trimmed, type FlatTree } from './flat-tree.js';
import { expandMacroBodies, type MacroExpansion } from './macro-bodies.js';
import { mirror, useGrammarNames } from './mirror.js';
import { parseInWorker } from './parse-in-worker.js';
import { BindingReader, CursorReader, isCompleteBinding, type TreeReader, type WasmBinding } from './tree-reader.js';

/**
 * A plain-JS mirror of a tree-sitter node (built in mirror.ts). Analyses walk
 * parents and siblings constantly; crossing into wasm for each step is slow
 * and gives a new wrapper object per access, so we copy the tree once per
 * parse. Offsets are UTF-16 code units, the same unit JS strings and
 * magic-string use.
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
  /** Macro bodies parsed as code, where fixes may edit (macro-bodies.ts); the engine refuses fixes that leave more bodies unparsed. */
  macros: MacroExpansion;
}

let parser: Parser | null = null;
let language: Language | null = null;
/** Filled in by web-tree-sitter with the wasm exports (see tree-reader.ts). */
const binding: WasmBinding = {};

/** Loads the wasm runtime and the bundled tree-sitter-rust grammar once. */
let initializing: Promise<void> | null = null;

/** Loads the wasm runtime and grammar once; the launcher starts it before the rest of the CLI is loaded, so the two overlap. */
export function initParser(): Promise<void> {
  initializing ??= loadParser().catch((e: unknown) => {
    initializing = null;
    throw e;
  });
  return initializing;
}

async function loadParser(): Promise<void> {
  if (parser) return;
  await Parser.init(binding);
  const require = createRequire(import.meta.url);
  const grammarDir = path.dirname(require.resolve('tree-sitter-rust/package.json'));
  language = await Language.load(path.join(grammarDir, 'tree-sitter-rust.wasm'));
  useGrammarNames(language);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

/**
 * Texts from this long on are parsed in a worker (see parse-in-worker.ts):
 * tree-sitter's wasm memory grows to about 33 bytes per character of the
 * largest text parsed and is never given back, which with the mirror beside
 * it would more than double a large file's peak memory.
 */
export const WORKER_PARSE_CHARS = 1024 * 1024;

export type TreeSource = 'auto' | 'worker' | 'binding' | 'cursor';

/**
 * Trees phase 1 read, kept as flat arrays (about 17 bytes a node, a tenth of
 * the mirror) for phase 2 to replay instead of parsing the same text again:
 * the parse was half of a run's time. Each is used once and dropped; what
 * does not fit the budget is parsed again, as before.
 */
const kept = new Map<string, FlatTree>();
let keptBytes = 0;
export const KEPT_TREE_BYTES = 128 * 1024 * 1024;

/** Drops the trees phase 1 kept and phase 2 did not take (files of path dependencies, files that failed to read). */
export function forgetKeptTrees(): void {
  kept.clear();
  keptBytes = 0;
}

/** Hands over every kept tree (a worker that summarized sends them to the thread that runs phase 2), emptying the store. */
export function drainKeptTrees(): [string, FlatTree][] {
  const all = [...kept];
  forgetKeptTrees();
  return all;
}

/** Takes trees another thread kept, within this thread's budget. */
export function adoptKeptTrees(trees: readonly [string, FlatTree][]): void {
  for (const [text, tree] of trees) hold(text, tree);
}

/** How many kept trees wait for phase 2, and their bytes (tests, the benchmark). */
export function keptTrees(): { count: number; bytes: number } {
  return { count: kept.size, bytes: keptBytes };
}

/**
 * `via` says how the tree is read (all give the same mirror; tests compare
 * them): `auto` is a worker for a text of WORKER_PARSE_CHARS or more and the
 * wasm binding otherwise; `cursor` is the public TreeCursor only. `keep`
 * (phase 1) keeps the flat tree, and the macro bodies' trees, for the next
 * parse of the same text.
 */
export function parseRust(text: string, { via = 'auto', keep = false }: { via?: TreeSource; keep?: boolean } = {}): ParsedFile {
  if (!language) throw new Error('internal: initParser() must be awaited before parsing');
  const direct = (source: string) => withTree(source, (tree) => mirror(reader(tree, via !== 'cursor')));
  // Kept trees and workers are for `auto`; the other ways are asked for by the tests that compare them.
  const read = (source: string, big: boolean) => {
    if (via !== 'auto' && via !== 'worker') return direct(source);
    const flat = take(source) ?? (big ? parseInWorker(source) : keep ? parseFlat(source) : null);
    if (!flat) return direct(source);
    if (keep) hold(source, flat);
    return mirror(new FlatReader(flat));
  };
  const parsed = read(text, via === 'worker' || text.length >= WORKER_PARSE_CHARS);
  const macros = expandMacroBodies(parsed.root, text, (fragments) => read(fragments, false));
  return { ...parsed, macros };
}

function take(text: string): FlatTree | null {
  const flat = kept.get(text);
  if (!flat) return null;
  kept.delete(text);
  keptBytes -= flatBytes(flat);
  return flat;
}

function hold(text: string, tree: FlatTree): void {
  if (kept.has(text) || keptBytes + tree.count * NODE_BYTES > KEPT_TREE_BYTES) return;
  const flat = trimmed(tree);
  const bytes = flatBytes(flat);
  kept.set(text, flat);
  keptBytes += bytes;
}

/** The tree of `text` as flat arrays, for the worker to send back. */
export function parseFlat(text: string): FlatTree {
  // About one node per two characters in ordinary Rust: a first size for the arrays.
  return withTree(text, (tree) => flatten(reader(tree, true), text.length >> 1));
}

function withTree<T>(text: string, read: (tree: Tree) => T): T {
  if (!parser) throw new Error('internal: initParser() must be awaited before parsing');
  // The grammar has no notion of a byte-order mark; a space has the same
  // length, so offsets into the real text stay valid.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return read(tree);
  } finally {
    tree.delete();
  }
}

function reader(tree: Tree, direct: boolean): TreeReader {
  return direct && isCompleteBinding(binding) ? new BindingReader(tree, binding) : new CursorReader(tree);
}
