/**
 * Phase 1's output: what one file declares, as plain data (no syntax
 * nodes), so summaries can cross into a worker thread, be cached by the
 * file's content hash, and merge into a crate index without the files'
 * trees. Paths are kept as written (`["super", "config", "Config"]`); the
 * index resolves them, since only it knows the module tree.
 */
import type { CfgPredicate } from '../analysis/cfg.js';

export interface FileSummary {
  /** The file's own module first (`path: []`), then each inline `mod x { .. }`, outermost first. */
  modules: ModuleSummary[];
}

export interface ModuleSummary {
  /** Inline module path inside the file: `[]` for the file itself, `["tests"]` for `mod tests { .. }`. */
  path: string[];
  /** Compiled only for tests: `#[cfg(test)]` on this inline module or one around it. */
  testOnly: boolean;
  /** Its own `#[cfg(..)]` when it names features: the module tree judges it with the package's test-only features. */
  cfg?: CfgPredicate;
  items: Item[];
  uses: UseEntry[];
  /** `use a::b::*;` (`path` as written). */
  globs: { path: string[]; pub: boolean }[];
  /** `mod x;`: a module in a file of its own. */
  modDecls: ModDecl[];
  impls: ImplSummary[];
}

/** A type as written: `Arc<RwLock<State>>` is `{ path: ["Arc"], args: [{ path: ["RwLock"], args: [...] }] }`. */
export interface TypeRef {
  path: string[];
  args: TypeRef[];
  /** `&T` / `&mut T` around the named type. */
  ref?: 'shared' | 'mut';
}

export type Item =
  | { kind: 'struct'; name: string; pub: boolean; fields: { name: string; type: TypeRef | null }[] }
  | { kind: 'enum' | 'trait' | 'union'; name: string; pub: boolean }
  /** `static`/`const`, also those declared by `lazy_static!` and `thread_local!`. */
  | { kind: 'static' | 'const'; name: string; pub: boolean; type: TypeRef | null; declaredBy?: 'lazy_static' | 'thread_local' }
  | { kind: 'alias'; name: string; pub: boolean; type: TypeRef | null }
  | { kind: 'fn'; name: string; pub: boolean; fn: FnSummary }
  | { kind: 'mod'; name: string; pub: boolean };

export interface UseEntry {
  /** The name it binds (`Config`, or the alias). */
  name: string;
  path: string[];
  pub: boolean;
}

export interface ModDecl {
  name: string;
  pub: boolean;
  /** `#[path = ".."]`, as written. */
  pathAttr?: string;
  testOnly: boolean;
  /** As on `ModuleSummary`. */
  cfg?: CfgPredicate;
}

export interface ImplSummary {
  selfType: TypeRef;
  /** `impl Trait for T`: the trait path as written. */
  trait?: string[];
  methods: FnSummary[];
}

export interface FnSummary {
  name: string;
  async: boolean;
  /** `self`, `&self`, `&mut self`, or none (an associated fn). */
  self: 'value' | 'ref' | 'mut' | null;
  /** Parameters bound to a plain name (`p: &Path`), with their types. */
  params: { name: string; type: TypeRef | null }[];
  returns: TypeRef | null;
  /** 1-based line of the fn's name, for messages. */
  line: number;
  /** What the body does that other files may need to know, unresolved. */
  effects: LocalEffects;
  /** Parameters other than `self`, counted: what tells apart same-named methods a loose call may reach. */
  arity: number;
  /** How its calls run, for the run contexts (run-context.ts); absent when it has none of them. */
  runs?: FnRuns;
}

/**
 * What says where a fn's code runs: who may call it besides the calls the
 * summaries show, and whether it is a runtime's entry future.
 */
export interface FnRuns {
  /** A request handler by its attribute (`#[get("/")]`, `#[post(..)]`, actix's and Rocket's routes): the framework calls it, per request. */
  handler?: true;
  /** `#[tokio::main]` and the like: the runtime its body runs on (entry.ts). */
  entry?: 'own-thread' | 'shared';
  /** Paths passed as call arguments (`get(handler)`, `.to(index)`, `service_fn(serve)`): a fn among them is called by whatever it is given to. */
  values?: string[][];
}

/** Where a call runs, when not simply in its fn's body: inside a future given to a spawn call, to `block_on`, or to `select!`/`join!`. */
export type CallContext = 'spawned' | 'block-on' | 'concurrent';

export interface LocalEffects {
  /** Calls the index can follow (closures and nested async blocks included, nested fns not). */
  calls: CallRef[];
  /** `.await`s on something other than such a call (a local future, a call on a local): each may wait on I/O. */
  opaqueAwaits: number;
  /** Names of the methods called on receivers the index cannot follow (locals, temporaries), once each: `execute`, `insert`. */
  methods: string[];
  /** Uses of what may be a static (a SCREAMING_CASE path): `CACHE.lock()`, `crate::STATE.write()`, `COUNT = 1`. */
  statics: StaticUse[];
  /** Macros other than formatting and logging: their tokens may do anything. */
  opaqueMacros: number;
  /** Parameters whose pointee it changes through a mutating method (`db.rows.lock()`, `cache.insert(..)`). */
  paramWrites: string[];
  /** Locks it takes on a static or a field of `self` (`CACHE.lock()`, `self.state.write()`), and what it calls while a bound guard lives. */
  locks: LockUse[];
  /** Method calls on receivers the index cannot follow (`cmd.run(&settings)` on a match binding), by name and argument count, once each: the run contexts take them to reach any crate method of that name and arity. */
  loose?: LooseCall[];
}

export interface LooseCall {
  name: string;
  args: number;
  line: number;
  context?: CallContext;
}

export interface LockUse {
  target: { kind: 'static'; path: string[] } | { kind: 'self-field'; field: string };
  method: string;
  line: number;
  /** Indexes into `calls` of the calls made while the guard is bound (`let g = X.lock()..;` to the end of its block or a `drop(g)`). */
  heldOver: number[];
}

export interface StaticUse {
  path: string[];
  /** The method called on it, `=` for an assignment, or null for a plain read. */
  op: string | null;
}

export type CallRef =
  /** `a::b::c(..)`, `Self::load(..)`, `helper(..)`: the callee path as written. */
  | { kind: 'path'; path: string[]; line: number; awaited?: true; context?: CallContext }
  /** `recv.name(..)`: `receiver` is `self`, a field of self (`self.store`), or something else. */
  | { kind: 'method'; receiver: ReceiverRef; name: string; line: number; awaited?: true; context?: CallContext };

export type ReceiverRef =
  | { kind: 'self' }
  | { kind: 'self-field'; field: string }
  /** A plain name: a parameter (typed in `params`) or a local. */
  | { kind: 'name'; name: string }
  /** A method chain that starts with a path call: `Command::new(..).arg(..)` has root `["Command", "new"]`. */
  | { kind: 'chain'; root: string[] }
  | { kind: 'other' };
