import type { SyntaxNode } from '../engine/parse.js';
import { isAsyncFn } from './async-context.js';
import { awaitingMacros, awaitsIn } from './flow.js';
import { field, precedingAttributes } from './syntax.js';

/**
 * How a runtime's entry point runs its own body. `own-thread`: the
 * attribute's runtime polls the entry future on the thread that called
 * `block_on` (the process's main thread) and runs spawned tasks on its
 * worker threads, so blocking in the body stalls only the entry future
 * itself (tokio's multi-thread runtime, Rocket's, async-std's). `shared`:
 * the entry future and every task spawned from it take turns on one thread
 * (tokio's `current_thread` flavor, actix's System), so blocking stalls
 * other tasks once there are any.
 */
export type EntryRuntime = 'own-thread' | 'shared';

const ENTRY_ATTRIBUTE = /^#\[\s*(tokio|actix_web|actix_rt|ntex|rocket|async_std)\s*::\s*main\b([^]*)\]$/;
const SHARED_RUNTIMES = new Set(['actix_web', 'actix_rt', 'ntex']);
/** Macros whose arguments are futures the entry future polls side by side: blocking in one stalls the others. */
const CONCURRENT_MACRO = /^(?:[\w:]*::)?(?:select|select_biased|join|try_join|race|zip)\s*!/;
const SPAWNING_CALL = /(?:^|::|\.)spawn\w*\s*$/;

/** The runtime an `async fn` marked as a runtime's entry point (`#[tokio::main]`) runs on, or null for any other fn. */
export function entryRuntime(fn: SyntaxNode, source: string): EntryRuntime | null {
  if (fn.type !== 'function_item' || !isAsyncFn(fn)) return null;
  for (const attr of precedingAttributes(fn)) {
    const m = ENTRY_ATTRIBUTE.exec(source.slice(attr.start, attr.end));
    if (!m) continue;
    if (SHARED_RUNTIMES.has(m[1]) || /current_thread/.test(m[2])) return 'shared';
    return 'own-thread';
  }
  return null;
}

/** What the entry fn `fn` lets blocking code in its own body get away with. */
export interface EntryFacts {
  runtime: EntryRuntime;
  name: string;
  /** Where another task may first start or get a turn in the body (`.await`, an awaiting macro, a spawn call); Infinity when nowhere. */
  concurrencyStart: number;
}

/** `callsIn(body)`: the call expressions in the body, closures included (from the file's shared node index). */
export function entryFacts(fn: SyntaxNode, source: string, callsIn: (body: SyntaxNode) => readonly SyntaxNode[]): EntryFacts | null {
  const runtime = entryRuntime(fn, source);
  const name = field(fn, 'name');
  const body = field(fn, 'body');
  if (!runtime || !name || !body) return null;
  let concurrencyStart = Infinity;
  for (const n of [...awaitsIn(body), ...awaitingMacros(body, source), ...spawnCalls(callsIn(body), source)]) concurrencyStart = Math.min(concurrencyStart, n.start);
  return { runtime, name: source.slice(name.start, name.end), concurrencyStart };
}

/**
 * Why a blocking call at `node`, in the body of the entry fn `facts`
 * describes (its execution context is the fn itself: an async block or
 * closure runs wherever that future is polled), stalls no task but the
 * entry future, or null when it may. On a shared runtime only the part of
 * the body before anything else can run qualifies.
 */
export function stallsOnlyEntry(node: SyntaxNode, owner: SyntaxNode, facts: EntryFacts, source: string): string | null {
  for (let n = node.parent; n && n !== owner; n = n.parent) {
    if (n.type === 'macro_invocation' && CONCURRENT_MACRO.test(source.slice(n.start, n.end))) return null;
  }
  if (facts.runtime === 'own-thread') return `it runs in \`${facts.name}\`, the runtime's entry future, which is polled on the thread that started the runtime, not on a worker thread: it stalls no other task`;
  if (node.end > facts.concurrencyStart) return null;
  return `it runs in \`${facts.name}\` before anything else is spawned or awaited: no other task is there to stall yet`;
}

/** The calls of a `spawn`-named fn or method among `calls`. */
export function spawnCalls(calls: readonly SyntaxNode[], source: string): SyntaxNode[] {
  return calls.filter((n) => {
    const callee = field(n, 'function');
    return !!callee && SPAWNING_CALL.test(source.slice(callee.start, callee.end));
  });
}
