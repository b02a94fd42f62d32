import path from 'node:path';
import type { ManifestChange } from '../analysis/file-analysis.js';
import { summarize, type RunReport } from '../cli/types.js';

/** The Cargo.toml change a fix carries, with the manifest path relative to the source file's directory. */
function manifestSummary(m: ManifestChange, sourceFile: string) {
  return { path: path.relative(path.dirname(sourceFile), m.manifestPath), dependency: [...m.table, m.key].join('.'), addFeatures: m.addFeatures };
}

/** The `--format json` document: exactly one JSON value on stdout, 1-based positions. */
export function renderJson(run: RunReport): string {
  const written = run.mode === 'yes' || run.mode === 'review';
  const doc = {
    version: 1,
    files: run.files
      .filter((f) => f.findings.length || f.errors.length || (f.manifestOwner && f.newText !== f.text))
      .map((f) => ({
        path: f.relative,
        findings: f.findings.map((x) => ({
          rule: x.rule,
          tier: x.tier,
          line: x.line,
          column: x.column,
          endLine: x.endLine,
          endColumn: x.endColumn,
          message: x.message,
          fix: x.fix,
          ...(x.fixTitle ? { fixTitle: x.fixTitle } : {}),
          ...(x.alternatives ? { alternatives: x.alternatives } : {}),
          applied: written && f.written && x.applied,
          ...(x.note ? { note: x.note } : {}),
          ...(x.manifestChange ? { cargoToml: manifestSummary(x.manifestChange, f.absolute) } : {}),
          ...(x.edits ? { edits: x.edits.map(({ line, column, endLine, endColumn, text }) => ({ line, column, endLine, endColumn, text })) } : {}),
        })),
        ...(f.errors.length ? { errors: f.errors } : {}),
      })),
    skipped: run.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    summary: summarize(run),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
