import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { compilerErrors } from '../scripts/lib/debian-cargo.mjs';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { classifyExpectedFailure, parseExpectation } from '../scripts/lib/expect-error.mjs';
import { repoRoot } from './support/cli.js';

/** How scripts/compile-check.mjs judges an input declared (`<case>.input.expect-error`) not to compile. */

const CRATE = '/scratch';
const SPAWNED = '/scratch/src/spawned.rs';
const RC_NOT_SEND = 'code: none\nmessage: future cannot be sent between threads safely\nnote: the trait `Send` is not implemented for `Rc<';

function captured(name: string): { ok: boolean; errors: unknown[] } {
  const stdout = fs.readFileSync(path.join(repoRoot, 'test', 'support', 'cargo-diagnostics', `${name}.jsonl`), 'utf8');
  return { ok: false, errors: compilerErrors(stdout) };
}

function classify(result: { ok: boolean; errors: unknown[] }, sidecar: string, fixture = SPAWNED) {
  return classifyExpectedFailure(result, parseExpectation(sidecar), fixture, CRATE) as { ok: boolean; reason?: string };
}

describe('parseExpectation', () => {
  it('reads code, message and note, `none` meaning an error without a code', () => {
    expect(parseExpectation('# why\ncode: E0277\nmessage: cannot be sent\n')).toEqual({ code: 'E0277', message: 'cannot be sent', note: undefined });
    expect(parseExpectation(RC_NOT_SEND)).toMatchObject({ code: null, note: 'the trait `Send` is not implemented for `Rc<' });
  });

  it('rejects a sidecar it cannot hold an error to', () => {
    expect(parseExpectation('message: x').error).toMatch(/both/);
    expect(parseExpectation('code: 277\nmessage: x').error).toMatch(/E0277/);
    expect(parseExpectation('code: none\nmesage: x').error).toMatch(/line 2/);
    expect(parseExpectation('code: none\nmessage: x\nmessage: y').error).toMatch(/twice/);
  });
});

describe('classifyExpectedFailure over real cargo diagnostics', () => {
  it('accepts the declared error, reported once although the lib and its tests both fail', () => {
    const r = captured('rc-held-in-spawn');
    expect(r.errors).toHaveLength(1);
    expect(classify(r, RC_NOT_SEND)).toEqual({ ok: true });
  });

  it('rejects an input that compiles', () => {
    expect(classify({ ok: true, errors: [] }, RC_NOT_SEND)).toMatchObject({ ok: false, reason: expect.stringMatching(/^compiles/) });
  });

  it('rejects a failure with no compiler error', () => {
    expect(classify({ ok: false, errors: [] }, RC_NOT_SEND)).toMatchObject({ ok: false, reason: expect.stringMatching(/without a compiler error/) });
  });

  it('rejects another error', () => {
    const v = classify(captured('mismatched-types'), RC_NOT_SEND, '/scratch/src/mismatch.rs');
    expect(v).toMatchObject({ ok: false, reason: expect.stringContaining('E0308: mismatched types') });
  });

  it('rejects the declared error when another one comes with it', () => {
    expect(classify(captured('rc-held-and-mismatch'), RC_NOT_SEND).ok).toBe(false);
  });

  it('rejects the right message with the wrong code', () => {
    const v = classify(captured('rc-held-in-spawn'), 'code: E0277\nmessage: future cannot be sent between threads safely');
    expect(v).toMatchObject({ ok: false, reason: expect.stringContaining('no code: future cannot be sent') });
  });

  it('rejects the same message for another cause than the note says', () => {
    const v = classify(captured('guard-held-in-spawn'), RC_NOT_SEND, '/scratch/src/guard.rs');
    expect(v).toMatchObject({ ok: false, reason: expect.stringContaining('no note says') });
    expect(classify(captured('guard-held-in-spawn'), 'code: none\nmessage: future cannot be sent', '/scratch/src/guard.rs')).toEqual({ ok: true });
  });

  it('rejects the declared error in another file than the fixture', () => {
    const v = classify(captured('rc-held-in-spawn'), RC_NOT_SEND, '/scratch/src/other.rs');
    expect(v).toMatchObject({ ok: false, reason: expect.stringContaining('outside the fixture') });
  });
});
