import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionContext } from '../src/analysis/async-context.js';
import { NO_MANIFEST, type CrateFacts } from '../src/analysis/crate.js';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { Resolver } from '../src/analysis/resolve.js';
import { descendants, field } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { allRules } from '../transforms/index.js';
import { TOKIO_FULL as TOKIO } from './support/crates.js';


beforeAll(async () => {
  await initParser();
});

function analyse(text: string, crate: CrateFacts = TOKIO): FileAnalysis {
  return new FileAnalysis('test.rs', text, parseRust(text).root, crate);
}

/** Every call in source order: the callee as written and what it resolves to (null: local or unresolvable). */
function callees(text: string): [string, string | null][] {
  const file = analyse(text);
  const out: [string, string | null][] = [];
  for (const n of descendants(file.root)) {
    if (n.type !== 'call_expression') continue;
    const callee = field(n, 'function')!;
    out.push([file.text(callee), file.qualifiedName(callee)]);
  }
  return out;
}

/** The callee node of the `nth` call written as `name(`. */
function calleeNode(text: string, name: string, nth = 0): { node: SyntaxNode; root: SyntaxNode } {
  const root = parseRust(text).root;
  const found = [...descendants(root)].filter((n) => n.type === 'call_expression' && text.slice(field(n, 'function')!.start, field(n, 'function')!.end) === name);
  if (!found[nth]) throw new Error(`no call #${nth} to ${name}`);
  return { node: field(found[nth], 'function')!, root };
}

describe('resolver: use forms', () => {
  it('plain `use` of the fn', () => {
    expect(callees('use std::thread::sleep;\nfn f() { sleep(d); }')).toEqual([['sleep', 'std::thread::sleep']]);
  });

  it('a module import, then a path through it', () => {
    expect(callees('use std::thread;\nfn f() { thread::sleep(d); }')).toEqual([['thread::sleep', 'std::thread::sleep']]);
  });

  it('an alias resolves; the original name is then not imported', () => {
    expect(callees('use std::thread::sleep as nap;\nfn f() { nap(d); sleep(d); }')).toEqual([
      ['nap', 'std::thread::sleep'],
      ['sleep', 'sleep'],
    ]);
  });

  it('`use x as _` binds nothing', () => {
    expect(callees('use std::thread::sleep as _;\nfn f() { sleep(d); }')).toEqual([['sleep', 'sleep']]);
  });

  it('grouped and nested groups, with `self` and `self as`', () => {
    const src = [
      'use std::{thread, time::{Duration, Instant}};',
      'use std::fs::{self, read as slurp};',
      'use std::net::{self as network};',
      'fn f() { thread::sleep(Duration::from_millis(1)); Instant::now(); fs::read(p); slurp(p); network::TcpStream::connect(a); }',
    ].join('\n');
    expect(callees(src)).toEqual([
      ['thread::sleep', 'std::thread::sleep'],
      ['Duration::from_millis', 'std::time::Duration::from_millis'],
      ['Instant::now', 'std::time::Instant::now'],
      ['fs::read', 'std::fs::read'],
      ['slurp', 'std::fs::read'],
      ['network::TcpStream::connect', 'std::net::TcpStream::connect'],
    ]);
  });

  it('a glob of an external module provides the name', () => {
    expect(callees('use std::thread::*;\nasync fn f() { sleep(d); }')).toEqual([['sleep', 'std::thread::sleep']]);
  });

  it('a glob provides CamelCase path roots (types) but not lowercase ones (crates)', () => {
    // `use std::thread::*` must not turn `std` into `std::thread::std`, nor `tokio` into `std::thread::tokio`.
    expect(callees('use std::thread::*;\nasync fn f() { std::thread::sleep(d); tokio::spawn(t); }')).toEqual([
      ['std::thread::sleep', 'std::thread::sleep'],
      ['tokio::spawn', 'tokio::spawn'],
    ]);
    expect(callees('use std::time::*;\nfn f() { Duration::from_millis(1); }')).toEqual([['Duration::from_millis', 'std::time::Duration::from_millis']]);
  });

  it('of two external globs, the one that provides a wanted path is taken', () => {
    const src = 'use std::time::*;\nuse std::thread::*;\nasync fn f() { sleep(Duration::ZERO); }';
    const file = analyse(src);
    expect(file.callsTo(new Set(['std::thread::sleep'])).map((c) => c.path)).toEqual(['std::thread::sleep']);
    expect(file.callsTo(new Set(['std::time::sleep'])).map((c) => c.path)).toEqual(['std::time::sleep']);
  });

  it('explicit imports and local items beat globs', () => {
    expect(callees('use std::thread::*;\nuse tokio::time::sleep;\nasync fn f() { sleep(d); }')).toEqual([['sleep', 'tokio::time::sleep']]);
    expect(callees('use std::thread::*;\nfn sleep(d: u64) {}\nasync fn f() { sleep(d); }')).toEqual([['sleep', null]]);
  });

  it('a leading `::` names the crate directly', () => {
    expect(callees('fn f() { ::std::thread::sleep(d); }')).toEqual([['::std::thread::sleep', 'std::thread::sleep']]);
    // Even when a local module is called `std`.
    expect(callees('mod std {}\nfn f() { ::std::thread::sleep(d); }')).toEqual([['::std::thread::sleep', 'std::thread::sleep']]);
  });

  it('`self::` looks in the current module', () => {
    const src = 'use std::thread;\nmod m {\n  use std::thread::sleep as pause;\n  fn g() { self::pause(d); }\n}\nfn f() { self::thread::sleep(d); }';
    expect(callees(src)).toEqual([
      ['self::pause', 'std::thread::sleep'],
      ['self::thread::sleep', 'std::thread::sleep'],
    ]);
  });

  it('`super::` and `super::super::` look in the parent modules', () => {
    const src = 'use std::thread;\nmod a {\n  use std::thread::sleep as nap;\n  mod b {\n    fn g() { super::nap(d); super::super::thread::sleep(d); }\n  }\n}';
    expect(callees(src)).toEqual([
      ['super::nap', 'std::thread::sleep'],
      ['super::super::thread::sleep', 'std::thread::sleep'],
    ]);
  });

  it('`super` above the file root resolves to nothing', () => {
    expect(callees('fn f() { super::thread::sleep(d); }')).toEqual([['super::thread::sleep', null]]);
  });

  it('`use super::*` in a child module brings the parent imports, items and globs', () => {
    const src = [
      'use std::thread::sleep;',
      'fn helper() {}',
      'mod tests {',
      '  use super::*;',
      '  async fn t() { sleep(d); helper(); }',
      '}',
      'mod globbed {',
      '  use std::thread::*;',
      '  mod tests {',
      '    use super::*;',
      '    async fn t() { sleep(d); }',
      '  }',
      '}',
    ].join('\n');
    expect(callees(src)).toEqual([
      ['sleep', 'std::thread::sleep'],
      ['helper', null],
      ['sleep', 'std::thread::sleep'],
    ]);
  });

  it('a glob of a local module brings its local items, which are not std', () => {
    const src = 'mod fake {\n  pub fn sleep(d: u64) {}\n}\nuse self::fake::*;\nasync fn f() { sleep(1); }';
    const { node } = calleeNode(src, 'sleep');
    expect(new Resolver(src).resolve(node)).toEqual({ path: 'self::sleep', local: true });
    expect(callees(src)).toEqual([['sleep', null]]);
  });

  it('`use` paths can start from a name imported earlier (2018 uniform paths)', () => {
    expect(callees('use std::thread;\nuse thread::sleep as nap;\nfn f() { nap(d); }')).toEqual([['nap', 'std::thread::sleep']]);
  });

  it('a `use` binding a crate under its own name does not resolve through itself', () => {
    expect(callees('use tokio::{self, task};\nfn f() { tokio::spawn(x); task::yield_now(); }')).toEqual([
      ['tokio::spawn', 'tokio::spawn'],
      ['task::yield_now', 'tokio::task::yield_now'],
    ]);
    expect(callees('use fs_err::{self, read};\nuse fs_err;\nfn f() { read(p); fs_err::metadata(p); }')).toEqual([
      ['read', 'fs_err::read'],
      ['fs_err::metadata', 'fs_err::metadata'],
    ]);
    expect(callees('use fs_err;\nfn f() { fs_err::write(p, b); }')).toEqual([['fs_err::write', 'fs_err::write']]);
  });

  it('`extern crate ... as` aliases the crate', () => {
    expect(callees('extern crate std as stdlib;\nfn f() { stdlib::thread::sleep(d); }')).toEqual([['stdlib::thread::sleep', 'std::thread::sleep']]);
  });

  it('`crate::` and `Self::` paths are local', () => {
    expect(callees('fn f() { crate::thread::sleep(d); Self::sleep(d); }')).toEqual([
      ['crate::thread::sleep', null],
      ['Self::sleep', null],
    ]);
  });

  it('import cycles end instead of recursing forever', () => {
    expect(callees('mod a { pub use super::b::*; }\nmod b { pub use super::a::*; }\nuse a::*;\nfn f() { sleep(d); }')).toEqual([['sleep', 'sleep']]);
  });
});

describe('resolver: scopes and shadowing', () => {
  it('a `use` at the file root is not visible inside `mod inner { }`', () => {
    const src = 'use std::thread::sleep;\nuse std::thread;\nmod inner {\n  fn f() { sleep(d); thread::sleep(d); }\n}';
    expect(callees(src)).toEqual([
      ['sleep', 'sleep'],
      ['thread::sleep', 'thread::sleep'],
    ]);
  });

  it('a `use` inside a fn body covers that body and nested blocks only', () => {
    const src = 'fn f() {\n  use std::thread::sleep;\n  { sleep(d); }\n}\nfn g() { sleep(d); }';
    expect(callees(src)).toEqual([
      ['sleep', 'std::thread::sleep'],
      ['sleep', 'sleep'],
    ]);
  });

  it('a local `fn sleep` in the module shadows nothing imported but is itself local', () => {
    const src = 'mod sim {\n  fn sleep(d: u64) {}\n  async fn f() { sleep(1); }\n}';
    const { node } = calleeNode(src, 'sleep');
    expect(new Resolver(src).resolve(node)).toEqual({ path: 'self::sleep', local: true });
  });

  it('a `fn sleep` declared inside a block shadows an outer import', () => {
    const src = 'use std::thread::sleep;\nasync fn f() {\n  fn sleep(d: u64) {}\n  sleep(1);\n}';
    expect(callees(src)).toEqual([['sleep', null]]);
  });

  it('a `let` binding shadows the import from its statement on, not before', () => {
    const src = 'use std::thread::sleep;\nasync fn f() {\n  sleep(d);\n  let sleep = |d: u64| {};\n  sleep(1);\n  { sleep(2); }\n}';
    expect(callees(src)).toEqual([
      ['sleep', 'std::thread::sleep'],
      ['sleep', null],
      ['sleep', null],
    ]);
  });

  it('fn and closure parameters shadow the import', () => {
    const src = 'use std::thread::sleep;\nasync fn f(sleep: impl Fn(u64)) { sleep(1); }\nfn g() { let h = |sleep: fn(u64)| sleep(1); }';
    expect(callees(src)).toEqual([
      ['sleep', null],
      ['sleep', null],
    ]);
  });

  it('pattern bindings in `match`, `if let`, `while let` and `for` shadow the import', () => {
    const src = [
      'use std::thread::sleep;',
      'async fn f(o: Option<fn(u64)>, v: Vec<fn(u64)>) {',
      '  match o { Some(sleep) => sleep(1), None => {} }',
      '  if let Some(sleep) = o { sleep(2); }',
      '  while let Some(sleep) = o { sleep(3); }',
      '  for sleep in v { sleep(4); }',
      '  sleep(5);',
      '}',
    ].join('\n');
    expect(callees(src)).toEqual([
      ['sleep', null],
      ['sleep', null],
      ['sleep', null],
      ['sleep', null],
      ['sleep', 'std::thread::sleep'],
    ]);
  });

  it('a let binding in an outer fn does not reach into a nested fn', () => {
    const src = 'use std::thread::sleep;\nfn f() {\n  let sleep = 1;\n  fn g() { sleep(d); }\n}';
    expect(callees(src)).toEqual([['sleep', 'std::thread::sleep']]);
  });

  it('generic and qualified paths are not resolved', () => {
    expect(callees('fn f() { <T as Trait>::sleep(d); Vec::<u8>::new(); }')).toEqual([
      ['<T as Trait>::sleep', null],
      ['Vec::<u8>::new', null],
    ]);
  });
});

describe('FileAnalysis.callsTo and pathReferences', () => {
  it('find calls and value uses, in macro bodies parsed as code too, but not `use` items, patterns or tokens of other macros', () => {
    const src = [
      'use std::thread::{self, sleep};',
      'async fn f(d: Duration) {',
      '  thread::sleep(d);',
      '  let g: fn(Duration) = sleep;',
      '  println!("{:?}", sleep);',
      '  other!(=> sleep(d));',
      '}',
    ].join('\n');
    const file = analyse(src);
    const wanted = new Set(['std::thread::sleep']);
    expect(file.callsTo(wanted).map((c) => file.text(c.callee))).toEqual(['thread::sleep']);
    expect(file.pathReferences(wanted).map((r) => [file.text(r.node), r.node.field, r.node.parent?.type])).toEqual([
      ['thread::sleep', 'function', 'call_expression'],
      ['sleep', 'value', 'let_declaration'],
      ['sleep', null, 'macro_body'],
    ]);
  });
});

describe('async context', () => {
  const kindOf = (src: string, name: string, nth = 0) => executionContext(calleeNode(src, name, nth).node).kind;

  it('an async fn body is async; a sync fn body is not', () => {
    expect(kindOf('async fn f() { mark(); }', 'mark')).toBe('async');
    expect(kindOf('fn f() { mark(); }', 'mark')).toBe('sync');
  });

  it('an async block in a sync fn is async, code beside it is not', () => {
    const src = 'fn f() -> impl Future<Output = ()> { mark(); async move { mark(); } }';
    expect(kindOf(src, 'mark', 0)).toBe('sync');
    expect(kindOf(src, 'mark', 1)).toBe('async');
  });

  it('an async closure and a closure returning an async block are async', () => {
    expect(kindOf('fn f() { let c = async |x: u32| { mark(); }; }', 'mark')).toBe('async');
    expect(kindOf('fn f() { let c = async move || mark(); }', 'mark')).toBe('async');
    expect(kindOf('fn f() { let c = |x: u32| async move { mark(); }; }', 'mark')).toBe('async');
  });

  it('a plain closure ends the async context, and is named as its owner', () => {
    const src = 'async fn f() { tokio::task::spawn_blocking(move || { mark(); }); std::thread::spawn(|| mark()); }';
    const { node } = calleeNode(src, 'mark', 0);
    const ctx = executionContext(node);
    expect(ctx.kind).toBe('sync');
    expect(ctx.owner?.type).toBe('closure_expression');
    expect(kindOf(src, 'mark', 1)).toBe('sync');
  });

  it('a nested fn inside an async fn is sync unless it is async itself', () => {
    expect(kindOf('async fn f() { fn g() { mark(); } }', 'mark')).toBe('sync');
    expect(kindOf('fn f() { async fn g() { mark(); } }', 'mark')).toBe('async');
  });

  it('a sync #[test] is sync; #[tokio::test] async fn is async', () => {
    expect(kindOf('#[cfg(test)]\nmod tests {\n  #[test]\n  fn t() { mark(); }\n}', 'mark')).toBe('sync');
    expect(kindOf('#[cfg(test)]\nmod tests {\n  #[tokio::test]\n  async fn t() { mark(); }\n}', 'mark')).toBe('async');
  });

  it('async methods in impls and traits are async', () => {
    expect(kindOf('impl S { pub async fn run(&self) { mark(); } }', 'mark')).toBe('async');
    expect(kindOf('trait T { async fn run(&self) { mark(); } }', 'mark')).toBe('async');
  });

  it('const and static initialisers are sync', () => {
    expect(kindOf('const X: () = mark();', 'mark')).toBe('sync');
    expect(kindOf('static Y: () = mark();', 'mark')).toBe('sync');
  });

  it('the owner of an async context is the innermost async construct', () => {
    const src = 'async fn f() { let b = async { mark(); }; }';
    const ctx = executionContext(calleeNode(src, 'mark').node);
    expect(ctx).toMatchObject({ kind: 'async', owner: { type: 'async_block' } });
  });
});

describe('FileAnalysis.tokio()', () => {
  it('passes usable and unusable facts through', () => {
    expect(analyse('fn f() {}', { ...TOKIO, tokio: { status: 'usable', path: 'rt', features: [] } }).tokio()).toEqual({ usable: true, path: 'rt' });
    expect(analyse('fn f() {}', { ...TOKIO, tokio: { status: 'unusable', reason: 'nope' } }).tokio()).toEqual({ usable: false, reason: 'nope' });
  });

  it('with no manifest, infers tokio from the file using it', () => {
    expect(analyse('async fn f() { tokio::spawn(async {}); }', NO_MANIFEST).tokio()).toEqual({ usable: true, path: 'tokio' });
    expect(analyse('use tokio::time::Duration;\nfn f() {}', NO_MANIFEST).tokio()).toEqual({ usable: true, path: 'tokio' });
    expect(analyse('#[tokio::main]\nasync fn main() {}', NO_MANIFEST).tokio()).toEqual({ usable: true, path: 'tokio' });
  });

  it('with no manifest and no tokio in the file, offers no fix and says why', () => {
    const t = analyse('// tokio is mentioned only here\nasync fn f() { let tokio = 1; }', NO_MANIFEST).tokio();
    expect(t).toEqual({ usable: false, reason: 'no Cargo.toml was found for this file and the file does not use tokio' });
    const text = 'use std::time::Duration;\nasync fn f() {\n    std::thread::sleep(Duration::ZERO);\n}\n';
    const out = processFile({ path: 'x.rs', text, crate: NO_MANIFEST }, { rules: allRules, fixMode: 'unsafe' });
    expect(out.newText).toBe(text);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ rule: 'blocking-sleep', fix: 'none', applied: false, line: 3, column: 5 });
    expect(out.findings[0].note).toContain('no Cargo.toml was found');
  });

  it('a renamed tokio is used by the fix', () => {
    const text = 'async fn f(d: std::time::Duration) {\n    std::thread::sleep(d);\n}\n';
    const crate: CrateFacts = { ...TOKIO, tokio: { status: 'usable', path: 'rt', features: ['full'] } };
    const out = processFile({ path: 'x.rs', text, crate }, { rules: allRules, fixMode: 'safe' });
    expect(out.newText).toBe('async fn f(d: std::time::Duration) {\n    rt::time::sleep(d).await;\n}\n');
  });
});
