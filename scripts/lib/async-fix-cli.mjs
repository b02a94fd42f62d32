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
 * Two runs that must print the same report (the run time aside): with the
 * prefilter and with `--no-prefilter`, cold and from the cache, whole and
 * as the concatenation of its shards. `a` and `b` are runAsyncFix results
 * (or `{ doc }`); `claim` says what the sameness shows, `names` what each run was.
 */
export function sameReportCheck(label, claim, a, b, names = ['one', 'the other']) {
  const comparable = (doc) => doc && JSON.stringify({ ...doc, summary: { ...doc.summary, seconds: 0 } });
  const x = comparable(a.doc);
  const y = comparable(b.doc);
  const ok = x !== null && x === y;
  const details = ok ? [] : [x === null || y === null ? 'a run printed no JSON report' : `${countFindings(a.doc)} findings ${names[0]}, ${countFindings(b.doc)} ${names[1]}; the reports differ`];
  return { ok, label: `${label}: ${claim}`, details };
}

export function prefilterCheck(label, filtered, unfiltered) {
  return sameReportCheck(label, 'the prefilter changes nothing (same report as --no-prefilter)', filtered, unfiltered, ['with the prefilter', 'without']);
}

/** A run in one thread (`--jobs 1`) must report what the run with worker threads does. */
export function jobsCheck(label, threaded, single) {
  return sameReportCheck(label, 'worker threads change nothing (same report as --jobs 1)', threaded, single, ['with workers', 'with --jobs 1']);
}

/** A warm re-run of the same command reads the cache the first run filled: it must report the same. */
export function cacheCheck(label, cold, warm) {
  return sameReportCheck(label, 'the cache changes nothing (a re-run from the cache reports the same)', cold, warm, ['cold', 'from the cache']);
}

/** dist's mergeReports (what `async-fix merge` prints), for shardCheck. */
export async function loadBuiltMerge() {
  return (await import(pathToFileURL(path.join(REPO, 'dist', 'src', 'report', 'merge.js')).href)).mergeReports;
}

/**
 * `--shard i/n` runs, merged as `async-fix merge` merges them, must give
 * the whole run's report (merged alone, which puts it in the same order).
 */
export function shardCheck(label, whole, shards, mergeReports) {
  const merged = shards.every((s) => s.doc) ? { doc: mergeReports(shards.map((s) => s.doc)) } : { doc: null };
  const alone = whole.doc ? { doc: mergeReports([whole.doc]) } : whole;
  return sameReportCheck(label, `${shards.length} shards together report what the whole run does`, alone, merged, ['whole', 'in the shards']);
}

const countFindings = (doc) => (doc.files ?? []).reduce((n, f) => n + (f.findings ?? []).length, 0);
