import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/** Which files a walk checks, as git sees them: ignore files above the PATH, .git/info/exclude; --no-ignore checks all. */
const SLEEP = 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\n';

function repo(): string {
  const root = tempDir();
  writeTree(root, {
    '.gitignore': 'generated/\n',
    'crate/Cargo.toml': TOKIO_MANIFEST,
    'crate/src/lib.rs': SLEEP,
    'crate/src/generated/out.rs': SLEEP,
    'crate/src/scratch.rs': SLEEP,
    'crate/src/tracked.rs': SLEEP,
    'crate/.ignore': 'ignored_here.rs\n',
    'crate/src/ignored_here.rs': SLEEP,
  });
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'pipe' });
  git('init', '-q');
  fs.appendFileSync(path.join(root, '.git', 'info', 'exclude'), 'scratch.rs\ntracked.rs\n');
  // A tracked file is not ignored, whatever the patterns say.
  git('add', '-f', 'crate/src/tracked.rs');
  return root;
}

const scanned = (args: string[], cwd: string) => {
  const r = runCli(['--dry-run', '--format', 'json', '--no-cache', ...args], cwd);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).files.map((f: { path: string }) => f.path).sort();
};

describe('ignored files', () => {
  it('leaves out what git ignores above the PATH and in .git/info/exclude, but not tracked files', () => {
    const root = repo();
    expect(scanned(['.'], path.join(root, 'crate'))).toEqual(['src/lib.rs', 'src/tracked.rs']);
  });

  it('--no-ignore checks every file', () => {
    const root = repo();
    expect(scanned(['--no-ignore', '.'], path.join(root, 'crate'))).toEqual(['src/generated/out.rs', 'src/ignored_here.rs', 'src/lib.rs', 'src/scratch.rs', 'src/tracked.rs']);
  });

  it('a file named on the command line is checked even if ignored', () => {
    const root = repo();
    expect(scanned(['src/scratch.rs'], path.join(root, 'crate'))).toEqual(['scratch.rs']);
  });
});
