import type { CrateIndex, Def, ResolvedType } from './crate-index.js';
import { callName, defName } from './crate-index.js';
import { chainResource, isInteriorMutable, methodResource, MUTATING_METHODS, pathResource, staticOpWrites, type ResourceUse } from './shared-state.js';
import { blockingChainMethod, isBlockingApi } from './blocking-apis.js';
import { LOCKS } from '../analysis/receivers.js';
import type { CallRef, FnSummary, LockUse } from './summary-types.js';
import type { Module } from './module-tree.js';

/** How a sync fn blocks: the calls from it down to the blocking API (`["read_manifest", "std::fs::read"]`). */
export type BlockingChain = readonly string[];

const IN_PROGRESS: BlockingChain = [];
/** Methods that read their receiver wherever they are commonly defined. */
const READ_ONLY_METHODS = new Set(['clone', 'len', 'is_empty', 'iter', 'as_ref', 'as_str', 'as_slice', 'as_path', 'as_bytes', 'as_deref', 'to_string', 'to_owned', 'get', 'contains', 'contains_key', 'keys', 'values', 'borrow', 'is_some', 'is_none', 'unwrap_or_default', 'display', 'to_vec', 'first', 'last', 'starts_with', 'ends_with', 'eq', 'cmp', 'hash', 'fmt', 'deref']);
const UNKNOWN_STATE: StateEffects = { writes: new Set(), reads: new Set(), unknown: true, latencyFree: false, writesParameters: false };
/** Deeper chains of crate calls than this are not followed: their effects count as unknown. */
const MAX_STATE_DEPTH = 16;

/**
 * Effect summaries over the crate index, transitive across files and
 * through `Self::`, `self.` and `self.field.` calls: which sync fns block
 * when called, and through which chain. Async fns are not followed: their
 * own blocking calls are reported where they are, in async code.
 */
/**
 * What calling a crate fn does to state other code sees, transitively:
 * the statics (by crate path) and outside resources (`db`, `fs`,
 * `process`) it writes and reads.
 */
export interface StateEffects {
  writes: ReadonlySet<string>;
  reads: ReadonlySet<string>;
  /** It runs a macro that may do anything, or calls a crate fn that does: what it touches cannot be told. */
  unknown: boolean;
  /** An async fn that awaits nothing but such fns: its future is ready on the first poll, so there is no latency to overlap. */
  latencyFree: boolean;
  /** It changes what a parameter points to (directly, not through further calls). */
  writesParameters: boolean;
}

export class Effects {
  private readonly memo = new Map<FnSummary, BlockingChain | null>();
  private readonly stateMemo = new Map<FnSummary, StateEffects | null>();

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
    // Taking a lock that another fn holds while it blocks waits as long as that fn blocks.
    for (const use of found ? [] : target.fn.effects.locks) {
      const lock = this.lockOf(use, target.module, def);
      const holder = lock && this.lockHolders().get(lock.key);
      if (holder && holder.fn !== target.fn) {
        found = [`${lock.type}::${use.method} on ${lock.name} (held by ${holder.by} across ${holder.across})`];
        break;
      }
    }
    this.memo.set(target.fn, found);
    return found;
  }

  private holders: Map<string, { fn: FnSummary; by: string; across: string }> | null = null;

  /** The std and parking_lot locks some sync fn of the crate holds while it blocks (a bound guard alive across a blocking call). */
  private lockHolders(): Map<string, { fn: FnSummary; by: string; across: string }> {
    if (this.holders) return this.holders;
    this.holders = new Map();
    for (const def of this.index.fnDefs()) {
      const target = fnOf(def)!;
      if (target.fn.async) continue;
      for (const use of target.fn.effects.locks) {
        const lock = use.heldOver.length ? this.lockOf(use, target.module, def) : null;
        if (!lock || this.holders.has(lock.key)) continue;
        for (const i of use.heldOver) {
          const step = this.callBlocks(target.fn.effects.calls[i], target.module, def);
          if (step) {
            this.holders.set(lock.key, { fn: target.fn, by: callName(def), across: step.at(-1)! });
            break;
          }
        }
      }
    }
    return this.holders;
  }

  /** A lock use's lock, when its declared type is a std or parking_lot lock: its key, type and name for messages. */
  private lockOf(use: LockUse, module: Module, from: Def): { key: string; type: string; name: string } | null {
    let t: ResolvedType | null = null;
    let key: string;
    let name: string;
    if (use.target.kind === 'static') {
      const item = this.index.resolvePath(module, use.target.path);
      if (item?.kind !== 'item') return null;
      t = this.index.staticType(item);
      key = `static ${defName(item)}`;
      name = use.target.path.join('::');
    } else {
      if (from.kind !== 'method') return null;
      t = this.index.fieldType(from.owner, use.target.field);
      key = `field ${defName(from.owner)}.${use.target.field}`;
      name = `self.${use.target.field}`;
    }
    const lock = t && pointee(t);
    const path = lock?.kind === 'external' ? lock.path : null;
    // std and parking_lot locks block the thread until the holder lets go; tokio's are awaited.
    const kind = path ? LOCKS[path] : undefined;
    return path && (kind === 'std' || kind === 'parking_lot') ? { key, type: path, name } : null;
  }

  /** What calling `def` touches; null for what is not a crate fn (an external path, a type). */
  state(def: Def, depth = 0): StateEffects | null {
    const target = fnOf(def);
    if (!target) return null;
    const known = this.stateMemo.get(target.fn);
    if (known !== undefined) return known ?? UNKNOWN_STATE; // null while in progress: recursion is unknown
    if (depth > MAX_STATE_DEPTH) return UNKNOWN_STATE;
    this.stateMemo.set(target.fn, null);
    const fx = target.fn.effects;
    const writes = new Set<string>();
    const reads = new Set<string>();
    let unknown = fx.opaqueMacros > 0;
    let latencyFree = target.fn.async && fx.opaqueAwaits === 0 && fx.opaqueMacros === 0;
    const touch = (use: ResourceUse | null) => {
      if (use) (use.write ? writes : reads).add(use.resource);
    };
    for (const m of fx.methods) touch(methodResource(m));
    for (const use of fx.statics) {
      const item = this.index.resolvePath(target.module, use.path);
      if (item?.kind !== 'item' || item.item.kind !== 'static') continue;
      (staticOpWrites(use.op) ? writes : reads).add(`static ${defName(item)}`);
    }
    for (const call of fx.calls) {
      const callee = this.callee(call, target.module, def);
      if (!callee || callee.kind === 'blocking-method') {
        if (call.awaited) latencyFree = false;
        if (call.kind === 'method' && call.receiver.kind === 'chain') {
          const root = this.index.resolvePath(target.module, call.receiver.root);
          touch(root?.kind === 'external' ? chainResource(root.path, call.name) : methodResource(call.name));
        } else if (call.kind === 'method') touch(methodResource(call.name));
        if (call.kind === 'method') {
          const shared = call.receiver.kind === 'self-field' ? this.interiorField(def, call.receiver.field) : null;
          if (shared) (MUTATING_METHODS.has(call.name) ? writes : reads).add(shared);
          // A method the index cannot follow, on `self`, a field of it or a parameter: it may change what they share with others.
          else if (call.receiver.kind !== 'chain' && !READ_ONLY_METHODS.has(call.name)) unknown = true;
        }
        continue;
      }
      if (callee.kind === 'external') {
        if (call.awaited) latencyFree = false;
        touch(call.kind === 'path' ? pathResource(callee.path) : methodResource(call.name));
        continue;
      }
      if (!compiledFor(target.module, callee)) continue;
      const sub = this.state(callee, depth + 1);
      if (!sub) {
        if (call.awaited) latencyFree = false; // a tuple struct or variant constructor is not awaited; anything else may wait
        continue;
      }
      for (const w of sub.writes) writes.add(w);
      for (const r of sub.reads) reads.add(r);
      unknown ||= sub.unknown;
      if (call.awaited && !sub.latencyFree) latencyFree = false;
    }
    const result: StateEffects = { writes, reads, unknown, latencyFree, writesParameters: fx.paramWrites.length > 0 };
    this.stateMemo.set(target.fn, result);
    return result;
  }

  /** `field Store.cache` for a method's `self.cache` whose declared type changes behind `&self` (a `Mutex`, an atomic, a channel). */
  private interiorField(from: Def, name: string): string | null {
    if (from.kind !== 'method') return null;
    const t = this.index.fieldType(from.owner, name);
    const def = t && pointee(t);
    const typeName = def?.kind === 'external' ? def.path.split('::').at(-1)! : def?.kind === 'item' ? def.item.name : null;
    return typeName && isInteriorMutable(typeName) ? `field ${defName(from.owner)}.${name}` : null;
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
    if (!callee || !compiledFor(module, callee)) return null;
    if (callee.kind === 'blocking-method') return [callee.path];
    if (callee.kind === 'external') return isBlockingApi(callee.path) ? [callee.path] : null;
    const sub = this.blocking(callee);
    return sub ? [callName(callee), ...sub] : null;
  }
}

/**
 * Whether `callee` exists in the build `from` is compiled in: a module under
 * `#[cfg(test)]` is there only for the tests of its own crate, so code outside
 * it (and every other crate, a dependent's tests too) cannot be calling it;
 * such a call sits in code the summary does not see is cfg'd out.
 */
function compiledFor(from: Module, callee: Def | { kind: 'blocking-method' }): boolean {
  if (callee.kind !== 'item' && callee.kind !== 'method' && callee.kind !== 'module') return true;
  return !callee.module.testOnly || (from.testOnly && from.root === callee.module.root);
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
