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
 * A blocking call and what replaces it: the item under tokio (`fs::read`), or
 * a whole path outside tokio (`{ path: 'fs_err::tokio::read' }`), for which
 * tokio is only the runtime.
 */
export interface AsyncSwap {
  call: SyntaxNode;
  callee: SyntaxNode;
  tokioItem: string | { path: string };
}

/**
 * A finding whose fix swaps a blocking call for its tokio twin plus `.await`
 * (`std::fs::read(p)` -> `tokio::fs::read(p).await`), or reports why tokio
 * cannot be used here. `tokioItem` is the path under tokio (`fs::read`).
 * The fix is pushed to `drafts` so that imports it leaves unused can go too.
 * `caveat`, when set, ends the fix's title in parentheses.
 */
export function asyncSwapFinding(
  file: FileAnalysis,
  { call, callee }: { call: SyntaxNode; callee: SyntaxNode },
  swap: { tokioItem: AsyncSwap['tokioItem']; features: readonly string[]; message: string; caveat?: string },
  drafts: FixDraft[],
): RuleFinding {
  const fix = asyncSwapFix(file, [{ call, callee, tokioItem: swap.tokioItem }], swap.features, drafts, swap.caveat);
  return 'reason' in fix ? { node: call, message: swap.message, noFixReason: fix.reason } : { node: call, message: swap.message, fix };
}

/** How a message names what replaces the call: `tokio::fs::read`, `fs_err::tokio::read`. */
export function swapTargetName(item: AsyncSwap['tokioItem']): string {
  return typeof item === 'string' ? `tokio::${item}` : item.path;
}

/** One safe fix swapping every call of `swaps` (pushed to `drafts` like `asyncSwapFinding`'s), or why tokio cannot be used. */
export function asyncSwapFix(file: FileAnalysis, swaps: readonly AsyncSwap[], features: readonly string[], drafts: FixDraft[], caveat?: string): Fix | { reason: string } {
  const tokio = file.tokio(features, swaps[0].call);
  if (!tokio.usable) return { reason: `no fix: ${tokio.reason}` };
  const items = [...new Set(swaps.map((s) => `\`${swapTargetName(s.tokioItem)}\``))].join(', ');
  const title = swaps.length === 1 ? `Use \`${swapTargetName(swaps[0].tokioItem)}(..).await\`` : `Use ${items} with \`.await\` for each of the ${swaps.length} calls`;
  const fix: Fix = {
    safety: 'safe',
    title: caveat ? `${title} (${caveat})` : title,
    edits: swaps.flatMap((s) => swapCalleeAndAwait(s.call, s.callee, typeof s.tokioItem === 'string' ? `${tokio.path}::${s.tokioItem}` : s.tokioItem.path)),
    manifestChange: tokio.manifestChange,
  };
  drafts.push({ fix, paths: swaps.map((s) => s.callee) });
  return fix;
}
