#!/usr/bin/env node
// The real-world corpus check: runs async-fix over every crate source that
// Debian packages into /usr/share/cargo/registry (tokio, hyper, reqwest, h2,
// tower, ... and everything they pull in; `setup-rust-offline.sh --corpus`
// installs them) and asserts that it neither breaks nor churns real code.
//
// Steps:
//   1. setup-rust-offline.sh --corpus (idempotent; apt only when a crate is missing)
//   2. copy the registry to a temp dir; hash every file, count .rs files and lines
//   3. `cargo check` the CHECK_CRATES from the untouched copy (they must pass)
//   4. async-fix --dry-run over the copy, with the prefilter and without
//      (--no-prefilter): the two reports must be the same
//      then async-fix --yes --unsafe-fixes --allow-dirty --format json <copy>
//   5. assertions on that run: exit code, no internal errors, only .rs files
//      changed, summary.filesChanged agrees with the disk, no changed file
//      gains tree-sitter parse errors
//   6. the same command again: exit code, no errors, no content changes, fixesApplied 0
//   7. `cargo check` the CHECK_CRATES again, copied from the modified corpus
//
// The first run's JSON goes to target/sweep/findings.json (paths in it are
// relative to the corpus root, so `tokio-1.24.2/src/x.rs` is
// /usr/share/cargo/registry/tokio-1.24.2/src/x.rs).
//
// Usage: node scripts/sweep.mjs [--keep]   (npm run sweep builds first)
//   --keep  keep the temp dir (the modified corpus) and print its path
// Exit: 0 all assertions passed, 1 an assertion failed, 2 harness trouble
// (setup, copy, CLI not built, a CHECK_CRATES crate missing or failing BEFORE
// the run). The last line is `sweep: N passed, M failed`.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertChecks, cacheCheck, cliChecks, jobsCheck, describeRun, loadBuiltMerge, loadBuiltParser, prefilterCheck, runAsyncFix, shardCheck } from './lib/async-fix-cli.mjs';
import { CARGO_CONFIG, cargoCheckJson, installCrateSources, REGISTRY, REPO } from './lib/debian-cargo.mjs';
import { createTally, runHarness, secs, trouble } from './lib/harness.mjs';
import { fixTwice } from './lib/fix-twice.mjs';
import { snapshot } from './lib/tree-snapshot.mjs';
const OUT_DIR = path.join(REPO, 'target', 'sweep');
// Kept between runs so the dependencies of the checked crates compile once per
// machine. Registry deps come from the untouched /usr/share/cargo/registry;
// only the checked crate itself is a (fresh, hence always rebuilt) copy.
const CARGO_TARGET = path.join(OUT_DIR, 'cargo-target');
// Scratch packages for the checks. A fixed place (not the temp dir), so that
// cargo's per-path artifacts are overwritten by the next sweep, not piled up.
const CHECK_DIR = path.join(OUT_DIR, 'check');

// Corpus crates that must still `cargo check` after async-fix ran over them,
// with the features to check (as many as Debian's packages can satisfy).
//
// How they are checked: a scratch root package depends on a copy of the crate
// by path (`[dependencies] <name> = { path = ..., features = [...] }`) and
// `cargo check` runs in the root. That checks the crate's lib with those
// features. Running `cargo check` inside a copy of the crate itself does NOT
// work for most of them: cargo resolves dev-dependencies even for a lib check,
// and Debian lacks many. Tried that way (Debian bookworm, 2026), only
// tokio-util and futures-util passed; these failed before any fix:
//   tokio, tokio-stream  no `async-stream` (dev-dependency)
//   tower                no `tokio-test` (dev-dependency)
//   async-trait, anyhow  no `rustversion` (dev-dependency)
//   reqwest              no `doc-comment` (dev-dependency)
//   tracing-subscriber   no `criterion` (dev-dependency)
//   h2, hyper            a dev-dependency version Debian does not have
// As a path dependency every crate below passes before the run. Features left
// out: futures-util `bilock` (needs `unstable`, which Debian's package does not
// offer); tokio-stream has no `full`.
const CHECK_CRATES = [
  { name: 'tokio', features: ['full'] },
  { name: 'tokio-util', features: ['full'] },
  { name: 'tokio-stream', features: ['fs', 'io-util', 'net', 'signal', 'sync', 'time'] },
  { name: 'futures-util', features: ['io', 'sink', 'channel', 'async-await-macro'] },
  { name: 'h2', features: ['stream'] },
  { name: 'hyper', features: ['full'] },
  { name: 'tower', features: ['full'] },
  { name: 'async-trait', features: [] },
  { name: 'reqwest', features: ['blocking', 'cookies', 'json', 'multipart', 'stream', 'rustls-tls'] },
  { name: 'tracing-subscriber', features: ['env-filter', 'fmt', 'json', 'local-time', 'registry', 'ansi'] },
];

const args = process.argv.slice(2);
for (const a of args) {
  if (a !== '--keep') {
    console.error(`sweep: unknown option ${a}; usage: node scripts/sweep.mjs [--keep]`);
    process.exit(2);
  }
}
const keep = args.includes('--keep');

const tally = createTally();
const { assert } = tally;
// No fix over the registry has needed a Cargo.toml change; one would be a surprise worth a look.
const ONLY_RS = { what: '.rs files', test: (f) => f.endsWith('.rs') };

async function main(troubles) {
  const t0 = Date.now();
  setup();
  const parseRust = await loadBuiltParser('sweep');

  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Outside the repo, so the CLI sees plain files (no git, no repo .gitignore).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-sweep-'));
  // Every run's cache is the sweep's own: nothing from an earlier build or run, nothing left in the user's cache dir.
  process.env.ASYNC_FIX_CACHE_DIR = path.join(work, 'cache');
  try {
    // cargo finds this config from every scratch package below CHECK_DIR; ~/.cargo is never touched.
    fs.rmSync(CHECK_DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(CHECK_DIR, '.cargo'), { recursive: true });
    fs.writeFileSync(path.join(CHECK_DIR, '.cargo', 'config.toml'), CARGO_CONFIG);
    const corpus = path.join(work, 'corpus');
    let t = Date.now();
    fs.cpSync(REGISTRY, corpus, { recursive: true, verbatimSymlinks: true });
    const before = snapshot(corpus);
    const crates = fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    console.log(
      `sweep: corpus ${REGISTRY}: ${crates} crates, ${before.rsFiles} .rs files, ${before.rsLines} lines of Rust ` +
        `(${(before.rsBytes / 1e6).toFixed(1)} MB; copied and hashed in ${secs(t)}s)`,
    );

    const checks = resolveCheckCrates(corpus);
    console.log(`sweep: cargo check BEFORE the run: ${checks.map((c) => c.dir).join(', ')}`);
    t = Date.now();
    for (const c of checks) {
      c.before = cargoCheck(c, corpus, 'before');
      report(`${c.dir} (before)`, c.before);
      if (!c.before.ok) troubles.push(`${c.dir} does not cargo check before the run (see above); fix CHECK_CRATES in scripts/sweep.mjs`);
    }
    const beforeChecksSeconds = secs(t);

    // ---- the prefilter: a dry run with it and one without must report the same
    const dry = ['--dry-run', '--unsafe-fixes', '--preview', '--include-tests'];
    const filtered = runAsyncFix(dry, corpus);
    const cached = runAsyncFix(dry, corpus);
    const unfiltered = runAsyncFix([...dry, '--no-prefilter', '--no-cache'], corpus);
    const shards = [1, 2].map((i) => runAsyncFix([...dry, '--no-cache', '--shard', `${i}/2`], corpus));
    const single = runAsyncFix([...dry, '--no-cache', '--jobs', '1'], corpus);
    console.log(
      `sweep: dry run ${describeRun(filtered)}; again from the cache ${describeRun(cached)}; with --no-prefilter ${describeRun(unfiltered)}; ` +
        `in 2 shards ${shards.map(describeRun).join(' and ')}; with --jobs 1 ${describeRun(single)}`,
    );
    assertChecks(tally, [
      ...cliChecks('dry run', filtered),
      prefilterCheck('dry run', filtered, unfiltered),
      cacheCheck('dry run', filtered, cached),
      shardCheck('dry run', filtered, shards, await loadBuiltMerge()),
      jobsCheck('dry run', filtered, single),
    ]);

    // ---- run 1, then run 2 over its output: must find nothing left to fix and change nothing
    const { run1, run2, diff1, diff2, checks: fixChecks } = fixTwice(corpus, REGISTRY, parseRust, { changeable: ONLY_RS, before });
    console.log(`sweep: async-fix run 1: ${describeRun(run1)}; run 2: ${describeRun(run2)}`);
    fs.writeFileSync(path.join(OUT_DIR, 'findings.json'), run1.doc ? JSON.stringify(run1.doc, null, 2) + '\n' : run1.stdout);
    assertChecks(tally, fixChecks);

    // ---- compile after
    t = Date.now();
    for (const c of checks) {
      if (!c.before.ok) continue;
      const r = cargoCheck(c, corpus, 'after');
      const touched = diff1.changed.filter((f) => f.startsWith(c.dir + '/')).length;
      assert(r.ok, `cargo check ${c.dir} after the run (${touched} file(s) of it changed, ${r.seconds.toFixed(1)}s)`);
      if (!r.ok) printCargoErrors(r);
    }
    const afterChecksSeconds = secs(t);

    // ---- numbers
    const findings = (run1.doc?.files ?? []).flatMap((f) => (f.findings ?? []).map((x) => ({ path: f.path, ...x })));
    const byRule = {};
    for (const f of findings) {
      byRule[f.rule] ??= { findings: 0, safe: 0, unsafe: 0, none: 0, applied: 0 };
      const r = byRule[f.rule];
      r.findings++;
      r[f.fix] = (r[f.fix] ?? 0) + 1;
      if (f.applied) r.applied++;
    }
    const s = run1.doc?.summary ?? {};
    console.log('');
    console.log(`sweep: files: ${s.filesScanned ?? '?'} scanned of ${before.rsFiles} .rs files in the corpus, ${(run1.doc?.skipped ?? []).length} skipped`);
    for (const sk of (run1.doc?.skipped ?? []).slice(0, 10)) console.log(`         skipped ${sk.path}: ${sk.reason}`);
    console.log(`sweep: lines: ${before.rsLines} (all .rs files; newlines, plus 1 for a last line without one)`);
    console.log(`sweep: findings: ${findings.length}${findings.length ? '' : ' (no rule fired anywhere in the corpus)'}`);
    for (const [rule, r] of Object.entries(byRule).sort()) {
      console.log(`         ${rule}: ${r.findings} (fix safe ${r.safe}, unsafe ${r.unsafe}, none ${r.none}; applied ${r.applied})`);
    }
    for (const f of findings.slice(0, 40)) {
      console.log(`         ${f.path}:${f.line}:${f.column} ${f.rule} [fix: ${f.fix}${f.applied ? ', applied' : ''}]${f.note ? ' ' + f.note : ''}`);
    }
    if (findings.length > 40) console.log(`         (+${findings.length - 40} more in target/sweep/findings.json)`);
    console.log(`sweep: files changed: ${diff1.changed.length} by run 1, ${diff2.changed.length} by run 2`);
    console.log(
      `sweep: seconds: whole sweep ${secs(t0)}, async-fix run 1 ${run1.seconds.toFixed(1)} (run 2 ${run2.seconds.toFixed(1)}), ` +
        `cargo check before ${beforeChecksSeconds} / after ${afterChecksSeconds}`,
    );
    console.log(`sweep: findings JSON of run 1: ${path.relative(REPO, path.join(OUT_DIR, 'findings.json'))}`);
  } finally {
    if (keep) console.log(`sweep: temp dir kept at ${work} (modified corpus in corpus/)`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

function setup() {
  if (!installCrateSources('--corpus')) trouble('scripts/setup-rust-offline.sh --corpus failed; the corpus is not installed');
  const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' });
  if (cargo.error || cargo.status !== 0) trouble('cargo is not available');
}

/** Maps CHECK_CRATES names to corpus dirs (`tokio-1.24.2`); the newest version if there are several. */
function resolveCheckCrates(corpus) {
  const dirs = fs.readdirSync(corpus);
  return CHECK_CRATES.map((c) => {
    const re = new RegExp(`^${c.name.replace(/[-]/g, '\\-')}-(\\d+)\\.(\\d+)\\.(\\d+)`);
    const found = dirs
      .map((d) => ({ d, m: re.exec(d) }))
      .filter((x) => x.m)
      .sort((x, y) => {
        for (let i = 1; i <= 3; i++) if (+x.m[i] !== +y.m[i]) return +y.m[i] - +x.m[i];
        return 0;
      });
    if (!found.length) trouble(`crate ${c.name} (CHECK_CRATES) is not in ${REGISTRY}; run scripts/setup-rust-offline.sh --corpus as root`);
    return { ...c, dir: found[0].d };
  });
}

/**
 * `cargo check` of one corpus crate as copied now from `corpus`: a scratch
 * root package depends on the copy by path (see CHECK_CRATES for why).
 */
function cargoCheck(c, corpus, phase) {
  const base = path.join(CHECK_DIR, `${c.name}-${phase}`);
  const copy = path.join(base, 'crate');
  const root = path.join(base, 'root');
  fs.rmSync(base, { recursive: true, force: true });
  fs.cpSync(path.join(corpus, c.dir), copy, { recursive: true });
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'lib.rs'), '');
  const features = c.features.length ? `, features = ${JSON.stringify(c.features)}` : '';
  fs.writeFileSync(
    path.join(root, 'Cargo.toml'),
    `[package]
name = "async-fix-sweep-check"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
${c.name} = { path = "../crate"${features} }

# Never join a workspace found above; the crate copy is outside this dir, so
# it is a plain path dependency and its dev-dependencies are not resolved.
[workspace]
`,
  );
  const r = cargoCheckJson(root, CARGO_TARGET);
  if (r.spawnError) trouble(`cannot run cargo: ${r.spawnError}`);
  return { ...r, errors: r.errors.map((e) => e.rendered.replaceAll(copy, `${c.dir} (copy)`)) };
}

function report(label, r) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'} cargo check ${label} (${r.seconds.toFixed(1)}s)`);
  if (!r.ok) printCargoErrors(r);
}

function printCargoErrors(r) {
  const text = r.errors.length ? r.errors[0] : r.stderr || 'cargo check failed without compiler errors';
  console.log(text.trimEnd().replace(/^/gm, '       '));
  if (r.errors.length > 1) console.log(`       (+${r.errors.length - 1} more error(s))`);
}

await runHarness('sweep', tally, main);
