import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, runCli, runCliAsOwner, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * What async-fix must never do to the files it rewrites, each reproduced
 * through the real binary on real files: a second process editing a file
 * mid-run, a read-only directory, a tmpfs that fills up, symbolic and hard
 * links, FIFOs, signals.
 */
const SLEEP = 'std::thread::sleep(std::time::Duration::ZERO)';
const FIXED = 'tokio::time::sleep(std::time::Duration::ZERO).await';
const fixable = (name: string) => `pub async fn ${name}() {\n    ${SLEEP};\n}\n`;
/** tokio without `time`: the sleep fix must add it, so the fix touches lib.rs and Cargo.toml together. */
const RT_ONLY_MANIFEST = '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["rt"] }\n';

const read = (p: string) => fs.readFileSync(p, 'utf8');
const tempsUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => /\.async-fix-.*\.tmp$/.test(n));

function crate(files: Record<string, string | Buffer>, manifest: string | Buffer = TOKIO_MANIFEST): string {
  const root = tempDir('async-fix-reliability-');
  writeTree(root, { 'Cargo.toml': manifest, ...files });
  return root;
}

/** A crate source that takes the CLI a while to analyse (many fns, each with a fix). */
function slowFile(fns: number): string {
  return Array.from({ length: fns }, (_, i) => fixable(`slow${i}`)).join('\n');
}

function runAsync(args: string[], cwd: string) {
  const child = spawn(process.execPath, [binPath, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Resolves once some process has opened `file` for reading and closed it again (inotify). */
function readByAnotherProcess(file: string): Promise<void> {
  const watcher = spawn('inotifywait', ['-q', '-e', 'close_nowrite', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    watcher.stderr.on('data', (d) => (err += d));
    watcher.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`inotifywait failed: ${err}`))));
  });
}

describe('writes', () => {
  it('leaves alone a file another process changed during the run, says so and exits 2', async () => {
    const root = crate({ 'src/a.rs': fixable('a'), 'src/b.rs': fixable('b'), 'src/slow.rs': slowFile(3000) });
    const a = path.join(root, 'src/a.rs');
    const watching = readByAnotherProcess(a);
    await new Promise((r) => setTimeout(r, 200)); // let inotifywait set its watch up
    const run = runAsync(['--yes', 'src'], root);
    await watching;
    // The editor's save: after async-fix read the file, long before it writes (slow.rs keeps it busy).
    fs.appendFileSync(a, '// saved by the editor\n');
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('src/a.rs: changed while async-fix ran; not written');
    expect(read(a)).toBe(fixable('a') + '// saved by the editor\n');
    expect(read(path.join(root, 'src/b.rs'))).toBe(fixable('b').replace(SLEEP, FIXED));
    expect(tempsUnder(root)).toEqual([]);
  });

  it('writes a fix and the Cargo.toml feature it needs together or not at all (read-only crate directory)', () => {
    const root = crate({ 'src/lib.rs': fixable('f') }, RT_ONLY_MANIFEST);
    fs.chmodSync(root, 0o555); // src/ stays writable: only Cargo.toml's temp file cannot be made
    try {
      const r = runCliAsOwner(['--yes', '.'], root);
      expect(r.code).toBe(2);
      expect(read(path.join(root, 'src/lib.rs'))).toBe(fixable('f'));
      expect(read(path.join(root, 'Cargo.toml'))).toBe(RT_ONLY_MANIFEST);
      const out = r.stdout + r.stderr;
      expect(out).toContain('Cargo.toml: its directory is not writable (permission denied); not written (nor src/lib.rs, which goes with it)');
      expect(out).toMatch(/src\/lib\.rs: not written: its fixes go with Cargo\.toml, which could not be written/);
      expect(out).toContain('Fixed 0 findings in 0 files');
    } finally {
      fs.chmodSync(root, 0o755);
    }
  });

  it('writes all or nothing on a tmpfs that fills up', () => {
    expect(process.getuid?.(), 'mounting a tmpfs needs root (as CI and the setup script run)').toBe(0);
    const mount = tempDir('async-fix-tmpfs-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]);
    try {
      writeTree(mount, { 'Cargo.toml': RT_ONLY_MANIFEST, 'src/lib.rs': fixable('f') });
      // Fill the disk, then free exactly one page: room for one staged file, not for the whole group.
      const fillers: string[] = [];
      for (let i = 0; ; i++) {
        const p = path.join(mount, `fill${i}`);
        try {
          fs.writeFileSync(p, Buffer.alloc(4096, 1));
          fillers.push(p);
        } catch {
          fs.rmSync(p, { force: true });
          break;
        }
      }
      fs.rmSync(fillers.pop()!);
      const r = runCli(['--yes', '--format', 'json', '.'], mount);
      expect(r.code).toBe(2);
      expect(read(path.join(mount, 'src/lib.rs'))).toBe(fixable('f'));
      expect(read(path.join(mount, 'Cargo.toml'))).toBe(RT_ONLY_MANIFEST);
      const doc = JSON.parse(r.stdout);
      expect(JSON.stringify(doc.files)).toContain('no space left on the device');
      expect(doc.summary).toMatchObject({ fixesApplied: 0, filesChanged: 0 });
      expect(tempsUnder(mount)).toEqual([]);
    } finally {
      execFileSync('umount', [mount]);
    }
  });

  it('never replaces a symbolic link: fixes its target once when it is inside the tree, skips it with a warning when not', () => {
    const root = crate({ 'src/real.rs': fixable('real'), 'elsewhere/x.rs': fixable('x') });
    fs.symlinkSync('real.rs', path.join(root, 'src/a_link.rs')); // sorts before its target
    fs.symlinkSync('../elsewhere/x.rs', path.join(root, 'src/out.rs'));
    const r = runCli(['--yes', 'src'], root);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(path.join(root, 'src/a_link.rs')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(root, 'src/out.rs')).isSymbolicLink()).toBe(true);
    expect(read(path.join(root, 'src/real.rs'))).toBe(fixable('real').replace(SLEEP, FIXED));
    expect(read(path.join(root, 'elsewhere/x.rs'))).toBe(fixable('x'));
    expect(r.stderr).toMatch(/warning: src\/out\.rs: symbolic link to .*elsewhere\/x\.rs, outside the directories being fixed; skipped/);
    expect(r.stdout.match(/\(fixed\)/g)).toHaveLength(1);
  });

  it('never replaces a symbolic link named as a PATH', () => {
    const root = crate({ 'src/real.rs': fixable('real'), 'elsewhere/x.rs': fixable('x') });
    fs.symlinkSync('real.rs', path.join(root, 'src/link.rs'));
    fs.symlinkSync('../elsewhere/x.rs', path.join(root, 'src/out.rs'));
    const inside = runCli(['--yes', 'src/link.rs'], root);
    expect(inside.code).toBe(0);
    expect(fs.lstatSync(path.join(root, 'src/link.rs')).isSymbolicLink()).toBe(true);
    expect(read(path.join(root, 'src/real.rs'))).toBe(fixable('real').replace(SLEEP, FIXED));
    const outside = runCli(['--yes', 'src/out.rs'], root);
    expect(fs.lstatSync(path.join(root, 'src/out.rs')).isSymbolicLink()).toBe(true);
    expect(read(path.join(root, 'elsewhere/x.rs'))).toBe(fixable('x'));
    expect(outside.stderr).toMatch(/warning: src\/out\.rs: symbolic link to .*, outside the directories being fixed; skipped/);
  });

  it('keeps hard links and the file owner', () => {
    const root = crate({ 'src/lib.rs': fixable('f'), 'src/owned.rs': fixable('g') });
    const lib = path.join(root, 'src/lib.rs');
    fs.linkSync(lib, path.join(root, 'alias.rs'));
    const owned = path.join(root, 'src/owned.rs');
    const asRoot = process.getuid?.() === 0;
    if (asRoot) fs.chownSync(owned, 65534, 65534);
    const ino = fs.statSync(lib).ino;
    const r = runCli(['--yes', 'src'], root);
    expect(r.code).toBe(0);
    expect(fs.statSync(lib).nlink).toBe(2);
    expect(fs.statSync(lib).ino).toBe(ino);
    expect(read(path.join(root, 'alias.rs'))).toBe(fixable('f').replace(SLEEP, FIXED));
    expect(read(owned)).toBe(fixable('g').replace(SLEEP, FIXED));
    const st = fs.statSync(owned);
    expect([st.uid, st.gid]).toEqual(asRoot ? [65534, 65534] : [process.getuid?.(), process.getgid?.()]);
  });

  it('does not write a read-only file unless told to, and keeps it read-only when told', () => {
    const root = crate({ 'src/lib.rs': fixable('f') });
    const lib = path.join(root, 'src/lib.rs');
    fs.chmodSync(lib, 0o444);
    const refused = runCli(['--yes', '.'], root);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('src/lib.rs: read-only (its owner has no write permission; pass --allow-read-only to write it anyway); not written');
    expect(refused.stdout).toContain('Fixed 0 findings in 0 files');
    expect(read(lib)).toBe(fixable('f'));
    const forced = runCli(['--yes', '--allow-read-only', '.'], root);
    expect(forced.code).toBe(0);
    expect(read(lib)).toBe(fixable('f').replace(SLEEP, FIXED));
    expect(fs.statSync(lib).mode & 0o777).toBe(0o444);
  });

  it('removes the temp files a killed run left behind (and only names them when not writing)', () => {
    const root = crate({ 'src/lib.rs': fixable('f') });
    // A real dead process's pid: the run that left the temp file is gone.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = path.join(root, 'src', `.lib.rs.async-fix-${dead}-0123456789ab.tmp`);
    const legacy = path.join(root, 'src', '.lib.rs.async-fix-ba9876543210.tmp');
    const live = path.join(root, 'src', `.lib.rs.async-fix-${process.pid}-aaaaaaaaaaaa.tmp`); // a run still going
    for (const t of [stale, legacy, live]) fs.writeFileSync(t, 'half a file');
    const dry = runCli(['--dry-run', '.'], root);
    expect(dry.stderr).toContain(`warning: src/${path.basename(stale)}: a temp file left by an interrupted async-fix run`);
    expect(fs.existsSync(stale)).toBe(true);
    const r = runCli(['--yes', '.'], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: removed src/${path.basename(stale)}, a temp file left by an interrupted async-fix run`);
    expect(r.stderr).toContain(`warning: removed src/${path.basename(legacy)}`);
    expect([fs.existsSync(stale), fs.existsSync(legacy), fs.existsSync(live)]).toEqual([false, false, true]);
  });

  it('keeps every byte of a Cargo.toml with invalid UTF-8 in a comment: the feature is not added and the fix waits', () => {
    const manifest = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + RT_ONLY_MANIFEST)]);
    const root = crate({ 'src/lib.rs': fixable('f') }, manifest);
    const r = runCli(['--yes', '--format', 'json', '.'], root);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'Cargo.toml')).equals(manifest)).toBe(true);
    expect(read(path.join(root, 'src/lib.rs'))).toBe(fixable('f'));
    const [finding] = JSON.parse(r.stdout).files[0].findings;
    expect(finding).toMatchObject({ rule: 'blocking-sleep', fix: 'none', note: expect.stringContaining('cannot be edited') });
  });
});

describe('never hang', () => {
  it('skips a FIFO named Cargo.toml, .gitignore or async-fix.toml with a warning instead of waiting on it', () => {
    const root = crate({ 'src/lib.rs': fixable('f'), 'sub/src/lib.rs': fixable('g') });
    for (const f of ['sub/Cargo.toml', 'src/.gitignore', 'async-fix.toml']) execFileSync('mkfifo', [path.join(root, f)]);
    // spawnSync's timeout is the hang guard: the run itself takes well under a second.
    const r = spawnSync(process.execPath, [binPath, '--yes', 'src', 'sub'], { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.signal).toBeNull();
    expect(r.stderr).toContain('warning: async-fix.toml: a FIFO (named pipe), not a regular file; not read');
    expect(r.stderr).toContain('warning: src/.gitignore: a FIFO (named pipe), not a regular file; its patterns were not applied');
    expect(r.stderr).toMatch(/warning: sub\/src\/lib\.rs: .*sub\/Cargo\.toml: cannot read Cargo\.toml: a FIFO \(named pipe\), not a regular file/);
    expect(read(path.join(root, 'src/lib.rs'))).toBe(fixable('f').replace(SLEEP, FIXED));
  });

  it('refuses to write, rather than hang, when git would block on a FIFO .gitignore', () => {
    const root = crate({ 'src/lib.rs': fixable('f') });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('mkfifo', [path.join(root, '.gitignore')]);
    const r = spawnSync(process.execPath, [binPath, '--yes', '.'], { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: cannot learn the git status .*\.gitignore is not a regular file/);
    expect(read(path.join(root, 'src/lib.rs'))).toBe(fixable('f'));
  });

  it('on SIGINT before writing: says so, writes nothing, exits 130', async () => {
    const root = crate({ 'src/a.rs': fixable('a'), 'src/slow.rs': slowFile(3000) });
    const watching = readByAnotherProcess(path.join(root, 'src/slow.rs'));
    await new Promise((r) => setTimeout(r, 200));
    const run = runAsync(['--yes', 'src'], root);
    await watching;
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted (SIGINT); no file was written');
    expect(read(path.join(root, 'src/a.rs'))).toBe(fixable('a'));
    expect(tempsUnder(root)).toEqual([]);
  });

  it('on SIGTERM while writing: finishes the file at hand, leaves every file old or new, no temp file, exits 143', async () => {
    const count = 600;
    const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/m${String(i).padStart(4, '0')}.rs`, fixable(`m${i}`)]));
    const root = crate(files);
    const src = path.join(root, 'src');
    const run = runAsync(['--yes', 'src'], root);
    // The first rename into src/ is the first file written: stop the run there.
    const watcher = fs.watch(src, (_event, name) => {
      if (name && name.endsWith('.rs') && !name.startsWith('.')) {
        watcher.close();
        run.child.kill('SIGTERM');
      }
    });
    const r = await run.done;
    watcher.close();
    expect(r.code).toBe(143);
    const fixed = Object.entries(files).filter(([rel, text]) => {
      const now = read(path.join(root, rel));
      expect([text, text.replace(SLEEP, FIXED)]).toContain(now);
      return now !== text;
    }).length;
    expect(fixed).toBeGreaterThan(0);
    expect(fixed).toBeLessThan(count);
    expect(r.stderr).toContain(`interrupted (SIGTERM) after writing ${fixed} of ${count} changed files`);
    expect(tempsUnder(root)).toEqual([]);
  });
});

describe('exit codes a CI gate can trust', () => {
  it('--check exits 2 when files could not be checked, naming each and why', () => {
    const bad = crate({ 'src/lib.rs': fixable('f'), 'src/other.rs': '' }, '[package\nname = "broken"\n');
    const r = runCli(['--check', '.'], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: src\/lib\.rs: .*cannot read Cargo\.toml/);
    expect(r.stderr).toMatch(/error: src\/other\.rs: .*cannot read Cargo\.toml/);

    const utf16 = crate({ 'src/lib.rs': Buffer.from('\ufeff' + fixable('f'), 'utf16le') });
    const u = runCli(['--check', '.'], utf16);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('error: src/lib.rs: UTF-16, not UTF-8; skipped (rustc requires UTF-8 source)');
    const noBom = crate({ 'src/lib.rs': Buffer.from(fixable('f'), 'utf16le') });
    expect(runCli(['--check', '.'], noBom).stderr).toContain('UTF-16, not UTF-8');

    const locked = crate({ 'src/lib.rs': '', 'src/secret.rs': fixable('f') });
    fs.chmodSync(path.join(locked, 'src/secret.rs'), 0o000);
    const l = runCliAsOwner(['--check', '.'], locked);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('error: src/secret.rs: permission denied');
    // The same files are warnings, not errors, when nothing is being gated.
    expect(runCliAsOwner(['--dry-run', '.'], locked).code).toBe(0);
  });
});
