import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';
import { descendants, field } from '../src/analysis/syntax.js';
import { CrateModel, summarizeSource } from '../src/model/crate-model.js';
import { defName, type Def, type ResolvedType } from '../src/model/crate-index.js';
import { CrateGraph } from '../src/model/crate-graph.js';
import type { PackageSummaries } from '../src/model/module-tree.js';
import type { PathDependency } from '../src/analysis/workspace.js';
import { loadFiles } from '../src/cli/load.js';
import { attachModels } from '../src/cli/models.js';
import { tempDir, writeTree } from './support/cli.js';

/** The crate model over multi-file packages held in memory (paths under a fake root). */
const ROOT = path.join(path.sep, 'pkg');
const at = (rel: string) => path.join(ROOT, ...rel.split('/'));

function model(files: Record<string, string>, libName = 'app'): CrateModel {
  return CrateModel.fromSources(ROOT, libName, new Map(Object.entries(files).map(([rel, text]) => [at(rel), text])));
}

/** The first node of `type` whose text is `text` in `source`. */
function nodeIn(source: string, type: string, text: string): SyntaxNode {
  const root = parseRust(source).root;
  for (const n of descendants(root)) if (n.type === type && source.slice(n.start, n.end) === text) return n;
  throw new Error(`no ${type} \`${text}\``);
}

const typeName = (t: ResolvedType | null) => (t ? (t.def.kind === 'external' ? t.def.path : defName(t.def)) : null);

beforeAll(async () => {
  await initParser();
});

describe('phase 1: file summaries', () => {
  it('records items with their types, uses, mod declarations, impls and calls', () => {
    const s = summarizeSource(`
use std::sync::{Arc, RwLock as Lock};
pub use crate::config::Config;
use super::*;
#[cfg(test)]
mod tests;
#[path = "sys/unix.rs"]
mod sys;
pub struct State { pub inner: Arc<Lock<Vec<u8>>>, count: u32 }
pub static GLOBAL: Lock<u32> = Lock::new(0);
lazy_static::lazy_static! {
    pub static ref CACHE: std::sync::Mutex<std::collections::HashMap<String, u8>> = Default::default();
}
thread_local! { static LOCAL: std::cell::RefCell<u8> = std::cell::RefCell::new(0); }
type Shared = Arc<State>;
impl State {
    pub async fn load(&self) -> Self { self.read(); Self::helper(); self.inner.write(); todo!() }
    fn read(&mut self) {}
}
mod inline { pub fn f() {} }
`);
    const [own, inline] = s.modules;
    expect(inline.path).toEqual(['inline']);
    expect(own.uses).toEqual([
      { name: 'Arc', path: ['std', 'sync', 'Arc'], pub: false },
      { name: 'Lock', path: ['std', 'sync', 'RwLock'], pub: false },
      { name: 'Config', path: ['crate', 'config', 'Config'], pub: true },
    ]);
    expect(own.globs).toEqual([{ path: ['super'], pub: false }]);
    expect(own.modDecls).toEqual([
      { name: 'tests', pub: false, testOnly: true },
      { name: 'sys', pub: false, testOnly: false, pathAttr: 'sys/unix.rs' },
    ]);
    const state = own.items.find((i) => i.name === 'State');
    expect(state).toMatchObject({ kind: 'struct', fields: [{ name: 'inner', type: { path: ['Arc'], args: [{ path: ['Lock'], args: [{ path: ['Vec'] }] }] } }, { name: 'count' }] });
    expect(own.items.find((i) => i.name === 'CACHE')).toMatchObject({ kind: 'static', declaredBy: 'lazy_static', pub: true, type: { path: ['std', 'sync', 'Mutex'] } });
    expect(own.items.find((i) => i.name === 'LOCAL')).toMatchObject({ kind: 'static', declaredBy: 'thread_local', type: { path: ['std', 'cell', 'RefCell'] } });
    expect(own.items.find((i) => i.name === 'Shared')).toMatchObject({ kind: 'alias', type: { path: ['Arc'] } });
    const [impl] = own.impls;
    expect(impl.selfType.path).toEqual(['State']);
    const load = impl.methods[0];
    expect(load).toMatchObject({ name: 'load', async: true, self: 'ref', returns: { path: ['Self'] } });
    expect(load.effects.calls.map((c) => (c.kind === 'path' ? c.path.join('::') : `${c.receiver.kind}.${c.name}`))).toEqual(['self.read', 'Self::helper', 'self-field.write']);
    expect(impl.methods[1].self).toBe('mut');
  });

  it('is the same for the same text wherever the file lives (pure)', () => {
    const text = 'pub fn f() { std::fs::read("x").unwrap(); }\n';
    expect(JSON.stringify(summarizeSource(text))).toBe(JSON.stringify(summarizeSource(text)));
  });
});

describe('crate index: modules and name resolution', () => {
  const files = {
    'src/lib.rs': 'pub mod config;\nmod util;\n#[cfg(test)]\nmod tests;\npub mod rt { pub use tokio; }\npub use util::fs::read_manifest as manifest;\n',
    'src/config.rs': 'use std::sync::RwLock;\npub struct Config { pub name: String }\npub static CONFIG: RwLock<Option<Config>> = RwLock::new(None);\n',
    'src/util/mod.rs': 'pub mod fs;\npub use self::fs::*;\n',
    'src/util/fs.rs': 'pub fn read_manifest() -> Vec<u8> { std::fs::read("Cargo.toml").unwrap() }\npub fn cheap() -> u8 { 1 }\n',
    'src/tests.rs': 'fn t() {}\n',
    'src/main.rs': 'use app::config::CONFIG;\nfn main() {}\n',
    'tests/api.rs': 'fn t() {}\n',
  };

  it('builds the module tree from lib.rs, main.rs and tests/, through mod.rs and `#[cfg(test)] mod tests;`', () => {
    const m = model(files);
    const mod = (rel: string) => m.index.byFile.get(at(rel))!;
    expect(mod('src/util/fs.rs').path).toEqual(['util', 'fs']);
    expect(mod('src/util/fs.rs').root).toBe(at('src/lib.rs'));
    expect(mod('src/tests.rs').testOnly).toBe(true);
    expect(mod('src/config.rs').testOnly).toBe(false);
    expect(mod('tests/api.rs').testOnly).toBe(true);
    expect(mod('src/main.rs').root).toBe(at('src/main.rs'));
  });

  it('resolves crate::, self::, super::, re-exports, globs and the library name from a binary', () => {
    const m = model(files);
    const lib = m.index.byFile.get(at('src/lib.rs'))!;
    const main = m.index.byFile.get(at('src/main.rs'))!;
    const name = (d: ReturnType<typeof m.index.resolvePath>) => (d ? (d.kind === 'external' ? `extern ${d.path}` : defName(d)) : null);
    expect(name(m.index.resolvePath(lib, ['manifest']))).toBe('util::fs::read_manifest');
    expect(name(m.index.resolvePath(lib, ['util', 'cheap']))).toBe('util::fs::cheap'); // through `pub use self::fs::*`
    expect(name(m.index.resolvePath(main, ['CONFIG']))).toBe('config::CONFIG');
    expect(name(m.index.resolvePath(lib, ['rt', 'tokio', 'time', 'sleep']))).toBe('extern tokio::time::sleep');
    expect(name(m.index.resolvePath(lib, ['std', 'fs', 'read']))).toBe('extern std::fs::read');
  });

  it('gives static types from another file, with the file\'s own imports resolved', () => {
    const m = model(files);
    const main = m.index.byFile.get(at('src/main.rs'))!;
    const t = m.index.staticType(m.index.resolvePath(main, ['CONFIG'])!);
    expect(typeName(t)).toBe('std::sync::RwLock');
    expect(typeName(t!.args[0])).toBe('Option');
    expect(typeName(t!.args[0].args[0])).toBe('config::Config');
  });
});

describe('effects: blocking, across files and through Self and self', () => {
  const files = {
    'src/lib.rs': 'mod store;\nmod util;\npub use store::Store;\n',
    'src/util.rs': [
      'use std::fs;',
      'pub fn read_manifest(p: &str) -> Vec<u8> { fs::read(p).unwrap() }',
      'pub fn load(p: &str) -> Vec<u8> { read_manifest(p) }',
      'pub fn run() { std::process::Command::new("git").arg("x").output().unwrap(); }',
      'pub fn pure(x: u8) -> u8 { x + 1 }',
      'pub async fn async_reader() { std::fs::read("x").unwrap(); }',
      'pub fn recursive(n: u8) -> u8 { if n == 0 { 0 } else { recursive(n - 1) } }',
      '',
    ].join('\n'),
    'src/store.rs': [
      'use crate::util;',
      'use std::sync::{Arc, RwLock};',
      'pub struct Index { path: String }',
      'impl Index { pub fn get(&self) -> Vec<u8> { util::load(&self.path) } pub fn len(&self) -> usize { 0 } }',
      'pub struct Store { index: Arc<Index>, state: RwLock<u8> }',
      'impl Store {',
      '    pub fn refresh(&self) -> Vec<u8> { Self::fetch(&self.index) }',
      '    fn fetch(i: &Index) -> Vec<u8> { i.get() }',
      '    pub fn via_field(&self) -> Vec<u8> { self.index.get() }',
      '    pub fn cheap(&self) -> usize { self.index.len() }',
      '    pub fn state(&self) -> &RwLock<u8> { &self.state }',
      '    pub async fn serve(&self) { let _ = self.via_field(); let _ = self.state().read(); let _ = util::recursive(3); }',
      '}',
      '',
    ].join('\n'),
  };

  it('finds the chain from a method to std::fs through other files', () => {
    const m = model(files);
    const store = m.index.byFile.get(at('src/store.rs'))!;
    const util = m.index.byFile.get(at('src/util.rs'))!;
    const blocking = (module: typeof store, p: string[]) => m.effects.blocking(m.index.resolvePath(module, p)!);
    expect(blocking(util, ['load'])).toEqual(['read_manifest', 'std::fs::read']);
    expect(blocking(util, ['run'])).toEqual(['std::process::Command::output']);
    expect(blocking(util, ['pure'])).toBeNull();
    expect(blocking(util, ['async_reader'])).toBeNull(); // reported where it is, in async code
    expect(blocking(util, ['recursive'])).toBeNull();
    expect(blocking(store, ['Store', 'via_field'])).toEqual(['Index::get', 'load', 'read_manifest', 'std::fs::read']);
    expect(blocking(store, ['Store', 'refresh'])).toEqual(['Store::fetch', 'Index::get', 'load', 'read_manifest', 'std::fs::read']);
    expect(blocking(store, ['Store', 'cheap'])).toBeNull();
  });

  it('answers for syntax nodes of a file: callees and expression types', () => {
    const m = model(files);
    const text = files['src/store.rs'];
    const fm = m.forFile(at('src/store.rs'), text)!;
    const call = nodeIn(text, 'call_expression', 'self.via_field()');
    const callee = fm.callee(call)!;
    expect(defName(callee)).toBe('Store::via_field');
    expect(fm.blocking(callee)).toEqual(['Index::get', 'load', 'read_manifest', 'std::fs::read']);
    const stateCall = nodeIn(text, 'call_expression', 'self.state()');
    expect(typeName(fm.typeOf(stateCall))).toBe('std::sync::RwLock');
    const receiver = field(nodeIn(text, 'call_expression', 'self.index.get()'), 'function')!;
    expect(typeName(fm.typeOf(field(receiver, 'value')!))).toBe('std::sync::Arc');
  });
});

describe('effects: shared state, across files', () => {
  const files = {
    'src/lib.rs': 'mod cache;\nmod db;\nmod jobs;\n',
    'src/cache.rs': [
      'use std::sync::atomic::{AtomicU64, Ordering};',
      'pub static HITS: AtomicU64 = AtomicU64::new(0);',
      'pub const LIMIT: u64 = 10;',
      'pub async fn bump() { tick().await; HITS.fetch_add(1, Ordering::SeqCst); }',
      'pub async fn hits() -> u64 { tick().await; HITS.load(Ordering::SeqCst).min(LIMIT) }',
      'pub async fn ready(x: u64) -> u64 { x + 1 }',
      'pub async fn ready_too(x: u64) -> u64 { ready(x).await }',
      'async fn tick() { tokio::time::sleep(std::time::Duration::from_millis(1)).await }',
      '',
    ].join('\n'),
    'src/db.rs': [
      'use tokio::process::Command;',
      'pub struct Rows { pub rows: std::sync::Mutex<Vec<u64>> }',
      'macro_rules! in_tx { ($c:ident => $e:expr) => { $e } }',
      'pub async fn save(pool: &sqlx::PgPool, id: i64) { sqlx::query("insert").bind(id).execute(pool).await.unwrap(); }',
      'pub async fn find(pool: &sqlx::PgPool) { let q = sqlx::query("select"); q.fetch_all(pool).await.unwrap(); }',
      'pub async fn write_file() { tokio::fs::write("a", b"x").await.unwrap(); }',
      'pub async fn git() { Command::new("git").arg("add").status().await.unwrap(); }',
      'pub async fn opaque(id: u64) -> u64 { in_tx!(conn => id) }',
      'pub async fn push(r: &Rows, id: u64) { r.rows.lock().unwrap().push(id); crate::cache::hits().await; }',
      'pub async fn notify(client: &reqwest::Client) { client.post("https://x").send().await.unwrap(); }',
      'pub fn size(client: &reqwest::Client, name: &String) -> usize { name.len() + client.clone().timeout_count() }',
      '',
    ].join('\n'),
    'src/jobs.rs': [
      'pub async fn run() { crate::cache::bump().await; crate::db::save(todo!(), 1).await; }',
      'pub struct Store { cache: tokio::sync::Mutex<Vec<u8>>, name: String }',
      'impl Store {',
      '    pub async fn put(&self) { self.cache.lock().await.push(1); }',
      '    pub async fn get(&self) -> usize { self.peek().await }',
      '    async fn peek(&self) -> usize { self.cache.try_read_len().await + self.name.len() }',
      '}',
      '',
    ].join('\n'),
  };
  const state = (file: string, p: string[]) => {
    const m = model(files);
    const fx = m.effects.state(m.index.resolvePath(m.index.byFile.get(at(file))!, p)!)!;
    return { writes: [...fx.writes].sort(), reads: [...fx.reads].sort(), unknown: fx.unknown, latencyFree: fx.latencyFree, writesParameters: fx.writesParameters };
  };

  it('says which statics a fn writes and reads (not consts), transitively', () => {
    expect(state('src/cache.rs', ['bump'])).toEqual({ writes: ['static cache::HITS'], reads: [], unknown: false, latencyFree: false, writesParameters: false });
    expect(state('src/cache.rs', ['hits'])).toEqual({ writes: [], reads: ['static cache::HITS'], unknown: false, latencyFree: false, writesParameters: false });
    expect(state('src/jobs.rs', ['run']).writes).toEqual(['db', 'static cache::HITS']);
  });

  it('says which interior-mutable fields of self a method changes or reads, through other methods', () => {
    expect(state('src/jobs.rs', ['Store', 'put'])).toMatchObject({ writes: ['field jobs::Store.cache'], reads: [] });
    expect(state('src/jobs.rs', ['Store', 'get'])).toMatchObject({ writes: [], reads: ['field jobs::Store.cache'] });
  });

  it('tells database, file and process writes from reads by the calls', () => {
    expect(state('src/db.rs', ['save']).writes).toEqual(['db']);
    expect(state('src/db.rs', ['find'])).toMatchObject({ writes: [], reads: ['db'] });
    expect(state('src/db.rs', ['write_file']).writes).toEqual(['fs']);
    expect(state('src/db.rs', ['git']).writes).toEqual(['process']);
  });

  it('knows an async fn that awaits nothing that waits, a macro it cannot see into, and writes through parameters', () => {
    expect(state('src/cache.rs', ['ready']).latencyFree).toBe(true);
    expect(state('src/cache.rs', ['ready_too']).latencyFree).toBe(true);
    expect(state('src/cache.rs', ['hits']).latencyFree).toBe(false);
    expect(state('src/db.rs', ['opaque'])).toMatchObject({ unknown: true, latencyFree: false });
    expect(state('src/db.rs', ['push'])).toMatchObject({ writesParameters: true, reads: ['static cache::HITS'] });
    // A method the index cannot follow on a parameter may change what it shares; one that reads (`len`, `clone`) does not.
    expect(state('src/db.rs', ['notify']).unknown).toBe(true);
    expect(state('src/db.rs', ['size']).unknown).toBe(false);
  });
});

/** Packages of one workspace held in memory: `dir` under the fake root, with the lib name and the path dependencies Cargo would give. */
interface FakePackage {
  libName: string;
  files: Record<string, string>;
  deps?: PathDependency[];
  testFeatures?: string[];
}

function graph(packages: Record<string, FakePackage>): CrateGraph {
  const summaries = new Map<string, PackageSummaries>();
  for (const [dir, p] of Object.entries(packages)) {
    const root = at(dir);
    const files = new Map(Object.entries(p.files).map(([rel, text]) => [path.join(root, ...rel.split('/')), summarizeSource(text)]));
    summaries.set(root, { root, libName: p.libName, files, deps: p.deps, testFeatures: p.testFeatures });
  }
  return new CrateGraph(summaries);
}

const dep = (name: string, dir: string): PathDependency => ({ name, root: at(dir) });
const described = (d: Def | null) => (d ? (d.kind === 'external' ? `extern ${d.path}` : `${defName(d)} in ${path.relative(ROOT, d.kind === 'module' ? d.module.file : d.module.file)}`) : null);

describe('crate index: workspace path dependencies', () => {
  const common: FakePackage = {
    libName: 'common',
    files: {
      'src/lib.rs': 'pub mod fs;\npub mod state;\npub use state::{Shared, STATE};\npub use tokio;\npub mod rt { pub use tokio; }\npub mod shim { pub mod tokio { pub fn hint() {} } }\n',
      'src/fs.rs': 'pub fn load_config() -> String { read() }\nfn read() -> String { std::fs::read_to_string("x").unwrap() }\npub fn parse(t: &str) -> usize { t.len() }\n',
      'src/state.rs': [
        'use std::sync::{Mutex, RwLock};',
        'pub struct Shared { pub counts: Mutex<u32>, pub names: RwLock<Vec<String>> }',
        'impl Shared { pub fn reload(&self) -> String { crate::fs::load_config() } pub fn count(&self) -> u32 { 0 } }',
        'pub static STATE: RwLock<u8> = RwLock::new(0);',
        '',
      ].join('\n'),
    },
  };
  const app: FakePackage = {
    libName: 'app',
    deps: [dep('common', 'common')],
    files: {
      'src/lib.rs': 'use common::{fs::load_config, Shared};\npub mod rt { pub use common::tokio; }\n',
      'src/main.rs': '// A module of its own named like the dependency hides it.\nmod common { pub fn load_config() {} }\nfn main() {}\n',
    },
  };

  it("resolves a member library's items, re-exports and methods through that library's own index", () => {
    const g = graph({ common, app });
    const m = g.model(at('app'))!;
    const lib = m.index.byFile.get(at('app/src/lib.rs'))!;
    const resolve = (p: string[]) => described(m.index.resolvePath(lib, p));
    expect(resolve(['load_config'])).toBe('fs::load_config in common/src/fs.rs');
    expect(resolve(['common', 'fs', 'parse'])).toBe('fs::parse in common/src/fs.rs');
    expect(resolve(['', 'common', 'fs', 'parse'])).toBe('fs::parse in common/src/fs.rs'); // `::common::fs::parse`
    expect(resolve(['Shared', 'reload'])).toBe('Shared::reload in common/src/state.rs');
    expect(resolve(['common', 'missing'])).toBeNull(); // the member is known: a name it lacks is nothing, not `extern common::missing`
    expect(resolve(['serde', 'Serialize'])).toBe('extern serde::Serialize'); // not a workspace crate
    const main = m.index.byFile.get(at('app/src/main.rs'))!;
    expect(described(m.index.resolvePath(main, ['common', 'load_config']))).toBe('common::load_config in app/src/main.rs');
  });

  it('follows blocking chains, field and static types into the member library', () => {
    const g = graph({ common, app });
    const m = g.model(at('app'))!;
    const lib = m.index.byFile.get(at('app/src/lib.rs'))!;
    const def = (p: string[]) => m.index.resolvePath(lib, p)!;
    expect(m.effects.blocking(def(['load_config']))).toEqual(['read', 'std::fs::read_to_string']);
    expect(m.effects.blocking(def(['Shared', 'reload']))).toEqual(['load_config', 'read', 'std::fs::read_to_string']);
    expect(m.effects.blocking(def(['Shared', 'count']))).toBeNull();
    expect(m.effects.blocking(def(['common', 'fs', 'parse']))).toBeNull();
    expect(typeName(m.index.fieldType(def(['Shared']), 'counts'))).toBe('std::sync::Mutex');
    expect(typeName(m.index.fieldType(def(['Shared']), 'names'))).toBe('std::sync::RwLock');
    expect(typeName(m.index.staticType(def(['common', 'STATE'])))).toBe('std::sync::RwLock');
    // A file of the dependent asks through its own syntax nodes.
    const text = 'use common::Shared;\npub async fn bump(shared: &Shared) { let _ = shared.counts.lock(); let _ = shared.reload(); }\n';
    const fm = graph({ common, app: { ...app, files: { 'src/lib.rs': text } } }).model(at('app'))!.forFile(at('app/src/lib.rs'), text)!;
    const receiver = field(field(nodeIn(text, 'call_expression', 'shared.counts.lock()'), 'function')!, 'value')!;
    expect(typeName(fm.typeOf(receiver))).toBe('std::sync::Mutex');
    const reload = fm.callee(nodeIn(text, 'call_expression', 'shared.reload()'))!;
    expect(fm.blocking(reload)).toEqual(['load_config', 'read', 'std::fs::read_to_string']);
  });

  it("tells tokio re-exported by a member (`from` is the member) from a member's own `mod tokio`", () => {
    const g = graph({ common, app });
    const m = g.model(at('app'))!;
    const lib = m.index.byFile.get(at('app/src/lib.rs'))!;
    for (const p of [['common', 'tokio'], ['common', 'rt', 'tokio'], ['crate', 'rt', 'tokio']]) {
      expect(m.index.resolvePath(lib, p)).toEqual({ kind: 'external', path: 'tokio', from: at('common') });
    }
    expect(m.index.resolvePath(lib, ['common', 'tokio', 'time', 'sleep'])).toEqual({ kind: 'external', path: 'tokio::time::sleep', from: at('common') });
    expect(m.index.resolvePath(lib, ['common', 'shim', 'tokio'])?.kind).toBe('module');
    expect(m.index.resolvePath(lib, ['tokio'])).toEqual({ kind: 'external', path: 'tokio', from: at('app') });
  });

  it('a `package =` rename: the member under the name the dependent gives it, not its own', () => {
    const g = graph({ common, worker: { libName: 'worker', deps: [dep('shared', 'common')], files: { 'src/lib.rs': 'pub fn f() {}\n' } } });
    const m = g.model(at('worker'))!;
    const lib = m.index.byFile.get(at('worker/src/lib.rs'))!;
    expect(described(m.index.resolvePath(lib, ['shared', 'fs', 'load_config']))).toBe('fs::load_config in common/src/fs.rs');
    expect(described(m.index.resolvePath(lib, ['common', 'fs', 'load_config']))).toBe('extern common::fs::load_config');
  });

  it('one index per package, shared by its dependents; a cycle of re-exports across packages ends', () => {
    const g = graph({ common, app, worker: { libName: 'worker', deps: [dep('common', 'common')], files: { 'src/lib.rs': 'pub use common::fs::load_config;\n' } } });
    const fromApp = g.model(at('app'))!.index;
    const fromWorker = g.model(at('worker'))!.index;
    const viaApp = fromApp.resolvePath(fromApp.byFile.get(at('app/src/lib.rs'))!, ['load_config']);
    const viaWorker = fromWorker.resolvePath(fromWorker.byFile.get(at('worker/src/lib.rs'))!, ['load_config']);
    expect(viaApp?.kind === 'item' && viaWorker?.kind === 'item' && viaApp.module === viaWorker.module).toBe(true);
    expect(g.index(at('common'))).toBe(g.model(at('common'))!.index);

    const cyclic = graph({
      a: { libName: 'a', deps: [dep('b', 'b')], files: { 'src/lib.rs': 'pub use b::looped;\npub fn real() {}\n' } },
      b: { libName: 'b', deps: [dep('a', 'a')], files: { 'src/lib.rs': 'pub use a::looped;\npub use a::real as again;\n' } },
    });
    const a = cyclic.model(at('a'))!.index;
    const aLib = a.byFile.get(at('a/src/lib.rs'))!;
    // Nothing defines it: like a name nothing in the crate declares, it reads as a path outside.
    expect(a.resolvePath(aLib, ['looped'])).toEqual({ kind: 'external', path: 'looped', from: at('a') });
    expect(described(a.resolvePath(aLib, ['b', 'again']))).toBe('real in a/src/lib.rs');
  });

  it('the CLI summarizes a member library once for all its dependents, and follows no path dependency out of the workspace', () => {
    const root = tempDir();
    const pkg = (name: string, deps = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${deps}`;
    writeTree(root, {
      'ws/Cargo.toml': '[workspace]\nmembers = ["common", "app", "worker"]\n',
      'ws/common/Cargo.toml': pkg('common', 'outside = { path = "../../outside" }\n'),
      'ws/common/src/lib.rs': 'pub fn load() -> String { std::fs::read_to_string("x").unwrap() }\npub use outside::slow;\n',
      'ws/app/Cargo.toml': pkg('app', 'common = { path = "../common" }\n'),
      'ws/app/src/lib.rs': 'pub async fn a() { common::load(); }\n',
      'ws/worker/Cargo.toml': pkg('worker', 'common = { path = "../common" }\n'),
      'ws/worker/src/lib.rs': 'pub async fn w() { common::load(); common::slow(); }\n',
      'outside/Cargo.toml': pkg('outside'),
      'outside/src/lib.rs': 'pub fn slow() { std::thread::sleep(std::time::Duration::from_secs(1)); }\n',
    });
    const loaded = loadFiles([path.join(root, 'ws', 'app'), path.join(root, 'ws', 'worker')], root).files;
    attachModels(loaded, root);
    const [a, w] = [loaded.find((f) => f.absolute.endsWith('app/src/lib.rs'))!, loaded.find((f) => f.absolute.endsWith('worker/src/lib.rs'))!];
    const load = (f: typeof a) => f.model!.index.resolvePath(f.model!.index.byFile.get(f.absolute)!, ['common', 'load']);
    const [la, lw] = [load(a), load(w)];
    expect(la?.kind === 'item' && lw?.kind === 'item' && la.item === lw.item).toBe(true); // one summary of common/src/lib.rs
    expect(a.model!.effects.blocking(la!)).toEqual(['std::fs::read_to_string']);
    const slow = w.model!.index.resolvePath(w.model!.index.byFile.get(w.absolute)!, ['common', 'slow']);
    expect(slow).toMatchObject({ kind: 'external', path: 'outside::slow' });
  });
});

describe('test code from cfg and test-only features', () => {
  const files = {
    'src/lib.rs': [
      '#[cfg(any(test, feature = "test-utils"))]',
      'pub mod testing;',
      '#[cfg(any(test, unix))]',
      'mod unix_only;',
      '#[cfg(all(test, feature = "metrics"))]',
      'mod strict;',
      '#[cfg(feature = "metrics")]',
      'mod metrics;',
      '#[cfg(not(feature = "test-utils"))]',
      'mod negated;',
      '#[cfg(feature = "test-utils")]',
      'mod inline { pub mod deeper {} #[cfg(test)] mod tests {} }',
      '',
    ].join('\n'),
    'src/testing.rs': 'mod nested;\n',
    'src/testing/nested.rs': 'pub fn f() {}\n',
    'src/unix_only.rs': '',
    'src/strict.rs': '',
    'src/metrics.rs': '#![cfg(feature = "test-utils")]\nmod sub;\n',
    'src/metrics/sub.rs': '',
    'src/negated.rs': '',
  };
  const testing = (testFeatures?: string[]) => {
    const summaries = new Map(Object.entries(files).map(([rel, text]) => [at(rel), summarizeSource(text)]));
    const m = new CrateModel({ root: ROOT, libName: 'app', files: summaries, testFeatures });
    return (rel: string, ...inline: string[]) => {
      let mod = m.index.byFile.get(at(rel))!;
      for (const name of inline) mod = mod.children.get(name)!;
      return mod.testOnly ? 'cfg(test)' : mod.testSupport ? 'test support' : 'not test';
    };
  };

  it('phase 1 keeps a cfg naming features as written, for the package facts to judge', () => {
    const [own] = summarizeSource(files['src/lib.rs']).modules;
    expect(own.modDecls.find((d) => d.name === 'testing')).toEqual({
      name: 'testing',
      pub: true,
      testOnly: false,
      cfg: { op: 'any', args: [{ name: 'test' }, { name: 'feature', value: 'test-utils' }] },
    });
    expect(own.modDecls.find((d) => d.name === 'strict')).toEqual({ name: 'strict', pub: false, testOnly: true });
    expect(own.modDecls.find((d) => d.name === 'unix_only')).toEqual({ name: 'unix_only', pub: false, testOnly: false });
  });

  it('a module under a cfg only test-only features satisfy is test support, inline or in its own file, and so is what it holds', () => {
    const of = testing(['test-utils']);
    expect(of('src/testing.rs')).toBe('test support');
    expect(of('src/testing/nested.rs')).toBe('test support');
    expect(of('src/lib.rs', 'inline')).toBe('test support');
    expect(of('src/lib.rs', 'inline', 'deeper')).toBe('test support');
    expect(of('src/lib.rs', 'inline', 'tests')).toBe('cfg(test)');
    expect(of('src/metrics.rs')).toBe('test support'); // by its own `#![cfg(feature = "test-utils")]`
    expect(of('src/metrics/sub.rs')).toBe('test support');
    expect(of('src/strict.rs')).toBe('cfg(test)');
    expect(of('src/unix_only.rs')).toBe('not test');
    expect(of('src/negated.rs')).toBe('not test');
    expect(of('src/lib.rs')).toBe('not test');
  });

  it('without test-only features the same cfgs are not test code', () => {
    const of = testing();
    expect(of('src/testing.rs')).toBe('not test');
    expect(of('src/lib.rs', 'inline')).toBe('not test');
    expect(of('src/metrics/sub.rs')).toBe('not test');
    expect(of('src/strict.rs')).toBe('cfg(test)');
  });
});

describe('effects: code compiled only for tests', () => {
  it('does not follow calls a build without tests does not have', () => {
    const m = model({
      'src/lib.rs': [
        'mod dump;',
        '#[cfg(test)]',
        'mod check;',
        'pub fn migrate(diff: bool) { #[cfg(test)] if diff { check::snapshot(); } plain(); }',
        'fn plain() {}',
        'pub fn gated(diff: bool) { if diff { dump::write(); } }',
        '#[cfg(test)]',
        'mod tests { pub fn in_tests() { super::check::snapshot(); } }',
        '',
      ].join('\n'),
      'src/check.rs': 'pub fn snapshot() { std::process::Command::new("pg_dump").output().unwrap(); }\n',
      'src/dump.rs': 'pub fn write() { std::fs::write("dump", b"").unwrap(); }\n',
    });
    const lib = m.index.byFile.get(at('src/lib.rs'))!;
    const blocking = (p: string[]) => m.effects.blocking(m.index.resolvePath(lib, p)!);
    expect(blocking(['migrate'])).toBeNull(); // the call is under `#[cfg(test)]`
    expect(blocking(['gated'])).toEqual(['write', 'std::fs::write']);
    expect(blocking(['tests', 'in_tests'])).toEqual(['snapshot', 'std::process::Command::output']);
  });
});

describe('effects: locks another fn holds while it blocks', () => {
  it('a sync fn taking a std lock that another fn holds across a blocking call blocks too', () => {
    const m = model({
      'src/lib.rs': 'mod config;\nmod store;\n',
      'src/config.rs': [
        'use std::sync::Mutex;',
        'pub static CONFIG: Mutex<String> = Mutex::new(String::new());',
        'pub static TOKIO_STATE: tokio::sync::Mutex<u8> = tokio::sync::Mutex::const_new(0);',
        'pub fn reload() {',
        '    let mut g = CONFIG.lock().unwrap();',
        '    *g = std::fs::read_to_string("app.toml").unwrap();',
        '}',
        'pub fn get() -> String { CONFIG.lock().unwrap().clone() }',
        'pub fn quick() {',
        '    let g = CONFIG.lock().unwrap();',
        '    drop(g);',
        '    std::fs::read("x").unwrap();',
        '}',
        '',
      ].join('\n'),
      'src/store.rs': [
        'pub struct Store { cache: parking_lot::RwLock<Vec<u8>>, other: std::sync::Mutex<u8> }',
        'impl Store {',
        '    pub fn refill(&self) {',
        '        let mut c = self.cache.write();',
        '        c.extend(std::fs::read("cache").unwrap());',
        '    }',
        '    pub fn peek(&self) -> usize { self.cache.read().len() }',
        '    pub fn other(&self) -> u8 { *self.other.lock().unwrap() }',
        '}',
        '',
      ].join('\n'),
    });
    const config = m.index.byFile.get(at('src/config.rs'))!;
    const store = m.index.byFile.get(at('src/store.rs'))!;
    const blocking = (module: typeof config, p: string[]) => m.effects.blocking(m.index.resolvePath(module, p)!);
    expect(blocking(config, ['get'])).toEqual(['std::sync::Mutex::lock on CONFIG (held by reload across std::fs::read_to_string)']);
    expect(blocking(config, ['reload'])).toEqual(['std::fs::read_to_string']);
    expect(blocking(store, ['Store', 'peek'])).toEqual(['parking_lot::RwLock::read on self.cache (held by Store::refill across std::fs::read)']);
    // Nobody holds `other` across a blocking call.
    expect(blocking(store, ['Store', 'other'])).toBeNull();
  });

  it('a guard dropped before the blocking call does not make the lock a blocking one', () => {
    const m = model({
      'src/lib.rs': [
        'pub static CONFIG: std::sync::Mutex<u8> = std::sync::Mutex::new(0);',
        'pub fn quick() {',
        '    let g = CONFIG.lock().unwrap();',
        '    drop(g);',
        '    std::fs::read("x").unwrap();',
        '}',
        'pub fn get() -> u8 { *CONFIG.lock().unwrap() }',
        '',
      ].join('\n'),
    });
    const lib = m.index.byFile.get(at('src/lib.rs'))!;
    expect(m.effects.blocking(m.index.resolvePath(lib, ['get'])!)).toBeNull();
    expect(m.effects.blocking(m.index.resolvePath(lib, ['quick'])!)).toEqual(['std::fs::read']);
  });
});
