// Per-rule counts of findings and verdicts, the figures the ecosystem check
// prints: precision = TP / (TP + FP) over judged findings (low-value ones are
// true, so they count for neither side), low-value share = low-value / judged.

const emptyRow = () => ({ findings: 0, judged: 0, TP: 0, FP: 0, 'low-value': 0 });

function withRatios(row) {
  const decided = row.TP + row.FP;
  return {
    ...row,
    precision: decided ? row.TP / decided : null,
    lowValueShare: row.judged ? row['low-value'] / row.judged : null,
  };
}

/**
 * `findings`: `{rule, verdict?}` (verdict undefined when not judged yet).
 * Returns `{ rules: {rule: row}, overall: row }`, rules sorted by id.
 */
export function precisionTable(findings) {
  const rules = {};
  const overall = emptyRow();
  for (const f of findings) {
    rules[f.rule] ??= emptyRow();
    for (const row of [rules[f.rule], overall]) {
      row.findings++;
      if (f.verdict) {
        row.judged++;
        row[f.verdict]++;
      }
    }
  }
  const sorted = Object.fromEntries(Object.keys(rules).sort().map((r) => [r, withRatios(rules[r])]));
  return { rules: sorted, overall: withRatios(overall) };
}

const ratio = (x) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const COLUMNS = ['findings', 'judged', 'TP', 'FP', 'low-value', 'precision', 'low-value share'];

/** The table as aligned text lines, a title line first. */
export function renderPrecisionTable(title, table) {
  const rows = [...Object.entries(table.rules), ['overall', table.overall]].map(([name, r]) => [
    name,
    ...[r.findings, r.judged, r.TP, r.FP, r['low-value']].map(String),
    ratio(r.precision),
    ratio(r.lowValueShare),
  ]);
  const header = ['rule', ...COLUMNS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [title, `  ${line(header)}`, ...rows.map((r) => `  ${line(r)}`)];
}
