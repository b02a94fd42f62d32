import { ENTRY_NOTE, previewWhereOnlyEntryStalls } from '../src/analysis/blocking.js';
import { asyncSwapFinding } from '../src/analysis/fix-builders.js';
import { dropUnusedImports, type FixDraft } from '../src/analysis/imports.js';
import type { Rule, RuleFinding } from '../src/rule.js';

const STD_SLEEP = new Set(['std::thread::sleep']);

export const blockingSleep: Rule = {
  id: 'blocking-sleep',
  summary: '`std::thread::sleep` in async code blocks the executor thread',
  fixSafety: 'safe',
  docs: {
    whatItDoes: 'Finds calls to `std::thread::sleep` (however it is imported or renamed) inside an `async fn`, an `async` block or an async closure.',
    whyIsThisBad:
      'A tokio worker thread runs many tasks, switching between them only at `.await`. `std::thread::sleep` parks the whole thread, so every other task scheduled on it stalls for the full duration: latency spikes with no CPU use and nothing in the logs.',
    example: 'async fn poll_status() {\n    std::thread::sleep(Duration::from_millis(250));\n    check().await;\n}',
    useInstead: 'async fn poll_status() {\n    tokio::time::sleep(Duration::from_millis(250)).await;\n    check().await;\n}',
    notes: 'The fix is safe: `tokio::time::sleep(d).await` waits at least as long and returns `()`. A `use` of `std::thread::sleep` (or `std::thread`) that the fix leaves unused is removed or narrowed. Code in a closure given to `spawn_blocking` or `std::thread::spawn`, and sync fns, are not async context and are left alone.' + ENTRY_NOTE,
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const drafts: FixDraft[] = [];
    const message = '`std::thread::sleep` blocks the executor thread in async code; use `tokio::time::sleep(..).await`';
    for (const { call, callee } of file.callsTo(STD_SLEEP)) {
      if (!file.reportsBlocking(call)) continue;
      findings.push(asyncSwapFinding(file, { call, callee }, { tokioItem: 'time::sleep', features: ['time'], message }, drafts));
    }
    dropUnusedImports(file, drafts);
    for (const { node } of file.pathReferences(STD_SLEEP)) {
      if (node.field === 'function' || !file.reportsBlocking(node)) continue;
      findings.push({
        node,
        message: '`std::thread::sleep` passed as a value in async code blocks the executor thread when called',
        noFixReason: 'no fix: it is not called here, so there is no call to await; call `tokio::time::sleep(..).await` at the use site',
      });
    }
    return previewWhereOnlyEntryStalls(file, findings);
  },
};
