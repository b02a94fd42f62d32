import { beforeAll, describe, expect, it } from 'vitest';
import { iteratorChainOf, literalIterations, literalLength, loopDriver, loopNest, permitAcquiredBefore } from '../src/analysis/loops.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

const find = (root: SyntaxNode, text: string, source: string, type?: string) =>
  [...descendants(root)].find((n) => source.slice(n.start, n.end) === text && (!type || n.type === type))!;

/** The `for` header value `expr` parsed in context. */
function lengthOf(expr: string): number | null {
  const src = `fn f() { for x in ${expr} {} }`;
  const root = parseRust(src).root;
  return literalLength(find(root, expr, src), src);
}

describe('loop shapes', () => {
  it('literalLength counts literal ranges and arrays, through same-length adapters', () => {
    expect(lengthOf('0..4')).toBe(4);
    expect(lengthOf('1..=1024u16')).toBe(1024);
    expect(lengthOf('10..2')).toBe(0);
    expect(lengthOf('[1, 2, 3]')).toBe(3);
    expect(lengthOf('[0u8; 16]')).toBe(16);
    expect(lengthOf('&["a", "b"]')).toBe(2);
    expect(lengthOf('["a", "b"].iter().copied().enumerate()')).toBe(2);
    expect(lengthOf('0..n')).toBeNull();
    expect(lengthOf('items')).toBeNull();
    expect(lengthOf('[1, 2].iter().filter(|x| true)')).toBeNull();
  });

  it('literalLength reads a const of the file, unless a local binding hides it or two consts share the name', () => {
    const at = (src: string, expr: string) => {
      const root = parseRust(src).root;
      const nodes = [...descendants(root)].filter((n) => src.slice(n.start, n.end) === expr && n.type === 'range_expression');
      return literalLength(nodes[nodes.length - 1], src);
    };
    expect(at('const N: usize = 12;\nfn f() { for i in 0..N {} }', '0..N')).toBe(12);
    expect(at('const N: usize = 12;\nfn f(N: usize) { for i in 0..N {} }', '0..N')).toBeNull();
    expect(at('const N: usize = 12;\nmod m { const N: usize = 500; }\nfn f() { for i in 0..N {} }', '0..N')).toBeNull();
  });

  it('loopDriver names what an event loop awaits, in its own code or a select!', () => {
    const src = [
      'async fn f() {',
      '  loop { let (s, _) = l.accept().await.unwrap(); }',
      '  while let Some(m) = rx.recv().await { }',
      '  while let Some(m) = s.next().await { }',
      '  loop { tick.tick().await; }',
      '  loop { tokio::select! { m = rx.recv() => {} } }',
      '  for x in xs { work(x).await; }',
      '  for x in xs { tokio::spawn(async move { rx.recv().await }); }',
      '}',
    ].join('\n');
    const root = parseRust(src).root;
    const loops = [...descendants(root)].filter((n) => /^(for|while|loop)_expression$/.test(n.type));
    expect(loops.map((l) => loopDriver(l, src))).toEqual(['accept', 'recv', 'next', 'tick', 'recv', null, null]);
  });

  it('loopNest stops at the first event loop and keeps the outermost loop', () => {
    const src = 'async fn f() { while let Some(b) = rx.recv().await { for x in b { for y in 0..2 { go(y); } } } }';
    const root = parseRust(src).root;
    const nest = loopNest(find(root, 'go(y)', src), src);
    expect(nest.loops.map((l) => l.type)).toEqual(['for_expression', 'for_expression']);
    expect(nest.driven?.by).toBe('recv');
    expect(nest.outermost?.type).toBe('while_expression');
    expect(literalIterations(nest.loops, src)).toBeNull();
    expect(literalIterations(nest.loops.slice(0, 1), src)).toBe(2);
  });

  it('permitAcquiredBefore: a permit moved into the spawn, or held for the round, bounds it; one moved elsewhere does not', () => {
    const src = [
      'async fn f() { for x in xs {',
      '  let p = s.clone().acquire_owned().await.unwrap();',
      '  tokio::spawn(async move { drop(p); one(x).await });',
      '  tokio::spawn(two(x));',
      '} }',
      'async fn g() { for x in xs { let _g = s.acquire().await.unwrap(); tokio::spawn(three(x)); } }',
      'async fn h() { for x in xs { tokio::spawn(four(x)); let _g = s.acquire().await; } }',
    ].join('\n');
    const root = parseRust(src).root;
    const loopOf = (n: SyntaxNode) => { let l = n; while (l.type !== 'for_expression') l = l.parent!; return l; };
    const one = find(root, 'tokio::spawn(async move { drop(p); one(x).await })', src);
    expect(permitAcquiredBefore(one, loopOf(one), src)).toBe(true);
    const two = find(root, 'tokio::spawn(two(x))', src);
    expect(permitAcquiredBefore(two, loopOf(two), src)).toBe(false);
    const three = find(root, 'tokio::spawn(three(x))', src);
    expect(permitAcquiredBefore(three, loopOf(three), src)).toBe(true);
    const four = find(root, 'tokio::spawn(four(x))', src);
    expect(permitAcquiredBefore(four, loopOf(four), src)).toBe(false);
  });

  it('iteratorChainOf finds map(..).collect() and for_each closures, not other adapters', () => {
    const src = [
      'async fn f() {',
      '  let a: Vec<_> = xs.iter().map(|x| tokio::spawn(one(x))).collect::<Vec<_>>();',
      '  xs.into_iter().for_each(|x| { tokio::spawn(two(x)); });',
      '  let c = xs.iter().map(|x| tokio::spawn(three(x)));',
      '  let d = xs.iter().filter_map(|x| Some(tokio::spawn(four(x)))).collect::<Vec<_>>();',
      '}',
    ].join('\n');
    const root = parseRust(src).root;
    const chain = (text: string) => iteratorChainOf(find(root, text, src), src);
    const a = chain('tokio::spawn(one(x))');
    expect(a?.adapter).toBe('map');
    expect(src.slice(a!.iterator.start, a!.iterator.end)).toBe('xs.iter()');
    expect(src.slice(a!.chain.start, a!.chain.end)).toBe('xs.iter().map(|x| tokio::spawn(one(x))).collect::<Vec<_>>()');
    expect(chain('tokio::spawn(two(x))')?.adapter).toBe('for_each');
    expect(chain('tokio::spawn(three(x))')).toBeNull();
    expect(chain('tokio::spawn(four(x))')).toBeNull();
  });
});
