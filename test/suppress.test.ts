import { beforeAll, describe, expect, it } from 'vitest';
import { descendants, field } from '../src/analysis/syntax.js';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import type { Rule, RuleFinding } from '../src/rule.js';
import { blockingSleep } from '../transforms/blocking-sleep.js';
import { allRules } from '../transforms/index.js';
import { TOKIO_FULL as TOKIO } from './support/crates.js';


beforeAll(async () => {
  await initParser();
});

/**
 * A rule made up for these tests: every `<x>.lock()` call, with a safe fix
 * renaming it to `<x>.lock_async()`. It declares the clippy lint for the
 * same pitfall, so clippy allows take its fix away.
 */
const testLock: Rule = {
  id: 'test-lock',
  summary: 'test rule: `.lock()`',
  fixSafety: 'safe',
  docs: { whatItDoes: '-', whyIsThisBad: '-', example: '-', useInstead: '-' },
  clippyLints: ['await_holding_lock'],
  check(file) {
    const out: RuleFinding[] = [];
    for (const n of descendants(file.root)) {
      if (n.type !== 'call_expression') continue;
      const callee = field(n, 'function')!;
      const name = callee.type === 'field_expression' ? field(callee, 'field') : undefined;
      if (!name || file.text(name) !== 'lock') continue;
      out.push({ node: n, message: '`.lock()` found', fix: { safety: 'safe', title: 'rename', edits: [{ start: name.start, end: name.end, text: 'lock_async' }] } });
    }
    return out;
  },
};

const SLEEP = 'std::thread::sleep(std::time::Duration::ZERO);';

function run(body: string, rules: readonly Rule[] = [blockingSleep, testLock], prefix = '') {
  const text = `${prefix}async fn f(m: &M) {\n${body}\n}\n`;
  const out = processFile({ path: 'test.rs', text, crate: TOKIO }, { rules, fixMode: 'safe' });
  return { ...out, at: out.findings.map((f) => `${f.line}:${f.rule}`) };
}

describe('// async-fix: ignore', () => {
  it('on the line before a finding suppresses every rule on that line', () => {
    const out = run(`    // async-fix: ignore\n    ${SLEEP} let _g = m.lock();\n    ${SLEEP}`);
    expect(out.at).toEqual(['4:blocking-sleep']);
    expect(out.errors).toEqual([]);
    expect(out.newText).toContain(`    // async-fix: ignore\n    ${SLEEP} let _g = m.lock();`);
  });

  it('at the end of the finding\'s own first line suppresses that line only', () => {
    const out = run(`    ${SLEEP} // async-fix: ignore\n    ${SLEEP}`);
    expect(out.at).toEqual(['3:blocking-sleep']);
    expect(out.newText).toContain(`${SLEEP} // async-fix: ignore\n    tokio::time::sleep`);
  });

  it('with rule ids suppresses only those rules', () => {
    const line = `    ${SLEEP} let _g = m.lock();`;
    expect(run(`    // async-fix: ignore[blocking-sleep]\n${line}`).at).toEqual(['3:test-lock']);
    expect(run(`    // async-fix: ignore[test-lock]\n${line}`).at).toEqual(['3:blocking-sleep']);
    expect(run(`${line} // async-fix: ignore[test-lock]`).at).toEqual(['2:blocking-sleep']);
    expect(run(`    // async-fix: ignore[test-lock, blocking-sleep] startup only, see #12\n${line}`).at).toEqual([]);
  });

  it('does not leak to the next statement, past a blank line, or from a trailing comment to the next line', () => {
    expect(run(`    // async-fix: ignore\n    ${SLEEP}\n    ${SLEEP}`).at).toEqual(['4:blocking-sleep']);
    expect(run(`    // async-fix: ignore\n\n    ${SLEEP}`).at).toEqual(['4:blocking-sleep']);
    expect(run(`    let _g = m.lock(); // async-fix: ignore\n    ${SLEEP}`).at).toEqual(['3:blocking-sleep']);
  });

  it('may have other comment lines between it and the finding', () => {
    expect(run(`    // async-fix: ignore[blocking-sleep]\n    // the reason, at length\n    ${SLEEP}`).at).toEqual([]);
  });

  it('is not read from doc comments or string literals', () => {
    expect(run(`    /// async-fix: ignore\n    ${SLEEP}`).at).toEqual(['3:blocking-sleep']);
    expect(run(`    let _s = "// async-fix: ignore"; ${SLEEP}`).at).toEqual(['2:blocking-sleep']);
  });

  it('reports an unknown rule id or a malformed directive as an error, once, and suppresses nothing for it', () => {
    const unknown = run(`    // async-fix: ignore[blocking-slep]\n    ${SLEEP}`);
    expect(unknown.at).toEqual(['3:blocking-sleep']);
    expect(unknown.findings[0].applied).toBe(true); // the fix goes ahead; the second pass does not repeat the error
    expect(unknown.errors).toEqual([
      `\`// async-fix: ignore[blocking-slep]\` names an unknown rule \`blocking-slep\`, which suppresses nothing (known rules: ${[...allRules.map((r) => r.id), 'test-lock'].join(', ')})\n  --> line 2`,
    ]);
    const mixed = run(`    // async-fix: ignore[nope, blocking-sleep]\n    ${SLEEP}`);
    expect(mixed.at).toEqual([]);
    expect(mixed.errors).toHaveLength(1);
    const typo = run(`    // async-fix: ingore\n    ${SLEEP}`);
    expect(typo.at).toEqual(['3:blocking-sleep']);
    expect(typo.errors).toEqual(['`// async-fix: ingore` is not an async-fix directive; write `// async-fix: ignore` or `// async-fix: ignore[rule-id, ...]`\n  --> line 2']);
    expect(run(`    // async-fix: ignore[]\n    ${SLEEP}`).errors[0]).toContain('names no rule');
  });

  it('knows rules that are not running in this pass (no error for a registered rule)', () => {
    const out = run(`    // async-fix: ignore[blocking-sleep]\n    let _g = m.lock();`, [testLock]);
    expect(out.errors).toEqual([]);
    expect(out.at).toEqual(['3:test-lock']);
  });
});

describe('clippy allow / expect', () => {
  const noFix = (attribute: string) => ({ fix: 'none', applied: false, note: `reported without a fix: \`${attribute}\` applies here` });
  const fixed = { fix: 'safe', applied: true };

  it('on the enclosing fn keeps the finding and removes its fix', () => {
    const out = run('    let _g = m.lock();', [testLock], '#[allow(clippy::await_holding_lock)]\n');
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'test-lock', ...noFix('#[allow(clippy::await_holding_lock)]') })]);
    expect(out.newText).toBe(out.text);
  });

  it('inside a list, with other lints and a reason', () => {
    const out = run('    let _g = m.lock();', [testLock], '#[allow(dead_code, clippy::await_holding_lock, reason = "a, b")]\n');
    expect(out.findings[0]).toMatchObject(noFix('#[allow(clippy::await_holding_lock)]'));
  });

  it('#[expect] on a statement applies to that statement and does not leak to the next', () => {
    const out = run('    #[expect(clippy::await_holding_lock)]\n    let _g = m.lock();\n    let _h = m.lock();', [testLock]);
    expect(out.findings).toEqual([
      expect.objectContaining({ line: 3, ...noFix('#[expect(clippy::await_holding_lock)]') }),
      expect.objectContaining({ line: 4, ...fixed }),
    ]);
    expect(out.newText).toContain('let _g = m.lock();\n    let _h = m.lock_async();');
  });

  it('an inner attribute of the file or of the fn body', () => {
    expect(run('    let _g = m.lock();', [testLock], '#![allow(clippy::await_holding_lock)]\n').findings[0]).toMatchObject(noFix('#![allow(clippy::await_holding_lock)]'));
    expect(run('    #![expect(clippy::await_holding_lock)]\n    let _g = m.lock();', [testLock]).findings[0]).toMatchObject(noFix('#![expect(clippy::await_holding_lock)]'));
  });

  it('on a match arm, and on an enclosing impl', () => {
    const arm = run('    match 1 {\n        #[allow(clippy::await_holding_lock)]\n        _ => { m.lock(); }\n    }\n    m.lock();', [testLock]);
    expect(arm.findings.map((f) => [f.line, f.fix])).toEqual([[4, 'none'], [6, 'safe']]);
    const text = 'struct S;\n#[allow(clippy::await_holding_lock)]\nimpl S {\n    async fn f(m: &M) { m.lock(); }\n}\n';
    const out = processFile({ path: 'test.rs', text, crate: TOKIO }, { rules: [testLock], fixMode: 'safe' });
    expect(out.findings[0]).toMatchObject(noFix('#[allow(clippy::await_holding_lock)]'));
  });

  it('does not apply for another lint, a rule without that lint, or under a nearer warn', () => {
    expect(run('    let _g = m.lock();', [testLock], '#[allow(clippy::other_lint, await_holding_lock)]\n').findings[0]).toMatchObject(fixed);
    const sleep = run(`    ${SLEEP}`, [blockingSleep], '#[allow(clippy::await_holding_lock)]\n');
    expect(sleep.findings[0]).toMatchObject({ rule: 'blocking-sleep', ...fixed });
    const warned = run('    #[warn(clippy::await_holding_lock)]\n    let _g = m.lock();', [testLock], '#[allow(clippy::await_holding_lock)]\n');
    expect(warned.findings[0]).toMatchObject(fixed);
  });

  it('does not leak from one fn to the next', () => {
    const text = '#[allow(clippy::await_holding_lock)]\nasync fn a(m: &M) { m.lock(); }\nasync fn b(m: &M) { m.lock(); }\n';
    const out = processFile({ path: 'test.rs', text, crate: TOKIO }, { rules: [testLock], fixMode: 'safe' });
    expect(out.findings.map((f) => [f.line, f.fix])).toEqual([[2, 'none'], [3, 'safe']]);
  });
});
