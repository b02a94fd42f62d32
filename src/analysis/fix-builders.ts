import type { SyntaxNode } from '../engine/parse.js';
import type { Edit, Fix, RuleFinding } from '../rule.js';
import type { FileAnalysis } from './file-analysis.js';
import type { FixDraft } from './imports.js';

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

/**
 * A finding whose fix swaps a blocking call for its tokio twin plus `.await`
 * (`std::fs::read(p)` -> `tokio::fs::read(p).await`), or reports why tokio
 * cannot be used here. `tokioItem` is the path under tokio (`fs::read`).
 * The fix is pushed to `drafts` so that imports it leaves unused can go too.
 */
export function asyncSwapFinding(
  file: FileAnalysis,
  { call, callee }: { call: SyntaxNode; callee: SyntaxNode },
  swap: { tokioItem: string; features: readonly string[]; message: string },
  drafts: FixDraft[],
): RuleFinding {
  const tokio = file.tokio(swap.features, call);
  if (!tokio.usable) return { node: call, message: swap.message, noFixReason: `no fix: ${tokio.reason}` };
  const fix: Fix = {
    safety: 'safe',
    title: `Use \`tokio::${swap.tokioItem}(..).await\``,
    edits: swapCalleeAndAwait(call, callee, `${tokio.path}::${swap.tokioItem}`),
    manifestChange: tokio.manifestChange,
  };
  drafts.push({ fix, paths: [callee] });
  return { node: call, message: swap.message, fix };
}
