import { beforeAll, describe, expect, it } from 'vitest';
import { handleUse, mentionsOf } from '../src/analysis/spawn-handles.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

const find = (root: SyntaxNode, text: string, source: string) => [...descendants(root)].find((n) => source.slice(n.start, n.end) === text)!;
const JOIN_ALL = (n: SyntaxNode, src: string) => (/^(futures::future::)?join_all$/.test(src.slice(n.start, n.end)) ? 'futures::future::join_all' : null);

/** handleUse of the `tokio::spawn(work(x))` call in `body` (an async fn body). */
function useOf(body: string) {
  const src = `async fn f(xs: Vec<u8>) {\n${body}\n}`;
  const root = parseRust(src).root;
  const spawn = find(root, 'tokio::spawn(work(x))', src);
  return { use: handleUse(spawn, src, (n) => JOIN_ALL(n, src)), src };
}

describe('spawn handles', () => {
  it('a dropped handle is fire and forget', () => {
    expect(useOf('for x in xs { tokio::spawn(work(x)); }').use.kind).toBe('dropped');
    expect(useOf('for x in xs { let _ = tokio::spawn(work(x)); }').use.kind).toBe('dropped');
    expect(useOf('for x in xs { let _h = tokio::spawn(work(x)); }').use.kind).toBe('other');
  });

  it('a handle awaited in the same round runs one task at a time', () => {
    expect(useOf('for x in xs { tokio::spawn(work(x)).await.unwrap(); }').use.kind).toBe('awaited');
    expect(useOf('for x in xs { let h = tokio::spawn(work(x)); log(x); h.await.unwrap(); }').use.kind).toBe('awaited');
    // awaited in a task of its own: the loop does not wait for it
    expect(useOf('for x in xs { let h = tokio::spawn(work(x)); tokio::spawn(async move { h.await }); }').use.kind).toBe('other');
  });

  it('a Vec awaited by one later for loop: ordered unless the result is dropped', () => {
    const ordered = useOf('let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nlet mut out = vec![];\nfor h in hs { out.push(h.await.unwrap()); }');
    expect(ordered.use).toMatchObject({ kind: 'collected', name: 'hs', consumer: { kind: 'for', ordered: true } });
    const u = ordered.use as Extract<typeof ordered.use, { kind: 'collected' }>;
    expect(ordered.src.slice(u.consumer.kind === 'for' ? u.consumer.awaited.start : 0, u.consumer.kind === 'for' ? u.consumer.awaited.end : 0)).toBe('h.await');
    expect(ordered.src.slice(u.producer.start, u.producer.end)).toMatch(/^for x in xs/);
    const dropped = useOf('let mut hs = Vec::with_capacity(3);\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nfor h in hs { h.await.expect("panicked"); }');
    expect(dropped.use).toMatchObject({ kind: 'collected', consumer: { kind: 'for', ordered: false } });
    const tryDropped = useOf('let mut hs = vec![];\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nfor h in hs { h.await?; }');
    expect(tryDropped.use).toMatchObject({ kind: 'collected', consumer: { kind: 'for', ordered: false } });
  });

  it('join_all of the Vec is an ordered consumer', () => {
    const r = useOf('let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nlet rs = futures::future::join_all(hs).await;');
    expect(r.use).toMatchObject({ kind: 'collected', consumer: { kind: 'join_all', ordered: true } });
  });

  it('anything else the Vec does is not followed', () => {
    const cases = [
      // used twice after the loop
      'let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nlet n = hs.len();\nfor h in hs { h.await.unwrap(); }',
      // returned
      'let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nreturn hs;',
      // touched inside the loop besides the push
      'let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); hs.truncate(9); }\nfor h in hs { h.await.unwrap(); }',
      // the handle used beyond one await
      'let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nfor h in hs { h.abort(); h.await.unwrap(); }',
      // a macro mentions the Vec
      'let mut hs = Vec::new();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nprintln!("{}", hs.len());\nfor h in hs { h.await.unwrap(); }',
      // not a fresh Vec
      'let mut hs = existing();\nfor x in xs { hs.push(tokio::spawn(work(x))); }\nfor h in hs { h.await.unwrap(); }',
    ];
    for (const c of cases) expect(useOf(c).use.kind, c).toBe('other');
  });

  it('mentionsOf counts variables and macros naming them, not fields or path tails', () => {
    const src = 'fn f() { hs.push(1); s.hs; a::hs(); println!("{}", hs); }';
    const root = parseRust(src).root;
    const found = mentionsOf('hs', root, src).map((n) => n.type);
    expect(found).toEqual(['identifier', 'macro_invocation']);
  });
});
