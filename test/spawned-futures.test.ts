import { beforeAll, describe, expect, it } from 'vitest';
import { NO_MANIFEST } from '../src/analysis/crate.js';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { tokioSpawnedBlocks } from '../src/analysis/spawned-futures.js';
import { initParser, parseRust } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

/** The first line of each async block `tokioSpawnedBlocks` finds in `src`, with its spawn's callee. */
function spawned(src: string): [string, string][] {
  const file = new FileAnalysis('t.rs', src, parseRust(src).root, NO_MANIFEST);
  return [...tokioSpawnedBlocks(file)].map(([block, call]) => [file.text(block).split('\n')[0], file.text(call.children.find((c) => c.field === 'function')!)]);
}

describe('tokioSpawnedBlocks', () => {
  it('finds an async block given to tokio::spawn, however the spawn is imported', () => {
    expect(spawned('fn f() { tokio::spawn(async move { a }); }')).toEqual([['async move { a }', 'tokio::spawn']]);
    expect(spawned('use tokio::task;\nfn f() { task::spawn(async { b }); }')).toEqual([['async { b }', 'task::spawn']]);
    expect(spawned('use tokio::spawn as go;\nfn f() { go(async { c }); }')).toEqual([['async { c }', 'go']]);
  });

  it('follows a let-bound block to the spawn that takes it by name', () => {
    expect(spawned('fn f() { let job = async move { d };\n tokio::spawn(job); }')).toEqual([['async move { d }', 'tokio::spawn']]);
    // the name is bound to something else by the time of the spawn
    expect(spawned('fn f() { let job = async move { d };\n let job = wrap(job);\n tokio::spawn(job); }')).toEqual([]);
  });

  it('leaves other spawns and other futures alone', () => {
    expect(spawned('fn f() { tokio::task::spawn_local(async { e }); }')).toEqual([]);
    expect(spawned('fn f() { std::thread::spawn(move || { x }); }')).toEqual([]);
    expect(spawned('fn f() { tokio::spawn(work(1)); }')).toEqual([]);
    expect(spawned('fn f() { tokio::spawn(async { g }.instrument(span)); }')).toEqual([]);
    // a local fn named spawn is not tokio's
    expect(spawned('fn spawn<F>(f: F) {}\nfn f() { spawn(async { h }); }')).toEqual([]);
  });
});
