import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_MANIFEST, type CrateFacts, type FsErrDep } from '../src/analysis/crate.js';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { CrateModel } from '../src/model/crate-model.js';
import { allRules } from '../transforms/index.js';
import { TOKIO_FULL } from './support/crates.js';

/**
 * blocking-fs on fs-err (`fs_err`), std::fs's API whose errors name the path:
 * what the crate fixture `__fixtures__/blocking-fs/crate-fs-err` cannot show
 * (a renamed or dev-only dependency, the fix titles, a package's own
 * `fs_err` module next to the dependency, a file without a Cargo.toml).
 */
const ROOT = path.join(path.sep, 'pkg');
const at = (rel: string) => path.join(ROOT, ...rel.split('/'));
const rules = allRules.filter((r) => r.id === 'blocking-fs');
const declaredIn = { manifestPath: at('Cargo.toml'), table: ['dependencies'], key: 'tokio' };

const dep = (over: Partial<FsErrDep> = {}): FsErrDep => ({ path: 'fs_err', tokio: false, devOnly: false, ...over });

/** A package with tokio (`rt` only, so a `tokio::fs` fix must add `fs`) and, when given, fs-err. */
const crate = (fsErr?: FsErrDep): CrateFacts => ({
  ...NO_MANIFEST,
  manifestPath: at('Cargo.toml'),
  packageName: 'svc',
  packageRoot: ROOT,
  tokio: { status: 'usable', path: 'tokio', features: ['rt'], declaredIn },
  ...(fsErr ? { fsErr } : {}),
});

/** blocking-fs over `files` (the first one checked), with the package's crate model. */
function run(files: Record<string, string>, facts: CrateFacts, includeTests = true) {
  const [first, text] = Object.entries(files)[0];
  const model = CrateModel.fromSources(ROOT, 'svc', new Map(Object.entries(files).map(([rel, t]) => [at(rel), t])));
  return processFile({ path: at(first), text, crate: facts, model, options: { maxConcurrency: 100, includeTests } }, { rules, fixMode: 'safe' });
}

const HEAD = 'use std::io;\nuse std::path::Path;\n';

beforeAll(async () => {
  await initParser();
});

describe('blocking-fs on fs-err', () => {
  it('with its `tokio` feature: `fs_err::tokio`, no tokio feature added; without: `tokio::fs`, `fs` added, the lost path said', () => {
    const text = `${HEAD}use fs_err as fs;\npub async fn save(p: &Path) -> io::Result<()> {\n    fs::write(p, b"x")\n}\n`;
    const withTokio = run({ 'src/lib.rs': text }, crate(dep({ tokio: true })));
    expect(withTokio.findings).toMatchObject([
      { message: '`fs_err::write` blocks the executor thread in async code; use `fs_err::tokio::write(..).await`', fix: 'safe', fixTitle: 'Use `fs_err::tokio::write(..).await`', manifestChange: undefined },
    ]);
    expect(withTokio.newText).toContain('    fs_err::tokio::write(p, b"x").await\n');
    expect(withTokio.newText).not.toContain('use fs_err as fs;');

    const without = run({ 'src/lib.rs': text }, crate(dep()));
    expect(without.findings).toMatchObject([
      {
        message: '`fs_err::write` blocks the executor thread in async code; use `tokio::fs::write(..).await`',
        fix: 'safe',
        fixTitle: "Use `tokio::fs::write(..).await` (errors no longer name the path, as fs-err's do)",
        manifestChange: { ...declaredIn, addFeatures: ['fs'] },
      },
    ]);
    expect(without.newText).toContain('    tokio::fs::write(p, b"x").await\n');
  });

  it('a run of fs-err calls: one `spawn_blocking`, or each call swapped, the lost path said in that title', () => {
    const text = `${HEAD}pub async fn rotate(p: &Path) -> io::Result<()> {\n    fs_err::create_dir_all(p)?;\n    fs_err::remove_file(p.join("old"))?;\n    Ok(())\n}\n`;
    const titles = (fsErr: FsErrDep) => {
      const [f] = run({ 'src/lib.rs': text }, crate(fsErr)).findings;
      expect(f.message).toMatch(/^2 blocking `fs_err` calls in a row \(create_dir_all, remove_file\)/);
      return [f.fixTitle, ...(f.alternatives ?? []).map((a) => a.title)];
    };
    expect(titles(dep())).toEqual([
      "Use `tokio::fs::create_dir_all`, `tokio::fs::remove_file` with `.await` for each of the 2 calls (errors no longer name the path, as fs-err's do)",
      'Run the 2 calls in one `tokio::task::spawn_blocking` (it runs to completion even if the task is dropped)',
    ]);
    expect(titles(dep({ tokio: true }))).toEqual([
      'Use `fs_err::tokio::create_dir_all`, `fs_err::tokio::remove_file` with `.await` for each of the 2 calls',
      'Run the 2 calls in one `tokio::task::spawn_blocking` (it runs to completion even if the task is dropped)',
    ]);
  });

  it('a renamed dependency is named as the package names it; a module with `use std::fs;` keeps std', () => {
    const text = `mod a {\n    use std::fs;\n    pub async fn f(p: &std::path::Path) -> std::io::Result<Vec<u8>> {\n        fs::read(p)\n    }\n}\npub async fn g(p: &std::path::Path) -> std::io::Result<Vec<u8>> {\n    fs::read(p)\n}\n`;
    const out = run({ 'src/lib.rs': text }, crate(dep({ path: 'fs', tokio: true })));
    expect(out.findings.map((f) => f.message)).toEqual([
      '`std::fs::read` blocks the executor thread in async code; use `tokio::fs::read(..).await`',
      '`fs::read` blocks the executor thread in async code; use `fs::tokio::read(..).await`',
    ]);
    expect(out.newText).toContain('        tokio::fs::read(p).await\n');
    expect(out.newText).toContain('    fs::tokio::read(p).await\n');
  });

  it('a dev-dependency only: test code is reported, the rest is not', () => {
    const text = `${HEAD}pub async fn load(p: &Path) -> io::Result<String> {\n    fs_err::read_to_string(p)\n}\n#[cfg(test)]\nmod tests {\n    #[tokio::test]\n    async fn reads() {\n        fs_err::read_to_string("fixture.txt").unwrap();\n    }\n}\n`;
    const out = run({ 'src/lib.rs': text }, crate(dep({ devOnly: true })));
    expect(out.findings.map((f) => f.line)).toEqual([10]);
    expect(run({ 'src/lib.rs': text }, crate(dep())).findings.map((f) => f.line)).toEqual([4, 10]);
    // Without --include-tests, blocking-fs leaves test code out.
    expect(run({ 'src/lib.rs': text }, crate(dep()), false).findings.map((f) => f.line)).toEqual([4]);
  });

  it("the package's own `fs_err` module, brought by `use super::*`, is not the crate even beside the dependency", () => {
    const handlers = `use super::*;\npub async fn show(p: &Path) -> io::Result<String> {\n    fs_err::read_to_string(p)\n}\n`;
    const own = {
      'src/handlers.rs': handlers,
      'src/lib.rs': `mod fs_err;\npub mod handlers;\n${HEAD}`,
      'src/fs_err.rs': `${HEAD}pub fn read_to_string(p: &Path) -> io::Result<String> {\n    Ok(p.display().to_string())\n}\n`,
    };
    expect(run(own, crate(dep())).findings).toEqual([]);
    // The same code where `fs_err` can only be the crate.
    expect(run({ 'src/handlers.rs': handlers, 'src/lib.rs': `pub mod handlers;\n${HEAD}` }, crate(dep())).findings).toHaveLength(1);
    // And without the dependency, `fs_err` is never the crate.
    expect(run({ 'src/handlers.rs': handlers, 'src/lib.rs': `pub mod handlers;\n${HEAD}` }, crate()).findings).toEqual([]);
  });

  it("`PathExt`'s methods: reported without a fix where fs-err is a dependency, not elsewhere", () => {
    const text = `${HEAD}use fs_err::PathExt;\npub async fn big(p: &Path) -> io::Result<bool> {\n    Ok(p.fs_err_metadata()?.len() > 10)\n}\n`;
    expect(run({ 'src/lib.rs': text }, crate(dep({ tokio: true }))).findings).toMatchObject([
      {
        message: "`Path::fs_err_metadata()` (fs-err's `PathExt`) asks the file system and blocks the executor thread in async code",
        fix: 'none',
        note: 'no fix: `PathExt` has no async form; await `fs_err::tokio::metadata(..)` with the path instead',
      },
    ]);
    expect(run({ 'src/lib.rs': text }, crate()).findings).toEqual([]);
  });

  it('`fs_err::tokio` is never blocking', () => {
    const text = `${HEAD}use fs_err::tokio as afs;\npub async fn f(p: &Path) -> io::Result<()> {\n    fs_err::tokio::write(p, b"x").await?;\n    afs::remove_file(p).await\n}\n`;
    expect(run({ 'src/lib.rs': text }, crate(dep({ tokio: true }))).findings).toEqual([]);
  });

  it('without a Cargo.toml, a `fs_err::` path the file does not define is the crate (its features unknown: `tokio::fs`)', () => {
    const text = `${HEAD}pub async fn f(p: &Path) -> io::Result<Vec<u8>> {\n    fs_err::read(p)\n}\nmod local {\n    mod fs_err {\n        pub fn read(_: &std::path::Path) -> std::io::Result<Vec<u8>> {\n            Ok(Vec::new())\n        }\n    }\n    pub async fn g(p: &std::path::Path) {\n        fs_err::read(p).ok();\n    }\n}\n`;
    const out = processFile({ path: 'loose.rs', text, crate: TOKIO_FULL }, { rules, fixMode: 'safe' });
    expect(out.findings.map((f) => [f.line, f.fixTitle])).toEqual([[4, "Use `tokio::fs::read(..).await` (errors no longer name the path, as fs-err's do)"]]);
  });
});
