#!/usr/bin/env node
// Proves that fixtures and fixed code compile, offline, against Debian's crate
// sources (scripts/setup-rust-offline.sh installs them; this script runs it).
//
// What is checked:
//   __fixtures__/<rule>/<case>.input.rs, <case>.output.rs
//       Single-file fixtures. All of them become modules (via #[path]) of ONE
//       scratch lib crate depending on tokio (full), futures, anyhow, thiserror,
//       tracing, log, parking_lot and async-channel, so one `cargo check` covers
//       them all. A fixture is a module, so `crate::` and `super::` in it
//       mean the scratch crate's root.
//   __fixtures__/<rule>/<case>.input.expect-error
//       Declares that <case>.input.rs must NOT compile, with one specific
//       error (the bug a fix removes can be a compile error: an `Rc` held
//       across an await in a spawned future). Format (scripts/lib/expect-error.mjs):
//         code: E0277 | none     message: <substring>     note: <substring> (optional)
//       Such an input is checked alone in its own scratch crate (rustc may stop
//       reporting other modules' errors once one fails). It passes only if it
//       fails and every error has that code and message and points into it;
//       compiling, or failing any other way, fails the check. Its outputs must
//       compile like every other output, except an output byte-identical to
//       the input (a negative case: no fix offered), held to the same declaration.
//   __fixtures__/<rule>/<case>/ and __fixtures__/<rule>/<case>.output/
//       Crate fixtures: any directory directly under a rule dir that holds a
//       Cargo.toml. Convention: `<case>/` is the input crate and
//       `<case>.output/` the expected result. Each is copied and checked alone.
//   examples/legacy-service
//       Checked as-is, then `async-fix --yes --unsafe-fixes --preview --include-tests` is run on a copy,
//       then checked again.
// No fixture is exempt: every input and every output is checked.
//
// Crates are resolved offline from Debian's registry (tokio 1.24, futures 0.3.21,
// ...): crate manifests must ask for versions Debian has, and any Cargo.lock is
// dropped from the copy because it pins crates.io versions.
//
// Usage: node scripts/compile-check.mjs [--fixtures-only] [--keep]
//   --fixtures-only  skip examples/legacy-service
//   --keep           keep the scratch dir and print its path
// Exit: 0 all compile, 1 something failed to compile, 2 harness/cargo trouble.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CARGO_CONFIG, cargoCheckJson, installCrateSources, REGISTRY, REPO } from './lib/debian-cargo.mjs';
import { classifyExpectedFailure, parseExpectation, SIDECAR_SUFFIX } from './lib/expect-error.mjs';

const FIXTURES = path.join(REPO, '__fixtures__');
const LEGACY = path.join(REPO, 'examples', 'legacy-service');
// Kept between runs so that tokio & co. are compiled once per machine.
const TARGET_DIR = path.join(REPO, 'target', 'compile-check-target');

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (a !== '--fixtures-only' && a !== '--keep') {
    console.error(`compile-check: unknown option ${a}; usage: node scripts/compile-check.mjs [--fixtures-only] [--keep]`);
    process.exit(2);
  }
}
const fixturesOnly = args.has('--fixtures-only');
const keep = args.has('--keep');

const SCRATCH_MANIFEST = `[package]
name = "async_fix_fixtures"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tokio = { version = "1", features = ["full"] }
futures = "0.3"
anyhow = "1"
thiserror = "1"
tracing = "0.1"
log = "0.4"
parking_lot = "0.12"
async-channel = "1"

# Never join a workspace found above the scratch dir.
[workspace]
`;

function main() {
  setup();
  // Outside the repo, so the CLI sees a plain project (no git, no repo .gitignore).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-compile-check-'));
  // One config at the root covers every crate below it; ~/.cargo is never touched.
  fs.mkdirSync(path.join(work, '.cargo'));
  fs.writeFileSync(path.join(work, '.cargo', 'config.toml'), CARGO_CONFIG);

  let failures = 0;
  let passed = 0;
  try {
    const { files, crates } = findFixtures();
    const failing = files.filter((f) => f.expectError);
    const failedFiles = checkFileFixtures(files.filter((f) => !f.expectError), work) + checkExpectedFailures(failing, work);
    console.log(`compile-check: ${files.length} fixture files checked (${failing.length} declared to fail), ${failedFiles} failed`);
    failures += failedFiles;
    passed += files.length - failedFiles;

    let failedCrates = 0;
    for (const c of crates) {
      const copy = copyCrate(c.dir, path.join(work, 'crates', c.label.replace(/\//g, '__')));
      const r = cargoCheck(copy);
      if (!r.ok) failedCrates++;
      report(c.label, r, { [copy]: path.relative(REPO, c.dir) });
    }
    console.log(`compile-check: ${crates.length} fixture crates checked, ${failedCrates} failed`);
    failures += failedCrates;
    passed += crates.length - failedCrates;

    if (!fixturesOnly) {
      const r = checkLegacyService(work);
      failures += r.failed;
      passed += r.passed;
    }
  } catch (e) {
    if (!(e instanceof Fatal)) throw e;
    console.error(`compile-check: ${e.message}`);
    process.exitCode = 2;
    return;
  } finally {
    if (keep) console.log(`compile-check: scratch dir kept at ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  // A plain closing line that CI tooling understands.
  console.log(`compile-check: ${passed} passed, ${failures} failed`);
  process.exitCode = failures ? 1 : 0;
}

function setup() {
  if (!installCrateSources()) {
    console.error('compile-check: scripts/setup-rust-offline.sh failed; crate sources are not available');
    process.exit(2);
  }
}

function findFixtures() {
  const files = [];
  const crates = [];
  const sidecars = [];
  const rules = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES, { withFileTypes: true }) : [];
  for (const rule of rules.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()) {
    for (const entry of fs.readdirSync(path.join(FIXTURES, rule), { withFileTypes: true }).sort(byName)) {
      const full = path.join(FIXTURES, rule, entry.name);
      const label = `${rule}/${entry.name}`;
      const m = /^(.+)\.(input|output)\.rs$/.exec(entry.name);
      if (entry.isFile() && m) {
        const sidecar = full.replace(/\.input\.rs$/, SIDECAR_SUFFIX);
        const expectError = m[2] === 'input' && fs.existsSync(sidecar) ? sidecar : null;
        files.push({ file: full, label, mod: `${rule}__${m[1]}__${m[2]}`, expectError });
      } else if (entry.isFile() && entry.name.endsWith(SIDECAR_SUFFIX)) {
        sidecars.push({ file: full, label });
      } else if (entry.isDirectory() && fs.existsSync(path.join(full, 'Cargo.toml'))) {
        crates.push({ dir: full, label });
      }
    }
  }
  for (const s of sidecars) {
    const input = s.file.slice(0, -SIDECAR_SUFFIX.length) + '.input.rs';
    if (!fs.existsSync(input)) fatal(`${s.label} has no ${path.basename(input)} next to it`);
    // A negative case's output is its input, byte for byte: the same declaration holds it.
    const text = fs.readFileSync(input);
    const outputs = new RegExp(`^${escapeRegExp(path.basename(input, '.input.rs'))}(\\.alt[1-9][0-9]*)?\\.output\\.rs$`);
    for (const f of files) if (path.dirname(f.file) === path.dirname(input) && outputs.test(path.basename(f.file)) && fs.readFileSync(f.file).equals(text)) f.expectError = s.file;
  }
  const used = new Set();
  for (const f of files) {
    let name = f.mod.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, 'f_');
    while (used.has(name)) name += '_';
    used.add(name);
    f.mod = name;
  }
  return { files, crates };
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

// Returns the number of fixture files that failed.
function checkFileFixtures(files, work) {
  if (files.length === 0) return 0;
  const crate = scratchCrate(path.join(work, 'fixtures'));

  // rustc can stop before type-checking every module once one has errors, so a
  // failing run proves nothing about the others: drop the failures and re-run
  // until a run passes. Each round removes at least one fixture.
  const failed = new Map();
  let remaining = files;
  while (remaining.length) {
    writeLib(crate, remaining);
    const r = cargoCheck(crate);
    if (r.ok) break;
    const byFile = new Map();
    for (const e of r.errors) {
      const f = remaining.find((x) => e.files.includes(x.file));
      if (f && !byFile.has(f)) byFile.set(f, []);
      if (f) byFile.get(f).push(e);
    }
    if (byFile.size === 0) {
      report('fixture crate', r, {});
      fatal('cargo check failed without an error in any fixture file (see above)');
    }
    for (const [f, errors] of byFile) failed.set(f, { ...r, errors });
    remaining = remaining.filter((f) => !byFile.has(f));
  }
  for (const f of files.filter((x) => failed.has(x))) report(f.label, failed.get(f), {});
  return failed.size;
}

// Each declared-to-fail input alone in its own crate; returns how many did not fail as declared.
function checkExpectedFailures(files, work) {
  let failed = 0;
  for (const f of files) {
    const expectation = parseExpectation(fs.readFileSync(f.expectError, 'utf8'));
    if (expectation.error) {
      failed++;
      console.log(`FAIL ${f.label}\n    ${path.basename(f.expectError)}: ${expectation.error}`);
      continue;
    }
    const crate = scratchCrate(path.join(work, 'expect-error', f.mod));
    writeLib(crate, [f]);
    const r = cargoCheck(crate);
    const verdict = classifyExpectedFailure(r, expectation, f.file, crate);
    if (verdict.ok) {
      console.log(`ok   ${f.label} (fails as declared: ${expectation.code ?? 'no code'} "${expectation.message}", ${r.seconds.toFixed(1)}s)`);
      continue;
    }
    failed++;
    console.log(`FAIL ${f.label}\n    ${verdict.reason}`);
    if (r.errors.length) console.log(indent(r.errors[0].rendered.trimEnd().replaceAll(REPO + path.sep, '')));
  }
  return failed;
}

function scratchCrate(dir) {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), SCRATCH_MANIFEST);
  return dir;
}

// Fixture files as modules of the crate's lib.rs.
function writeLib(crate, files) {
  const lib = ['#![allow(warnings)]', ...files.map((f) => `#[path = ${JSON.stringify(f.file)}]\nmod ${f.mod};`)];
  fs.writeFileSync(path.join(crate, 'src', 'lib.rs'), lib.join('\n') + '\n');
}

function checkLegacyService(work) {
  const name = 'examples/legacy-service';
  if (!fs.existsSync(path.join(LEGACY, 'Cargo.toml'))) {
    console.log(`compile-check: ${name} not found; skipped`);
    return { passed: 0, failed: 0 };
  }
  const copy = copyCrate(LEGACY, path.join(work, 'legacy-service'));
  const original = snapshotRs(copy);
  const before = cargoCheck(copy);
  report(`${name} (before fix)`, before, { [copy]: name });
  if (!before.ok) return { passed: 0, failed: 1 };

  const cli = path.join(REPO, 'bin', 'async-fix.js');
  const built = path.join(REPO, 'dist', 'src', 'cli', 'main.js'); // what bin/async-fix.js imports
  if (!fs.existsSync(cli) || !fs.existsSync(built)) {
    console.log(`compile-check: ${name}: CLI not built (bin/async-fix.js or dist/ missing; run \`npm run build\`); fix step SKIPPED`);
    return { passed: 1, failed: 0 };
  }
  // Every rule's fixes, the preview tier and test code included.
  const run = spawnSync(process.execPath, [cli, '--yes', '--unsafe-fixes', '--allow-dirty', '--preview', '--include-tests', copy], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const changed = Object.entries(snapshotRs(copy))
    .filter(([f, text]) => original[f] !== text)
    .map(([f]) => f);
  // Exit 1 is how a linter says "findings"; 2 (or a crash) means the CLI itself failed.
  if (run.status === null || run.status >= 2) {
    console.log(`FAIL ${name}: async-fix exited with ${run.status ?? run.signal}`);
    console.log(indent((run.stdout + run.stderr).replaceAll(copy, name).trimEnd()));
    return { passed: 1, failed: 1 };
  }
  console.log(`compile-check: ${name}: async-fix exited ${run.status}, changed ${changed.length} file(s)${changed.length ? ': ' + changed.join(', ') : ''}`);
  const after = cargoCheck(copy);
  report(`${name} (after fix)`, after, { [copy]: name });
  return { passed: 1 + (after.ok ? 1 : 0), failed: after.ok ? 0 : 1 };
}

function copyCrate(src, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(src, dest, {
    recursive: true,
    filter: (p) => !['target', 'Cargo.lock', '.git'].includes(path.basename(p)) || p === src,
  });
  return dest;
}

function snapshotRs(dir, rel = '', out = {}) {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) snapshotRs(dir, r, out);
    else if (e.name.endsWith('.rs')) out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

// --all-targets so #[cfg(test)] code and #[tokio::test] fns are checked too.
function cargoCheck(dir) {
  const r = cargoCheckJson(dir, TARGET_DIR, ['--all-targets']);
  if (r.spawnError) fatal(`cannot run cargo: ${r.spawnError}`);
  return { ...r, errors: r.errors.map((e) => ({ ...e, files: spanFiles(e.message, dir) })) };
}

// Every file a diagnostic points into, including through macro expansions and notes.
function spanFiles(m, dir, out = []) {
  const visit = (s) => {
    if (!s) return;
    out.push(path.resolve(dir, s.file_name));
    visit(s.expansion?.span);
  };
  for (const s of [...m.spans.filter((s) => s.is_primary), ...m.spans]) visit(s);
  for (const c of m.children ?? []) spanFiles(c, dir, out);
  return out;
}

function report(label, r, rename) {
  if (r.ok) {
    console.log(`ok   ${label} (${r.seconds.toFixed(1)}s)`);
    return;
  }
  const tidy = (s) => {
    for (const [from, to] of Object.entries(rename)) {
      s = s.replaceAll(from, to);
      // rustc names a crate's own files relative to that crate.
      s = s.replace(/^(\s*--> )(?![/<])/gm, `$1${to}/`);
    }
    return s.replaceAll(REPO + path.sep, '');
  };
  console.log(`FAIL ${label}`);
  if (r.errors.length === 0) {
    console.log(indent(tidy(r.stderr.trimEnd() || 'cargo check failed without compiler errors')));
    return;
  }
  console.log(indent(tidy(r.errors[0].rendered.trimEnd())));
  if (r.errors.length > 1) console.log(`    (+${r.errors.length - 1} more error(s))`);
}

function indent(s) {
  return s.replace(/^/gm, '    ');
}

// Harness trouble (exit 2), as opposed to a fixture that does not compile (exit 1).
class Fatal extends Error {}
function fatal(msg) {
  throw new Fatal(msg);
}

main();
