import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * The default output and the opt-in tiers, through the CLI: preview rules run
 * only when asked for (`--preview`, `preview = true`, or by name), findings in
 * test code of the rules that leave it out only with `--include-tests`, and
 * the JSON says which tier each finding is in.
 */

const LIB = [
  'use std::process::Command;',
  '',
  '/// blocking-sleep (default tier).',
  'pub async fn pause() {',
  '    std::thread::sleep(std::time::Duration::from_millis(5));',
  '}',
  '',
  '/// blocking-io (a preview rule): a process wait in async code.',
  'pub async fn version() -> String {',
  '    let out = Command::new("git").arg("--version").output().unwrap();',
  '    String::from_utf8_lossy(&out.stdout).into_owned()',
  '}',
  '',
  '/// blocking-fs (a preview rule that leaves test code out): a file read in async code.',
  'pub async fn config() -> String {',
  '    std::fs::read_to_string("app.toml").unwrap_or_default()',
  '}',
  '',
  '#[cfg(test)]',
  'mod tests {',
  '    /// blocking-fs in test code: left out unless --include-tests.',
  '    #[tokio::test]',
  '    async fn reads_fixture() {',
  '        let _ = std::fs::read_to_string("fixture.toml");',
  '    }',
  '}',
  '',
].join('\n');

function crate(config?: string): string {
  const root = tempDir();
  writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': LIB, ...(config ? { 'async-fix.toml': config } : {}) });
  return root;
}

function findings(root: string, ...flags: string[]): { rule: string; line: number; tier: string }[] {
  const r = runCli(['--dry-run', '--format', 'json', ...flags, '.'], root);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).files.flatMap((f: { findings: { rule: string; line: number; tier: string }[] }) => f.findings.map(({ rule, line, tier }) => ({ rule, line, tier })));
}

describe('tiers', () => {
  const SLEEP = { rule: 'blocking-sleep', line: 5, tier: 'default' };
  const IO = { rule: 'blocking-io', line: 10, tier: 'preview' };
  const FS = { rule: 'blocking-fs', line: 16, tier: 'preview' };
  const FS_IN_TEST = { rule: 'blocking-fs', line: 24, tier: 'tests' };

  it('by default: only the default tier', () => {
    expect(findings(crate())).toEqual([SLEEP]);
  });

  it('--preview adds the preview rules, --include-tests their test code, each finding with its tier', () => {
    const root = crate();
    expect(findings(root, '--preview')).toEqual([SLEEP, IO, FS]);
    expect(findings(root, '--preview', '--include-tests')).toEqual([SLEEP, IO, FS, FS_IN_TEST]);
    // --include-tests alone shows test code only of the rules that run.
    expect(findings(root, '--include-tests')).toEqual([SLEEP]);
  });

  it("naming a preview rule runs it, from --rule or the config's enable", () => {
    expect(findings(crate(), '--rule', 'blocking-io')).toEqual([IO]);
    expect(findings(crate('enable = ["blocking-io", "blocking-fs", "blocking-sleep"]\n'))).toEqual([SLEEP, IO, FS]);
    expect(findings(crate(), '--rule', 'blocking-fs', '--include-tests')).toEqual([FS, FS_IN_TEST]);
  });

  it('the config keys preview and include-tests do what the flags do; other values are an error', () => {
    expect(findings(crate('preview = true\ninclude-tests = true\n'))).toEqual([SLEEP, IO, FS, FS_IN_TEST]);
    const bad = runCli(['--dry-run', '.'], crate('preview = "yes"\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('async-fix.toml: preview must be true or false, found "yes"');
  });

  it("--list-rules shows each rule's tier and its measured precision", () => {
    const list = runCli(['--list-rules'], crate()).stdout;
    expect(list).toMatch(/^blocking-io\s+disabled \(preview: run with --preview\)\s+preview\s+fix:/m);
    expect(list).toMatch(/^blocking-sleep\s+enabled\s+default\s+fix:/m);
    expect(list).toMatch(/^\s+precision [0-9.]+% \([0-9]+ TP, [0-9]+ FP; [0-9]+ of [0-9]+ low-value\) on 12 apps$/m);
    expect(runCli(['--list-rules', '--preview'], crate()).stdout).toMatch(/^blocking-io\s+enabled\s+preview/m);
  });

  it("blocking that stalls only a runtime's entry future is a preview kind of a default rule, reported with --preview and why", () => {
    const root = tempDir();
    const main = [
      'use std::time::Duration;',
      '',
      '#[tokio::main]',
      'async fn main() {',
      '    std::thread::sleep(Duration::from_millis(5));',
      '    tokio::spawn(async {',
      '        std::thread::sleep(Duration::from_millis(5));',
      '    })',
      '    .await',
      '    .unwrap();',
      '}',
      '',
    ].join('\n');
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/main.rs': main });
    // The sleep in the spawned task stalls its worker thread; the one in main's own body stalls nothing else.
    expect(findings(root)).toEqual([{ rule: 'blocking-sleep', line: 7, tier: 'default' }]);
    expect(findings(root, '--preview')).toEqual([
      { rule: 'blocking-sleep', line: 5, tier: 'preview' },
      { rule: 'blocking-sleep', line: 7, tier: 'default' },
    ]);
    const shown = runCli(['--dry-run', '--preview', '.'], root).stdout;
    expect(shown).toContain("src/main.rs:5:5 blocking-sleep `std::thread::sleep` blocks the executor thread in async code; use `tokio::time::sleep(..).await` (preview: it runs in `main`, the runtime's entry future, which is polled on the thread that started the runtime, not on a worker thread: it stalls no other task)");
    // `preview = true` in the config reports the kind too.
    writeTree(root, { 'async-fix.toml': 'preview = true\n' });
    expect(findings(root).map((f) => f.line)).toEqual([5, 7]);
  });
});
