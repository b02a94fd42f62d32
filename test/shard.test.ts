import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/** `--shard I/N`: whole packages per shard, the same split on every machine, shards that add up to the whole run. */
function workspace(): string {
  const root = tempDir();
  const files: Record<string, string> = { 'Cargo.toml': '[workspace]\nmembers = ["a", "b", "c", "d"]\n' };
  for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) {
    files[`${name}/Cargo.toml`] = TOKIO_MANIFEST.replace('name = "demo"', `name = "${name}"`);
    files[`${name}/src/lib.rs`] = `pub mod util;\npub async fn run() {\n    util::pause();\n${'    std::thread::sleep(std::time::Duration::from_millis(1));\n'.repeat(i + 1)}}\n`;
    files[`${name}/src/util.rs`] = 'pub fn pause() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\n';
  }
  writeTree(root, files);
  return root;
}

const findings = (args: string[], cwd: string) => {
  const r = runCli(['--dry-run', '--preview', '--format', 'json', '--no-cache', ...args, '.'], cwd);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout).files as { path: string; findings: { rule: string; line: number }[] }[]).flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.rule}`));
};

describe('--shard', () => {
  it('splits by package; the shards together report exactly the whole run', () => {
    const root = workspace();
    const whole = findings([], root);
    expect(whole.filter((f) => f.includes('blocking-io'))).toHaveLength(4); // each crate model follows util::pause
    for (const n of [1, 2, 3, 5]) {
      const shards = Array.from({ length: n }, (_, i) => findings(['--shard', `${i + 1}/${n}`], root));
      expect(shards.flat().sort(), `${n} shards`).toEqual([...whole].sort());
      for (const s of shards) {
        const packages = new Set(s.map((f) => f.split('/')[0]));
        for (const other of shards) if (other !== s) for (const f of other) expect(packages.has(f.split('/')[0])).toBe(false);
      }
      if (n === 2) expect(shards.every((s) => s.length > 0)).toBe(true);
    }
    // Deterministic: the same shard twice is the same set.
    expect(findings(['--shard', '2/3'], root)).toEqual(findings(['--shard', '2/3'], root));
  });

  it("a shard sees the other shards' packages that call its fns: where they run is the whole run's answer", () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[workspace]\nmembers = ["lib", "cli", "server"]\n',
      'lib/Cargo.toml': TOKIO_MANIFEST.replace('"demo"', '"lib"'),
      'lib/src/lib.rs': 'pub async fn import() {\n    std::thread::sleep(std::time::Duration::from_millis(1));\n}\npub async fn serve() {\n    std::thread::sleep(std::time::Duration::from_millis(2));\n}\n',
      'cli/Cargo.toml': `${TOKIO_MANIFEST.replace('"demo"', '"cli"')}lib = { path = "../lib" }\n`,
      'cli/src/main.rs': '#[tokio::main]\nasync fn main() {\n    lib::import().await;\n    lib::serve().await;\n}\n',
      'server/Cargo.toml': `${TOKIO_MANIFEST.replace('"demo"', '"server"')}lib = { path = "../lib" }\n`,
      'server/src/main.rs': '#[tokio::main]\nasync fn main() {\n    tokio::spawn(lib::serve()).await.unwrap();\n}\n',
    });
    const messages = (args: string[]) => {
      const r = runCli(['--dry-run', '--preview', '--format', 'json', '--no-cache', ...args, '.'], root);
      return (JSON.parse(r.stdout).files as { path: string; findings: { line: number; message: string }[] }[]).flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.message}`));
    };
    const whole = messages([]);
    // `import` runs only in the CLI's main future; `serve` also in a task the server spawns.
    expect(whole.filter((m) => m.includes('runs only in'))).toEqual([expect.stringMatching(/^lib\/src\/lib\.rs:2 .*`import` runs only in `main`/)]);
    for (const n of [2, 3]) {
      const shards = Array.from({ length: n }, (_, i) => messages(['--shard', `${i + 1}/${n}`]));
      expect(shards.flat().sort(), `${n} shards`).toEqual([...whole].sort());
    }
  });

  it('`async-fix merge` joins the shards\' JSON reports into the whole run\'s', () => {
    const root = workspace();
    const out = tempDir();
    const json = (args: string[]) => {
      const r = runCli(['--dry-run', '--preview', '--format', 'json', '--no-cache', ...args, '.'], root);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const files = [1, 2, 3].map((i) => {
      const file = path.join(out, `shard-${i}.json`);
      fs.writeFileSync(file, json(['--shard', `${i}/3`]));
      return file;
    });
    fs.writeFileSync(path.join(out, 'whole.json'), json([]));
    const merged = runCli(['merge', ...files], root);
    expect(merged.stderr).toBe('');
    const alone = runCli(['merge', path.join(out, 'whole.json')], root);
    const strip = (s: string) => ({ ...JSON.parse(s), summary: { ...JSON.parse(s).summary, seconds: 0 } });
    expect(strip(merged.stdout)).toEqual(strip(alone.stdout));
    expect(JSON.parse(merged.stdout).summary).toMatchObject({ filesScanned: 8, findings: 14, findingsByRule: { 'blocking-io': 4, 'blocking-sleep': 10 } });
    expect(JSON.parse(merged.stdout).files.map((f: { path: string }) => f.path)).toEqual(['a/src/lib.rs', 'b/src/lib.rs', 'c/src/lib.rs', 'd/src/lib.rs']);
    fs.writeFileSync(path.join(out, 'bad.json'), '{"files": 3}');
    for (const bad of [path.join(out, 'missing.json'), path.join(out, 'bad.json')]) {
      const r = runCli(['merge', files[0], bad], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: .*(cannot read it as a JSON report|not an async-fix --format json report)/);
    }
  });

  it('rejects a malformed shard with a usage error', () => {
    const root = workspace();
    for (const bad of ['0/2', '3/2', '1/0', 'x', '1-2']) {
      const r = runCli(['--dry-run', '--shard', bad, '.'], root);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--shard takes I/N');
    }
  });
});
