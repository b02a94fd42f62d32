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
  }
  return { kind: 'sync', owner: null };
}

/** `async fn` (with any other qualifiers: `pub async unsafe fn`). */
export function isAsyncFn(fn: SyntaxNode): boolean {
  const modifiers = fn.children.find((c) => c.type === 'function_modifiers');
  return !!modifiers && hasToken(modifiers, 'async');
}

export function inAsyncContext(node: SyntaxNode): boolean {
  return executionContext(node).kind === 'async';
}
