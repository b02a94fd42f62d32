import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, runCli, tempDir, TOKIO_MANIFEST, writeTree, type CliResult } from './support/cli.js';

/**
 * The content cache, through the real CLI: a warm run reports exactly what
 * a cold one does, and `-v` says how many per-file results came from the
 * cache, so each test can tell what a change invalidated.
 */
const ARGS = ['--dry-run', '--preview', '--include-tests', '--format', 'json', '-v'];

function crate(): string {
  const root = tempDir();
  writeTree(root, {
    'Cargo.toml': TOKIO_MANIFEST,
    'src/lib.rs': 'pub mod util;\npub mod other;\npub async fn run() {\n    util::pause();\n}\n',
    'src/util.rs': 'pub fn pause() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\n',
    'src/other.rs': 'pub async fn later() {\n    std::thread::sleep(std::time::Duration::from_millis(2));\n}\n',
  });
  return root;
}

/** The JSON report without its timing, and the cache counts `-v` printed for each phase. */
function run(root: string, cacheDir: string, extra: string[] = []) {
  const r = runCli([...ARGS, '--cache-dir', cacheDir, ...extra, '.'], root);
  expect(r.code, r.stderr).toBeLessThan(2);
  return { doc: report(r), ...counts(r) };
}

function report(r: CliResult) {
  const doc = JSON.parse(r.stdout);
  doc.summary.seconds = 0;
  return doc;
}

function counts(r: CliResult) {
  const phase = (name: string) => {
    const m = new RegExp(`${name} .*cache (\\d+) hits / (\\d+) misses`).exec(r.stderr);
    return m ? { hits: Number(m[1]), misses: Number(m[2]) } : null;
  };
  return { summaries: phase('phase 1'), outcomes: phase('phase 2') };
}

const findingsOf = (doc: { files: { path: string; findings: { rule: string; line: number }[] }[] }) =>
  doc.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.rule}`)).sort();

function entries(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
}

describe('content cache', () => {
  it('serves an unchanged tree from the cache with the same report', () => {
    const root = crate();
    const cache = tempDir('async-fix-cache-');
    const cold = run(root, cache);
    expect(cold.summaries).toEqual({ hits: 0, misses: 3 });
    expect(cold.outcomes).toEqual({ hits: 0, misses: 2 }); // util.rs has no async code: the prefilter passes over it
    expect(findingsOf(cold.doc)).toEqual(['src/lib.rs:4 blocking-io', 'src/other.rs:2 blocking-sleep']);
    const warm = run(root, cache);
    expect(warm.summaries).toEqual({ hits: 3, misses: 0 });
    expect(warm.outcomes).toEqual({ hits: 2, misses: 0 });
    expect(warm.doc).toEqual(cold.doc);
    expect(report(runCli([...ARGS, '--no-cache', '.'], root))).toEqual(cold.doc);
  });

  it('reruns a file whose text changed, and the files whose crate model changed with it', () => {
    const root = crate();
    const cache = tempDir('async-fix-cache-');
    run(root, cache);
    // A change inside a body that no summary records: only that file's result is redone.
    fs.writeFileSync(path.join(root, 'src/other.rs'), 'pub async fn later() {\n    std::thread::sleep(std::time::Duration::from_millis(9));\n}\n');
    const body = run(root, cache);
    expect(body.summaries).toEqual({ hits: 2, misses: 1 });
    expect(body.outcomes).toEqual({ hits: 1, misses: 1 });
    // The helper another file calls stops blocking: that caller's finding must go.
    fs.writeFileSync(path.join(root, 'src/util.rs'), 'pub fn pause() {}\n');
    const helper = run(root, cache);
    expect(helper.summaries).toEqual({ hits: 2, misses: 1 });
    expect(helper.outcomes).toEqual({ hits: 0, misses: 2 });
    expect(findingsOf(helper.doc)).toEqual(['src/other.rs:2 blocking-sleep']);
    expect(helper.doc).toEqual(report(runCli([...ARGS, '--no-cache', '.'], root)));
  });

  it("reruns a library's files when a package depending on it changes where its fns run", () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[workspace]\nmembers = ["core", "app"]\nresolver = "2"\n',
      'core/Cargo.toml': TOKIO_MANIFEST.replace('"demo"', '"core"'),
      'core/src/lib.rs': 'pub async fn load() -> Vec<u8> {\n    std::fs::read("data").unwrap()\n}\n',
      'app/Cargo.toml': `${TOKIO_MANIFEST.replace('"demo"', '"app"')}core = { path = "../core" }\n`,
      'app/src/main.rs': '#[tokio::main]\nasync fn main() {\n    core::load().await;\n}\n',
    });
    const cache = tempDir('async-fix-cache-');
    const args = ['--dry-run', '--rule', 'blocking-fs', '--format', 'json', '-v', '--cache-dir', cache, '.'];
    // Only the entry future awaits `load`: the blocking read stalls no other task, and is a preview kind.
    const alone = runCli(args, root);
    expect(findingsOf(report(alone))).toEqual([]);
    fs.writeFileSync(path.join(root, 'app/src/main.rs'), '#[tokio::main]\nasync fn main() {\n    tokio::spawn(core::load()).await.unwrap();\n}\n');
    const spawned = runCli(args, root);
    expect(counts(spawned).outcomes?.hits).toBe(0);
    expect(findingsOf(report(spawned))).toEqual(['core/src/lib.rs:2 blocking-fs']);
  });

  it('does not reuse a result across rule sets, options or fix modes', () => {
    const root = crate();
    const cache = tempDir('async-fix-cache-');
    run(root, cache);
    for (const extra of [['--rule', 'blocking-sleep'], ['--max-concurrency', '7'], ['--unsafe-fixes'], ['--no-prefilter']]) {
      const r = run(root, cache, extra);
      expect(r.outcomes?.hits, extra.join(' ')).toBe(0);
      expect(r.doc).toEqual(report(runCli([...ARGS, '--no-cache', ...extra, '.'], root)));
    }
    const manifest = path.join(root, 'Cargo.toml');
    fs.writeFileSync(manifest, TOKIO_MANIFEST.replace('"full"', '"rt", "macros"'));
    expect(run(root, cache).outcomes?.hits).toBe(0);
  });

  it('ignores and rewrites corrupt and foreign slots', () => {
    const root = crate();
    const cache = tempDir('async-fix-cache-');
    const cold = run(root, cache);
    // One package: its summary index, its summaries, its outcomes for these options.
    const slots = entries(cache);
    expect(slots.map((f) => path.relative(cache, f).split(path.sep)[1]).sort()).toEqual(['outcomes', 'summary-data', 'summary-index']);
    const slot = (kind: string) => slots.find((f) => f.includes(`${path.sep}${kind}${path.sep}`))!;
    fs.writeFileSync(slot('summary-index'), '{"key": "summary-index:');
    fs.writeFileSync(slot('outcomes'), JSON.stringify({ key: 'outcomes:someone-else', value: {} }));
    const again = run(root, cache);
    expect(again.doc).toEqual(cold.doc);
    expect(again.summaries).toEqual({ hits: 0, misses: 3 });
    expect(again.outcomes).toEqual({ hits: 0, misses: 2 });
    for (const f of entries(cache)) expect(() => JSON.parse(fs.readFileSync(f, 'utf8'))).not.toThrow();
    expect(run(root, cache).outcomes).toEqual({ hits: 2, misses: 0 });
    // Summaries that do not match the index (another run's, or cut short) are made again, not trusted.
    fs.writeFileSync(slot('summary-data'), '');
    fs.writeFileSync(path.join(root, 'src/lib.rs'), fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8') + '\n');
    const rebuilt = run(root, cache);
    expect(rebuilt.summaries).toEqual({ hits: 2, misses: 1 });
    expect(rebuilt.doc).toEqual(report(runCli([...ARGS, '--no-cache', '.'], root)));
  });

  it('runs without storing when the cache dir cannot be made, and --no-cache leaves none', () => {
    const root = crate();
    const blocked = path.join(tempDir('async-fix-cache-'), 'file');
    fs.writeFileSync(blocked, 'not a directory');
    const r = runCli([...ARGS, '--cache-dir', blocked, '.'], root);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/error|warning/);
    expect(report(r)).toEqual(report(runCli([...ARGS, '--no-cache', '.'], root)));
    const unused = path.join(tempDir('async-fix-cache-'), 'c');
    runCli([...ARGS, '--no-cache', '--cache-dir', unused, '.'], root);
    expect(fs.existsSync(unused)).toBe(false);
  });

  it('survives concurrent runs filling the same cache', async () => {
    const root = crate();
    const cache = tempDir('async-fix-cache-');
    const expected = report(runCli([...ARGS, '--no-cache', '.'], root));
    const runs = await Promise.all(Array.from({ length: 4 }, () => runAsync([...ARGS, '--cache-dir', cache, '.'], root)));
    for (const r of runs) expect(report(r)).toEqual(expected);
    expect(fs.readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const warm = run(root, cache);
    expect(warm.outcomes).toEqual({ hits: 2, misses: 0 });
    expect(warm.doc).toEqual(expected);
  });
});

function runAsync(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
