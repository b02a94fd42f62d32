import type { RunReport } from '../cli/types.js';

/**
 * `--format concise`: one line per finding, `path:line:col: rule message
 * [fix]`, then one line per file error; no diffs, no summary. The shape
 * editors and `grep` expect (ruff's concise output, rustc's short one).
 */
export function renderConcise(run: RunReport): string {
  const out: string[] = [];
  const written = run.mode === 'yes' || run.mode === 'review';
  for (const f of run.files) {
    for (const x of f.findings) {
      const done = written && f.written && x.applied ? ' (fixed)' : '';
      out.push(`${f.display}:${x.line}:${x.column}: ${x.rule} ${x.message} [fix: ${x.fix}]${done}`);
    }
    for (const e of f.errors) out.push(`${f.display}: error: ${e.split('\n', 1)[0]}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}
