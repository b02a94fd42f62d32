import type { SyntaxNode } from '../engine/parse.js';
import type { Edit } from '../rule.js';

/**
 * `old::path(args)` -> `new::path(args).await`. A call binds tighter than any
 * operator and `.await` is a postfix of the same precedence, so appending it
 * right after the call is correct in every expression position: before `?`,
 * `.unwrap()`, as an argument, a `match` scrutinee or a block's tail.
 */
export function swapCalleeAndAwait(call: SyntaxNode, callee: SyntaxNode, newPath: string): Edit[] {
  return [
    { start: callee.start, end: callee.end, text: newPath },
    { start: call.end, end: call.end, text: '.await' },
  ];
}
