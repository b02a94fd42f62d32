import type { CrateIndex, Def, ResolvedType } from './crate-index.js';
import { callName } from './crate-index.js';
import { blockingChainMethod, isBlockingApi } from './blocking-apis.js';
import type { CallRef, FnSummary } from './summary-types.js';
import type { Module } from './module-tree.js';

/** How a sync fn blocks: the calls from it down to the blocking API (`["read_manifest", "std::fs::read"]`). */
export type BlockingChain = readonly string[];

const IN_PROGRESS: BlockingChain = [];

/**
 * Effect summaries over the crate index, transitive across files and
 * through `Self::`, `self.` and `self.field.` calls: which sync fns block
 * when called, and through which chain. Async fns are not followed: their
 * own blocking calls are reported where they are, in async code.
 */
export class Effects {
  private readonly memo = new Map<FnSummary, BlockingChain | null>();

  constructor(private readonly index: CrateIndex) {}

  /** The chain by which calling `def` blocks, or null when it does not (or it cannot be told). */
  blocking(def: Def): BlockingChain | null {
    const target = fnOf(def);
    if (!target || target.fn.async) return null;
    const known = this.memo.get(target.fn);
    if (known === IN_PROGRESS) return null; // recursion: the other path decides
    if (known !== undefined) return known;
    this.memo.set(target.fn, IN_PROGRESS);
    let found: BlockingChain | null = null;
    for (const call of target.fn.effects.calls) {
      const step = this.callBlocks(call, target.module, def);
      if (step) {
        found = step;
        break;
      }
    }
    this.memo.set(target.fn, found);
    return found;
  }

  /** The callee of a summarized call, from the fn it is in. */
  callee(call: CallRef, module: Module, from: Def): Def | { kind: 'blocking-method'; path: string } | null {
    const owner = from.kind === 'method' ? from.owner : null;
    if (call.kind === 'path') {
      if (call.path[0] === 'Self') return from.kind === 'method' ? this.index.resolveInImpl(from.module, from.impl.selfType, call.path) : null;
      return this.index.resolvePath(module, call.path);
    }
    const r = call.receiver;
    if (r.kind === 'self') return owner ? this.index.method(owner, call.name) : null;
    if (r.kind === 'self-field') {
      const t = owner ? this.index.fieldType(owner, r.field) : null;
      const inner = t && pointee(t);
      return inner ? this.index.method(inner, call.name) : null;
    }
    if (r.kind === 'name') {
      // A parameter's declared type; a local's is not summarized.
      const fn = from.kind === 'method' ? from.fn : from.kind === 'item' && from.item.kind === 'fn' ? from.item.fn : null;
      const param = fn?.params.find((p) => p.name === r.name);
      const t = param?.type ? this.index.resolveType(module, param.type) : null;
      const inner = t && pointee(t);
      return inner ? this.index.method(inner, call.name) : null;
    }
    if (r.kind === 'chain') {
      const root = this.index.resolvePath(module, r.root);
      const blocking = root?.kind === 'external' ? blockingChainMethod(root.path, call.name) : null;
      return blocking ? { kind: 'blocking-method', path: blocking } : null;
    }
    return null;
  }

  private callBlocks(call: CallRef, module: Module, from: Def): BlockingChain | null {
    const callee = this.callee(call, module, from);
    if (!callee) return null;
    if (callee.kind === 'blocking-method') return [callee.path];
    if (callee.kind === 'external') return isBlockingApi(callee.path) ? [callee.path] : null;
    const sub = this.blocking(callee);
    return sub ? [callName(callee), ...sub] : null;
  }
}

function fnOf(def: Def): { fn: FnSummary; module: Module } | null {
  if (def.kind === 'method') return { fn: def.fn, module: def.module };
  if (def.kind === 'item' && def.item.kind === 'fn') return { fn: def.item.fn, module: def.module };
  return null;
}

/** The type a method call on a value of type `t` reaches: `Arc<Store>` and `&Store` reach `Store`. */
export function pointee(t: ResolvedType): Def | null {
  let cur = t;
  for (let i = 0; i < 8; i++) {
    if (cur.def.kind === 'external' && SMART_POINTERS.has(cur.def.path) && cur.args[0]) {
      cur = cur.args[0];
      continue;
    }
    return cur.def;
  }
  return null;
}

/** Wrappers a method call looks through by auto-deref. */
const SMART_POINTERS = new Set(['std::sync::Arc', 'Arc', 'std::rc::Rc', 'Rc', 'Box', 'std::boxed::Box', 'once_cell::sync::Lazy', 'std::sync::LazyLock', 'lazy_static::Lazy']);
