import type { SyntaxNode } from '../engine/parse.js';
import { hasToken } from './syntax.js';

/**
 * Where a piece of code runs. `async` means it is polled by an executor, so
 * blocking there stalls the worker thread. A plain closure or a nested `fn`
 * ends the async context: `spawn_blocking(|| ...)` and `thread::spawn(|| ...)`
 * bodies run on their own threads, and a nested fn is sync unless declared async.
 */
export type ExecutionContext =
  | { kind: 'async'; owner: SyntaxNode }
  | { kind: 'sync'; owner: SyntaxNode | null };

export function executionContext(node: SyntaxNode): ExecutionContext {
  for (let n = node.parent; n; n = n.parent) {
    const started = contextStartedBy(n);
    if (started) return started;
  }
  return { kind: 'sync', owner: null };
}

/** The context `n`'s own code runs in, when `n` starts one (an async block, a closure, a fn, a const). */
function contextStartedBy(n: SyntaxNode): ExecutionContext | null {
  switch (n.type) {
    case 'async_block':
      return { kind: 'async', owner: n };
    case 'closure_expression':
      return hasToken(n, 'async') ? { kind: 'async', owner: n } : { kind: 'sync', owner: n };
    case 'function_item':
      return isAsyncFn(n) ? { kind: 'async', owner: n } : { kind: 'sync', owner: n };
    case 'const_item':
    case 'static_item':
      return { kind: 'sync', owner: n };
  }
  return null;
}

/**
 * `executionContext` for the nodes of one tree, each node's context found
 * once: a node has its parent's unless the parent starts one, so a query
 * stops at the first ancestor already answered. Without this, asking about
 * every block of 50,000 nested blocks walks 50,000 ancestors each time.
 */
export class ExecutionContexts {
  private readonly known = new Map<SyntaxNode, ExecutionContext>();

  of(node: SyntaxNode): ExecutionContext {
    const unanswered: SyntaxNode[] = [];
    let context = this.known.get(node);
    for (let n = node; !context; n = n.parent!) {
      unanswered.push(n);
      const parent = n.parent;
      context = parent ? (contextStartedBy(parent) ?? this.known.get(parent)) : { kind: 'sync', owner: null };
    }
    for (const n of unanswered) this.known.set(n, context);
    return context;
  }
}

/** `async fn` (with any other qualifiers: `pub async unsafe fn`). */
export function isAsyncFn(fn: SyntaxNode): boolean {
  const modifiers = fn.children.find((c) => c.type === 'function_modifiers');
  return !!modifiers && hasToken(modifiers, 'async');
}

export function inAsyncContext(node: SyntaxNode): boolean {
  return executionContext(node).kind === 'async';
}
