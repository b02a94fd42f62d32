import type { ReportedFinding } from '../engine/pipeline.js';
import type { Skipped } from './load.js';

/** One scanned file's result, as the reporters see it. */
export interface FileReport {
  absolute: string;
  /** Relative to the PATH argument's directory: the path JSON output uses. */
  relative: string;
  /** Relative to the working directory: the path text output uses. */
  display: string;
  findings: ReportedFinding[];
  text: string;
  /** Digest of the bytes read: the file is written only if it still holds them. */
  digest: string;
  newText: string;
  written: boolean;
  /** For a source file: the Cargo.toml files its applied fixes need (written with it or not at all). */
  needs?: string[];
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
  skipped: Skipped[];
  declined: number;
  seconds: number;
}

export function summarize(run: RunReport) {
  const findingsByRule: Record<string, number> = {};
  let findings = 0;
  let applied = 0;
  let written = 0;
  let hiddenUnsafe = 0;
  for (const f of run.files) {
    for (const x of f.findings) {
      findings++;
      findingsByRule[x.rule] = (findingsByRule[x.rule] ?? 0) + 1;
      if (x.applied) applied++;
      if (x.applied && f.written) written++;
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
    // What is on disk: a fix in a file that could not be written is not applied.
    fixesApplied: run.mode === 'dry-run' || run.mode === 'check' ? 0 : written,
    fixesAvailable: applied,
    fixesDeclined: run.declined,
    unsafeFixesHidden: hiddenUnsafe,
    skipped: run.skipped.length,
    errors: run.files.reduce((n, f) => n + f.errors.length, 0),
    seconds: Math.round(run.seconds * 1000) / 1000,
  };
}
