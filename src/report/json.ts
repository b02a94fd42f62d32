import { summarize, type RunReport } from '../cli/types.js';

/** The `--format json` document: exactly one JSON value on stdout, 1-based positions. */
export function renderJson(run: RunReport): string {
  const written = run.mode === 'yes' || run.mode === 'review';
  const doc = {
    version: 1,
    files: run.files
      .filter((f) => f.findings.length || f.errors.length)
      .map((f) => ({
        path: f.relative,
        findings: f.findings.map((x) => ({
          rule: x.rule,
          line: x.line,
          column: x.column,
          endLine: x.endLine,
          endColumn: x.endColumn,
          message: x.message,
          fix: x.fix,
          applied: written && f.written && x.applied,
          ...(x.note ? { note: x.note } : {}),
        })),
        ...(f.errors.length ? { errors: f.errors } : {}),
      })),
    skipped: run.skipped,
    summary: summarize(run),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
