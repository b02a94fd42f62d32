import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the scripts, without types
import { parsePitfalls, recall, renderRecall } from '../scripts/lib/known-pitfalls.mjs';

const line = (over: Record<string, unknown>) => JSON.stringify({ app: 'a-1234567', path: 'src/lib.rs', line: 10, rule: 'blocking-fs', where: 'plain', what: 'std::fs::read(p)', why: 'on the request path', ...over });

describe('recall on the known-pitfalls list', () => {
  it('counts a pitfall found when a finding of its rule in its file covers its line or starts within two lines', () => {
    const pitfalls = parsePitfalls([line({}), line({ line: 40, where: 'macro' }), line({ line: 70, rule: 'cpu-loop', where: 'cross-file' })].join('\n') + '\n');
    const findings = [
      { app: 'a-1234567', path: 'src/lib.rs', rule: 'blocking-fs', line: 11, endLine: 11, tier: 'preview' },
      { app: 'a-1234567', path: 'src/lib.rs', rule: 'blocking-fs', line: 45, endLine: 45, tier: 'default' }, // too far from 40
      { app: 'a-1234567', path: 'src/lib.rs', rule: 'blocking-io', line: 70, endLine: 70, tier: 'default' }, // another rule
    ];
    const r = recall(pitfalls, findings, (f: { tier: string }) => f.tier === 'default', ['a-1234567']);
    expect(r.rows.overall).toEqual({ known: 3, found: 1, foundByDefault: 0 });
    expect(r.rows['blocking-fs']).toEqual({ known: 2, found: 1, foundByDefault: 0 });
    expect(r.rows['where: macro']).toEqual({ known: 1, found: 0, foundByDefault: 0 });
    expect(r.missed.map((p: { line: number }) => p.line)).toEqual([40, 70]);
    expect(renderRecall(r).at(-3)).toBe('ecosystem: 2 known pitfall(s) not found:');
  });

  it('refuses a malformed line, naming it', () => {
    expect(() => parsePitfalls(line({}) + '\n' + line({ where: 'elsewhere' }) + '\n')).toThrow(/known-pitfalls\.jsonl:2: `where` must be one of plain, cross-file, macro/);
    expect(() => parsePitfalls('{"app": "a"\n')).toThrow(/known-pitfalls\.jsonl:1: not JSON/);
  });
});
