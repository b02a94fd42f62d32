import { formatPatch, structuredPatch, type StructuredPatchHunk } from 'diff';
import type { Colors } from 'picocolors/types.js';
import type { ManifestChange } from '../analysis/file-analysis.js';
import type { ReportedFinding } from '../engine/pipeline.js';
import { summarize, type RunReport } from '../cli/types.js';

/** A unified diff with git's a/ b/ prefixes, colored like `git diff`. */
export function renderDiff(display: string, before: string, after: string, c: Colors, context = 3): string {
  return renderHunks(display, diffHunks(display, before, after, context), c);
}

function diffHunks(display: string, before: string, after: string, context = 3): StructuredPatchHunk[] {
  return structuredPatch(`a/${display}`, `b/${display}`, before, after, undefined, undefined, { context }).hunks;
}

/** Some of a file's hunks as a unified diff of their own (headers included), colored like `git diff`. */
function renderHunks(display: string, hunks: StructuredPatchHunk[], c: Colors): string {
  const patch = formatPatch({ oldFileName: `a/${display}`, newFileName: `b/${display}`, oldHeader: undefined, newHeader: undefined, hunks });
  return patch
    .split('\n')
    .filter((l) => !/^={10,}$/.test(l))
    .map((l) => {
      if (l.startsWith('+++') || l.startsWith('---')) return c.bold(l);
      if (l.startsWith('@@')) return c.cyan(l);
      if (l.startsWith('+')) return c.green(l);
      if (l.startsWith('-')) return c.red(l);
      return l;
    })
    .join('\n')
    .trimEnd();
}

/** `file:line:col rule message [fix: safe|unsafe|none]`, with the note (why no fix) on the next line. */
export function renderFinding(display: string, f: ReportedFinding, c: Colors, written: boolean): string {
  const fix = f.fix === 'none' ? c.dim('[fix: none]') : f.fix === 'unsafe' ? c.magenta('[fix: unsafe]') : c.green('[fix: safe]');
  const done = written && f.applied ? ' ' + c.green('(fixed)') : '';
  const head = `${c.bold(`${display}:${f.line}:${f.column}`)} ${c.yellow(f.rule)} ${f.message} ${fix}${done}`;
  const others = (f.alternatives ?? []).map((a) => `other fix (${a.fix}): ${a.title}; choose it in the review`);
  const notes = [f.note, f.manifestChange && manifestNote(f.manifestChange), ...others].filter(Boolean);
  return [head, ...notes.map((n) => `  ${c.dim('= note:')} ${n}`)].join('\n');
}

export function manifestNote(m: ManifestChange): string {
  const list = m.addFeatures.map((x) => `"${x}"`).join(', ');
  return `the fix also adds ${list} to ${m.key}'s features in ${m.manifestPath.split(/[\\/]/).slice(-2).join('/')} [${m.table.join('.')}]`;
}

export function renderText(run: RunReport, c: Colors): string {
  const out: string[] = [];
  const writes = run.mode === 'yes' || run.mode === 'review';
  for (const f of run.files) {
    // Without writing, each finding is followed by the hunks of its fix (those that touch its lines), as a diff of their own.
    const hunks = !writes && f.newText !== f.text ? diffHunks(f.display, f.text, f.newText) : [];
    const shown = new Set<StructuredPatchHunk>();
    for (const x of f.findings) {
      out.push(renderFinding(f.display, x, c, writes && f.written));
      const own = hunks.filter((h) => !shown.has(h) && h.oldStart <= x.endLine && x.line < h.oldStart + Math.max(1, h.oldLines));
      for (const h of own) shown.add(h);
      if (own.length) out.push(renderHunks(f.display, own, c), '');
    }
    // What no finding's lines hold: a `use` a fix narrowed, a Cargo.toml feature.
    const rest = hunks.filter((h) => !shown.has(h));
    if (rest.length) out.push(renderHunks(f.display, rest, c), '');
    for (const e of f.errors) out.push(`${c.red('error')}: ${f.display}: ${e}`);
  }
  if (out.length && out[out.length - 1] !== '') out.push('');
  out.push(renderSummary(run, c));
  return out.join('\n') + '\n';
}

function renderSummary(run: RunReport, c: Colors): string {
  const s = summarize(run);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : /(?:x|s|ch|sh)$/.test(word) ? 'es' : 's'}`;
  const byRule = Object.entries(s.findingsByRule)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  const lines = [`Scanned ${plural(s.filesScanned, 'file')} in ${s.seconds.toFixed(2)}s: ${plural(s.findings, 'finding')}${byRule ? ` (${byRule})` : ''}.`];
  if (run.mode === 'dry-run' || run.mode === 'check') {
    if (s.fixesAvailable) lines.push(`Would fix ${plural(s.fixesAvailable, 'finding')} in ${plural(s.filesWithFixes, 'file')} (no file written: ${run.mode === 'check' ? '--check' : '--dry-run'}).`);
  } else {
    lines.push(`Fixed ${plural(s.fixesApplied, 'finding')} in ${plural(s.filesChanged, 'file')}${run.mode === 'review' ? `; ${s.fixesDeclined} declined` : ''}.`);
  }
  if (s.unsafeFixesHidden) lines.push(`${plural(s.unsafeFixesHidden, 'unsafe fix')} available with --unsafe-fixes (they change concurrency behaviour; review them).`);
  if (s.skipped) lines.push(c.yellow(`${plural(s.skipped, 'file')} skipped (see warnings above).`));
  return lines.join('\n');
}
