import type { ReportedFinding } from '../engine/pipeline.js';

/** One scanned file's result, as the reporters see it. */
export interface FileReport {
  absolute: string;
  /** Relative to the PATH argument's directory: the path JSON output uses. */
  relative: string;
  /** Relative to the working directory: the path text output uses. */
  display: string;
  findings: ReportedFinding[];
  text: string;
  newText: string;
  written: boolean;
  /** --verify restored the original because the package stopped building. */
  rolledBack?: boolean;
  /** For a Cargo.toml changed to serve fixes: the package manifest whose fixes need it. */
  manifestOwner?: string;
  errors: string[];
}

export interface RunReport {
  mode: 'dry-run' | 'check' | 'yes' | 'review';
  unsafeFixes: boolean;
  files: FileReport[];
  /** Files that could not be read or analysed, with the reason. */
  skipped: { path: string; reason: string }[];
  declined: number;
  seconds: number;
}

export function summarize(run: RunReport) {
  const findingsByRule: Record<string, number> = {};
  let findings = 0;
  let applied = 0;
  let hiddenUnsafe = 0;
  for (const f of run.files) {
    for (const x of f.findings) {
      findings++;
      findingsByRule[x.rule] = (findingsByRule[x.rule] ?? 0) + 1;
      if (x.applied) applied++;
      if (x.fix === 'unsafe' && !x.applied && !run.unsafeFixes && run.mode !== 'review') hiddenUnsafe++;
    }
  }
  const sources = run.files.filter((f) => !f.manifestOwner);
  const changed = sources.filter((f) => f.newText !== f.text).length;
  return {
    filesScanned: sources.length,
    filesChanged: run.mode === 'dry-run' || run.mode === 'check' ? 0 : run.files.filter((f) => f.written).length,
    manifestsChanged: run.files.filter((f) => f.manifestOwner && f.newText !== f.text).length,
    filesWithFixes: changed,
    findings,
    findingsByRule,
    fixesApplied: run.mode === 'dry-run' || run.mode === 'check' ? 0 : applied,
    fixesAvailable: applied,
    fixesDeclined: run.declined,
    unsafeFixesHidden: hiddenUnsafe,
    skipped: run.skipped.length,
    errors: run.files.reduce((n, f) => n + f.errors.length, 0),
    seconds: Math.round(run.seconds * 1000) / 1000,
  };
}
