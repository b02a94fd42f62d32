// The idempotence check both corpus scripts make: `--yes --unsafe-fixes
// --allow-dirty` over a copy must not break a file (no new parse errors, no
// stray files), and a second run over its output must change nothing.
import { cliChecks, runAsyncFix } from './async-fix-cli.mjs';
import { compare, describeDiff, parseErrorGains, snapshot } from './tree-snapshot.mjs';

// Every rule and every finding, the preview tier and test code included.
const FIX_ALL = ['--yes', '--unsafe-fixes', '--allow-dirty', '--preview', '--include-tests'];

/**
 * Runs the fix twice over `copy`, a copy of `pristine`. `changeable` names
 * the files run 1 may change (`{what: '.rs files', test(file)}`); `before`
 * is a snapshot of `copy` if the caller already took one. Returns both runs,
 * both diffs and the checks (see cliChecks) in the order made.
 */
export function fixTwice(copy, pristine, parseRust, { changeable, before = snapshot(copy), timeoutMs, cwd } = {}) {
  const checks = [];
  const check = (ok, label, note, details = []) => checks.push({ ok, label, note, details });

  const run1 = runAsyncFix(FIX_ALL, copy, { timeoutMs, cwd });
  const after1 = snapshot(copy);
  const diff1 = compare(before, after1);
  checks.push(...cliChecks('run 1', run1));
  const stray = diff1.changed.filter((f) => !changeable.test(f));
  check(
    diff1.added.length === 0 && diff1.removed.length === 0 && stray.length === 0,
    `run 1: only ${changeable.what} changed, none added or removed`,
    `${diff1.changed.length} changed`,
    describeDiff({ changed: stray, added: diff1.added, removed: diff1.removed }),
  );
  if (run1.doc) {
    const reported = run1.doc.summary?.filesChanged;
    check(reported === diff1.changed.length, 'run 1: summary.filesChanged matches files changed on disk', `${reported} reported, ${diff1.changed.length} on disk`);
  }
  const gained = parseErrorGains(parseRust, diff1.changed, pristine, copy);
  check(gained.length === 0, 'run 1: no changed file gains tree-sitter parse errors', `${diff1.changed.length} files parsed before/after`, gained);

  const run2 = runAsyncFix(FIX_ALL, copy, { timeoutMs, cwd });
  const diff2 = compare(after1, snapshot(copy));
  checks.push(...cliChecks('run 2', run2));
  check(describeDiff(diff2).length === 0, 'run 2: no file content changes', undefined, describeDiff(diff2));
  if (run2.doc) check(run2.doc.summary?.fixesApplied === 0, 'run 2: fixesApplied is 0', `got ${run2.doc.summary?.fixesApplied}`);
  return { run1, run2, diff1, diff2, checks };
}
