import type { SyntaxNode } from '../engine/parse.js';
import { localBinding } from './bindings.js';
import type { FileAnalysis } from './file-analysis.js';
import { callArguments, field } from './syntax.js';

/**
 * Which async blocks are the future of a `tokio::spawn`: those must be
 * `Send + 'static`, so what they hold across an await must be `Send`. Only
 * what the tree shows: the block as the spawn's argument, or bound by a
 * `let` and passed to the spawn by that name. A future reaching the spawn
 * any other way (an `async fn`'s call, a wrapper such as `.instrument(..)`)
 * is not followed.
 */

export const TOKIO_SPAWN = new Set(['tokio::spawn', 'tokio::task::spawn']);

/** Each async block given to a `tokio::spawn` in the file, with that spawn call. */
export function tokioSpawnedBlocks(file: FileAnalysis): Map<SyntaxNode, SyntaxNode> {
  const out = new Map<SyntaxNode, SyntaxNode>();
  for (const { call } of file.callsTo(TOKIO_SPAWN)) {
    const args = callArguments(call);
    if (args.length !== 1) continue;
    const future = args[0].type === 'identifier' ? boundAsyncBlock(file, args[0]) : args[0];
    if (future?.type === 'async_block') out.set(future, call);
  }
  return out;
}

/** `job` in `spawn(job)` after `let job = async move { .. };`: that block. */
function boundAsyncBlock(file: FileAnalysis, name: SyntaxNode): SyntaxNode | null {
  const binding = localBinding(file.text(name), name, file.source.text);
  if (binding?.type !== 'let_declaration' || field(binding, 'pattern')?.type !== 'identifier') return null;
  return field(binding, 'value') ?? null;
}
