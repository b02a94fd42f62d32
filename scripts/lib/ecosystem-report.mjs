// What the ecosystem check prints and writes once every app has run: checks
// folded over apps, the precision tables, the findings still to judge and
// the verdicts whose finding is gone.
import { isDefaultOutput } from './app-findings.mjs';
import { precisionTable, renderPrecisionTable } from './precision-table.mjs';
import { findingId } from './verdicts.mjs';

/**
 * One PASS/FAIL per check label over all apps (`results[i].checks`), so the
 * output has a line per assertion, not per assertion and app; a failure's
 * details name the app.
 */
export function assertOverApps(tally, results) {
  const byLabel = new Map();
  for (const { app, checks } of results) {
    for (const c of checks) {
      if (!byLabel.has(c.label)) byLabel.set(c.label, []);
      byLabel.get(c.label).push({ app, ...c });
    }
  }
  const summary = [];
  for (const [label, runs] of byLabel) {
    const failed = runs.filter((r) => !r.ok);
    const details = failed.flatMap((r) => [`${r.app}${r.note ? ` (${r.note})` : ''}`, ...r.details.filter(Boolean).map((d) => `  ${d}`)]);
    const apps = failed.length ? `failed in ${failed.length} of ${runs.length} apps` : `${runs.length} apps`;
    tally.assert(failed.length === 0, `${label} (${apps})`, details);
    summary.push({ label, ok: failed.length === 0, apps: runs.length, failedApps: failed.map((r) => r.app) });
  }
  return summary;
}

/** Each finding with the verdict judged for it, and the verdicts of `apps` whose finding is gone. */
export function matchVerdicts(findings, ledger, apps) {
  const byId = new Map(ledger.map((v) => [findingId(v), v]));
  const judged = findings.map((f) => {
    const v = byId.get(findingId(f));
    byId.delete(findingId(f));
    return v ? { ...f, verdict: v.verdict, reason: v.reason, ...(v.fix ? { fixVerdict: v.fix } : {}) } : f;
  });
  const gone = [...byId.values()].filter((v) => apps.includes(v.app));
  return { judged, gone };
}

export function precisionTables(findings) {
  return { default: precisionTable(findings.filter(isDefaultOutput)), all: precisionTable(findings) };
}

export function printTables(tables) {
  const lines = [
    ...renderPrecisionTable('ecosystem: default output (the findings the default configuration reports)', tables.default),
    '',
    ...renderPrecisionTable('ecosystem: all findings (every tier)', tables.all),
    '',
  ];
  for (const l of lines) console.log(l);
}

const where = (f) => `${f.app} ${f.path}:${f.line}:${f.column}`;

export function printUnjudged(unjudged) {
  console.log(`ecosystem: ${unjudged.length} finding(s) with no verdict yet${unjudged.length ? ':' : ''}`);
  for (const f of unjudged) console.log(`  ${where(f)} ${f.rule} ${f.key} ${f.message}`);
}

export function printGone(gone) {
  console.log(`ecosystem: ${gone.length} verdict(s) whose finding disappeared${gone.length ? ' (a recall loss if it was TP; delete the line if the code changed):' : ''}`);
  for (const v of gone) console.log(`  verdicts.jsonl:${v.lineNumber} ${v.app} ${v.path}${v.line ? `:${v.line}` : ''} ${v.rule} ${v.key} ${v.verdict}: ${v.reason}`);
}

/** What a reviewer needs to judge a finding, one JSON object per line. */
export function unjudgedJsonl(unjudged) {
  const fields = ['app', 'path', 'line', 'column', 'rule', 'message', 'fix', 'fixTitle', 'defaultFix', 'key', 'fn', 'context'];
  return unjudged.map((f) => JSON.stringify(Object.fromEntries(fields.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])))).join('\n') + (unjudged.length ? '\n' : '');
}

/** src/config/measured-precision.ts: each rule's figures over every tier, for `--list-rules`. */
export function renderMeasuredPrecision(table, apps) {
  const rows = Object.entries(table.rules).map(([rule, r]) => `  '${rule}': { findings: ${r.findings}, tp: ${r.TP}, fp: ${r.FP}, lowValue: ${r['low-value']} },`);
  return [
    '// Written by `node scripts/ecosystem.mjs --write-precision` (do not edit): each rule\'s findings',
    `// on the apps corpus (${apps} real tokio applications, every tier: --preview --include-tests) and`,
    '// their verdicts in docs/ecosystem/verdicts.jsonl. The ecosystem check fails when this is out of date.',
    '',
    "import type { MeasuredPrecision } from './precision.js';",
    '',
    `export const MEASURED_APPS = ${apps};`,
    '',
    'export const MEASURED: Readonly<Record<string, MeasuredPrecision>> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}
