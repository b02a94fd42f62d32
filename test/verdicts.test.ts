import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { parseLedger } from '../scripts/lib/verdicts.mjs';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { precisionTable } from '../scripts/lib/precision-table.mjs';

/** The ecosystem ledger (docs/ecosystem/verdicts.jsonl) and the figures computed from it. */

const verdict = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ app: 'bore-b23beb9', path: 'src/server.rs', rule: 'unbounded-spawn', key: '7e8bc49b5b0b4207#1', verdict: 'FP', reason: 'one task per accepted connection', line: 141, ...over });

describe('the verdict ledger', () => {
  it('reads lines in any order, blank lines allowed', () => {
    const text = [verdict({ key: '0000000000000001#2', verdict: 'TP', fix: 'ok' }), '', verdict()].join('\n') + '\n';
    const entries = parseLedger(text);
    expect(entries.map((e: { verdict: string; lineNumber: number }) => [e.verdict, e.lineNumber])).toEqual([
      ['TP', 1],
      ['FP', 3],
    ]);
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseLedger(`${verdict()}\n{"app": "x",\n`)).toThrow(/verdicts\.jsonl:2: not valid JSON/);
    expect(() => parseLedger(verdict({ reason: undefined }))).toThrow(/:1: `reason` must be a non-empty string/);
    expect(() => parseLedger(verdict({ key: 'abc' }))).toThrow(/:1: `key` must look like/);
    expect(() => parseLedger(verdict({ extra: 1 }))).toThrow(/:1: unknown field\(s\) extra/);
  });

  it('rejects an unknown verdict or fix verdict', () => {
    expect(() => parseLedger(`\n${verdict({ verdict: 'maybe' })}`)).toThrow(/:2: unknown verdict "maybe" \(known: TP, FP, low-value\)/);
    expect(() => parseLedger(verdict({ fix: 'fine' }))).toThrow(/:1: unknown fix verdict "fine"/);
  });

  it('rejects the same finding judged twice, naming both lines; the same key in another file is another finding', () => {
    expect(() => parseLedger([verdict(), verdict({ path: 'src/client.rs' }), verdict({ verdict: 'TP' })].join('\n'))).toThrow(
      /:3: duplicate key 7e8bc49b5b0b4207#1 for bore-b23beb9 src\/server\.rs \(first judged on line 1\)/,
    );
  });
});

describe('the precision table', () => {
  it('counts low-value as judged but neither TP nor FP', () => {
    const t = precisionTable([
      { rule: 'a', verdict: 'TP' },
      { rule: 'a', verdict: 'TP' },
      { rule: 'a', verdict: 'FP' },
      { rule: 'a', verdict: 'low-value' },
      { rule: 'a' },
      { rule: 'b' },
    ]);
    expect(t.rules.a).toMatchObject({ findings: 5, judged: 4, TP: 2, FP: 1, 'low-value': 1, precision: 2 / 3, lowValueShare: 1 / 4 });
    expect(t.rules.b).toMatchObject({ findings: 1, judged: 0, precision: null, lowValueShare: null });
    expect(t.overall).toMatchObject({ findings: 6, judged: 4 });
  });
});
