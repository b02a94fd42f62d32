import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { allRules } from '../transforms/index.js';
import { TOKIO_FULL as CRATE } from './support/crates.js';

/**
 * Fixture cases: `__fixtures__/<rule-id>/<case>.input.rs` and `<case>.output.rs`.
 * A case whose output equals its input is negative: nothing may be applied.
 * A finding with more than one fix has its other fixes shown by
 * `<case>.alt<N>.output.rs`: the result when every such finding takes its
 * N-th alternative (the others their preferred fix); every alternative any
 * finding offers must have one.
 * Inputs and outputs also compile as modules of a tokio crate
 * (scripts/compile-check.mjs), so they are real Rust, not just parseable text.
 */
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');


/**
 * Cases reported without a fix: how many such findings each has. Every other
 * finding in a positive case must be applied, and every other negative case
 * must report nothing at all.
 */
const REPORTED_WITHOUT_FIX: Record<string, number> = {
  'blocking-sleep/sleep-as-value': 2,
  'blocking-fs/sync-object-no-fix': 4,
  'blocking-fs/path-queries': 3,
  'rc-across-await/moved-to-local-task': 2,
  'lock-across-await/arm-temporaries': 1,
  'cleanup-after-await/releases-only': 2,
  'blocking-fs/fs-as-value': 1,
  'blocking-io/report-only': 9,
  'blocking-io/sync-helper': 3,
  'blocking-io/macro-select': 1,
  'send-unwrap/returns': 2,
  'send-unwrap/macro-select': 1,
  'lock-across-await/clippy-allowed': 1,
  'lock-across-await/temporaries': 3,
  'lock-across-await/used-after': 3,
  'lock-across-await/macro-select': 1,
  'lock-across-await/macro-log-tracing': 1,
  'refcell-across-await/held': 2,
  'refcell-across-await/clippy-allowed': 1,
  'rc-across-await/held': 3,
  'rc-across-await/spawned-bound': 1,
  'rc-across-await/spawned-rc-param': 4,
  'rc-across-await/spawned-refcell': 2,
  'cpu-loop/report-only': 3,
  'cleanup-after-await/cancelled': 2,
  'unbounded-spawn/report-only': 3,
};

interface Case {
  rule: string;
  name: string;
  input: Buffer;
  output: Buffer;
  /** `<case>.alt<N>.output.rs`, by N. */
  alternatives: Map<number, Buffer>;
}

function discover(): Case[] {
  const cases: Case[] = [];
  for (const rule of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, rule);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith('.input.rs')) continue;
      const name = file.slice(0, -'.input.rs'.length);
      const outputFile = path.join(dir, `${name}.output.rs`);
      const alternatives = new Map<number, Buffer>();
      for (const other of fs.readdirSync(dir)) {
        const m = /^(.+)\.alt([1-9][0-9]*)\.output\.rs$/.exec(other);
        if (m && m[1] === name) alternatives.set(Number(m[2]), fs.readFileSync(path.join(dir, other)));
      }
      cases.push({
        alternatives,
        rule,
        name,
        input: fs.readFileSync(path.join(dir, file)),
        // A missing output file fails the case below instead of hiding it.
        output: fs.existsSync(outputFile) ? fs.readFileSync(outputFile) : Buffer.from(`<missing ${name}.output.rs>`),
      });
    }
  }
  return cases;
}

const cases = discover();

function rulesFor(rule: string) {
  const rules = allRules.filter((r) => r.id === rule);
  expect(rules, `no rule with id ${rule} in transforms/index.ts`).toHaveLength(1);
  return rules;
}

function run(rule: string, text: string) {
  return processFile({ path: `${rule}.rs`, text, crate: CRATE }, { rules: rulesFor(rule), fixMode: 'unsafe' });
}

/** Like `run`, but every finding with an N-th alternative fix takes it. */
function runAlternative(rule: string, text: string, n: number) {
  let chosen = 0;
  const outcome = processFile({ path: `${rule}.rs`, text, crate: CRATE }, { rules: rulesFor(rule), fixMode: 'unsafe' }, (c) => {
    if (c.fixes.length <= n) return 0;
    chosen++;
    return n;
  });
  return { ...outcome, chosen };
}

beforeAll(async () => {
  await initParser();
});

describe('fixture layout', () => {
  it('finds fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(allRules.map((r) => [r.id, r.fixSafety] as const))('rule %s has positive and negative cases', (id, fixSafety) => {
    const own = cases.filter((c) => c.rule === id);
    // A report-only rule has no rewrite to show: its positive cases are the ones reporting findings.
    const reports = (c: Case) => !!REPORTED_WITHOUT_FIX[`${c.rule}/${c.name}`];
    const positive = own.filter((c) => (fixSafety === 'none' ? reports(c) : !c.input.equals(c.output)));
    const negative = own.filter((c) => c.input.equals(c.output) && !(fixSafety === 'none' && reports(c)));
    expect(positive.length, 'positive cases').toBeGreaterThan(0);
    expect(negative.length, 'negative cases').toBeGreaterThan(0);
  });

  it('has an alt output for every alternative fix a case offers, and none for a case without', () => {
    for (const c of cases) {
      const { findings } = run(c.rule, c.input.toString('utf8'));
      const most = Math.max(0, ...findings.map((f) => f.alternatives?.length ?? 0));
      expect([...c.alternatives.keys()].sort(), `${c.rule}/${c.name}`).toEqual(Array.from({ length: most }, (_, i) => i + 1));
    }
  });

  it('names only known rules and existing cases in REPORTED_WITHOUT_FIX', () => {
    for (const key of Object.keys(REPORTED_WITHOUT_FIX)) {
      expect(cases.some((c) => `${c.rule}/${c.name}` === key), key).toBe(true);
    }
    for (const c of cases) expect(allRules.map((r) => r.id)).toContain(c.rule);
  });
});

describe.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))('%s', (key, c) => {
  const input = c.input.toString('utf8');
  const positive = !c.input.equals(c.output);

  it('rewrites the input to the expected output, byte for byte', () => {
    const outcome = run(c.rule, input);
    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe(input);
    expect(outcome.newText).toBe(c.output.toString('utf8'));
    expect(Buffer.from(outcome.newText, 'utf8').equals(c.output)).toBe(true);
  });

  it(positive ? 'applies at least one finding, and every fixable one' : 'applies nothing', () => {
    const { findings } = run(c.rule, input);
    const applied = findings.filter((f) => f.applied);
    const unfixed = findings.filter((f) => !f.applied);
    expect(findings.every((f) => f.rule === c.rule)).toBe(true);
    if (positive) expect(applied.length).toBeGreaterThan(0);
    else expect(applied).toEqual([]);
    // Anything not applied must be a report-only finding with a reason.
    expect(unfixed.length).toBe(REPORTED_WITHOUT_FIX[key] ?? 0);
    for (const f of unfixed) {
      expect(f.fix).toBe('none');
      expect(f.note).toMatch(/\S/);
    }
  });

  it('is idempotent: a second run over the output changes nothing and reports no errors', () => {
    const again = run(c.rule, c.output.toString('utf8'));
    expect(again.errors).toEqual([]);
    expect(again.newText).toBe(c.output.toString('utf8'));
    expect(again.findings.filter((f) => f.applied)).toEqual([]);
  });

  describe.each([...c.alternatives].map(([n, output]) => [n, output] as const))('alternative %i', (n, output) => {
    it('rewrites the input to the alt output, byte for byte, taking that alternative at least once', () => {
      const outcome = runAlternative(c.rule, input, n);
      expect(outcome.errors).toEqual([]);
      expect(outcome.chosen).toBeGreaterThan(0);
      expect(outcome.newText).toBe(output.toString('utf8'));
      expect(outcome.newText).not.toBe(c.output.toString('utf8'));
    });

    it('is idempotent: a second run over the alt output changes nothing', () => {
      const again = run(c.rule, output.toString('utf8'));
      expect(again.errors).toEqual([]);
      expect(again.newText).toBe(output.toString('utf8'));
    });
  });
});
