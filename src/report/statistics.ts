import { summarize, type RunReport } from '../cli/types.js';

/**
 * `--statistics`: per rule, how many findings and how many of them have a
 * safe or an unsafe fix, most frequent first (ruff's `--statistics`), then
 * the totals.
 */
export function renderStatistics(run: RunReport): string {
  const rows = new Map<string, { count: number; safe: number; unsafe: number }>();
  for (const f of run.files) {
    for (const x of f.findings) {
      const row = rows.get(x.rule) ?? { count: 0, safe: 0, unsafe: 0 };
      row.count++;
      if (x.fix === 'safe') row.safe++;
      if (x.fix === 'unsafe') row.unsafe++;
      rows.set(x.rule, row);
    }
  }
  const sorted = [...rows].sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b));
  const width = Math.max(4, ...sorted.map(([rule]) => rule.length));
  const line = (count: string, rule: string, safe: string, unsafe: string) => `${count.padStart(6)}  ${rule.padEnd(width)}  ${safe.padStart(9)}  ${unsafe.padStart(11)}`;
  const out = [line('count', 'rule', 'safe fix', 'unsafe fix')];
  for (const [rule, r] of sorted) out.push(line(String(r.count), rule, String(r.safe), String(r.unsafe)));
  const s = summarize(run);
  out.push(`${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}
