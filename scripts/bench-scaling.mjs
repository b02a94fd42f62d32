#!/usr/bin/env node
// How the cost of a run grows with its input: generates nested blocks (5k to
// 50k levels, one sleep at the bottom), nested blocks with a sleep at every
// level (5k to 20k), one big file (1, 2, 5 MB) and a tree of small files
// (1000 and 2000 files of ~5 KB), runs the built CLI on each with --dry-run --format json,
// and prints wall seconds, peak RSS and, within each series, how much the time
// grew against how much the input grew. Linear analysis keeps that ratio near
// 1 per unit of growth (about 2 for a doubling). A benchmark, not a test: it
// prints figures and exits 0 unless the harness itself fails.
//
// Usage: node scripts/bench-scaling.mjs [--timeout S] [--cli path/to/async-fix.js] [--only nest|nest-sleeps|big|tree]
//   --timeout S  per-run limit (default 120); a run past it is killed and reported as not finished
//   --cli        another build of the CLI to measure (e.g. an older commit's worktree)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mixedFile, nestedBlocks, nestedSleeps, TOKIO_MANIFEST } from './lib/scaling-inputs.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RSS_REPORTER = pathToFileURL(path.join(REPO, 'scripts', 'lib', 'report-max-rss.mjs')).href;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const timeoutSeconds = Number(option('--timeout', '120'));
const cli = path.resolve(option('--cli', path.join(REPO, 'bin', 'async-fix.js')));
const only = option('--only', null);
if (!fs.existsSync(cli)) {
  console.error(`bench-scaling: ${cli} not found (run \`npm run build\` first)`);
  process.exit(2);
}

const MB = 1024 * 1024;
const SERIES = [
  { name: 'nest', unit: 'levels', sizes: [5_000, 10_000, 20_000, 50_000], write: (dir, n) => writeCrate(dir, { 'src/lib.rs': nestedBlocks(n) }) },
  { name: 'nest-sleeps', unit: 'levels', sizes: [5_000, 10_000, 20_000], write: (dir, n) => writeCrate(dir, { 'src/lib.rs': nestedSleeps(n) }) },
  { name: 'big', unit: 'MB', sizes: [1, 2, 5], write: (dir, n) => writeCrate(dir, { 'src/lib.rs': mixedFile(n * MB) }) },
  { name: 'tree', unit: 'files', sizes: [1000, 2000], write: (dir, n) => writeCrate(dir, smallFiles(n)) },
];

/** `count` modules of ~5 KB each, item names distinct across the crate. */
function smallFiles(count) {
  const files = { 'src/lib.rs': Array.from({ length: count }, (_, i) => `pub mod m${i};\n`).join('') };
  for (let i = 0; i < count; i++) files[`src/m${i}.rs`] = mixedFile(5 * 1024, i * 100);
  return files;
}

function writeCrate(dir, files) {
  for (const [rel, text] of Object.entries({ 'Cargo.toml': TOKIO_MANIFEST, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/** One CLI run: wall seconds, peak RSS in MB and the finding count, or why there are none. */
function measure(dir) {
  const rssFile = path.join(dir, 'max-rss');
  const out = fs.openSync(path.join(dir, 'out.json'), 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_REPORTER, cli, '--dry-run', '--format', 'json', dir], {
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(out);
      const seconds = (performance.now() - started) / 1000;
      if (signal === 'SIGKILL') return resolve({ failed: `did not finish in ${timeoutSeconds} s` });
      if (code !== 0) return resolve({ failed: `exit ${code ?? signal}: ${stderr.split('\n', 1)[0]}` });
      const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')).summary;
      resolve({ seconds, rssMB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, findings: summary.findings });
    });
  });
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-bench-'));
console.log(`bench-scaling: ${path.relative(process.cwd(), cli) || cli}, ${timeoutSeconds} s per run`);
console.log('input                     seconds  peak MB  findings  time ratio / size ratio');
try {
  for (const series of SERIES.filter((s) => !only || s.name === only)) {
    let previous = null;
    for (const size of series.sizes) {
      const dir = path.join(root, `${series.name}-${size}`);
      series.write(dir, size);
      const r = await measure(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      const label = `${series.name} ${size} ${series.unit}`.padEnd(25);
      if (r.failed) {
        console.log(`${label} ${r.failed}`);
        previous = null;
        continue;
      }
      const ratio = previous ? `${(r.seconds / previous.seconds).toFixed(2)} / ${(size / previous.size).toFixed(2)}` : '';
      console.log(`${label} ${r.seconds.toFixed(2).padStart(7)}  ${r.rssMB.toFixed(0).padStart(7)}  ${String(r.findings).padStart(8)}  ${ratio}`);
      previous = { size, seconds: r.seconds };
    }
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
