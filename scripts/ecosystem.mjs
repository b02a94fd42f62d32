#!/usr/bin/env node
// The ecosystem check (like ruff's ecosystem check or clippy's lintcheck):
// runs async-fix over real tokio applications, keys every finding so that a
// reviewer's verdict outlives line shifts, and prints how precise each rule
// is by the committed ledger docs/ecosystem/verdicts.jsonl. docs/ecosystem.md
// has the ledger format and the verdict definitions.
//
// Steps:
//   1. unpack ../shared/corpus/apps.tar.gz (or $ASYNC_FIX_APPS_CORPUS/apps.tar.gz)
//      into a temp dir; one top dir per app
//   2. per app: `--dry-run --unsafe-fixes --preview --include-tests` (every
//      finding of every tier, every fix) and `--dry-run` (the default output,
//      and the fix each finding shows by default), both `--format json`
//      the all-findings run again with `--no-prefilter`, which must print the
//      same report (the prefilter skips only files that cannot hold a finding)
//   3. key the findings, match them against the ledger
//   4. per app, on a copy: `--yes --unsafe-fixes --allow-dirty --preview
//      --include-tests` twice; the first must not add parse errors or stray
//      files, the second must change nothing
//   5. print the assertions, the per-rule tables (default output, every tier),
//      the findings still to judge, the verdicts whose finding is gone, and the
//      recall on docs/ecosystem/known-pitfalls.jsonl; check that
//      src/config/measured-precision.ts holds the figures (--write-precision writes it)
//
// Usage: node scripts/ecosystem.mjs [options]   (npm run ecosystem builds first)
// Exit: 0 all assertions passed, 1 an assertion failed, 2 harness trouble
// (corpus missing, a malformed ledger, CLI not built, a bad option). The last
// line is `ecosystem: N passed, M failed`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { collectAppFindings } from './lib/app-findings.mjs';
import { unpackApps } from './lib/apps-corpus.mjs';
import { cacheCheck, cliChecks, jobsCheck, describeRun, loadBuiltMerge, loadBuiltParser, prefilterCheck, runAsyncFix, shardCheck } from './lib/async-fix-cli.mjs';
import { assertOverApps, matchVerdicts, precisionTables, printGone, printTables, printUnjudged, renderMeasuredPrecision, unjudgedJsonl } from './lib/ecosystem-report.mjs';
import { fixTwice } from './lib/fix-twice.mjs';
import { createTally, runHarness, secs, trouble } from './lib/harness.mjs';
import { REPO } from './lib/repo.mjs';
import { snapshot } from './lib/tree-snapshot.mjs';
import { LedgerError, parseLedger } from './lib/verdicts.mjs';
import { parsePitfalls, PitfallsError, recall, renderRecall } from './lib/known-pitfalls.mjs';
import { isDefaultOutput } from './lib/app-findings.mjs';

const USAGE = `usage: node scripts/ecosystem.mjs [options]
  --keep                keep the temp dir (the unpacked apps and the fixed copies) and print its path
  --app NAME            only this app (its dir name, or the name before the commit: mini-redis); repeatable
  --unjudged-out FILE   write every finding with no verdict as JSONL, for reviewers
  --json FILE           write the tables, every finding and the checks as one JSON document
  --min-precision X     fail when the default output's precision over judged findings is below X (0..1)
  --ledger FILE         the verdicts (default docs/ecosystem/verdicts.jsonl)
  --timeout SECONDS     the most one async-fix run may take (default 600)
  --write-precision     write each rule's measured figures (every tier) to src/config/measured-precision.ts,
                        which --list-rules shows; without it the check fails when that file is out of date`;

const DEFAULT_LEDGER = path.join(REPO, 'docs', 'ecosystem', 'verdicts.jsonl');
const MEASURED_PRECISION = path.join(REPO, 'src', 'config', 'measured-precision.ts');
const KNOWN_PITFALLS = path.join(REPO, 'docs', 'ecosystem', 'known-pitfalls.jsonl');
// Fixes may add a tokio feature to an app's manifest; anything else changing is a stray write.
const FIXABLE = { what: '.rs and Cargo.toml files', test: (f) => f.endsWith('.rs') || path.basename(f) === 'Cargo.toml' };

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      keep: { type: 'boolean' },
      app: { type: 'string', multiple: true },
      'unjudged-out': { type: 'string' },
      json: { type: 'string' },
      'min-precision': { type: 'string' },
      ledger: { type: 'string' },
      timeout: { type: 'string' },
      'write-precision': { type: 'boolean' },
    },
    strict: true,
  });
  const minPrecision = values['min-precision'] === undefined ? null : Number(values['min-precision']);
  if (minPrecision !== null && !(minPrecision >= 0 && minPrecision <= 1)) throw new Error(`--min-precision takes a number from 0 to 1, found ${values['min-precision']}`);
  const timeoutSeconds = Number(values.timeout ?? 600);
  if (!(timeoutSeconds > 0)) throw new Error(`--timeout takes a positive number of seconds, found ${values.timeout}`);
  return {
    keep: !!values.keep,
    apps: values.app ?? [],
    unjudgedOut: values['unjudged-out'],
    json: values.json,
    minPrecision,
    ledger: path.resolve(values.ledger ?? DEFAULT_LEDGER),
    writePrecision: !!values['write-precision'],
    timeoutMs: timeoutSeconds * 1000,
  };
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  console.error(`ecosystem: ${e.message}\n${USAGE}`);
  process.exit(2);
}
const tally = createTally();

function loadLedger(file) {
  if (!fs.existsSync(file)) trouble(`ledger ${file} not found`);
  try {
    return parseLedger(fs.readFileSync(file, 'utf8'), path.relative(process.cwd(), file));
  } catch (e) {
    if (e instanceof LedgerError) trouble(e.message);
    throw e;
  }
}

/** The recall list; with another ledger (the script's own tests), none. */
function loadPitfalls() {
  if (options.ledger !== DEFAULT_LEDGER || !fs.existsSync(KNOWN_PITFALLS)) return [];
  try {
    return parsePitfalls(fs.readFileSync(KNOWN_PITFALLS, 'utf8'));
  } catch (e) {
    if (e instanceof PitfallsError) trouble(e.message);
    throw e;
  }
}

function selectApps(all) {
  if (!options.apps.length) return all;
  const named = (app, name) => app === name || app.replace(/-[0-9a-f]{7}$/, '') === name;
  const unknown = options.apps.filter((n) => !all.some((a) => named(a, n)));
  if (unknown.length) trouble(`--app ${unknown.join(', ')}: not in the corpus, which has ${all.join(', ')}`);
  return all.filter((a) => options.apps.some((n) => named(a, n)));
}

/** stderr as lines, for the record; the CLI's warnings and errors start `warning:`/`error:`. */
const stderrLines = (run) => (run.stderr || '').split('\n').filter((l) => l.trim() !== '');

const runRecord = (run) => ({ args: run.args, exit: run.status, signal: run.signal, timedOut: run.timedOut, seconds: run.seconds, stderr: stderrLines(run) });

const prefixed = (prefix, checks) => checks.map((c) => ({ ...c, label: `${prefix} ${c.label}` }));

/** Everything the check does for one app: both dry runs, keyed findings, the fix-twice checks on a copy. */
function checkApp(app, pristineRoot, fixedRoot, parseRust, mergeReports) {
  const t = Date.now();
  const dir = path.join(pristineRoot, app);
  const run = (args) => runAsyncFix(args, dir, { cwd: pristineRoot, timeoutMs: options.timeoutMs });
  const every = ['--dry-run', '--unsafe-fixes', '--preview', '--include-tests'];
  const all = run(every);
  const cached = run(every);
  const shards = [1, 2].map((i) => run([...every, '--no-cache', '--shard', `${i}/2`]));
  const unfiltered = run([...every, '--no-prefilter', '--no-cache']);
  const single = run([...every, '--jobs', '1', '--no-cache']);
  const byDefault = run(['--dry-run']);
  const { findings, onlyInAll, onlyInDefault } = collectAppFindings(app, dir, all.doc, byDefault.doc, parseRust);

  const copy = path.join(fixedRoot, app);
  fs.cpSync(dir, copy, { recursive: true });
  const before = snapshot(copy);
  const fixed = fixTwice(copy, dir, parseRust, { changeable: FIXABLE, before, timeoutMs: options.timeoutMs, cwd: fixedRoot });

  const checks = [
    ...cliChecks('dry-run --unsafe-fixes --preview --include-tests', all),
    ...cliChecks('dry-run (default mode)', byDefault),
    prefilterCheck('dry-run --unsafe-fixes --preview --include-tests', all, unfiltered),
    cacheCheck('dry-run --unsafe-fixes --preview --include-tests', all, cached),
    jobsCheck('dry-run --unsafe-fixes --preview --include-tests', all, single),
    shardCheck('dry-run --unsafe-fixes --preview --include-tests', all, shards, mergeReports),
    ...prefixed('fix', fixed.checks),
  ];
  const runs = { all, cached, shard1: shards[0], shard2: shards[1], unfiltered, jobs1: single, default: byDefault, fix1: fixed.run1, fix2: fixed.run2 };
  const record = {
    app,
    rsFiles: before.rsFiles,
    rsLines: before.rsLines,
    findings: findings.length,
    filesChangedByFix: fixed.diff1.changed.length,
    runs: Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, runRecord(r)])),
    onlyInAll,
    onlyInDefault,
    seconds: (Date.now() - t) / 1000,
  };
  printApp(record, runs);
  // Without the all-fixes JSON the app's findings are unknown, not gone.
  return { app, checks, findings, record, reported: all.doc !== null };
}

function printApp(record, runs) {
  const times = Object.entries(runs).map(([k, r]) => `${k} ${describeRun(r)}`).join(', ');
  console.log(`ecosystem: ${record.app}: ${record.rsFiles} .rs files, ${record.rsLines} lines, ${record.findings} findings, ${record.filesChangedByFix} files changed by the fix; ${record.seconds.toFixed(1)}s (${times})`);
  for (const [k, r] of Object.entries(record.runs)) for (const l of r.stderr.slice(0, 5)) console.log(`    ${k} stderr: ${l}`);
  const differ = [...record.onlyInAll.map((f) => `default tier, but only with --unsafe-fixes: ${f}`), ...record.onlyInDefault.map((f) => `only in default mode, or outside the default tier: ${f}`)];
  for (const d of differ.slice(0, 5)) console.log(`    ${d}`);
}

function printCounts(results) {
  const byRule = {};
  for (const f of results.flatMap((r) => r.findings)) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  console.log(`ecosystem: findings per app: ${results.map((r) => `${r.app} ${r.findings.length}`).join(', ')}`);
  console.log(`ecosystem: findings per rule: ${Object.entries(byRule).sort().map(([r, n]) => `${r} ${n}`).join(', ')}`);
}

function writeOutput(file, text, what) {
  fs.writeFileSync(path.resolve(file), text);
  console.log(`ecosystem: ${what} written to ${file}`);
}

async function main() {
  const t0 = Date.now();
  const ledger = loadLedger(options.ledger);
  const parseRust = await loadBuiltParser('ecosystem');
  // Outside the repo, so the CLI sees plain files (no git, no repo .gitignore).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-ecosystem-'));
  // Every run's cache is this check's own: nothing from an earlier build or run, nothing left in the user's cache dir.
  process.env.ASYNC_FIX_CACHE_DIR = path.join(work, 'cache');
  try {
    const pristineRoot = path.join(work, 'apps');
    const fixedRoot = path.join(work, 'fixed');
    const { tarball, apps: corpusApps } = unpackApps(pristineRoot);
    const apps = selectApps(corpusApps);
    console.log(`ecosystem: corpus ${tarball}: ${corpusApps.length} apps, checking ${apps.length}; ledger ${path.relative(process.cwd(), options.ledger)}: ${ledger.length} verdicts`);
    const mergeReports = await loadBuiltMerge();
    const results = apps.map((app) => checkApp(app, pristineRoot, fixedRoot, parseRust, mergeReports));
    const checkSummary = assertOverApps(tally, results);

    const { judged: findings, gone } = matchVerdicts(results.flatMap((r) => r.findings), ledger, results.filter((r) => r.reported).map((r) => r.app));
    const tables = precisionTables(findings);
    const unjudged = findings.filter((f) => !f.verdict);
    console.log('');
    printCounts(results);
    printTables(tables);
    printUnjudged(unjudged);
    printGone(gone);
    const pitfalls = loadPitfalls();
    const found = recall(pitfalls, findings, isDefaultOutput, results.filter((r) => r.reported).map((r) => r.app));
    console.log('');
    for (const l of renderRecall(found)) console.log(l);
    if (options.minPrecision !== null) {
      const p = tables.default.overall.precision;
      tally.assert(p !== null && p >= options.minPrecision, `default output precision is at least ${options.minPrecision}`, [p === null ? 'no finding of the default output is judged TP or FP' : `precision ${p.toFixed(3)}`]);
    }
    if (apps.length === corpusApps.length && options.ledger === DEFAULT_LEDGER) {
      const current = renderMeasuredPrecision(tables.all, apps.length);
      if (options.writePrecision) writeOutput(MEASURED_PRECISION, current, 'the measured precision');
      else {
        const stale = !fs.existsSync(MEASURED_PRECISION) || fs.readFileSync(MEASURED_PRECISION, 'utf8') !== current;
        tally.assert(!stale, 'src/config/measured-precision.ts holds these figures (rerun with --write-precision after judging)', stale ? ['out of date'] : []);
      }
    } else if (options.writePrecision) trouble('--write-precision needs the whole corpus and the default ledger');
    if (options.unjudgedOut) writeOutput(options.unjudgedOut, unjudgedJsonl(unjudged), `${unjudged.length} unjudged finding(s)`);
    if (options.json) {
      const doc = { version: 1, apps: results.map((r) => r.record), tables, recall: found, findings: findings.map(({ context, ...f }) => f), gone, checks: checkSummary, seconds: (Date.now() - t0) / 1000 };
      writeOutput(options.json, JSON.stringify(doc, null, 2) + '\n', 'the tables as JSON');
    }
    console.log(`ecosystem: ${apps.length} apps in ${secs(t0)}s`);
  } finally {
    if (options.keep) console.log(`ecosystem: temp dir kept at ${work} (apps/ unpacked, fixed/ after the fix runs)`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

await runHarness('ecosystem', tally, main);
