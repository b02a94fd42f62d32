import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, sleepyCrate } from './support/cli.js';

/**
 * The README's recipes, run as written: each command is read from its code
 * block, with `npx async-fix` (and `npx --no-install async-fix`) standing
 * for this build's binary, as an npm install would provide it.
 */
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const recipes = readme.slice(readme.indexOf('## Recipes'), readme.indexOf('## Cache, shards and progress'));
const block = (after: string) => {
  const from = recipes.indexOf(after);
  const m = /```\w*\n([\s\S]*?)```/.exec(recipes.slice(from));
  if (from < 0 || !m) throw new Error(`no code block after ${after}`);
  return m[1];
};
const local = (cmd: string) => cmd.replace(/npx (--no-install )?async-fix/g, `'${process.execPath}' '${binPath}'`);
const sh = (script: string, cwd: string) => spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('README recipes', () => {
  it('code scanning: the workflow command fails on a finding and writes a SARIF log', () => {
    const step = block('**GitHub code scanning**').split('\n').find((l) => l.includes('run: npx async-fix'))!;
    const { root } = sleepyCrate(1);
    const r = sh(local(step.replace(/^\s*- run: /, '')), root);
    expect(r.status).toBe(1);
    const log = JSON.parse(fs.readFileSync(path.join(root, 'async-fix.sarif'), 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results[0].ruleId).toBe('blocking-sleep');
  });

  it('pre-commit: the hook refuses a commit that stages a finding and lets a clean one through', () => {
    const { root, lib } = sleepyCrate(1);
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    const hook = path.join(root, '.git', 'hooks', 'pre-commit');
    fs.writeFileSync(hook, local(block('**A git pre-commit hook**')));
    fs.chmodSync(hook, 0o755);
    git('add', 'Cargo.toml', 'src/lib.rs');
    const refused = git('commit', '-q', '-m', 'with a sleep');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('src/lib.rs:4:5: blocking-sleep');
    fs.writeFileSync(lib, fs.readFileSync(lib, 'utf8').replace('std::thread::sleep(Duration::from_millis(1))', 'tokio::time::sleep(Duration::from_millis(1)).await'));
    git('add', 'src/lib.rs');
    expect(git('commit', '-q', '-m', 'clean').status).toBe(0);
    expect(execFileSync('git', ['log', '--oneline'], { cwd: root, encoding: 'utf8' })).toContain('clean');
  });

  it('editor: the buffer in, the fixed buffer out', () => {
    const { root, lib } = sleepyCrate(1);
    const before = fs.readFileSync(lib, 'utf8');
    const r = sh(local(block('**An editor**').trim()), root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tokio::time::sleep(Duration::from_millis(1)).await;');
    expect(fs.readFileSync(lib, 'utf8')).toBe(before);
  });
});
