import { beforeAll, describe, expect, it } from 'vitest';
import { isPathValue, methodCall, PATH_QUERIES } from '../src/analysis/blocking.js';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { planSpawnBlocking, withUnitOk } from '../transforms/blocking-fs/spawn-blocking.js';
import { descendants, field, ofType } from '../src/analysis/syntax.js';
import { initParser, parseRust } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { allRules } from '../transforms/index.js';
import { TOKIO_FULL as TOKIO } from './support/crates.js';


beforeAll(async () => {
  await initParser();
});

const analyse = (text: string) => new FileAnalysis('t.rs', text, parseRust(text).root, TOKIO);

describe('isPathValue', () => {
  it('tells a path receiver from what the tree shows, and nothing else', () => {
    const src = `use std::path::{Path, PathBuf};
struct S { root: String }
fn f(a: &Path, b: PathBuf, c: impl AsRef<Path>, d: &str, s: S) {
    let e = Path::new("x");
    let g = PathBuf::from("y").join("z");
    let h = e.join("w");
    let i = s.root.clone();
    a.exists(); b.exists(); c.exists(); d.exists(); e.exists(); g.exists(); h.exists(); i.exists(); s.root.exists();
}`;
    const file = analyse(src);
    const verdicts: Record<string, boolean> = {};
    for (const n of descendants(file.root)) {
      const m = n.type === 'call_expression' ? methodCall(n, PATH_QUERIES, file) : null;
      if (m) verdicts[file.text(m.receiver)] = isPathValue(m.receiver, file);
    }
    expect(verdicts).toEqual({ a: true, b: true, c: true, d: false, e: true, g: true, h: true, i: false, 's.root': false });
  });
});

describe('blocking helpers (the crate model\'s effect summaries, one file)', () => {
  it('finds sync fns that block directly or through another helper, and resolves calls per module', () => {
    const src = `use std::fs;
fn save(b: &str) { fs::write("c", b).ok(); }
fn nap() { std::thread::sleep(std::time::Duration::from_millis(1)); }
fn both() { nap(); }
fn pure(x: u32) -> u32 { x + 1 }
async fn not_helper() { tokio::fs::write("c", "b").await.ok(); }
mod other { pub fn save() {} pub async fn g() { save(); } }
async fn h() { save("x"); both(); pure(1); }`;
    const file = analyse(src);
    const chains = ofType(file.root, 'call_expression').flatMap((call) => {
      const callee = file.model!.callee(call);
      const chain = callee && callee.kind !== 'external' ? file.model!.blocking(callee) : null;
      return chain ? [[file.text(call), chain.join(' -> ')]] : [];
    });
    // `save()` inside `mod other` is that module's own fn, which does not block.
    expect(chains).toEqual([
      ['nap()', 'std::thread::sleep'],
      ['save("x")', 'std::fs::write'],
      ['both()', 'nap -> std::thread::sleep'],
    ]);
  });
});

describe('planSpawnBlocking', () => {
  const plan = (src: string, trigger = 'File::open(p)') => {
    const file = analyse(src);
    const call = [...descendants(file.root)].find((n) => n.type === 'call_expression' && file.text(n) === trigger)!;
    return planSpawnBlocking(file, call, 'tokio');
  };

  it('says why a sequence cannot move', () => {
    const head = 'use std::fs::File;\nuse std::io::Read;\n';
    const cases: [string, RegExp][] = [
      ['async fn f(p: &str) { let mut f = File::open(p).unwrap(); g().await; f.read(&mut [0]).unwrap(); }\nasync fn g() {}', /awaits/],
      ['async fn f(p: &str) -> u8 { let f = File::open(p); if f.is_err() { return 1; } drop(f); 0 }', /returns from the fn/],
      ['async fn f(p: &mut String) { let f = File::open(p); drop(f); }', /owned value/],
      ['async fn f(p: &str) { let f = File::open(p); drop(f); println!("{p}"); }', /used after the sequence/],
      ['async fn f(p: String) -> std::io::Result<()> { for _ in 0..2 { let f = File::open(p)?; drop(f); } Ok(()) }', /runs in a loop|used after/],
      ['async fn f(p: &str) -> impl Sized { let f = File::open(p)?; drop(f); Ok::<(), std::io::Error>(()) }', /error type/],
    ];
    for (const [body, reason] of cases) {
      const r = plan(head + body);
      expect('reason' in r ? r.reason : 'fix', body).toMatch(reason);
    }
  });

  it('moves the run with owned captures and keeps `?` through the fn error type', () => {
    const src = 'use std::fs::File;\nuse std::io::Read;\nasync fn f(p: &str, n: u8) -> anyhow::Result<()> {\n    let mut f = File::open(p)?;\n    f.read_exact(&mut [n])?;\n    tokio::task::yield_now().await;\n    Ok(())\n}\n';
    const r = plan(src);
    expect('edit' in r && r.edit.text).toBe(
      'let p = p.to_owned();\n    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {\n        let p = &*p;\n        let mut f = File::open(p)?;\n        f.read_exact(&mut [n])?;\n        Ok(())\n    })\n    .await\n    .expect("blocking task panicked")?;',
    );
  });

  it('with `through`, starts from a run of statements and keeps growing it the same way', () => {
    const src = 'use std::fs;\nasync fn f(p: &str) -> std::io::Result<usize> {\n    let q = p.to_owned() + ".bak";\n    fs::copy(p, &q)?;\n    let n = fs::read(&q)?.len();\n    fs::remove_file(&q)?;\n    Ok(n)\n}\n';
    const file = analyse(src);
    const stmt = (text: string) => [...descendants(file.root)].find((n) => n.parent?.type === 'block' && file.text(n).startsWith(text))!;
    const call = [...descendants(file.root)].find((n) => n.type === 'call_expression' && file.text(n) === 'fs::copy(p, &q)')!;
    const r = planSpawnBlocking(file, call, 'tokio', stmt('let n'));
    // `let q` is pulled in because the run uses `q`; `Ok(n)` because it uses what the run binds.
    expect('edit' in r && file.text(r)).toBe(src.slice(src.indexOf('let q'), src.indexOf('Ok(n)') + 'Ok(n)'.length));
    expect('edit' in r && r.edit.text).toMatch(/^let p = p\.to_owned\(\);\n    tokio::task::spawn_blocking\(move \|\| -> std::io::Result<usize> \{\n        let p = &\*p;\n        let q = /);
    const before = planSpawnBlocking(file, stmt('fs::remove_file'), 'tokio', stmt('fs::copy'));
    expect('reason' in before && before.reason).toMatch(/not a run/);
  });

  it('withUnitOk keeps the error type of a Result', () => {
    expect(withUnitOk('io::Result<Vec<String>>')).toBe('io::Result<()>');
    expect(withUnitOk('Result<HashMap<u8, u8>, MyError>')).toBe('Result<(), MyError>');
    expect(withUnitOk('Option<u8>')).toBeNull();
  });
});

describe('blocking-fs runs of calls', () => {
  const src = 'use std::fs;\nuse std::path::Path;\n\npub async fn save(dir: &Path) -> std::io::Result<()> {\n    fs::write(dir.join("a"), b"1")?;\n    fs::rename(dir.join("a"), dir.join("b"))?;\n    Ok(())\n}\n';
  const fixWith = (fixMode: 'safe' | 'unsafe') => processFile({ path: 't.rs', text: src, crate: TOKIO }, { rules: allRules.filter((r) => r.id === 'blocking-fs'), fixMode });

  it('reports one finding whose preferred fix is one unsafe spawn_blocking and whose alternative is the safe swaps', () => {
    const { findings } = fixWith('unsafe');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^2 blocking `std::fs` calls in a row \(write, rename\)/);
    // Its range covers both calls, from the first's start to the last's end.
    expect([findings[0].line, findings[0].column, findings[0].endLine, findings[0].endColumn]).toEqual([5, 5, 6, 45]);
    expect(findings[0].fix).toBe('unsafe');
    expect(findings[0].fixTitle).toMatch(/spawn_blocking.*runs to completion even if the task is dropped/);
    expect(findings[0].alternatives).toEqual([{ fix: 'safe', title: 'Use `tokio::fs::write`, `tokio::fs::rename` with `.await` for each of the 2 calls' }]);
  });

  it('--yes applies the swaps, --unsafe-fixes the batch', () => {
    const safe = fixWith('safe');
    expect(safe.newText).toContain('    tokio::fs::write(dir.join("a"), b"1").await?;\n    tokio::fs::rename(dir.join("a"), dir.join("b")).await?;\n');
    expect(safe.newText).not.toContain('use std::fs;');
    expect(safe.newText).not.toContain('spawn_blocking');
    const unsafe = fixWith('unsafe');
    expect(unsafe.newText).toContain('tokio::task::spawn_blocking(move || -> std::io::Result<()> {\n        let dir = &*dir;\n        fs::write(');
    expect(unsafe.newText).toContain('use std::fs;');
    expect(unsafe.newText).not.toContain('tokio::fs::');
  });
});

describe('blocking-io report-only APIs that fixtures cannot build', () => {
  it('reports reqwest::blocking and Handle::block_on paths with advice, and applies nothing', () => {
    const src = 'async fn f() { let _ = reqwest::blocking::get("http://x"); tokio::runtime::Handle::block_on(&h(), async {}); }\nfn h() -> tokio::runtime::Handle { todo!() }\n';
    const out = processFile({ path: 't.rs', text: src, crate: TOKIO }, { rules: allRules.filter((r) => r.id === 'blocking-io'), fixMode: 'unsafe' });
    expect(out.findings.map((f) => [f.message.split(' ')[0], f.fix])).toEqual([
      ['`reqwest::blocking::get`', 'none'],
      ['`tokio::runtime::Handle::block_on`', 'none'],
    ]);
    expect(out.newText).toBe(src);
  });
});
