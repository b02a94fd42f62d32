import { beforeAll, describe, expect, it } from 'vitest';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { initParser, parseRust } from '../src/engine/parse.js';
import type { CrateFacts } from '../src/analysis/crate.js';

/**
 * Which runtimes poll the entry fn's own future off the worker threads, and
 * where on a shared (current-thread) runtime blocking still stalls nothing.
 */
const CRATE = { tokio: { declared: true, features: ['full'] }, packageRoot: null } as unknown as CrateFacts;

function stalls(source: string): (string | null)[] {
  const analysis = new FileAnalysis('src/main.rs', source, parseRust(source).root, CRATE);
  const calls = analysis.nodesOfType('call_expression').filter((c) => analysis.text(c).startsWith('block_here'));
  return calls.map((c) => analysis.stallsOnlyEntry(c));
}

beforeAll(async () => {
  await initParser();
});

describe('stallsOnlyEntry', () => {
  it('a multi-thread entry: the whole own body, not its async blocks, closures or join! futures', () => {
    const why = stalls(`#[tokio::main]
async fn main() {
    block_here(1);
    tokio::spawn(async { block_here(2) });
    let f = || block_here(3);
    tokio::join!(async { block_here(4) }, other());
    block_here(5);
}`);
    expect(why.map((w) => w !== null)).toEqual([true, false, false, false, true]);
    expect(why[0]).toContain("it runs in `main`, the runtime's entry future");
  });

  it('rocket and async-std are multi-thread; actix, ntex and the current_thread flavor are shared', () => {
    const entry = (attr: string) => stalls(`${attr}\nasync fn run() {\n    x().await;\n    block_here();\n}`)[0] !== null;
    expect(entry('#[rocket::main]')).toBe(true);
    expect(entry('#[async_std::main]')).toBe(true);
    expect(entry('#[tokio::main(flavor = "multi_thread", worker_threads = 4)]')).toBe(true);
    expect(entry('#[actix_web::main]')).toBe(false);
    expect(entry('#[actix_rt::main]')).toBe(false);
    expect(entry('#[tokio::main(flavor = "current_thread")]')).toBe(false);
    // Not an entry point at all.
    expect(entry('#[tracing::instrument]')).toBe(false);
    expect(stalls('async fn main() {\n    block_here();\n}')).toEqual([null]);
  });

  it('a shared runtime: only before the first .await, awaiting macro or spawn', () => {
    const why = stalls(`#[actix_web::main]
async fn main() {
    block_here(1);
    if ready() { block_here(2); }
    let handle = actix_rt::spawn(work());
    block_here(3);
    handle.await;
}
#[tokio::main(flavor = "current_thread")]
async fn other() {
    block_here(4);
    tokio::select! { _ = a() => {}, _ = b() => {} }
    block_here(5);
}`);
    expect(why.map((w) => w !== null)).toEqual([true, true, false, true, false]);
    expect(why[0]).toContain('before anything else is spawned or awaited');
  });
});
