#!/usr/bin/env node
// What a user gets from npm: packs the package (`npm pack`, which builds
// dist/ first), installs the tarball into an empty directory without dev
// dependencies, and runs the installed binary: `--version`, `--help`, and a
// dry run of examples/legacy-service. Also checks that the tarball holds
// what runs and no tests or fixtures. Exit 0 when every check passes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './lib/repo.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-pack-'));
let failed = 0;
const check = (ok, label, detail = '') => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}${ok || !detail ? '' : `\n  ${detail.trim().split('\n').slice(-15).join('\n  ')}`}`);
  if (!ok) failed++;
};
const npm = (args, cwd) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

try {
  const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
  const packed = npm(['pack', '--json', '--pack-destination', work], REPO);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const names = info.files.map((f) => f.path);
  check(names.includes('bin/async-fix.js') && names.includes('dist/src/cli/main.js') && names.includes('dist/src/model/summary-worker.js'), 'the tarball holds the launcher and the compiled CLI, workers included');
  const stray = names.filter((n) => /^(test|__fixtures__|scripts|docs|src|transforms)\//.test(n) || n.endsWith('.ts') || n.endsWith('.map'));
  check(stray.length === 0, `the tarball holds no tests, fixtures, sources or maps (${info.files.length} files)`, stray.join('\n'));

  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "pack-check", "private": true }\n');
  const installed = npm(['install', '--omit=dev', '--no-audit', '--no-fund', path.join(work, info.filename)], app);
  check(installed.status === 0, 'npm install of the tarball into an empty directory, without dev dependencies', installed.stderr);
  const bin = path.join(app, 'node_modules', '.bin', 'async-fix');
  const run = (args, cwd = app) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const v = run(['--version']);
  check(v.status === 0 && v.stdout.trim() === version, `async-fix --version prints ${version}`, v.stdout + v.stderr);
  const help = run(['--help']);
  check(help.status === 0 && help.stdout.includes('Usage: async-fix') && help.stdout.includes('--dry-run'), 'async-fix --help prints the usage', help.stdout + help.stderr);
  const example = path.join(work, 'legacy-service');
  fs.cpSync(path.join(REPO, 'examples', 'legacy-service'), example, { recursive: true });
  const dry = run(['--dry-run', '--no-cache', '.'], example);
  check(dry.status === 0 && dry.stdout.includes('blocking-sleep') && dry.stdout.includes('+++ b/src/jobs.rs'), 'async-fix --dry-run on examples/legacy-service shows findings and a diff', dry.stdout + dry.stderr);
} catch (e) {
  check(false, 'pack check harness', e.stack ?? String(e));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`pack-check: ${failed ? `${failed} failed` : 'all passed'}`);
process.exitCode = failed ? 1 : 0;

