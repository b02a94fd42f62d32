import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_MANIFEST } from '../src/analysis/crate.js';
import { DEFAULT_CONFIG, excludeMatcher, loadConfig, type Config } from '../src/config/config.js';
import { resolveRuleOptions, ruleStates } from '../src/config/select.js';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import type { Rule } from '../src/rule.js';
import { allRules } from '../transforms/index.js';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

const SLEEPY = 'pub async fn f() {\n    std::thread::sleep(std::time::Duration::ZERO);\n}\n';
const RULE_IDS = allRules.map((r) => r.id);

/** A tokio crate whose src/lib.rs has one blocking-sleep finding, plus `files`. */
function crate(files: Record<string, string> = {}): string {
  const root = tempDir();
  writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': SLEEPY, ...files });
  return root;
}

/** The paths (relative to PATH) that a --dry-run reported findings in, and how many files it scanned. */
function scanned(args: string[], cwd: string): { paths: string[]; filesScanned: number } {
  const r = runCli(['--dry-run', '--format', 'json', ...args], cwd);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout);
  return { paths: doc.files.map((f: { path: string }) => f.path), filesScanned: doc.summary.filesScanned };
}

const listRules = (cwd: string, ...args: string[]) => {
  const r = runCli(['--list-rules', ...args], cwd);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

const withPackageMetadata = (body: string) => `${TOKIO_MANIFEST}\n[package.metadata.async-fix]\n${body}\n`;

describe('config discovery', () => {
  it('reads async-fix.toml in the PATH directory; without one, the defaults apply', () => {
    const root = crate();
    expect(runCli(['--check', '.'], root).code).toBe(1);
    expect(listRules(root)).toMatch(/^blocking-sleep\s+enabled\s+default\s+fix: safe/); // no config line
    writeTree(root, { 'async-fix.toml': 'disable = ["blocking-sleep"]\n' });
    const r = runCli(['--check', '.'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 findings');
    expect(listRules(root)).toMatch(/^config: async-fix\.toml\nblocking-sleep\s+disabled \(async-fix\.toml\)\s+default\s+fix: safe/);
  });

  it('walks upward from the first PATH, from a file PATH\'s directory, and names a config above the cwd relative to it', () => {
    const root = crate({ 'async-fix.toml': 'disable = ["blocking-sleep"]\n' });
    expect(runCli(['--check', 'src'], root).code).toBe(0);
    expect(runCli(['--check', 'src/lib.rs'], root).code).toBe(0);
    expect(runCli(['--check', '.'], path.join(root, 'src')).code).toBe(0);
    expect(listRules(path.join(root, 'src'))).toMatch(/^config: \.\.\/async-fix\.toml\nblocking-sleep\s+disabled \(\.\.\/async-fix\.toml\)/);
  });

  it('reads [package.metadata.async-fix] from a Cargo.toml', () => {
    const root = crate({ 'Cargo.toml': withPackageMetadata('disable = ["blocking-sleep"]') });
    expect(runCli(['--check', '.'], root).code).toBe(0);
    expect(listRules(root)).toMatch(/^config: Cargo\.toml \[package\.metadata\.async-fix\]\nblocking-sleep\s+disabled \(Cargo\.toml \[package\.metadata\.async-fix\]\)/);
  });

  it('reads [workspace.metadata.async-fix] from the workspace root above a member whose Cargo.toml has none', () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[workspace]\nmembers = ["crates/a"]\n\n[workspace.metadata.async-fix]\ndisable = ["blocking-sleep"]\n',
      'crates/a/Cargo.toml': TOKIO_MANIFEST,
      'crates/a/src/lib.rs': SLEEPY,
    });
    expect(runCli(['--check', 'crates/a'], root).code).toBe(0);
    expect(listRules(root, 'crates/a')).toMatch(/^config: Cargo\.toml \[workspace\.metadata\.async-fix\]\n/);
  });

  it('in one directory, async-fix.toml beats Cargo.toml metadata', () => {
    const root = crate({ 'Cargo.toml': withPackageMetadata('disable = ["blocking-sleep"]'), 'async-fix.toml': 'enable = ["blocking-sleep"]\n' });
    expect(runCli(['--check', '.'], root).code).toBe(1);
    expect(listRules(root)).toMatch(/^config: async-fix\.toml\nblocking-sleep\s+enabled/);
  });

  it('in one manifest, [package.metadata.async-fix] beats [workspace.metadata.async-fix]', () => {
    const manifest = (pkg: string, ws: string) =>
      `${TOKIO_MANIFEST}\n[package.metadata.async-fix]\n${pkg}\n\n[workspace]\n\n[workspace.metadata.async-fix]\n${ws}\n`;
    const root = crate({ 'Cargo.toml': manifest('enable = ["blocking-sleep"]', 'disable = ["blocking-sleep"]') });
    expect(runCli(['--check', '.'], root).code).toBe(1);
    expect(listRules(root)).toMatch(/^config: Cargo\.toml \[package\.metadata\.async-fix\]\nblocking-sleep\s+enabled/);
    writeTree(root, { 'Cargo.toml': manifest('disable = ["blocking-sleep"]', 'enable = ["blocking-sleep"]') });
    expect(runCli(['--check', '.'], root).code).toBe(0);
  });

  it('the nearest directory wins over a config further up', () => {
    const root = tempDir();
    writeTree(root, {
      'async-fix.toml': 'enable = ["blocking-sleep"]\n',
      'crates/a/Cargo.toml': withPackageMetadata('disable = ["blocking-sleep"]'),
      'crates/a/src/lib.rs': SLEEPY,
    });
    expect(runCli(['--check', '.'], root).code).toBe(1); // from the root, the root's file applies
    expect(runCli(['--check', 'crates/a'], root).code).toBe(0);
    expect(listRules(root, 'crates/a')).toMatch(/^config: crates\/a\/Cargo\.toml \[package\.metadata\.async-fix\]\n/);
  });

  it('--config names the file and skips discovery, for an async-fix.toml-style file and for a Cargo.toml', () => {
    const root = crate({
      'async-fix.toml': 'disable = ["blocking-sleep"]\n',
      'other/custom.toml': 'enable = ["blocking-sleep"]\n',
      'meta/Cargo.toml': '[package]\nname = "meta"\n\n[package.metadata.async-fix]\nenable = ["blocking-sleep"]\n',
    });
    expect(runCli(['--check', '.'], root).code).toBe(0);
    expect(runCli(['--check', '--config', 'other/custom.toml', '.'], root).code).toBe(1);
    expect(listRules(root, '--config', 'other/custom.toml')).toMatch(/^config: other\/custom\.toml\nblocking-sleep\s+enabled/);
    expect(runCli(['--check', '--config', 'meta/Cargo.toml', '.'], root).code).toBe(1);
    expect(listRules(root, '--config', 'meta/Cargo.toml')).toMatch(/^config: meta\/Cargo\.toml \[package\.metadata\.async-fix\]\n/);
  });
});

describe('exclude', () => {
  const tree = {
    'async-fix.toml': 'exclude = ["generated/**", "src/legacy.rs"]\n',
    'src/legacy.rs': SLEEPY,
    'src/generated/kept.rs': SLEEPY, // `generated/**` is anchored at the config's directory
    'generated/gen.rs': SLEEPY,
    'generated/deep/more.rs': SLEEPY,
  };

  it('does not scan files matching the patterns, relative to the config file\'s directory', () => {
    const root = crate(tree);
    expect(scanned(['.'], root)).toEqual({ paths: ['src/generated/kept.rs', 'src/lib.rs'], filesScanned: 2 });
    expect(scanned(['src'], root)).toEqual({ paths: ['generated/kept.rs', 'lib.rs'], filesScanned: 2 });
    expect(scanned(['.'], path.join(root, 'src'))).toEqual({ paths: ['generated/kept.rs', 'lib.rs'], filesScanned: 2 });
    fs.rmSync(path.join(root, 'async-fix.toml'));
    expect(scanned(['.'], root).filesScanned).toBe(5);
  });

  it('skips an excluded file named as a PATH, with a warning', () => {
    const root = crate(tree);
    const r = runCli(['--check', 'src/legacy.rs', 'src/lib.rs'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("warning: src/legacy.rs: excluded by the config's `exclude`; not checked");
    expect(r.stdout).toMatch(/^src\/lib\.rs:2:5 blocking-sleep/m);
    expect(r.stdout).not.toContain('src/legacy.rs:');
    expect(r.stdout).toContain('Scanned 1 file');
  });

  it('matches like a .gitignore: a directory pattern excludes everything under it, a bare name matches at any depth', () => {
    const config = (exclude: string[]): Config => ({ ...DEFAULT_CONFIG, file: path.join('/', 'p', 'async-fix.toml'), exclude });
    const dirs = excludeMatcher(config(['generated/', 'legacy.rs']))!;
    const at = (...parts: string[]) => path.join('/', 'p', ...parts);
    expect(dirs(at('generated'), true)).toBe(true);
    expect(dirs(at('generated', 'x.rs'), false)).toBe(true);
    expect(dirs(at('src', 'legacy.rs'), false)).toBe(true);
    expect(dirs(at('src', 'lib.rs'), false)).toBe(false);
    expect(dirs(path.join('/', 'elsewhere', 'legacy.rs'), false)).toBe(false); // outside the config's directory
    expect(excludeMatcher(config([]))).toBeNull();
  });
});

describe('rule selection', () => {
  it('enable runs only the rules it names; disable leaves rules out', () => {
    const root = crate({ 'async-fix.toml': 'enable = []\n' });
    expect(runCli(['--check', '.'], root).code).toBe(0);
    expect(listRules(root)).toMatch(/^blocking-sleep\s+disabled \(async-fix\.toml: not in enable\)/m);
    writeTree(root, { 'async-fix.toml': 'enable = ["blocking-sleep"]\n' });
    expect(runCli(['--check', '.'], root).code).toBe(1);
    writeTree(root, { 'async-fix.toml': 'enable = ["blocking-sleep"]\ndisable = ["blocking-sleep"]\n' });
    expect(runCli(['--check', '.'], root).code).toBe(0);
  });

  it('--rule replaces enable and runs rules the config disables; --skip adds to disable', () => {
    const disabled = crate({ 'async-fix.toml': 'disable = ["blocking-sleep"]\n' });
    expect(runCli(['--check', '--rule', 'blocking-sleep', '.'], disabled).code).toBe(1);
    expect(listRules(disabled, '--rule', 'blocking-sleep')).toMatch(/^blocking-sleep\s+enabled/m);
    const enabled = crate({ 'async-fix.toml': 'enable = ["blocking-sleep"]\n' });
    expect(runCli(['--check', '--skip', 'blocking-sleep', '.'], enabled).code).toBe(0);
    expect(listRules(enabled, '--skip', 'blocking-sleep')).toMatch(/^blocking-sleep\s+disabled \(--skip\)/m);
  });

  it('says what turned each rule off, flags first', () => {
    const rule = (id: string) => ({ ...allRules[0], id }) as Rule;
    const rules = ['a', 'b', 'c', 'd'].map(rule);
    const config: Config = { ...DEFAULT_CONFIG, file: '/x/async-fix.toml', label: 'async-fix.toml', enable: ['a', 'b', 'c'], disable: ['b'] };
    const states = (only: string[], skip: string[]) => ruleStates(rules, config, { only, skip }).map((s) => [s.rule.id, s.enabled ? 'enabled' : s.disabledBy]);
    expect(states([], [])).toEqual([['a', 'enabled'], ['b', 'async-fix.toml'], ['c', 'enabled'], ['d', 'async-fix.toml: not in enable']]);
    expect(states([], ['a'])).toEqual([['a', '--skip'], ['b', 'async-fix.toml'], ['c', 'enabled'], ['d', 'async-fix.toml: not in enable']]);
    expect(states(['b', 'd'], ['d'])).toEqual([['a', 'not in --rule'], ['b', 'enabled'], ['c', 'not in --rule'], ['d', '--skip']]);
  });
});

describe('config errors (exit 2, naming the file and the key)', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['an unknown key', { 'async-fix.toml': 'max_concurency = 10\n' }, 'async-fix.toml: unknown key `max_concurency` (known keys: enable, disable, max-concurrency, preview, include-tests, exclude)'],
    ['a snake_case key', { 'async-fix.toml': 'max_concurrency = 10\n' }, 'async-fix.toml: unknown key `max_concurrency`; did you mean `max-concurrency`? (known keys: enable, disable, max-concurrency, preview, include-tests, exclude)'],
    ['a table where a key belongs', { 'async-fix.toml': '[rules]\nx = 1\n' }, 'async-fix.toml: unknown key `rules` (known keys: enable, disable, max-concurrency, preview, include-tests, exclude)'],
    ['a string max-concurrency in Cargo.toml', { 'Cargo.toml': withPackageMetadata('max-concurrency = "ten"') }, 'Cargo.toml: [package.metadata.async-fix] max-concurrency must be a positive integer, found "ten"'],
    ['a zero max-concurrency', { 'async-fix.toml': 'max-concurrency = 0\n' }, 'async-fix.toml: max-concurrency must be a positive integer, found 0'],
    ['a negative max-concurrency', { 'async-fix.toml': 'max-concurrency = -4\n' }, 'async-fix.toml: max-concurrency must be a positive integer, found -4'],
    ['a float max-concurrency', { 'async-fix.toml': 'max-concurrency = 10.0\n' }, 'async-fix.toml: max-concurrency must be a positive integer, found 10.0'],
    ['enable as a string', { 'async-fix.toml': 'enable = "blocking-sleep"\n' }, 'async-fix.toml: enable must be an array of rule ids (strings), found "blocking-sleep"'],
    ['an unknown rule in disable', { 'async-fix.toml': 'disable = ["blocking-slep"]\n' }, `async-fix.toml: disable: unknown rule \`blocking-slep\` (known rules: ${allRules.map((r) => r.id).join(', ')})`],
    ['an unknown rule in workspace metadata', { 'Cargo.toml': `${TOKIO_MANIFEST}\n[workspace.metadata.async-fix]\nenable = ["nope"]\n` }, `Cargo.toml: [workspace.metadata.async-fix] enable: unknown rule \`nope\` (known rules: ${allRules.map((r) => r.id).join(', ')})`],
    ['exclude with a number', { 'async-fix.toml': 'exclude = ["gen/**", 3]\n' }, 'async-fix.toml: exclude must be an array of gitignore-style patterns (strings), found ["gen/**", 3]'],
    ['async-fix metadata that is not a table', { 'Cargo.toml': `${TOKIO_MANIFEST}\n[package.metadata]\nasync-fix = 5\n` }, 'Cargo.toml: `package.metadata.async-fix` must be a table, found 5'],
    ['invalid TOML', { 'async-fix.toml': 'enable = ["a" "b"]\n' }, 'async-fix.toml: invalid TOML at line 1, column 15: expected comma or end of structure'],
    ['invalid TOML in a Cargo.toml that mentions async-fix', { 'Cargo.toml': '[package.metadata.async-fix\n' }, 'Cargo.toml: invalid TOML at line 1, column'],
  ];
  for (const [what, files, message] of cases) {
    it(what, () => {
      const root = crate(files);
      const r = runCli(['--check', '.'], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: ${message}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(runCli(['--list-rules'], root).code).toBe(2);
    });
  }

  it('names a config found above the cwd relative to it', () => {
    const root = crate({ 'async-fix.toml': 'bogus = true\n' });
    const r = runCli(['--check', '.'], path.join(root, 'src'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: ../async-fix.toml: unknown key `bogus`');
  });

  it('rejects a bad --max-concurrency, a missing --config file and a --config Cargo.toml without the table', () => {
    const root = crate();
    for (const bad of ['ten', '0', '-3', '2.5', '']) {
      const r = runCli(['--check', `--max-concurrency=${bad}`, '.'], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: --max-concurrency must be a positive integer, found ${JSON.stringify(bad)}`);
    }
    expect(runCli(['--check', '--max-concurrency', '5', '.'], root).code).toBe(1);
    const missing = runCli(['--check', '--config', 'missing.toml', '.'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: missing.toml: cannot read the config file: no such file or directory');
    const noTable = runCli(['--check', '--config', 'Cargo.toml', '.'], root);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain('error: Cargo.toml: no [package.metadata.async-fix] or [workspace.metadata.async-fix] table');
  });

  it('ignores a broken Cargo.toml that cannot hold async-fix settings while looking for one', () => {
    const root = tempDir();
    writeTree(root, { 'Cargo.toml': '[package\n', 'async-fix.toml': 'disable = ["blocking-sleep"]\n', 'src/lib.rs': SLEEPY });
    writeTree(root, { 'sub/Cargo.toml': '[package\n', 'sub/lib.rs': SLEEPY });
    const r = runCli(['--list-rules', 'sub'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^config: async-fix\.toml\n/);
  });
});

describe('max-concurrency reaches the rules', () => {
  beforeAll(async () => {
    await initParser();
  });

  /** What `file.options.maxConcurrency` a rule sees when run with `options`. */
  function seenByRule(options: Parameters<typeof processFile>[0]['options']): number {
    let seen = -1;
    const probe: Rule = {
      ...allRules[0],
      id: 'probe',
      prefilter: /(?:)/, // it probes sync text
      check(file) {
        seen = file.options.maxConcurrency;
        return [];
      },
    };
    processFile({ path: 'x.rs', text: 'fn main() {}\n', crate: NO_MANIFEST, options }, { rules: [probe], fixMode: 'safe' });
    return seen;
  }

  it('from async-fix.toml, from Cargo.toml metadata, from --max-concurrency, and 100 by default', () => {
    const fromFile = crate({ 'async-fix.toml': 'max-concurrency = 8\n' });
    const config = loadConfig({ paths: ['.'], cwd: fromFile, ruleIds: RULE_IDS });
    expect(config.maxConcurrency).toBe(8);
    expect(seenByRule(resolveRuleOptions(config))).toBe(8);
    expect(seenByRule(resolveRuleOptions(config, '3'))).toBe(3);

    const fromCargo = crate({ 'Cargo.toml': withPackageMetadata('max-concurrency = 16') });
    expect(seenByRule(resolveRuleOptions(loadConfig({ paths: ['src/lib.rs'], cwd: fromCargo, ruleIds: RULE_IDS })))).toBe(16);

    const none = loadConfig({ paths: ['.'], cwd: crate(), ruleIds: RULE_IDS });
    expect(none.file).toBeNull();
    expect(seenByRule(resolveRuleOptions(none))).toBe(100);
    expect(seenByRule(undefined)).toBe(100);
  });
});
