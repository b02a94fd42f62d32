import { beforeAll, describe, expect, it } from 'vitest';
import type { CrateFacts } from '../src/analysis/crate.js';
import type { FileAnalysis } from '../src/analysis/file-analysis.js';
import { SourceText } from '../src/analysis/source.js';
import { descendants, field } from '../src/analysis/syntax.js';
import { applyEdits, editsConflict, OffsetMap, selectCompatible } from '../src/engine/edits.js';
import { initParser, parseRust } from '../src/engine/parse.js';
import { fixPasses, MAX_PASSES, processFile } from '../src/engine/pipeline.js';
import type { Edit, Fix, FixSafety, Rule, RuleFinding } from '../src/rule.js';
import { blockingSleep } from '../transforms/blocking-sleep.js';
import { TOKIO_FULL as TOKIO } from './support/crates.js';


beforeAll(async () => {
  await initParser();
});

const e = (start: number, end: number, text = ''): Edit => ({ start, end, text });

/** A rule made up for one test; never registered anywhere else. */
function testRule(id: string, check: (file: FileAnalysis) => RuleFinding[]): Rule {
  return {
    id,
    summary: `test rule ${id}`,
    fixSafety: 'unsafe',
    docs: { whatItDoes: '-', whyIsThisBad: '-', example: '-', useInstead: '-' },
    // These rules look at sync code (`go()` calls), so no text is prefiltered away.
    prefilter: /(?:)/,
    check,
  };
}

const fix = (edits: Edit[], safety: FixSafety = 'safe'): Fix => ({ safety, title: 'test fix', edits });

/** Every call whose callee is written exactly `name`. */
function calls(file: FileAnalysis, name: string) {
  const out = [];
  for (const n of descendants(file.root)) {
    if (n.type !== 'call_expression') continue;
    const callee = field(n, 'function')!;
    if (file.text(callee) === name) out.push({ call: n, callee, args: field(n, 'arguments')! });
  }
  return out;
}

function run(text: string, rules: readonly Rule[], options: { fixMode?: 'none' | 'safe' | 'unsafe'; maxPasses?: number; crate?: CrateFacts } = {}) {
  return processFile(
    { path: 'test.rs', text, crate: options.crate ?? TOKIO },
    { rules, fixMode: options.fixMode ?? 'unsafe', maxPasses: options.maxPasses },
  );
}

describe('editsConflict', () => {
  it('overlapping or identical replacements conflict; adjacent ones do not', () => {
    expect(editsConflict(e(0, 5, 'a'), e(3, 8, 'b'))).toBe(true);
    expect(editsConflict(e(3, 8, 'b'), e(0, 5, 'a'))).toBe(true);
    expect(editsConflict(e(2, 4, 'a'), e(2, 4, 'b'))).toBe(true);
    expect(editsConflict(e(0, 3, 'a'), e(3, 6, 'b'))).toBe(false);
    expect(editsConflict(e(3, 6, 'b'), e(0, 3, 'a'))).toBe(false);
  });

  it('two insertions conflict only at the same point', () => {
    expect(editsConflict(e(4, 4, 'a'), e(4, 4, 'b'))).toBe(true);
    expect(editsConflict(e(4, 4, 'a'), e(5, 5, 'b'))).toBe(false);
  });

  it('an insertion conflicts with a replacement (or deletion) strictly around it, not at its ends', () => {
    expect(editsConflict(e(5, 5, 'x'), e(2, 8, 'y'))).toBe(true);
    expect(editsConflict(e(2, 8, 'y'), e(5, 5, 'x'))).toBe(true);
    expect(editsConflict(e(5, 5, 'x'), e(2, 8))).toBe(true);
    expect(editsConflict(e(2, 2, 'x'), e(2, 8, 'y'))).toBe(false);
    expect(editsConflict(e(2, 8, 'y'), e(8, 8, 'x'))).toBe(false);
  });
});

describe('selectCompatible', () => {
  const A = { name: 'A', edits: [e(0, 5, 'a')] };
  const B = { name: 'B', edits: [e(3, 8, 'b')] };
  const C = { name: 'C', edits: [e(8, 10, 'c')] };
  const D = { name: 'D', edits: [e(20, 21, 'd'), e(4, 4, 'd')] };
  const E = { name: 'E', edits: [e(6, 7, 'e')] };
  const names = (r: ReturnType<typeof selectCompatible<typeof A>>) => ({
    accepted: r.accepted.map((f) => f.name),
    deferred: r.deferred.map((d) => `${d.fix.name}<${d.blockedBy.name}`),
  });

  it('keeps the first of two conflicting fixes and says which one blocked the other', () => {
    expect(names(selectCompatible([A, B, C]))).toEqual({ accepted: ['A', 'C'], deferred: ['B<A'] });
  });

  it('order decides, and the same order always gives the same answer', () => {
    expect(names(selectCompatible([B, A, C]))).toEqual({ accepted: ['B', 'C'], deferred: ['A<B'] });
    expect(names(selectCompatible([A, B, C, D, E]))).toEqual(names(selectCompatible([A, B, C, D, E])));
  });

  it('a fix conflicts when any one of its edits does', () => {
    expect(names(selectCompatible([A, D]))).toEqual({ accepted: ['A'], deferred: ['D<A'] });
  });

  it('a fix blocked only by a deferred fix is kept', () => {
    // E overlaps B alone; B lost to A, so E is compatible with everything kept.
    expect(names(selectCompatible([A, B, E]))).toEqual({ accepted: ['A', 'E'], deferred: ['B<A'] });
  });
});

describe('applyEdits', () => {
  it('applies edits given in any order, leaving other text alone', () => {
    const text = 'let x = foo(1);';
    const edits = [e(14, 14, '?'), e(8, 11, 'bar'), e(0, 3, 'const')];
    expect(applyEdits(text, edits)).toBe('const x = bar(1)?;');
    expect(applyEdits(text, [...edits].reverse())).toBe('const x = bar(1)?;');
  });

  it('an insertion at a replacement start goes before it, at its end after it', () => {
    const expected = 'ab<XY>ef';
    expect(applyEdits('abcdef', [e(2, 4, 'XY'), e(2, 2, '<'), e(4, 4, '>')])).toBe(expected);
    expect(applyEdits('abcdef', [e(2, 2, '<'), e(4, 4, '>'), e(2, 4, 'XY')])).toBe(expected);
  });

  it('deletes, and keeps CRLF, a BOM and non-ASCII text outside the edits', () => {
    const text = '\uFEFFé\r\n🦀 old\r\nend';
    expect(applyEdits(text, [e(text.indexOf('old'), text.indexOf('old') + 3, 'new'), e(1, 2)])).toBe('\uFEFF\r\n🦀 new\r\nend');
  });
});

describe('OffsetMap', () => {
  // 'abcdefgh' -> 'abXYZef!!gh': `cd` replaced by `XYZ`, `!!` inserted before `g`.
  const edits = [e(6, 6, '!!'), e(2, 4, 'XYZ')];

  it('maps offsets after the edits back by the length change so far', () => {
    expect(applyEdits('abcdefgh', edits)).toBe('abXYZef!!gh');
    const map = new OffsetMap(edits);
    expect([0, 1, 5, 6, 9, 10, 11].map((o) => map.toOld(o).offset)).toEqual([0, 1, 4, 5, 6, 7, 8]);
  });

  it('maps offsets inside inserted or replacing text to where the edit started', () => {
    const map = new OffsetMap(edits);
    expect([2, 3, 4, 7, 8].map((o) => map.toOld(o).offset)).toEqual([2, 2, 2, 6, 6]);
  });

  it('maps across a deletion', () => {
    const map = new OffsetMap([e(1, 3)]); // 'abcdef' -> 'adef'
    expect([0, 1, 2, 4].map((o) => map.toOld(o).offset)).toEqual([0, 3, 4, 6]);
  });
});

describe('pipeline: overlapping fixes', () => {
  // `rename` turns `go(..)` into `run(..)`; `bump` rewrites the whole call `X(1)` into `X(2)`.
  // Both start at the same offset and their edits overlap, so only one can go per pass.
  const rename = testRule('rename', (file) =>
    calls(file, 'go').map(({ callee }) => ({ node: callee, message: 'rename go', fix: fix([e(callee.start, callee.end, 'run')]) })),
  );
  const bump = testRule('bump', (file) =>
    [...calls(file, 'go'), ...calls(file, 'run')]
      .filter(({ args }) => file.text(args) === '(1)')
      .map(({ call, callee }) => ({ node: call, message: 'bump', fix: fix([e(call.start, call.end, `${file.text(callee)}(2)`)]) })),
  );
  const text = 'fn main() {\n    go(1);\n}\n';

  it('applies the first in rule order, then the deferred one in a later pass', () => {
    const out = run(text, [rename, bump]);
    expect(out.newText).toBe('fn main() {\n    run(2);\n}\n');
    expect(out.errors).toEqual([]);
    expect(out.passes).toBe(3);
    expect(out.findings.map((f) => [f.rule, f.start, f.line, f.column, f.applied, f.note])).toEqual([
      ['bump', 16, 2, 5, true, undefined],
      ['rename', 16, 2, 5, true, undefined],
    ]);
  });

  it('is deterministic: the rule order decides which fix waits', () => {
    const first = run(text, [rename, bump], { maxPasses: 1 });
    expect(first.newText).toBe('fn main() {\n    run(1);\n}\n');
    expect(first.findings.find((f) => f.rule === 'bump')).toMatchObject({ applied: false, note: expect.stringMatching(/overlaps the rename fix/) });
    expect(run(text, [rename, bump], { maxPasses: 1 })).toEqual(first);

    const swapped = run(text, [bump, rename], { maxPasses: 1 });
    expect(swapped.newText).toBe('fn main() {\n    go(2);\n}\n');
    expect(swapped.findings.find((f) => f.rule === 'rename')).toMatchObject({ applied: false, note: expect.stringMatching(/overlaps the bump fix/) });
    expect(run(text, [bump, rename]).newText).toBe('fn main() {\n    run(2);\n}\n');
  });

  it('reports a finding first seen in a later pass where it was in the original text', () => {
    const header = testRule('header', (file) =>
      file.source.text.startsWith('// generated\n') ? [] : [{ node: { start: 0, end: 0 }, message: 'header', fix: fix([e(0, 0, '// generated\n')]) }],
    );
    const late = testRule('late', (file) => (file.source.text.startsWith('// generated\n') ? rename.check(file) : []));
    const out = run(text, [header, late]);
    expect(out.newText).toBe('// generated\nfn main() {\n    run(1);\n}\n');
    expect(out.findings.find((f) => f.rule === 'late')).toMatchObject({ start: text.indexOf('go'), line: 2, column: 5, applied: true });
  });
});

describe('pipeline: fixed point', () => {
  // Replaces the first `x` with `y`: one change per pass, a new one each time.
  const firstX = testRule('first-x', (file) => {
    const i = file.source.text.indexOf('x');
    return i < 0 ? [] : [{ node: { start: i, end: i + 1 }, message: 'x', fix: fix([e(i, i + 1, 'y')]) }];
  });

  it('re-runs the rules until nothing is left to fix', () => {
    const out = run('// xxxx\nfn main() {}\n', [firstX]);
    expect(out.newText).toBe('// yyyy\nfn main() {}\n');
    expect(out.errors).toEqual([]);
    expect(out.passes).toBe(5);
    expect(out.findings.map((f) => [f.start, f.applied])).toEqual([[3, true], [4, true], [5, true], [6, true]]);
  });

  it('stops at the pass limit with an error and without applying the last pass', () => {
    const text = `// ${'x'.repeat(20)}\nfn main() {}\n`;
    const out = run(text, [firstX], { maxPasses: 3 });
    expect(out.newText).toBe(`// yyy${'x'.repeat(17)}\nfn main() {}\n`);
    expect(out.errors).toEqual(['fixes did not settle after 3 passes; the last pass was not applied']);
    expect(out.findings.filter((f) => f.applied)).toHaveLength(3);
  });

  it('uses MAX_PASSES by default', () => {
    const out = run(`// ${'x'.repeat(MAX_PASSES + 5)}\n`, [firstX]);
    expect(out.newText).toBe(`// ${'y'.repeat(MAX_PASSES)}${'x'.repeat(5)}\n`);
    expect(out.errors).toEqual([`fixes did not settle after ${MAX_PASSES} passes; the last pass was not applied`]);
  });
});

describe('pipeline: bytes outside edits', () => {
  it('keeps a UTF-8 BOM, CRLF line endings and non-ASCII comments', () => {
    const text = '\uFEFFuse std::time::Duration;\r\n\r\n// naïve — 🦀\r\nasync fn f() {\r\n    std::thread::sleep(Duration::ZERO);\r\n}\r\n';
    const out = run(text, [blockingSleep]);
    const expected = '\uFEFFuse std::time::Duration;\r\n\r\n// naïve — 🦀\r\nasync fn f() {\r\n    tokio::time::sleep(Duration::ZERO).await;\r\n}\r\n';
    expect(out.newText).toBe(expected);
    const bytes = Buffer.from(out.newText, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.newText.match(/\r\n/g)).toHaveLength(6);
    expect(out.newText).not.toMatch(/[^\r]\n/);
    expect(out.findings).toMatchObject([{ rule: 'blocking-sleep', line: 5, column: 5, applied: true }]);
  });

  it('a BOM does not make the parser see a syntax error', () => {
    expect(parseRust('\uFEFFfn main() {}\n').errorCount).toBe(0);
  });

  it('leaves the input text in the outcome untouched', () => {
    const text = 'async fn f() { std::thread::sleep(d); }\n';
    const out = run(text, [blockingSleep]);
    expect(out.text).toBe(text);
    expect(out.newText).not.toBe(text);
  });
});

describe('pipeline: syntax errors', () => {
  const broken = 'use std::time::Duration;\n\nfn broken( {\n    let x = ;\n}\n\nasync fn f() {\n    std::thread::sleep(Duration::ZERO);\n}\n';

  it('applies a fix next to a syntax error when the fix adds no new error', () => {
    const before = parseRust(broken).errorCount;
    expect(before).toBeGreaterThan(0);
    const out = run(broken, [blockingSleep]);
    expect(out.errors).toEqual([]);
    expect(out.newText).toBe(broken.replace('std::thread::sleep(Duration::ZERO)', 'tokio::time::sleep(Duration::ZERO).await'));
    expect(parseRust(out.newText).errorCount).toBe(before);
  });

  // Deletes the `{` that opens every fn body.
  const breaker = testRule('breaker', (file) =>
    [...descendants(file.root)]
      .filter((n) => n.type === 'function_item')
      .map((fn) => {
        const body = field(fn, 'body')!;
        return { node: fn, message: 'break it', fix: fix([e(body.start, body.start + 1)]) };
      }),
  );

  it('refuses a fix that breaks the syntax, with an error, leaving the text unchanged', () => {
    const text = 'fn main() {\n    let x = 1;\n}\n';
    const out = run(text, [breaker]);
    expect(out.newText).toBe(text);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(/^the fixes \(breaker\) would leave \d+ new syntax error\(s\); no fix was applied to this file$/);
    expect(out.findings).toMatchObject([{ rule: 'breaker', applied: false }]);
  });

  it('refuses the whole pass, so a good fix beside a breaking one is not applied either', () => {
    const text = 'async fn f() {\n    std::thread::sleep(d);\n}\n';
    const out = run(text, [blockingSleep, breaker]);
    expect(out.newText).toBe(text);
    // Rules are named in the order of their findings: the breaker's fn starts first.
    expect(out.errors).toEqual([expect.stringMatching(/^the fixes \(breaker, blocking-sleep\) would leave \d+ new syntax error/)]);
    expect(out.findings.every((f) => !f.applied)).toBe(true);
  });
});

describe('pipeline: rule failures and fix modes', () => {
  it('reports a rule that throws as an internal error and still runs the others', () => {
    const thrower = testRule('thrower', () => {
      throw new Error('boom in test rule');
    });
    const text = 'async fn f() {\n    std::thread::sleep(d);\n}\n';
    const out = run(text, [thrower, blockingSleep]);
    expect(out.newText).toBe('async fn f() {\n    tokio::time::sleep(d).await;\n}\n');
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(/^internal error in rule thrower: Error: boom in test rule/);
    expect(out.findings).toMatchObject([{ rule: 'blocking-sleep', applied: true }]);
  });

  it('fixMode none reports fixes without applying them; safe skips unsafe fixes', () => {
    const text = 'async fn f() {\n    std::thread::sleep(d);\n    go(1);\n}\n';
    const risky = testRule('risky', (file) =>
      calls(file, 'go').map(({ callee }) => ({ node: callee, message: 'risky', fix: fix([e(callee.start, callee.end, 'run')], 'unsafe') })),
    );
    const none = run(text, [blockingSleep, risky], { fixMode: 'none' });
    expect(none.newText).toBe(text);
    expect(none.findings.map((f) => [f.rule, f.fix, f.applied])).toEqual([
      ['blocking-sleep', 'safe', false],
      ['risky', 'unsafe', false],
    ]);
    const safe = run(text, [blockingSleep, risky], { fixMode: 'safe' });
    expect(safe.newText).toBe('async fn f() {\n    tokio::time::sleep(d).await;\n    go(1);\n}\n');
    expect(run(text, [blockingSleep, risky], { fixMode: 'unsafe' }).newText).toBe('async fn f() {\n    tokio::time::sleep(d).await;\n    run(1);\n}\n');
  });
});

describe('pipeline: alternative fixes', () => {
  const text = 'async fn f() {\n    go(1);\n    go(2);\n}\n';
  // An unsafe default with a safe alternative, the shape of a batched spawn_blocking vs one tokio::fs call at a time.
  const twoWays = testRule('two-ways', (file) =>
    calls(file, 'go').map(({ callee }) => ({
      node: callee,
      message: 'two ways',
      fix: { ...fix([e(callee.start, callee.end, 'risky')], 'unsafe'), title: 'Use risky' },
      alternatives: [{ ...fix([e(callee.start, callee.end, 'careful')], 'safe'), title: 'Use careful' }],
    })),
  );

  it('a bulk run applies the first fix its mode allows', () => {
    expect(run(text, [twoWays], { fixMode: 'unsafe' }).newText).toBe('async fn f() {\n    risky(1);\n    risky(2);\n}\n');
    const safe = run(text, [twoWays], { fixMode: 'safe' });
    expect(safe.newText).toBe('async fn f() {\n    careful(1);\n    careful(2);\n}\n');
    // The report describes the fix applied and names the other one.
    expect(safe.findings[0]).toMatchObject({ applied: true, fix: 'safe', fixTitle: 'Use careful', alternatives: [{ fix: 'unsafe', title: 'Use risky' }] });
    const none = run(text, [twoWays], { fixMode: 'none' });
    expect(none.findings[0]).toMatchObject({ applied: false, fix: 'unsafe', fixTitle: 'Use risky', alternatives: [{ fix: 'safe', title: 'Use careful' }] });
  });

  it('the driver picks a fix per finding', () => {
    const loop = fixPasses({ path: 'x.rs', text, crate: TOKIO }, { rules: [twoWays], fixMode: 'unsafe' });
    let step = loop.next(new Map());
    if (step.done) throw new Error('no pass offered');
    const [one, two] = step.value.candidates;
    expect(step.value.candidates.map((c) => c.fixes.map((f) => f.title))).toEqual([
      ['Use risky', 'Use careful'],
      ['Use risky', 'Use careful'],
    ]);
    step = loop.next(new Map([[one.key, 1], [two.key, 0]]));
    while (!step.done) step = loop.next(new Map());
    expect(step.value.newText).toBe('async fn f() {\n    careful(1);\n    risky(2);\n}\n');
  });

  it('a finding whose other fix overlaps a later finding\'s fix is offered alone; the later one waits for the next pass', () => {
    const goes = (file: FileAnalysis) => calls(file, 'go');
    const first = testRule('first', (file) => {
      const [a, b] = goes(file);
      return a && b ? [{ node: a.callee, message: 'first', fix: fix([e(a.callee.start, a.callee.end, 'a1')]), alternatives: [fix([e(b.call.start, b.call.end, 'x')])] }] : [];
    });
    const second = testRule('second', (file) => goes(file).filter((c) => file.text(c.args) === '(2)').map(({ callee }) => ({ node: callee, message: 'second', fix: fix([e(callee.start, callee.end, 'b2')]) })));
    const loop = fixPasses({ path: 'x.rs', text, crate: TOKIO }, { rules: [first, second], fixMode: 'unsafe' });
    const offered: string[][] = [];
    let step = loop.next(new Map());
    while (!step.done) {
      offered.push(step.value.candidates.map((c) => c.finding.rule));
      step = loop.next(new Map(step.value.candidates.map((c) => [c.key, 0])));
    }
    expect(offered).toEqual([['first'], ['second']]);
    expect(step.value.newText).toBe('async fn f() {\n    a1(1);\n    b2(2);\n}\n');
  });
});

describe('positions', () => {
  it('gives 1-based line and column counting Unicode scalar values after non-ASCII text', () => {
    const text = '// Ünïcödé: 日本語 and 🦀🦀\nasync fn f(d: std::time::Duration) {\n    let s = "🦀é"; std::thread::sleep(d);\n}\n';
    const out = run(text, [blockingSleep]);
    const start = text.indexOf('std::thread::sleep(d)');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      start,
      end: start + 'std::thread::sleep(d)'.length,
      line: 3,
      // 4 spaces + `let s = "` (9) + 🦀 (one scalar, two UTF-16 units) + é + `"; ` (3)
      column: 19,
      endLine: 3,
      endColumn: 40,
    });
  });

  it('counts a combining accent as its own scalar, and lines by LF (CRLF included)', () => {
    const source = new SourceText('e\u0301x\r\n🦀🦀y');
    expect(source.position(2)).toEqual({ line: 1, column: 3 });
    expect(source.position(3)).toEqual({ line: 1, column: 4 });
    expect(source.position(5)).toEqual({ line: 2, column: 1 });
    expect(source.position(9)).toEqual({ line: 2, column: 3 });
  });
});

describe('pipeline: findings in text a fix wrote', () => {
  // Replaces a whole `go(..)` call, so an inner `go(..)` lies inside the replaced text.
  const wrap = testRule('wrap', (file) =>
    calls(file, 'go').map(({ call, args }) => ({ node: call, message: 'wrap', fix: fix([e(call.start, call.end, `run${file.text(args)}`)]) })),
  );

  it('fixes a nested finding in a later pass instead of dropping it', () => {
    const out = run('fn main() {\n    go(go(1));\n}\n', [wrap]);
    expect(out.newText).toBe('fn main() {\n    run(run(1));\n}\n');
    expect(out.errors).toEqual([]);
    expect(run(out.newText, [wrap]).newText).toBe(out.newText); // fixed point
  });

  it('reports a rule whose fix keeps offering itself at the same place', () => {
    // Appends to the callee each pass without ever removing the finding.
    const grow = testRule('grow', (file) =>
      calls(file, 'go').map(({ call, args }) => ({ node: call, message: 'grow', fix: fix([e(args.end, args.end, '.x()')]) })),
    );
    const out = run('fn main() {\n    go(1);\n}\n', [grow]);
    expect(out.errors).toEqual([expect.stringContaining('rule grow offered a fix again at 2:5 after its fix there was applied')]);
    expect(out.newText).toBe('fn main() {\n    go(1).x();\n}\n');
  });
});
