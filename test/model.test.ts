import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';
import { descendants, field } from '../src/analysis/syntax.js';
import { CrateModel, summarizeSource } from '../src/model/crate-model.js';
import { defName, type ResolvedType } from '../src/model/crate-index.js';

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
