// Fixtures whose input is meant not to compile (an `Rc` held across an await
// in a future given to `tokio::spawn`: the bug a rule fixes is a compile
// error). `<case>.input.expect-error` says which error; compile-check holds
// the input to exactly that error as strictly as it holds others to none.
//
// Sidecar format, one `key: value` a line, `#` starts a comment line:
//   code: E0277        rustc's error code, or `none` for an error without one
//   message: <text>    a substring of the error's message
//   note: <text>       optional: a substring of one of its notes or helps
import path from 'node:path';

export const SIDECAR_SUFFIX = '.input.expect-error';

/** The expectation in a sidecar's text, or `{ error }` saying what is wrong with it. */
export function parseExpectation(text) {
  const out = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(code|message|note):\s*(.*)$/.exec(line);
    if (!m || m[2] === '') return { error: `line ${i + 1}: expected \`code: ..\`, \`message: ..\` or \`note: ..\`, found \`${line}\`` };
    if (out[m[1]] !== undefined) return { error: `line ${i + 1}: \`${m[1]}\` given twice` };
    out[m[1]] = m[2];
  }
  if (out.code === undefined || out.message === undefined) return { error: 'needs both `code:` and `message:`' };
  if (out.code !== 'none' && !/^E[0-9]{4}$/.test(out.code)) return { error: `code must be like E0277 or \`none\`, found \`${out.code}\`` };
  return { code: out.code === 'none' ? null : out.code, message: out.message, note: out.note };
}

/**
 * Whether a `cargo check` result (`cargoCheckJson`'s: `ok` and rustc's error
 * messages) is the declared failure of `fixture`: it failed, and every error
 * has the expected code and message (and note), with every primary span in
 * `fixture` (directly or as the call site of a macro expansion). File names
 * in rustc's spans are resolved against `crateDir`.
 */
export function classifyExpectedFailure(result, expectation, fixture, crateDir) {
  const describe = `${expectation.code ? `${expectation.code} ` : ''}"${expectation.message}"${expectation.code ? '' : ' (no code)'}`;
  if (result.ok) return { ok: false, reason: `compiles, but is declared to fail with ${describe}` };
  if (result.errors.length === 0) return { ok: false, reason: 'cargo check failed without a compiler error' };
  for (const { message: m } of result.errors) {
    const code = m.code?.code ?? null;
    const first = `${code ?? 'no code'}: ${m.message}`;
    if (code !== expectation.code || !m.message.includes(expectation.message)) {
      return { ok: false, reason: `fails with ${first}, not the declared ${describe}` };
    }
    if (expectation.note && !(m.children ?? []).some((c) => c.message.includes(expectation.note))) {
      return { ok: false, reason: `fails with ${first}, but no note says "${expectation.note}"` };
    }
    const primary = m.spans.filter((s) => s.is_primary);
    const inFixture = (s) => !!s && (path.resolve(crateDir, s.file_name) === fixture || inFixture(s.expansion?.span));
    if (primary.length === 0 || !primary.every(inFixture)) {
      return { ok: false, reason: `fails with ${first}, pointing outside the fixture` };
    }
  }
  return { ok: true };
}
