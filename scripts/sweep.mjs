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
//   4. async-fix --yes --unsafe-fixes --allow-dirty --format json <copy>
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
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CARGO_CONFIG, cargoCheckJson, installCrateSources, REGISTRY, REPO } from './lib/debian-cargo.mjs';

const CLI = path.join(REPO, 'bin', 'async-fix.js');
const PARSE_MODULE = path.join(REPO, 'dist', 'src', 'engine', 'parse.js');
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

/** Harness trouble (exit 2), as opposed to a failed assertion (exit 1). */
class Trouble extends Error {}
const trouble = (msg) => {
  throw new Trouble(msg);
};

let passed = 0;
let failed = 0;
const troubles = [];
function assert(ok, label, details = []) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) for (const d of details.slice(0, 20)) console.log(`       ${d}`);
  if (!ok && details.length > 20) console.log(`       (+${details.length - 20} more)`);
  return ok;
}

async function main() {
  const t0 = Date.now();
  setup();
  if (!fs.existsSync(CLI) || !fs.existsSync(PARSE_MODULE)) trouble('CLI not built (dist/ missing): run `npm run build` (or `npm run sweep`, which builds first)');
  const { initParser, parseRust } = await import(pathToFileURL(PARSE_MODULE).href);
  await initParser();

  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Outside the repo, so the CLI sees plain files (no git, no repo .gitignore).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-sweep-'));
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

    // ---- run 1
    const run1 = runAsyncFix(corpus);
    console.log(`sweep: async-fix run 1: exit ${run1.status ?? run1.signal} in ${run1.seconds.toFixed(1)}s`);
    fs.writeFileSync(path.join(OUT_DIR, 'findings.json'), run1.doc ? JSON.stringify(run1.doc, null, 2) + '\n' : run1.stdout);
    const after1 = snapshot(corpus);
    const diff1 = compare(before, after1);
    cliAssertions('run 1', run1);

    const nonRs = [...diff1.changed, ...diff1.added, ...diff1.removed].filter((f) => !f.endsWith('.rs'));
    assert(
      diff1.added.length === 0 && diff1.removed.length === 0 && nonRs.length === 0,
      `run 1: only .rs files changed, none added or removed (${diff1.changed.length} changed)`,
      [...diff1.added.map((f) => `added ${f}`), ...diff1.removed.map((f) => `removed ${f}`), ...nonRs.filter((f) => diff1.changed.includes(f)).map((f) => `changed ${f}`)],
    );
    if (run1.doc) {
      const reported = run1.doc.summary?.filesChanged;
      assert(reported === diff1.changed.length, `run 1: summary.filesChanged (${reported}) matches files changed on disk (${diff1.changed.length})`);
    }

    const gained = [];
    for (const f of diff1.changed.filter((x) => x.endsWith('.rs'))) {
      const old = parseRust(fs.readFileSync(path.join(REGISTRY, f), 'utf8')).errorCount;
      const now = parseRust(fs.readFileSync(path.join(corpus, f), 'utf8')).errorCount;
      if (now > old) gained.push(`${f}: ${old} -> ${now} parse errors`);
    }
    assert(gained.length === 0, `run 1: no changed file gains tree-sitter parse errors (${diff1.changed.length} files parsed before/after)`, gained);

    // ---- run 2: a second run must find nothing left to fix and change nothing
    const run2 = runAsyncFix(corpus);
    console.log(`sweep: async-fix run 2: exit ${run2.status ?? run2.signal} in ${run2.seconds.toFixed(1)}s`);
    const after2 = snapshot(corpus);
    const diff2 = compare(after1, after2);
    cliAssertions('run 2', run2);
    const churn = [...diff2.changed.map((f) => `changed ${f}`), ...diff2.added.map((f) => `added ${f}`), ...diff2.removed.map((f) => `removed ${f}`)];
    assert(churn.length === 0, 'run 2: no file content changes', churn);
    if (run2.doc) assert(run2.doc.summary?.fixesApplied === 0, `run 2: fixesApplied is 0 (got ${run2.doc.summary?.fixesApplied})`);

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

function runAsyncFix(corpus) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [CLI, '--yes', '--unsafe-fixes', '--allow-dirty', '--format', 'json', corpus], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) trouble(`cannot run async-fix: ${r.error.message}`);
  let doc = null;
  let parseError = null;
  try {
    doc = JSON.parse(r.stdout);
  } catch (e) {
    parseError = e.message;
  }
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, doc, parseError, seconds: (Date.now() - t) / 1000 };
}

function cliAssertions(label, run) {
  const tail = (run.stderr || '').trim().split('\n').slice(-10);
  assert(run.status !== null && run.status !== 2, `${label}: async-fix exit code is not 2 (got ${run.status ?? run.signal})`, tail);
  if (!assert(run.doc !== null, `${label}: stdout is one JSON document`, [run.parseError ?? '', ...tail])) return;
  const errors = (run.doc.files ?? []).flatMap((f) => (f.errors ?? []).map((e) => `${f.path}: ${typeof e === 'string' ? e : JSON.stringify(e)}`));
  assert(errors.length === 0 && !run.doc.summary?.errors, `${label}: no file has errors (internal errors)`, errors);
}

/** Every file under `dir`: sha256 of its content; plus .rs counts. */
function snapshot(dir) {
  const hashes = new Map();
  let rsFiles = 0;
  let rsLines = 0;
  let rsBytes = 0;
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(r);
        continue;
      }
      if (e.isSymbolicLink()) {
        hashes.set(r, 'symlink:' + fs.readlinkSync(path.join(dir, r)));
        continue;
      }
      const buf = fs.readFileSync(path.join(dir, r));
      hashes.set(r, crypto.createHash('sha256').update(buf).digest('hex'));
      if (e.name.endsWith('.rs')) {
        rsFiles++;
        rsBytes += buf.length;
        let n = 0;
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
        if (buf.length && buf[buf.length - 1] !== 10) n++;
        rsLines += n;
      }
    }
  };
  walk('');
  return { hashes, rsFiles, rsLines, rsBytes };
}

function compare(a, b) {
  const changed = [];
  const added = [];
  const removed = [];
  for (const [f, h] of b.hashes) {
    if (!a.hashes.has(f)) added.push(f);
    else if (a.hashes.get(f) !== h) changed.push(f);
  }
  for (const f of a.hashes.keys()) if (!b.hashes.has(f)) removed.push(f);
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort() };
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
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} cargo check ${label} (${r.seconds.toFixed(1)}s)`);
  if (!r.ok) printCargoErrors(r);
}

function printCargoErrors(r) {
  const text = r.errors.length ? r.errors[0] : r.stderr || 'cargo check failed without compiler errors';
  console.log(text.trimEnd().replace(/^/gm, '       '));
  if (r.errors.length > 1) console.log(`       (+${r.errors.length - 1} more error(s))`);
}

const secs = (t) => ((Date.now() - t) / 1000).toFixed(1);

try {
  await main();
} catch (e) {
  // A bug in this script is harness trouble too; show where it happened.
  if (!(e instanceof Trouble)) console.error(e);
  troubles.push(e.message);
}
for (const t of troubles) console.error(`sweep: harness trouble: ${t}`);
// A plain closing line that CI tooling understands.
console.log(`sweep: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : troubles.length ? 2 : 0;
