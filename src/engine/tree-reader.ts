import type { Tree, TreeCursor } from 'web-tree-sitter';

/**
 * Reads a parsed tree one node at a time, in the order of a tree cursor, for
 * the mirror in parse.ts. Two ways, with the same answers: the public
 * `TreeCursor`, and the wasm binding's cursor functions called directly.
 * The public cursor copies its state into the binding's transfer buffer and
 * back on every call, which made copying a large file take most of a run;
 * the direct calls leave the state in that buffer from the first node to the
 * last. Direct calls are used only when the binding has every function they
 * need (test/parse-mirror.test.ts checks that both give the same tree).
 */
export interface TreeReader {
  typeId(): number;
  start(): number;
  end(): number;
  named(): boolean;
  fieldId(): number;
  missing(): boolean;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  /** Frees the cursor; the reader is unusable afterwards. */
  close(): void;
}

/** The Emscripten module web-tree-sitter fills in when given to `Parser.init`: wasm exports and memory views. */
export interface WasmBinding {
  HEAP32?: Int32Array;
  _ts_init?: () => number;
  _ts_tree_cursor_current_node_type_id_wasm?: (tree: number) => number;
  _ts_tree_cursor_start_index_wasm?: (tree: number) => number;
  _ts_tree_cursor_end_index_wasm?: (tree: number) => number;
  _ts_tree_cursor_current_node_is_named_wasm?: (tree: number) => number;
  _ts_tree_cursor_current_field_id_wasm?: (tree: number) => number;
  _ts_tree_cursor_current_node_is_missing_wasm?: (tree: number) => number;
  _ts_tree_cursor_goto_first_child_wasm?: (tree: number) => number;
  _ts_tree_cursor_goto_next_sibling_wasm?: (tree: number) => number;
  _ts_tree_cursor_goto_parent_wasm?: (tree: number) => number;
}

type Complete<T> = { [K in keyof T]-?: NonNullable<T[K]> };

/** The wasm handles web-tree-sitter keeps on its objects: a tree's address, a cursor's four state words. */
type Handles = Record<0 | 1 | 2 | 3, number>;

const CURSOR_WORDS = [0, 1, 2, 3] as const;

export function isCompleteBinding(b: WasmBinding): b is Complete<WasmBinding> {
  return (
    b.HEAP32 instanceof Int32Array &&
    [
      b._ts_init, b._ts_tree_cursor_current_node_type_id_wasm, b._ts_tree_cursor_start_index_wasm, b._ts_tree_cursor_end_index_wasm,
      b._ts_tree_cursor_current_node_is_named_wasm, b._ts_tree_cursor_current_field_id_wasm, b._ts_tree_cursor_current_node_is_missing_wasm,
      b._ts_tree_cursor_goto_first_child_wasm, b._ts_tree_cursor_goto_next_sibling_wasm, b._ts_tree_cursor_goto_parent_wasm,
    ].every((f) => typeof f === 'function')
  );
}

/** The public cursor: slower, but relies on nothing beyond web-tree-sitter's API. */
export class CursorReader implements TreeReader {
  private readonly cursor: TreeCursor;

  constructor(tree: Tree) {
    this.cursor = tree.rootNode.walk();
  }

  typeId() {
    return this.cursor.nodeTypeId;
  }
  start() {
    return this.cursor.startIndex;
  }
  end() {
    return this.cursor.endIndex;
  }
  named() {
    return this.cursor.nodeIsNamed;
  }
  fieldId() {
    return this.cursor.currentFieldId;
  }
  missing() {
    return this.cursor.nodeIsMissing;
  }
  firstChild() {
    return this.cursor.gotoFirstChild();
  }
  nextSibling() {
    return this.cursor.gotoNextSibling();
  }
  parent() {
    return this.cursor.gotoParent();
  }
  close() {
    this.cursor.delete();
  }
}

/**
 * The binding's own cursor functions. Each reads the cursor from the transfer
 * buffer and a move writes it back there, so the state is put there once at
 * the start and copied back into the public cursor before it is freed (a
 * move may have reallocated the cursor's stack).
 */
export class BindingReader implements TreeReader {
  private readonly cursor: TreeCursor;
  private readonly tree: number;
  private readonly buffer: number;

  constructor(
    tree: Tree,
    private readonly b: Complete<WasmBinding>,
  ) {
    this.cursor = tree.rootNode.walk();
    this.tree = (tree as unknown as Handles)[0];
    this.buffer = b._ts_init() >> 2;
    const state = this.cursor as unknown as Handles;
    for (const i of CURSOR_WORDS) b.HEAP32[this.buffer + i] = state[i];
  }

  typeId() {
    return this.b._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }
  start() {
    return this.b._ts_tree_cursor_start_index_wasm(this.tree);
  }
  end() {
    return this.b._ts_tree_cursor_end_index_wasm(this.tree);
  }
  named() {
    return this.b._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1;
  }
  fieldId() {
    return this.b._ts_tree_cursor_current_field_id_wasm(this.tree);
  }
  missing() {
    return this.b._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1;
  }
  firstChild() {
    return this.b._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }
  nextSibling() {
    return this.b._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }
  parent() {
    return this.b._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }

  close() {
    // Memory may have grown during the walk: this.b.HEAP32 is the current view.
    const state = this.cursor as unknown as Handles;
    for (const i of CURSOR_WORDS) state[i] = this.b.HEAP32[this.buffer + i];
    this.cursor.delete();
  }
}
