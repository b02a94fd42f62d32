import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * `--jobs N`: phase 1 (the summaries) runs on worker threads once there
 * are enough files to summarize; the report is the same, byte for byte and
 * in order, as in one thread.
 */
function bigCrate(modules: number): string {
  const root = tempDir();
  const files: Record<string, string> = { 'Cargo.toml': TOKIO_MANIFEST };
  const mods = Array.from({ length: modules }, (_, i) => `m${i}`);
  files['src/lib.rs'] = mods.map((m) => `pub mod ${m};\n`).join('');
  for (const [i, m] of mods.entries()) {
    const next = mods[(i + 1) % modules];
    // Each module's async fn calls a sync helper of the next module: the finding needs the other file's summary.
    files[`src/${m}.rs`] =
      `pub fn helper() {\n    ${i % 3 === 0 ? 'std::thread::sleep(std::time::Duration::from_millis(1));' : 'let _ = 1 + 1;'}\n}\n\n` +
      `pub async fn run() {\n    crate::${next}::helper();\n    ${i % 5 === 0 ? 'std::fs::read("x").ok();' : ''}\n}\n`;
  }
  writeTree(root, files);
  return root;
}

const run = (root: string, extra: string[]) => {
  const r = runCli(['--dry-run', '--preview', '--unsafe-fixes', '--format', 'json', '--no-cache', '-v', ...extra, '.'], root);
  expect(r.code, r.stderr).toBe(0);
  return { doc: { ...JSON.parse(r.stdout), summary: { ...JSON.parse(r.stdout).summary, seconds: 0 } }, stderr: r.stderr };
};

describe('--jobs', () => {
  it('reports the same with worker threads as in one thread', () => {
    const root = bigCrate(60);
    const single = run(root, ['--jobs', '1']);
    expect(single.stderr).not.toContain('worker threads');
    expect(single.doc.summary.findingsByRule).toMatchObject({ 'blocking-io': 20, 'blocking-fs': 12 });
    for (const jobs of ['2', '3']) {
      const threaded = run(root, ['--jobs', jobs]);
      expect(threaded.stderr).toContain(`on ${jobs} worker threads (none failed)`);
      expect(threaded.doc).toEqual(single.doc);
    }
  });

  it('stays in one thread for a few files, and rejects a bad count', () => {
    const small = run(bigCrate(4), ['--jobs', '2']);
    expect(small.stderr).not.toContain('worker threads');
    for (const bad of ['0', '-1', '1.5', 'many']) {
      const r = runCli(['--dry-run', '--jobs', bad, '.'], tempDir());
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--jobs takes a whole number of at least 1');
    }
  });
});
