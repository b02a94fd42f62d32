import { awaitPointLabel, guardsHeldAcrossAwait, isUnwrapped } from '../src/analysis/guards.js';
import { lockKind } from '../src/analysis/receivers.js';
import type { Rule, RuleFinding } from '../src/rule.js';

const LOCK_METHODS = new Set(['lock', 'read', 'write', 'try_lock']);

export const lockAcrossAwait: Rule = {
  id: 'lock-across-await',
  summary: 'a `std::sync::Mutex`/`RwLock` (or parking_lot) guard held across an `.await`',
  fixSafety: 'safe',
  clippyLints: ['await_holding_lock'],
  docs: {
    whatItDoes:
      'Finds a guard of a blocking lock (`std::sync::Mutex`, `std::sync::RwLock`, parking_lot\'s) that is still alive when the task reaches an `.await`: a `let` binding whose block goes on past the await, or a temporary in the awaited statement, a `match` scrutinee or a `while let` condition.',
    whyIsThisBad:
      'While the task is suspended at the await, the lock stays locked. Any other task that calls `lock()` then blocks its whole worker thread, not just itself, until this task is polled again; with few workers that is a stall or a deadlock. The guard also makes the future `!Send`, so it cannot be given to `tokio::spawn`.',
    example:
      'async fn record(stats: &Mutex<Stats>, db: &Db) {\n    let mut guard = stats.lock().unwrap();\n    guard.completed += 1;\n    db.flush().await;\n}',
    useInstead:
      'async fn record(stats: &Mutex<Stats>, db: &Db) {\n    {\n        let mut guard = stats.lock().unwrap();\n        guard.completed += 1;\n    }\n    db.flush().await;\n}',
    notes:
      'The fix (safe) moves the guard and the statements that use it into a block that ends before the await; it is offered only when the guard is not used at or after the await and nothing declared in those statements is used later. A block is preferred to `drop(guard)`, which clippy still flags. A guard used after the await, or a temporary, is reported without a fix: copy what you need out of the guard before awaiting, or use `tokio::sync::Mutex`, whose guard may be held across `.await`. `tokio::sync` locks (`lock().await`) and guards dropped or scoped before the await are not findings.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const held = guardsHeldAcrossAwait(file, LOCK_METHODS, (receiver, acquire, method) => {
      const kind = lockKind(file, receiver);
      if (kind === 'std' || kind === 'parking_lot') return true;
      // An unseen type whose `lock()` is unwrapped at once is a std-style lock; `read()`/`write()` may well be I/O.
      return kind === null && method === 'lock' && isUnwrapped(acquire, file.source);
    });
    for (const { value, held: h } of held) {
      const point = awaitPointLabel(h.await, file.source);
      const what = h.binding ? `lock guard \`${h.binding.name}\`` : 'temporary lock guard';
      const message = `${what} is held across ${point}: other tasks locking it block their thread, and the future is \`!Send\``;
      if (h.binding && 'edits' in h.scopeFix) {
        findings.push({
          node: value,
          message,
          fix: { safety: 'safe', title: `Release \`${h.binding.name}\` before the \`.await\` (scope it in a block)`, edits: h.scopeFix.edits },
        });
      } else {
        const why = 'reason' in h.scopeFix ? h.scopeFix.reason : '';
        const todo = h.binding
          ? 'copy what you need out of the guard before awaiting, or use `tokio::sync::Mutex`'
          : 'bind the value you need in a statement of its own before the await (`let v = m.lock().unwrap().clone();`), or use `tokio::sync::Mutex`';
        findings.push({ node: value, message, noFixReason: `no fix: ${why}; ${todo}` });
      }
    }
    return findings;
  },
};
