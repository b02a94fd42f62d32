import { beforeAll, describe, expect, it } from 'vitest';
import { awaitsIn, boundNames, enclosingLoop, loopLabel, mentionedNames, returnTypeOf, statementOf, usedAfter } from '../src/analysis/flow.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

const parse = (text: string) => parseRust(text).root;
const find = (root: SyntaxNode, text: string, source: string, type?: string) =>
  [...descendants(root)].find((n) => source.slice(n.start, n.end) === text && (!type || n.type === type))!;

describe('flow analysis', () => {
  it('awaitsIn counts the awaits of this future only', () => {
    const src = 'async fn f() { a().await; let c = async { b().await }; let d = || async { e().await }; g(h().await).await; }';
    const root = parse(src);
    const body = find(root, 'f', src).parent!;
    expect(awaitsIn(body).map((n) => src.slice(n.start, n.end))).toEqual(['a().await', 'g(h().await).await', 'h().await']);
  });

  it('enclosingLoop finds the innermost loop of the same body, with its label, and not from the header', () => {
    const src = "async fn f(xs: Vec<u8>) { 'outer: for x in xs { while cond() { step(); } spawn(async move { inner(); }); } }";
    const root = parse(src);
    const step = find(root, 'step', src);
    expect(enclosingLoop(step)?.type).toBe('while_expression');
    const cond = find(root, 'cond', src);
    expect(enclosingLoop(cond)?.type).toBe('for_expression');
    expect(loopLabel(enclosingLoop(cond)!, src)).toBe("'outer");
    expect(enclosingLoop(find(root, 'inner', src))).toBeNull(); // the async block is its own body
  });

  it('returnTypeOf reads the owning fn, and says unknown inside an async block', () => {
    const src = 'fn f() -> Result<(), std::io::Error> { x(); } fn g() { y(); } fn h() { let _ = async { z(); }; }';
    const root = parse(src);
    expect(returnTypeOf(find(root, 'x', src), src)?.text).toBe('Result<(), std::io::Error>');
    expect(returnTypeOf(find(root, 'y', src), src)?.text).toBeNull();
    expect(returnTypeOf(find(root, 'z', src), src)).toBeNull();
  });

  it('names: what a let binds, what an expression mentions (macro tokens included), and later uses', () => {
    const src = 'fn f() { let (a, mut b) = pair(); let s = S { x: a.len() }; println!("{}", b); other::path::c(q.field); }';
    const root = parse(src);
    const first = statementOf(find(root, 'pair', src))!;
    expect(boundNames(first, src)).toEqual(['a', 'b']);
    const block = first.parent!;
    const last = block.children.filter((c) => c.named).at(-1)!;
    expect([...mentionedNames(last, src)].sort()).toEqual(['other', 'q']);
    expect(usedAfter('b', first, block, src)).toBe(true); // only inside println!'s tokens
    expect(usedAfter('zz', first, block, src)).toBe(false);
  });
});
