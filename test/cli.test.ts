import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sleepyCrate, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

const fixedCall = 'tokio::time::sleep(Duration::from_millis(1)).await;';

describe('--dry-run', () => {
  it('prints a unified diff and the findings, writes nothing, exits 0', () => {
    const { root, lib } = sleepyCrate();
    const before = fs.readFileSync(lib, 'utf8');
    const r = runCli(['--dry-run', '.'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/src/lib.rs');
    expect(r.stdout).toContain('+++ b/src/lib.rs');
    expect(r.stdout).toContain(`+    ${fixedCall}`);
    expect(r.stdout).toMatch(/^src\/lib\.rs:4:5 blocking-sleep .* \[fix: safe\]$/m);
    expect(r.stdout).toContain('Scanned 1 file');
    expect(fs.readFileSync(lib, 'utf8')).toBe(before);
  });

  it('defaults to the current directory', () => {
    const { root } = sleepyCrate(1);
    const r = runCli(['--dry-run'], root);
    expect(r.stdout).toMatch(/^src\/lib\.rs:4:5 blocking-sleep/m);
  });
});

describe('--check', () => {
  it('exits 1 when there are findings and 0 when there are none', () => {
    const { root, lib } = sleepyCrate();
    const before = fs.readFileSync(lib, 'utf8');
    expect(runCli(['--check', '.'], root).code).toBe(1);
    expect(fs.readFileSync(lib, 'utf8')).toBe(before);
    const clean = tempDir();
    writeTree(clean, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': 'pub async fn f() {}\n' });
    const r = runCli(['--check', '.'], clean);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 findings');
  });
});

describe('--yes', () => {
  it('applies the safe fixes, keeps the file mode, and a second run changes nothing', () => {
    const { root, lib } = sleepyCrate();
    fs.chmodSync(lib, 0o640);
    const r = runCli(['--yes', '.'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fixed 2 findings in 1 file');
    const after = fs.readFileSync(lib, 'utf8');
    expect(after).toContain(fixedCall);
    expect(after).not.toContain('std::thread::sleep');
    expect(fs.statSync(lib).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(lib))).toEqual(['lib.rs']); // no temp file left behind
    const again = runCli(['--check', '.'], root);
    expect(again.code).toBe(0);
    expect(fs.readFileSync(lib, 'utf8')).toBe(after);
  });

  it('keeps CRLF line endings and a UTF-8 BOM byte for byte outside the edit', () => {
    const root = tempDir();
    const text = '\uFEFF// header \u00e9\r\nasync fn f() {\r\n    std::thread::sleep(std::time::Duration::ZERO); // keep\r\n}\r\n';
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': text });
    expect(runCli(['--yes', '.'], root).code).toBe(0);
    const bytes = fs.readFileSync(path.join(root, 'src/lib.rs'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(text.replace('std::thread::sleep(std::time::Duration::ZERO)', 'tokio::time::sleep(std::time::Duration::ZERO).await'));
  });
});

describe('--format json', () => {
  it('prints exactly one JSON document with 1-based positions and paths relative to PATH', () => {
    const { root } = sleepyCrate();
    const r = runCli(['--dry-run', '--format', 'json', root], tempDir());
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.files).toHaveLength(1);
    expect(doc.files[0].path).toBe('src/lib.rs');
    expect(doc.files[0].findings[0]).toEqual({
      rule: 'blocking-sleep',
      tier: 'default',
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 49, // exclusive: one past the closing parenthesis
      message: expect.stringContaining('std::thread::sleep'),
      fix: 'safe',
      fixTitle: 'Use `tokio::time::sleep(..).await`',
      applied: false,
      // The fix as replacements of ranges of the file as read.
      edits: [
        { line: 4, column: 5, endLine: 4, endColumn: 23, text: 'tokio::time::sleep' },
        { line: 4, column: 49, endLine: 4, endColumn: 49, text: '.await' },
      ],
    });
    expect(doc.summary).toMatchObject({ filesScanned: 1, findings: 2, findingsByRule: { 'blocking-sleep': 2 } });
  });

  it('marks findings applied when --yes wrote them', () => {
    const { root } = sleepyCrate(1);
    const doc = JSON.parse(runCli(['--yes', '--format', 'json', '.'], root).stdout);
    expect(doc.files[0].findings[0].applied).toBe(true);
    expect(doc.summary).toMatchObject({ fixesApplied: 1, filesChanged: 1 });
  });

  it('reports no-fix reasons when tokio is not a dependency', () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[package]\nname = "std-only"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nasync-std = "1"\n',
      'src/lib.rs': 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n',
    });
    const doc = JSON.parse(runCli(['--yes', '--format', 'json', '.'], root).stdout);
    expect(doc.files[0].findings[0]).toMatchObject({ fix: 'none', applied: false, note: expect.stringContaining('async-std') });
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toContain('std::thread::sleep');
  });
});

describe('tokio features', () => {
  it('adds a missing `time` feature to Cargo.toml with the fix, shown in the dry-run diff', () => {
    const root = tempDir();
    const manifest = TOKIO_MANIFEST.replace('features = ["full"]', 'features = ["rt", "macros"]') + '# trailing comment\n';
    writeTree(root, { 'Cargo.toml': manifest, 'src/lib.rs': 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n' });
    const dry = runCli(['--dry-run', '.'], root);
    expect(dry.stdout).toContain('+++ b/Cargo.toml');
    expect(dry.stdout).toContain('+tokio = { version = "1", features = ["rt", "macros", "time"] }');
    expect(dry.stdout).toContain('the fix also adds "time" to tokio\'s features');
    expect(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')).toBe(manifest);

    const doc = JSON.parse(runCli(['--yes', '--format', 'json', '.'], root).stdout);
    expect(doc.files[0].findings[0]).toMatchObject({ fix: 'safe', applied: true, cargoToml: { path: '../Cargo.toml', dependency: 'dependencies.tokio', addFeatures: ['time'] } });
    expect(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')).toBe(manifest.replace('["rt", "macros"]', '["rt", "macros", "time"]'));
    expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toContain('tokio::time::sleep(std::time::Duration::ZERO).await;');
  });

  it('edits the workspace root for an inherited tokio', () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[workspace]\nmembers = ["svc"]\n\n[workspace.dependencies]\ntokio = { version = "1", features = ["rt"] }\n',
      'svc/Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio.workspace = true\n',
      'svc/src/lib.rs': 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n',
    });
    expect(runCli(['--yes', '.'], root).code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')).toContain('tokio = { version = "1", features = ["rt", "time"] }');
    expect(fs.readFileSync(path.join(root, 'svc/Cargo.toml'), 'utf8')).toContain('tokio.workspace = true\n');
  });

  it('reports with no fix, naming the runtime, in a crate on another executor', () => {
    const root = tempDir();
    const manifest = '[package]\nname = "on-smol"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nsmol = "1"\n';
    writeTree(root, { 'Cargo.toml': manifest, 'src/lib.rs': 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n' });
    const doc = JSON.parse(runCli(['--yes', '--format', 'json', '.'], root).stdout);
    expect(doc.files[0].findings[0]).toMatchObject({ fix: 'none', note: expect.stringContaining('on-smol runs on smol, not tokio') });
    expect(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')).toBe(manifest);
  });
});

describe('usage', () => {
  it('refuses the interactive review without a terminal (exit 2)', () => {
    const { root, lib } = sleepyCrate();
    const before = fs.readFileSync(lib, 'utf8');
    const r = runCli(['.'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs a terminal');
    expect(r.stderr).toContain('--dry-run');
    expect(fs.readFileSync(lib, 'utf8')).toBe(before);
  });

  it('rejects unknown rules and options with exit 2', () => {
    const { root } = sleepyCrate();
    const unknown = runCli(['--dry-run', '--rule', 'no-such-rule', '.'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule `no-such-rule`');
    expect(runCli(['--frobnicate'], root).code).toBe(2);
    expect(runCli(['--dry-run', '--yes'], root).code).toBe(2);
  });

  it('--skip and --rule select rules', () => {
    const { root } = sleepyCrate();
    const skipped = runCli(['--check', '--skip', 'blocking-sleep', '.'], root);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('0 findings');
    expect(runCli(['--check', '--rule', 'blocking-sleep', '.'], root).code).toBe(1);
  });

  it('--list-rules and explain describe the rules', () => {
    const root = tempDir();
    const list = runCli(['--list-rules', '--skip', 'blocking-sleep'], root);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^blocking-sleep\s+disabled \(--skip\)\s+default\s+fix: safe/m);
    const explain = runCli(['explain', 'blocking-sleep'], root);
    expect(explain.code).toBe(0);
    for (const heading of ['What it does', 'Why is this bad', 'Example', 'Use instead']) expect(explain.stdout).toContain(heading);
    expect(explain.stdout).toContain('tokio::time::sleep');
    expect(runCli(['explain', 'nope'], root).code).toBe(2);
  });

  it('a missing path is an error (exit 2) but the other paths are still checked', () => {
    const { root } = sleepyCrate();
    const r = runCli(['--dry-run', 'does-not-exist', '.'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does-not-exist: no such file or directory');
    expect(r.stdout).toMatch(/src\/lib\.rs:4:5 blocking-sleep/);
  });
});

describe('file discovery', () => {
  it('honors .gitignore and .ignore, skips target/ and hidden directories, and skips non-UTF-8 files with a reason', () => {
    const root = tempDir();
    const sleepy = 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n';
    writeTree(root, {
      'Cargo.toml': TOKIO_MANIFEST,
      '.gitignore': 'generated/\n',
      'src/.ignore': 'skipped.rs\n',
      'src/lib.rs': sleepy,
      'src/skipped.rs': sleepy,
      'generated/gen.rs': sleepy,
      'target/debug/build.rs': sleepy,
      '.hidden/h.rs': sleepy,
      'src/latin1.rs': Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]),
      'src/notes.txt': sleepy,
    });
    const r = runCli(['--dry-run', '--format', 'json', '.'], root);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['src/lib.rs']);
    expect(doc.summary.filesScanned).toBe(1);
    expect(doc.skipped).toEqual([{ path: 'src/latin1.rs', reason: expect.stringContaining('not valid UTF-8') }]);
    expect(r.stderr).toContain('src/latin1.rs: not valid UTF-8');
  });

  it('does not follow symlinks out of the root and survives a symlink loop', () => {
    const outside = tempDir();
    writeTree(outside, { 'far.rs': 'pub async fn f() { std::thread::sleep(std::time::Duration::ZERO); }\n' });
    const { root } = sleepyCrate(1);
    fs.symlinkSync(outside, path.join(root, 'src', 'escape'));
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'loop'));
    fs.symlinkSync('nowhere', path.join(root, 'src', 'dangling.rs'));
    const r = runCli(['--dry-run', '--format', 'json', '.'], root);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['src/lib.rs']);
  });
});

describe('dirty work tree guard', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });

  it('refuses to overwrite files with uncommitted changes unless --allow-dirty', () => {
    const { root, lib } = sleepyCrate();
    git(root, 'init', '-q');
    git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
    fs.appendFileSync(lib, '// local edit\n');
    const before = fs.readFileSync(lib, 'utf8');
    const refused = runCli(['--yes', '.'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('src/lib.rs (dirty)');
    expect(refused.stderr).toContain('--allow-dirty');
    expect(fs.readFileSync(lib, 'utf8')).toBe(before);

    const allowed = runCli(['--yes', '--allow-dirty', '.'], root);
    expect(allowed.code).toBe(0);
    expect(fs.readFileSync(lib, 'utf8')).toContain(fixedCall);
  });

  it('fixes committed files without --allow-dirty', () => {
    const { root, lib } = sleepyCrate();
    git(root, 'init', '-q');
    git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
    expect(runCli(['--yes', '.'], root).code).toBe(0);
    expect(fs.readFileSync(lib, 'utf8')).toContain(fixedCall);
  });
});
