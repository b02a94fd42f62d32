import { beforeAll, describe, expect, it } from 'vitest';
import { FreshNames } from '../src/analysis/fresh-names.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

const find = (root: SyntaxNode, text: string, source: string) => [...descendants(root)].find((n) => source.slice(n.start, n.end) === text)!;

describe('fresh names', () => {
  it('skips names the fn mentions anywhere, numbers the rest, and never gives one name twice in a fn', () => {
    const src = 'fn f(task: u8) { let permit = 1; fn inner() { finished(); } }\nfn g() {}';
    const root = parseRust(src).root;
    const names = new FreshNames(src);
    const inF = find(root, 'let permit = 1;', src);
    const first = names.for(inF);
    expect([first('task'), first('permit'), first('finished'), first('index')]).toEqual(['task_2', 'permit_2', 'finished_2', 'index']);
    expect(first('task')).toBe('task_2'); // same namer, same base: same name
    const second = names.for(inF);
    expect([second('task'), second('index')]).toEqual(['task_3', 'index_2']);
    const inG = find(root, 'fn g() {}', src);
    expect(names.for(inG.children[inG.children.length - 1])('task')).toBe('task');
  });
});
