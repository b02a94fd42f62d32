import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import type { CrateFacts } from '../src/analysis/crate.js';
import { initParser, parseRust } from '../src/engine/parse.js';
import { CrateModel, summarizeSource } from '../src/model/crate-model.js';
import type { FnSummary } from '../src/model/summary-types.js';

/**
 * Run contexts (src/model/run-context.ts): blocking in a fn that only a
 * runtime's entry future reaches stalls no other task; in one a spawned
 * task, a request handler, a `Service` or a fn taking it by name reaches,
 * or one whose callers cannot all be seen, it may.
 */
const ROOT = path.join(path.sep, 'pkg');
const at = (rel: string) => path.join(ROOT, ...rel.split('/'));
const CRATE = { tokio: { declared: true, features: ['full'] }, packageRoot: ROOT } as unknown as CrateFacts;

/** For each `block_here(..)` call of `file`: why it stalls only the entry future, or null. */
function stalls(files: Record<string, string>, file: string): (string | null)[] {
  const model = CrateModel.fromSources(ROOT, 'app', new Map(Object.entries(files).map(([rel, text]) => [at(rel), text])));
  const source = files[file];
  const analysis = new FileAnalysis(at(file), source, parseRust(source).root, CRATE, undefined, model);
  return analysis
    .nodesOfType('call_expression')
    .filter((c) => analysis.text(c).startsWith('block_here'))
    .map((c) => analysis.stallsOnlyEntry(c));
}

beforeAll(async () => {
  await initParser();
});

describe('phase 1: what says where a fn runs', () => {
  it('records call contexts, loose method calls, fns passed by name, route attributes and entries', () => {
    const fns = (summarizeSource(`#[get("/")]
async fn index() {}
#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::spawn(async move { serve(conn).await });
    rt.block_on(run());
    tokio::select! { _ = watch() => {} }
    cmd.run(&settings, 2);
    app.route("/", get(index)).route("/x", post(handlers::create::<Post>));
    plain();
}`).modules[0].items.filter((i) => i.kind === 'fn') as { fn: FnSummary }[]).map((i) => i.fn);
    expect(fns[0].runs).toEqual({ handler: true });
    const main = fns[1];
    expect(main.runs?.entry).toBe('shared');
    // Locals passed along are recorded too (`conn`): only resolution tells a fn from them.
    expect(main.runs?.values).toEqual(expect.arrayContaining([['index'], ['handlers', 'create'], ['conn']]));
    const context = (name: string) => main.effects.calls.find((c) => c.kind === 'path' && c.path.at(-1) === name)?.context;
    expect([context('serve'), context('run'), context('watch'), context('plain')]).toEqual(['spawned', 'block-on', 'concurrent', undefined]);
    expect(main.effects.loose).toContainEqual({ name: 'run', args: 2, line: 8 });
    expect(main.arity).toBe(0);
  });
});

describe('fns only an entry future reaches', () => {
  it('a command dispatched from #[tokio::main] through a match binding is alone; the message names the chain', () => {
    const why = stalls(
      {
        'src/main.rs': `mod cmd;
enum Cmd { Import(cmd::Import) }
#[tokio::main]
async fn main() {
    let c = parse();
    match c {
        Cmd::Import(import) => import.run(1).await,
    }
}`,
        'src/cmd.rs': `pub struct Import;
impl Import {
    pub async fn run(&self, n: u32) {
        block_here(n);
        helper().await;
    }
}
async fn helper() {
    block_here(2);
}`,
      },
      'src/cmd.rs',
    );
    expect(why[0]).toBe("`Import::run` runs only in `main`, the runtime's entry future (`main` -> `Import::run`), never in a spawned task or a request handler: it stalls no other task");
    expect(why[1]).toContain('(`main` -> `Import::run` -> `helper`)');
  });

  it('a future given to block_on in a sync main', () => {
    const why = stalls(
      {
        'src/main.rs': `fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(run());
}
async fn run() {
    block_here(1);
}`,
      },
      'src/main.rs',
    );
    expect(why[0]).toContain('runs only in the future `main` gives to `block_on`');
  });

  it('not alone: spawned, handed to a framework by name, a route attribute, a Service, a trait impl, no caller', () => {
    const why = stalls(
      {
        'src/main.rs': `#[tokio::main]
async fn main() {
    tokio::spawn(per_connection());
    let app = Router::new().route("/", get(by_name));
    serve(app).await;
    // Each is called from the entry too: what keeps it from being alone is the other way it runs.
    per_connection().await;
    by_name().await;
    routed().await;
    inner(request()).await;
    job.run().await;
    both().await;
}
async fn per_connection() { block_here(1); deeper().await; }
async fn deeper() { block_here(2); }
async fn by_name() { block_here(3); }
#[get("/index")]
async fn routed() { block_here(4); }
struct Svc;
impl Service<Request> for Svc {
    fn call(&mut self, req: Request) -> Self::Future { Box::pin(async move { inner(req).await }) }
}
async fn inner(req: Request) { block_here(5); }
struct Job;
impl Task for Job {
    async fn run(&self) { block_here(6); }
}
async fn nobody_calls() { block_here(7); }
async fn both() { block_here(8); }
async fn spawned_too() { tokio::spawn(both()); }`,
      },
      'src/main.rs',
    );
    expect(why).toEqual([null, null, null, null, null, null, null, null]);
    // The same entry calls make a fn alone when nothing else runs it.
    expect(stalls({ 'src/main.rs': `#[tokio::main]\nasync fn main() {\n    per_connection().await;\n    job.run().await;\n}\nasync fn per_connection() { block_here(1); }\nstruct Job;\nimpl Job {\n    async fn run(&self) { block_here(2); }\n}` }, 'src/main.rs').map((w) => w !== null)).toEqual([true, true]);
  });

  it('tests that spawn a fn do not make it run alongside others in the build that runs', () => {
    const files = {
      'src/main.rs': `#[tokio::main]
async fn main() {
    work().await;
}
async fn work() { block_here(1); }
#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn t() { tokio::spawn(super::work()); }
}`,
    };
    expect(stalls(files, 'src/main.rs')[0]).toContain('runs only in `main`');
  });

  it('after a spawn, in a loop that spawns, or inside select!: the spawned task or sibling future may be waiting', () => {
    const why = stalls(
      {
        'src/main.rs': `#[tokio::main(flavor = "current_thread")]
async fn main() {
    serve().await;
}
async fn serve() {
    block_here(1);
    loop {
        block_here(2);
        tokio::spawn(task());
    }
}
async fn task() {}
async fn later() {
    tokio::spawn(task());
    block_here(3);
    after_spawn().await;
}
async fn after_spawn() { block_here(4); }
async fn selecting() {
    tokio::select! {
        _ = async { block_here(5) } => {}
    }
}
#[tokio::main]
async fn other() {
    later().await;
    selecting().await;
}`,
      },
      'src/main.rs',
    );
    expect(why.map((w) => w !== null)).toEqual([true, false, false, false, false]);
  });
});
