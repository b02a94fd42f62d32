import type { Rule } from '../rule.js';

/**
 * What every rule needs in a file's text before it can find anything: each
 * looks only at async code (an `async` fn, block or closure, or an `.await`,
 * which only async code holds). A suppression comment names `async-fix`, so
 * a file with one is checked too and its unknown or unused ones still reported.
 */
export const ASYNC_TEXT = /async|await/;

/**
 * Whether `text` may hold a finding of one of `rules`: a file that cannot is
 * not parsed for the rules at all (most files of a library are sync). A
 * plain text search, so it may only ever say yes too often, never no
 * wrongly; `--no-prefilter` turns it off to show that (test/prefilter.test.ts).
 */
export function mayHoldFindings(text: string, rules: readonly Rule[]): boolean {
  return rules.some((r) => (r.prefilter ?? ASYNC_TEXT).test(text));
}
