// The recall list, docs/ecosystem/known-pitfalls.jsonl: true pitfalls in the
// apps corpus found by reading and grepping, whether async-fix finds them or
// not. A pitfall counts as found when a finding of its rule in its file covers
// its line or starts within two lines of it (the list names a statement, a
// finding may name the call inside it); the apps are pinned, so lines do not move.

export const WHERE = ['plain', 'cross-file', 'macro'];
const REQUIRED = ['app', 'path', 'rule', 'where', 'what', 'why'];

export class PitfallsError extends Error {}

export function parsePitfalls(text, fileName = 'known-pitfalls.jsonl') {
  const out = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw.trim()) continue;
    let entry;
    try {
      entry = JSON.parse(raw);
    } catch (e) {
      throw new PitfallsError(`${fileName}:${i + 1}: not JSON (${e.message})`);
    }
    const missing = REQUIRED.find((k) => typeof entry[k] !== 'string' || entry[k] === '');
    if (missing) throw new PitfallsError(`${fileName}:${i + 1}: \`${missing}\` must be a non-empty string`);
    if (!(Number.isInteger(entry.line) && entry.line > 0)) throw new PitfallsError(`${fileName}:${i + 1}: \`line\` must be a positive integer`);
    if (!WHERE.includes(entry.where)) throw new PitfallsError(`${fileName}:${i + 1}: \`where\` must be one of ${WHERE.join(', ')}`);
    out.push({ ...entry, lineNumber: i + 1 });
  }
  return out;
}

const NEAR = 2;
const covers = (f, p) => f.app === p.app && f.path === p.path && f.rule === p.rule && f.line - NEAR <= p.line && p.line <= (f.endLine ?? f.line) + NEAR;

/** Per rule and per `where`: known, found in any tier, found in the default output; and the pitfalls not found. */
export function recall(pitfalls, findings, isDefault, apps) {
  const rows = {};
  const missed = [];
  const row = (k) => (rows[k] ??= { known: 0, found: 0, foundByDefault: 0 });
  for (const p of pitfalls.filter((x) => apps.includes(x.app))) {
    const hits = findings.filter((f) => covers(f, p));
    for (const k of [p.rule, `where: ${p.where}`, 'overall']) {
      const r = row(k);
      r.known++;
      if (hits.length) r.found++;
      if (hits.some(isDefault)) r.foundByDefault++;
    }
    if (!hits.length) missed.push(p);
  }
  return { rows, missed };
}

export function renderRecall({ rows, missed }) {
  const names = Object.keys(rows).sort((a, b) => (a === 'overall') - (b === 'overall') || a.startsWith('where') - b.startsWith('where') || a.localeCompare(b));
  const width = Math.max(8, ...names.map((n) => n.length));
  const pct = (a, b) => (b ? `${((a / b) * 100).toFixed(0)}%` : '-');
  const lines = ['ecosystem: recall on docs/ecosystem/known-pitfalls.jsonl', `  ${'rule'.padEnd(width)}  known  found  recall  by default`];
  for (const n of names) {
    const r = rows[n];
    lines.push(`  ${n.padEnd(width)}  ${String(r.known).padStart(5)}  ${String(r.found).padStart(5)}  ${pct(r.found, r.known).padStart(6)}  ${String(r.foundByDefault).padStart(10)}`);
  }
  lines.push(`ecosystem: ${missed.length} known pitfall(s) not found:`);
  for (const p of missed) lines.push(`  known-pitfalls.jsonl:${p.lineNumber} ${p.app} ${p.path}:${p.line} ${p.rule} (${p.where}): ${p.what.slice(0, 80)}`);
  return lines;
}
