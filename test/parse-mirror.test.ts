import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { forgetKeptTrees, initParser, keptTrees, parseRust, type ParsedFile, type SyntaxNode, type TreeSource } from '../src/engine/parse.js';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { mixedFile, nestedBlocks } from '../scripts/lib/scaling-inputs.mjs';
import { repoRoot } from './support/cli.js';

/**
 * The mirror is read three ways (src/engine/tree-reader.ts, flat-tree.ts):
 * the public TreeCursor, the wasm binding's cursor functions, and flat arrays
 * from a parse worker. All must give the same tree, node for node.
 */
function shape(parsed: ParsedFile): string[] {
  const out: string[] = [`errors ${parsed.errorCount}`];
  const stack: [SyntaxNode, number][] = [[parsed.root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    out.push(`${depth} ${n.type} ${n.start}-${n.end} ${n.named ? 'named' : 'token'} ${n.field ?? '-'} ${n.parent === null ? 'root' : n.parent.children.includes(n) ? 'child' : 'stray'}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], depth + 1]);
  }
  return out;
}

const fixtureInputs = (): string[] => {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rs')) out.push(p);
    }
  };
  walk(path.join(repoRoot, '__fixtures__'));
  return out;
};

const samples: Record<string, string> = {
  'syntax errors and a missing token': 'fn broken( {\n}\nfn f() { let x = 1 }\nstruct S { a: u8\n',
  'a byte-order mark': '\uFEFFfn f() {}\n',
  'deep nesting': nestedBlocks(2_000),
  'the big-file mix': mixedFile(64 * 1024),
};

beforeAll(async () => {
  await initParser();
});

describe('tree readers', () => {
  it('the binding and the public cursor give the same tree for every fixture and sample', () => {
    const texts = [...fixtureInputs().map((f) => fs.readFileSync(f, 'utf8')), ...Object.values(samples)];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(shape(parseRust(text, { via: 'binding' }))).toEqual(shape(parseRust(text, { via: 'cursor' })));
  });

  it('a parse worker gives the same tree (run from the build, which has the worker script)', async () => {
    const built = (await import(path.join(repoRoot, 'dist/src/engine/parse.js'))) as {
      initParser(): Promise<void>;
      parseRust(text: string, o: { via: TreeSource }): ParsedFile;
    };
    await built.initParser();
    const { parseInWorker } = (await import(path.join(repoRoot, 'dist/src/engine/parse-in-worker.js'))) as { parseInWorker(text: string): { count: number } | null };
    expect(parseInWorker('fn f() {}\n')?.count).toBe(shape(parseRust('fn f() {}\n')).length - 1); // it parsed, not fell back
    for (const text of Object.values(samples)) {
      expect(shape(built.parseRust(text, { via: 'worker' }))).toEqual(shape(parseRust(text, { via: 'cursor' })));
    }
  });

  it('a tree kept by phase 1 replays, macro bodies included, to the same tree, once', () => {
    forgetKeptTrees();
    const withMacros = 'async fn f(rx: R) {\n    tokio::select! {\n        v = rx.recv() => { std::thread::sleep(D); }\n        _ = g() => {}\n    }\n    println!("{}", h().await);\n}\n';
    for (const text of [withMacros, ...Object.values(samples)]) {
      const fresh = shape(parseRust(text, { via: 'cursor' }));
      expect(shape(parseRust(text, { keep: true }))).toEqual(fresh);
      const held = keptTrees();
      expect(held.count).toBeGreaterThan(0);
      expect(held.bytes).toBeGreaterThan(0);
      expect(shape(parseRust(text))).toEqual(fresh);
      // Taken once: the next parse of the same text parses again.
      expect(keptTrees().count).toBe(0);
    }
    // The macro bodies were kept too (the outer tree and the select! arms' pieces, the println! arguments).
    parseRust(withMacros, { keep: true });
    expect(keptTrees().count).toBeGreaterThan(1);
    forgetKeptTrees();
    expect(keptTrees()).toEqual({ count: 0, bytes: 0 });
  });
});
