import type { TreeReader } from './tree-reader.js';

/**
 * A parsed tree as flat typed arrays, nodes in pre-order: what the parse
 * worker sends back (see parse-worker.ts). Sent by transfer, it costs a few
 * bytes per node and no copying, and replayed through `FlatReader` it builds
 * the same mirror as reading the wasm tree itself.
 */
export interface FlatTree {
  count: number;
  typeIds: Uint16Array;
  fieldIds: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Bit 0: named; bit 1: missing (asked only of zero-width nodes, like the mirror does). */
  flags: Uint8Array;
  /** The node and its descendants: where its next sibling starts, relative to it. */
  sizes: Int32Array;
}

/** Bytes a node takes in the arrays: two Uint16, three Int32, one Uint8. */
export const NODE_BYTES = 2 + 2 + 4 + 4 + 4 + 1;

const NAMED = 1;
const MISSING = 2;

/** Reads every node of `r` (then closes it) into a `FlatTree`; `expected` is a guess at the node count. */
export function flatten(r: TreeReader, expected: number): FlatTree {
  let t = allocate(Math.max(16, expected));
  let count = 0;
  const record = (): number => {
    if (count === t.typeIds.length) t = grow(t, count);
    const start = r.start();
    const end = r.end();
    t.typeIds[count] = r.typeId();
    t.fieldIds[count] = r.fieldId();
    t.starts[count] = start;
    t.ends[count] = end;
    t.flags[count] = (r.named() ? NAMED : 0) | (start === end && r.missing() ? MISSING : 0);
    return count++;
  };
  const open: number[] = [];
  let current = record();
  for (;;) {
    if (r.firstChild()) {
      open.push(current);
      current = record();
      continue;
    }
    t.sizes[current] = count - current;
    while (!r.nextSibling()) {
      if (!r.parent()) {
        r.close();
        return { ...t, count };
      }
      current = open.pop()!;
      t.sizes[current] = count - current;
    }
    current = record();
  }
}

type Arrays = Omit<FlatTree, 'count'>;

/** The arrays' buffers: sent by transfer, not copied. */
export function buffersOf(t: FlatTree): ArrayBuffer[] {
  return [t.typeIds, t.fieldIds, t.starts, t.ends, t.flags, t.sizes].map((a) => a.buffer as ArrayBuffer);
}

function allocate(n: number): Arrays {
  return {
    typeIds: new Uint16Array(n),
    fieldIds: new Uint16Array(n),
    starts: new Int32Array(n),
    ends: new Int32Array(n),
    flags: new Uint8Array(n),
    sizes: new Int32Array(n),
  };
}

function grow(t: Arrays, used: number): Arrays {
  const bigger = allocate(used * 2);
  for (const key of Object.keys(t) as (keyof Arrays)[]) bigger[key].set(t[key].subarray(0, used) as never);
  return bigger;
}

/** Replays a `FlatTree` with a tree cursor's moves. */
export class FlatReader implements TreeReader {
  private at = 0;
  private readonly parents: number[] = [];

  constructor(private readonly t: FlatTree) {}

  typeId() {
    return this.t.typeIds[this.at];
  }
  start() {
    return this.t.starts[this.at];
  }
  end() {
    return this.t.ends[this.at];
  }
  named() {
    return (this.t.flags[this.at] & NAMED) !== 0;
  }
  fieldId() {
    return this.t.fieldIds[this.at];
  }
  missing() {
    return (this.t.flags[this.at] & MISSING) !== 0;
  }

  firstChild() {
    if (this.t.sizes[this.at] === 1) return false;
    this.parents.push(this.at);
    this.at++;
    return true;
  }

  nextSibling() {
    const parent = this.parents.at(-1);
    if (parent === undefined) return false;
    const next = this.at + this.t.sizes[this.at];
    if (next >= parent + this.t.sizes[parent]) return false;
    this.at = next;
    return true;
  }

  parent() {
    const parent = this.parents.pop();
    if (parent === undefined) return false;
    this.at = parent;
    return true;
  }

  close() {}
}

/** Bytes the tree's arrays hold. */
export function flatBytes(t: FlatTree): number {
  return buffersOf(t).reduce((sum, b) => sum + b.byteLength, 0);
}

/** The tree in arrays of exactly its node count: `flatten` grows them by doubling, so a tree kept for later gives the rest back. */
export function trimmed(t: FlatTree): FlatTree {
  if (t.typeIds.length === t.count) return t;
  const n = t.count;
  return { count: n, typeIds: t.typeIds.slice(0, n), fieldIds: t.fieldIds.slice(0, n), starts: t.starts.slice(0, n), ends: t.ends.slice(0, n), flags: t.flags.slice(0, n), sizes: t.sizes.slice(0, n) };
}
