#!/usr/bin/env node
// async-fix against ast-grep, in one process: for the Debian corpus (the
// sweep's registry) and the apps corpus (unpacked to a temp dir), runs
// ast-grep 0.51 with five comparable rules (scripts/bench/ast-grep) and
// async-fix (`--dry-run --format json --no-cache`) alternately, ROUNDS pairs,
// and prints per corpus: files, lines, wall and CPU seconds and peak RSS of
// each tool (medians), the wall ratio async-fix/ast-grep (median of the
// pairs' ratios), the cached re-run against a cold run that fills the cache,
// --jobs 1 against the default, and the time from start to the first review prompt on
// examples/legacy-service in a real terminal (tmux). A benchmark, not a
// test: it prints figures and exits 0 unless the harness fails.
//
// Usage: node scripts/bench.mjs [--rounds N] [--only debian|apps|review]
//   (`npm run bench` builds first.) Needs GNU time (/usr/bin/time) and tmux.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unpackApps } from './lib/apps-corpus.mjs';
import { REPO } from './lib/repo.mjs';

const REGISTRY = '/usr/share/cargo/registry';
const CLI = path.join(REPO, 'bin', 'async-fix.js');
const AST_GREP = path.join(REPO, 'node_modules', '@ast-grep', 'cli-linux-x64-gnu', 'ast-grep');
const SG_CONFIG = path.join(REPO, 'scripts', 'bench', 'ast-grep', 'sgconfig.yml');
const TIME = '/usr/bin/time';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const rounds = Math.max(1, Number(option('--rounds', '3')));
const only = option('--only', null);

function need(file, what) {
  if (!fs.existsSync(file)) {
    console.error(`bench: ${file} not found: ${what}`);
    process.exit(2);
  }
}
need(CLI, 'run `npm run build` first');
need(AST_GREP, 'run `npm ci` (the @ast-grep/cli dev dependency brings it)');
need(TIME, 'install GNU time (`apt-get install time`)');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-bench-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One command under GNU time: wall and CPU seconds, peak RSS in MB, and the exit code. */
function timed(argv, cwd) {
  const out = path.join(work, 'time.txt');
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', out, ...argv], { cwd, maxBuffer: 1 << 30, encoding: 'utf8' });
  const [wall, user, sys, kb] = fs.readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: kb / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function corpusSize(dir) {
  let files = 0;
  let lines = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.rs')) {
        files++;
        const text = fs.readFileSync(p, 'latin1');
        lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      }
    }
  };
  walk(dir);
  return { files, lines };
}

const asyncFix = (dir, extra) => timed([process.execPath, CLI, '--dry-run', '--format', 'json', ...extra, '.'], dir);
const astGrep = (dir) => timed([AST_GREP, 'scan', '-c', SG_CONFIG, '--json=compact', '.'], dir);

function countAsyncFix(r) {
  if (r.status === 2) throw new Error(`async-fix failed: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout).summary.findings;
}
function countAstGrep(r) {
  if (r.status !== 0) throw new Error(`ast-grep failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout).length;
}

const fmt = (r) => `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${Math.round(r.rssMb)} MB peak RSS`;
const mid = (runs) => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMb: Math.max(...runs.map((r) => r.rssMb)) });

function benchCorpus(name, dir) {
  const { files, lines } = corpusSize(dir);
  console.log(`\n== ${name}: ${dir}\n   ${files} .rs files, ${lines} lines; ${os.cpus().length} cores; ${rounds} rounds`);
  const af = [];
  const sg = [];
  const ratios = [];
  let findings = null;
  for (let i = 0; i < rounds; i++) {
    // Alternate which tool goes first, so neither always runs on a warmer page cache.
    const pair = i % 2 === 0 ? [() => astGrep(dir), () => asyncFix(dir, ['--no-cache'])] : [() => asyncFix(dir, ['--no-cache']), () => astGrep(dir)];
    const [first, second] = pair.map((run) => run());
    const [g, a] = i % 2 === 0 ? [first, second] : [second, first];
    findings = { asyncFix: countAsyncFix(a), astGrep: countAstGrep(g) };
    sg.push(g);
    af.push(a);
    ratios.push(a.wall / g.wall);
    console.log(`   round ${i + 1}: ast-grep ${fmt(g)}; async-fix ${fmt(a)}; ratio ${(a.wall / g.wall).toFixed(2)}`);
  }
  const cacheDir = path.join(work, `cache-${name}`);
  const filling = asyncFix(dir, ['--cache-dir', cacheDir]);
  const cached = [];
  for (let i = 0; i < rounds; i++) cached.push(asyncFix(dir, ['--cache-dir', cacheDir]));
  const same = cached.every((r) => sameFindings(r.stdout, af[0].stdout)) && sameFindings(filling.stdout, af[0].stdout);
  const m = mid(af);
  console.log(`   findings: async-fix ${findings.asyncFix} (default output), ast-grep ${findings.astGrep}`);
  console.log(`   ast-grep  median ${fmt(mid(sg))}`);
  console.log(`   async-fix median ${fmt(m)} (cold, --no-cache)`);
  console.log(`   wall ratio async-fix/ast-grep: ${median(ratios).toFixed(2)} (median of ${rounds} pairs)`);
  console.log(`   cache: filling run ${fmt(filling)}; re-run median ${fmt(mid(cached))}: ${((100 * mid(cached).wall) / m.wall).toFixed(1)}% of a cold run; findings ${same ? 'identical' : 'DIFFER'}`);
  const single = [];
  for (let i = 0; i < rounds; i++) single.push(asyncFix(dir, ['--no-cache', '--jobs', '1']));
  const sameSingle = single.every((r) => sameFindings(r.stdout, af[0].stdout));
  console.log(`   --jobs 1 median ${fmt(mid(single))}; default (--jobs ${os.availableParallelism()}) is ${(mid(single).wall / m.wall).toFixed(2)}x faster; findings ${sameSingle ? 'identical' : 'DIFFER'}`);
}

/** Two JSON reports with the same files and findings (the run's seconds aside). */
function sameFindings(a, b) {
  const strip = (s) => JSON.stringify({ ...JSON.parse(s), summary: { ...JSON.parse(s).summary, seconds: 0 } });
  return strip(a) === strip(b);
}

/** Spawning a tmux pane that runs the CLI's review in `dir` to its first prompt on screen, in ms. */
async function firstPrompt(dir, cacheDir, tag) {
  const session = `async-fix-bench-${process.pid}-${tag}`;
  const cmd = `cd '${dir}' && NO_COLOR=1 '${process.execPath}' '${CLI}' --allow-dirty --cache-dir '${cacheDir}'; sleep 30`;
  const t0 = performance.now();
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '50', cmd]);
  try {
    for (;;) {
      const screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
      if (/^\? .*\[y,n,/m.test(screen)) return performance.now() - t0;
      if (performance.now() - t0 > 60_000) throw new Error(`no review prompt after 60 s; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    execFileSync('tmux', ['kill-session', '-t', session]);
  }
}

/** The first review prompt on a fresh copy of examples/legacy-service with an empty cache, then again on the same copy (nothing was answered, so nothing changed) with the cache it filled. */
async function benchReview() {
  const example = path.join(REPO, 'examples', 'legacy-service');
  const cold = [];
  const warm = [];
  for (let i = 0; i < rounds; i++) {
    const dir = path.join(work, `review-${i}`);
    fs.cpSync(example, dir, { recursive: true });
    const cacheDir = path.join(work, `review-cache-${i}`);
    cold.push(await firstPrompt(dir, cacheDir, `${i}c`));
    warm.push(await firstPrompt(dir, cacheDir, `${i}w`));
  }
  const ms = (xs) => `${xs.map((t) => `${Math.round(t)} ms`).join(', ')}; median ${Math.round(median(xs))} ms`;
  console.log(`\n== first review prompt on examples/legacy-service (tmux, from spawning the pane; polled every 5 ms)`);
  console.log(`   empty cache: ${ms(cold)}`);
  console.log(`   warm cache:  ${ms(warm)}`);
}

try {
  if (!only || only === 'debian') {
    need(REGISTRY, 'run `bash scripts/setup-rust-offline.sh --corpus`');
    benchCorpus('debian', REGISTRY);
  }
  if (!only || only === 'apps') {
    const appsDir = path.join(work, 'apps');
    unpackApps(appsDir);
    benchCorpus('apps', appsDir);
  }
  if (!only || only === 'review') await benchReview();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
