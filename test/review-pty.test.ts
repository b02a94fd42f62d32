import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binPath, sleepyCrate, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * Drives the interactive review through a real pseudo-terminal: tmux runs
 * the binary, send-keys types the answers, capture-pane reads the screen.
 */
const session = `async-fix-review-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-S', '-200', '-t', session);

async function waitFor(predicate: (s: string) => boolean, what: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = (s: string, needle: string) => s.split(needle).length - 1;

/** At the first of two questions: `y`, then `key` at the second; the screen once the run has ended. */
async function acceptThenAnswer(key: string): Promise<string> {
  tmux('send-keys', '-t', session, 'y');
  await waitFor((s) => s.includes('(2/2, file 1 of 1)'), 'the second question');
  tmux('send-keys', '-t', session, key);
  return waitFor((s) => s.includes('EXIT='), 'the run to finish');
}

function start(root: string, extra = '', [width, height] = [160, 50]): void {
  const cmd = `cd '${root}' && NO_COLOR=1 '${process.execPath}' '${binPath}' ${extra}; echo "EXIT=$?"; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), cmd);
}

afterEach(() => {
  try {
    tmux('kill-session', '-t', session);
  } catch {
    // already gone
  }
});

describe('interactive review in a terminal', () => {
  it('applies an accepted fix and leaves a declined one', async () => {
    const { root, lib } = sleepyCrate(2);
    start(root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    expect(screen()).toContain('src/lib.rs:4:5 blocking-sleep (safe fix)');
    expect(screen()).toContain('+    tokio::time::sleep(Duration::from_millis(1)).await;');
    tmux('send-keys', '-t', session, 'y');
    await waitFor((s) => s.includes('src/lib.rs:8:5 blocking-sleep') && count(s, '[y,n,a,r,q,?]') === 1, 'the second question');
    tmux('send-keys', '-t', session, 'n');
    const end = await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(end).toContain('EXIT=0');
    expect(end).toContain('Fixed 1 finding in 1 file; 1 declined.');
    const text = fs.readFileSync(lib, 'utf8');
    expect(text).toContain('tokio::time::sleep(Duration::from_millis(1)).await;');
    expect(text).toContain('std::thread::sleep(Duration::from_millis(2));');
  });

  it('"all in this file" stops asking and applies the rest; quit keeps what was accepted', async () => {
    const { root, lib } = sleepyCrate(3);
    start(root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    tmux('send-keys', '-t', session, 'a');
    const end = await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(count(end, '[y,n,a,r,q,?]')).toBe(0);
    expect(end).toContain('Fixed 3 findings in 1 file; 0 declined.');
    expect(fs.readFileSync(lib, 'utf8')).not.toContain('std::thread::sleep');

    const second = sleepyCrate(3);
    tmux('kill-session', '-t', session);
    start(second.root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    tmux('send-keys', '-t', session, 'y');
    await waitFor((s) => s.includes('src/lib.rs:8:5 blocking-sleep'), 'the second question');
    tmux('send-keys', '-t', session, 'q');
    const quit = await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(quit).toContain('EXIT=0');
    const text = fs.readFileSync(second.lib, 'utf8');
    expect(count(text, 'tokio::time::sleep')).toBe(1);
    expect(count(text, 'std::thread::sleep')).toBe(2);
  });

  it('"all of this rule" applies that rule in later files without asking', async () => {
    const { root, lib } = sleepyCrate(2);
    const other = lib.replace('lib.rs', 'other.rs');
    fs.writeFileSync(other, 'pub async fn g() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n');
    start(root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    tmux('send-keys', '-t', session, 'r');
    const end = await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(count(end, '[y,n,a,r,q,?]')).toBe(0);
    expect(end).toContain('Fixed 3 findings in 2 files; 0 declined.');
    expect(fs.readFileSync(other, 'utf8')).toContain('tokio::time::sleep(std::time::Duration::ZERO).await;');
  });

  it('shows the Cargo.toml change with the fix that needs it; declining leaves Cargo.toml alone', async () => {
    const { root, lib } = sleepyCrate(2);
    const manifestPath = path.join(root, 'Cargo.toml');
    const manifest = fs.readFileSync(manifestPath, 'utf8').replace('features = ["full"]', 'features = ["rt"]');
    fs.writeFileSync(manifestPath, manifest);
    start(root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    expect(screen()).toContain('+tokio = { version = "1", features = ["rt", "time"] }');
    tmux('send-keys', '-t', session, 'n');
    await waitFor((s) => s.includes('src/lib.rs:8:5 blocking-sleep') && count(s, '[y,n,a,r,q,?]') === 1, 'the second question');
    tmux('send-keys', '-t', session, 'n');
    await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(fs.readFileSync(manifestPath, 'utf8')).toBe(manifest);
    expect(count(fs.readFileSync(lib, 'utf8'), 'std::thread::sleep')).toBe(2);

    const again = sleepyCrate(2);
    fs.writeFileSync(path.join(again.root, 'Cargo.toml'), manifest);
    tmux('kill-session', '-t', session);
    start(again.root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    tmux('send-keys', '-t', session, 'y');
    await waitFor((s) => s.includes('src/lib.rs:8:5 blocking-sleep') && count(s, '[y,n,a,r,q,?]') === 1, 'the second question');
    // The feature is already accepted with the first fix, so the second one needs no further change.
    expect(screen().split('src/lib.rs:8:5')[1]).toContain('(already added with a fix accepted earlier)');
    tmux('send-keys', '-t', session, 'n');
    await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(fs.readFileSync(path.join(again.root, 'Cargo.toml'), 'utf8')).toContain('features = ["rt", "time"]');
  });

  it('"other" shows the alternative fix with its own Cargo.toml needs, and yes applies the one shown', async () => {
    const root = tempDir();
    const manifest = TOKIO_MANIFEST.replace('features = ["full"]', 'features = ["rt"]');
    writeTree(root, {
      'Cargo.toml': manifest,
      'src/lib.rs':
        'async fn deliver(id: u64) {\n    tokio::task::yield_now().await;\n    let _ = id;\n}\n\n' +
        'pub async fn broadcast(ids: Vec<u64>) {\n    for id in ids {\n        tokio::spawn(deliver(id));\n    }\n}\n',
    });
    // unbounded-spawn is a preview rule: naming it runs it.
    start(root, '--rule unbounded-spawn');
    const first = await waitFor((s) => count(s, '[y,n,a,r,q,o,?]') === 1, 'the first question');
    // The default, a Semaphore, needs tokio's `sync` feature.
    expect(first).toContain('fix 1 of 2; press o to see the other one: Cap in-flight tasks at 100 with a `JoinSet`');
    expect(first).toContain('+        let permit = semaphore.clone().acquire_owned().await');
    expect(first).toContain('+tokio = { version = "1", features = ["rt", "sync"] }');
    tmux('send-keys', '-t', session, 'o');
    const other = (await waitFor((s) => s.includes('fix 2 of 2') && s.trimEnd().endsWith('[y,n,a,r,q,o,?]'), 'the question about the other fix')).split('fix 2 of 2')[1];
    expect(other).toContain('+        tasks.spawn(deliver(id));');
    expect(other).toContain('+    while tasks.join_next().await.is_some() {}');
    expect(other).not.toContain('Cargo.toml');
    tmux('send-keys', '-t', session, 'y');
    const end = await waitFor((s) => s.includes('EXIT='), 'the run to finish');
    expect(end).toContain('EXIT=0');
    const text = fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8');
    expect(text).toContain('let mut tasks = tokio::task::JoinSet::new();');
    expect(text).not.toContain('Semaphore');
    expect(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')).toBe(manifest);
  });

  it('answers with one key: a counter, `?` for help, Enter answers nothing, and a closing summary (80x24)', async () => {
    const { root, lib } = sleepyCrate(2);
    start(root, '', [80, 24]);
    const first = await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    expect(first).toContain('(1/2, file 1 of 1)');
    tmux('send-keys', '-t', session, 'Enter');
    tmux('send-keys', '-t', session, '?');
    const help = await waitFor((s) => s.includes('y - yes, apply this fix'), 'the help');
    expect(help).toContain('q - quit, keeping the fixes accepted so far');
    expect(count(help, '[y,n,a,r,q,?]')).toBe(1); // Enter did not answer
    const end = await acceptThenAnswer('n');
    expect(end).toContain('Review: 1 accepted, 1 declined, 0 skipped');
    expect(end).toContain('  blocking-sleep: 1 accepted, 1 declined, 0 skipped');
    expect(end).toContain('EXIT=0');
    expect(count(fs.readFileSync(lib, 'utf8'), 'tokio::time::sleep')).toBe(1);
  });

  it('Ctrl-C aborts: nothing is written, even what was accepted, and the exit code is 130', async () => {
    const { root, lib } = sleepyCrate(2);
    const before = fs.readFileSync(lib, 'utf8');
    start(root);
    await waitFor((s) => count(s, '[y,n,a,r,q,?]') === 1, 'the first question');
    const end = await acceptThenAnswer('C-c');
    expect(end).toContain('review aborted (Ctrl-C); nothing was written');
    expect(end).toContain('EXIT=130');
    expect(fs.readFileSync(lib, 'utf8')).toBe(before);
  });
});
