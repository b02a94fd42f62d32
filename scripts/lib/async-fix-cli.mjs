// Running the built CLI over a corpus with `--format json`, and the checks
// every corpus script makes of such a run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './repo.mjs';
import { trouble } from './harness.mjs';

export const CLI = path.join(REPO, 'bin', 'async-fix.js');
export const PARSE_MODULE = path.join(REPO, 'dist', 'src', 'engine', 'parse.js');

/** dist's `parseRust`, parser initialised; harness trouble when dist/ is not built. `npmScript` is the script that builds first. */
export async function loadBuiltParser(npmScript) {
  if (!fs.existsSync(CLI) || !fs.existsSync(PARSE_MODULE)) trouble(`CLI not built (dist/ missing): run \`npm run build\` (or \`npm run ${npmScript}\`, which builds first)`);
  const { initParser, parseRust } = await import(pathToFileURL(PARSE_MODULE).href);
  await initParser();
  return parseRust;
}

/**
 * One `async-fix <args> --format json <target>` run. `timeoutMs` bounds it
 * (the run is killed and reported as `timedOut`); a CLI that cannot start at
 * all is harness trouble.
 */
export function runAsyncFix(args, target, { cwd = REPO, timeoutMs } = {}) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json', target], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
  });
  const timedOut = r.error?.code === 'ETIMEDOUT';
  if (r.error && !timedOut) trouble(`cannot run async-fix: ${r.error.message}`);
  let doc = null;
  let parseError = null;
  try {
    doc = JSON.parse(r.stdout);
  } catch (e) {
    parseError = e.message;
  }
  return { args, target, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, doc, parseError, timedOut, timeoutMs, seconds: (Date.now() - t) / 1000 };
}

/** `exit 0 in 1.2s` or `timed out after 600s`, for progress lines. */
export function describeRun(run) {
  if (run.timedOut) return `timed out after ${run.timeoutMs / 1000}s (killed)`;
  return `exit ${run.status ?? run.signal} in ${run.seconds.toFixed(1)}s`;
}

/**
 * What every corpus script checks of a run, as checks (`{ok, label, note?,
 * details}`: the label is the same for every run, the note says what this
 * run gave): not killed by its timeout (when it had one), exit code not 2,
 * one JSON document on stdout, and (given one) no file with internal errors.
 */
export function cliChecks(label, run) {
  const tail = (run.stderr || '').trim().split('\n').slice(-10);
  const checks = [];
  if (run.timeoutMs) {
    checks.push({ ok: !run.timedOut, label: `${label}: async-fix finishes within ${run.timeoutMs / 1000}s`, details: [`killed: async-fix ${run.args.join(' ')} --format json ${run.target}`] });
  }
  checks.push({ ok: run.status !== null && run.status !== 2, label: `${label}: async-fix exit code is not 2`, note: `got ${run.status ?? run.signal}`, details: tail });
  checks.push({ ok: run.doc !== null, label: `${label}: stdout is one JSON document`, details: [run.parseError ?? '', ...tail] });
  if (run.doc) {
    const errors = (run.doc.files ?? []).flatMap((f) => (f.errors ?? []).map((e) => `${f.path}: ${typeof e === 'string' ? e : JSON.stringify(e)}`));
    checks.push({ ok: errors.length === 0 && !run.doc.summary?.errors, label: `${label}: no file has errors (internal errors)`, details: errors });
  }
  return checks;
}

/** Asserts each check through `tally`, the note after the label. */
export function assertChecks(tally, checks) {
  for (const c of checks) tally.assert(c.ok, c.note ? `${c.label} (${c.note})` : c.label, c.details);
}

/**
 * The prefilter skips only files that cannot hold a finding: a run with it
 * and the same run with `--no-prefilter` must print the same report (the
 * run time aside). `filtered` and `unfiltered` are runAsyncFix results.
 */
export function prefilterCheck(label, filtered, unfiltered) {
  const comparable = (doc) => doc && JSON.stringify({ ...doc, summary: { ...doc.summary, seconds: 0 } });
  const a = comparable(filtered.doc);
  const b = comparable(unfiltered.doc);
  const ok = a !== null && a === b;
  const details = ok ? [] : [a === null || b === null ? 'a run printed no JSON report' : `${countFindings(filtered.doc)} findings with the prefilter, ${countFindings(unfiltered.doc)} without; the reports differ`];
  return { ok, label: `${label}: the prefilter changes nothing (same report as --no-prefilter)`, details };
}

const countFindings = (doc) => (doc.files ?? []).reduce((n, f) => n + (f.findings ?? []).length, 0);
