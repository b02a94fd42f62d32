// The ecosystem ledger, docs/ecosystem/verdicts.jsonl: one reviewer verdict
// per line. Several people append to it, so line order means nothing; what
// identifies a finding is (app, path, key), since identical code in two files
// gets the same key (see finding-key.mjs).

export const VERDICTS = ['TP', 'FP', 'low-value'];
export const FIX_VERDICTS = ['ok', 'breaks', 'none'];
const REQUIRED_STRINGS = ['app', 'path', 'rule', 'key', 'reason'];
const KNOWN_FIELDS = new Set([...REQUIRED_STRINGS, 'verdict', 'fix', 'line']);
const KEY_SHAPE = /^[0-9a-f]{16}#[1-9][0-9]*$/;

export class LedgerError extends Error {}

/** The identity a verdict and a finding share. */
export const findingId = ({ app, path, key }) => `${app}\0${path}\0${key}`;

/** What is wrong with one parsed ledger entry, or null. */
function problem(entry) {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'not a JSON object';
  for (const k of REQUIRED_STRINGS) if (typeof entry[k] !== 'string' || entry[k] === '') return `\`${k}\` must be a non-empty string`;
  if (!KEY_SHAPE.test(entry.key)) return `\`key\` must look like 0123456789abcdef#1, found ${JSON.stringify(entry.key)}`;
  if (!VERDICTS.includes(entry.verdict)) return `unknown verdict ${JSON.stringify(entry.verdict)} (known: ${VERDICTS.join(', ')})`;
  if (entry.fix !== undefined && !FIX_VERDICTS.includes(entry.fix)) return `unknown fix verdict ${JSON.stringify(entry.fix)} (known: ${FIX_VERDICTS.join(', ')})`;
  if (entry.line !== undefined && !(Number.isInteger(entry.line) && entry.line > 0)) return '`line` must be a positive integer';
  if (/[\r\n]/.test(entry.reason)) return '`reason` must be one line';
  const unknown = Object.keys(entry).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length) return `unknown field(s) ${unknown.join(', ')}`;
  return null;
}

/**
 * The ledger's entries, each with its `lineNumber`. Blank lines are allowed;
 * a malformed line, an unknown verdict or a finding judged twice throws a
 * LedgerError naming the file and the line(s).
 */
export function parseLedger(text, fileName = 'verdicts.jsonl') {
  const entries = [];
  const firstLine = new Map();
  for (const [i, raw] of text.split('\n').entries()) {
    const lineNumber = i + 1;
    if (raw.trim() === '') continue;
    let entry;
    try {
      entry = JSON.parse(raw);
    } catch (e) {
      throw new LedgerError(`${fileName}:${lineNumber}: not valid JSON (${e.message})`);
    }
    const p = problem(entry);
    if (p) throw new LedgerError(`${fileName}:${lineNumber}: ${p}`);
    const id = findingId(entry);
    if (firstLine.has(id)) {
      throw new LedgerError(`${fileName}:${lineNumber}: duplicate key ${entry.key} for ${entry.app} ${entry.path} (first judged on line ${firstLine.get(id)})`);
    }
    firstLine.set(id, lineNumber);
    entries.push({ ...entry, lineNumber });
  }
  return entries;
}
