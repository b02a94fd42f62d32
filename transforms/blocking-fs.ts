import { FS_SWAPS, FS_SYNC_OBJECTS, isPathValue, methodCall, PATH_QUERIES } from '../src/analysis/blocking.js';
import { asyncSwapFinding } from '../src/analysis/fix-builders.js';
import { dropUnusedImports, type FixDraft } from '../src/analysis/imports.js';
import { planSpawnBlocking } from '../src/analysis/spawn-blocking.js';
import { descendants } from '../src/analysis/syntax.js';
import type { SyntaxNode } from '../src/engine/parse.js';
import type { Rule, RuleFinding } from '../src/rule.js';

const ALL_FS = new Set([...FS_SWAPS.keys(), ...FS_SYNC_OBJECTS]);

export const blockingFs: Rule = {
  id: 'blocking-fs',
  summary: '`std::fs` calls in async code block the executor thread',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      'Finds `std::fs` calls (however imported or renamed) and file-system queries on paths (`Path::exists()`, `is_file()`, `is_dir()`, `metadata()`) inside an `async fn`, an `async` block or an async closure.',
    whyIsThisBad:
      'A file-system call parks the worker thread until the kernel answers; on a slow or busy disk that stalls every task scheduled on the thread. It compiles, passes tests on a fast laptop and shows up under load as latency with idle CPUs.',
    example: 'async fn load(path: &Path) -> io::Result<Config> {\n    let text = std::fs::read_to_string(path)?;\n    parse(&text)\n}',
    useInstead: 'async fn load(path: &Path) -> io::Result<Config> {\n    let text = tokio::fs::read_to_string(path).await?;\n    parse(&text)\n}',
    notes:
      'Free fns (`read`, `read_to_string`, `write`, `create_dir_all`, `remove_file`, `rename`, `copy`, `metadata`, ...) become their `tokio::fs` namesakes with `.await` (safe; adds tokio\'s `fs` feature when missing). ' +
      'Where the std value is then used as a sync object (`read_dir` iterated with `for`, a `File` used through `Read`/`Write`, `OpenOptions`), the sync sequence moves into `tokio::task::spawn_blocking(move || { .. }).await` ' +
      '(unsafe: the closure runs to completion even if the task is dropped, and a panic in it is re-raised from `.expect(..)`); when the sequence cannot move safely (it awaits, returns, or borrows something), the finding has no fix and says why. ' +
      'Path queries are reported without a fix: `tokio::fs::try_exists` reports errors that `exists()` swallows. A `use std::fs;` the fix leaves unused is removed or narrowed. ' +
      'Code in `spawn_blocking`, `block_in_place` or `std::thread::spawn` closures, sync fns and sync tests is left alone.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const drafts: FixDraft[] = [];
    const moved: { start: number; end: number }[] = [];
    const inMoved = (n: SyntaxNode) => moved.some((r) => r.start <= n.start && n.end <= r.end);

    for (const { call, path } of file.callsTo(FS_SYNC_OBJECTS)) {
      if (!file.inAsyncContext(call) || inMoved(call)) continue;
      const message = `\`${path}\` blocks the executor thread in async code, and its value is used as a sync object; run the sequence in \`tokio::task::spawn_blocking\``;
      const tokio = file.tokio(['rt'], call);
      if (!tokio.usable) {
        findings.push({ node: call, message, noFixReason: `no fix: ${tokio.reason}` });
        continue;
      }
      const plan = planSpawnBlocking(file, call, tokio.path);
      if ('reason' in plan) {
        findings.push({
          node: call,
          message,
          noFixReason: `no fix: ${plan.reason}; move the blocking part into \`tokio::task::spawn_blocking\` yourself, or use \`tokio::fs\` with \`tokio::io::AsyncReadExt\`/\`AsyncWriteExt\``,
        });
        continue;
      }
      moved.push(plan);
      findings.push({
        node: call,
        message,
        fix: { safety: 'unsafe', title: 'Run the sequence in `tokio::task::spawn_blocking`', edits: [plan.edit], manifestChange: tokio.manifestChange },
      });
    }

    for (const { call, callee, path } of file.callsTo(new Set(FS_SWAPS.keys()))) {
      if (!file.inAsyncContext(call) || inMoved(call)) continue;
      const target = FS_SWAPS.get(path)!;
      const message = `\`${path}\` blocks the executor thread in async code; use \`tokio::${target}(..).await\``;
      findings.push(asyncSwapFinding(file, { call, callee }, { tokioItem: target, features: ['fs'], message }, drafts));
    }

    for (const { node, path } of file.pathReferences(ALL_FS)) {
      if (node.field === 'function' || !file.inAsyncContext(node) || inMoved(node)) continue;
      findings.push({
        node,
        message: `\`${path}\` passed as a value in async code blocks the executor thread when called`,
        noFixReason: 'no fix: it is not called here, so there is no call to await; call the `tokio::fs` version with `.await` at the use site',
      });
    }

    for (const call of descendants(file.root)) {
      if (call.type !== 'call_expression') continue;
      const m = methodCall(call, PATH_QUERIES, file);
      if (!m || !file.inAsyncContext(call) || inMoved(call) || !isPathValue(m.receiver, file)) continue;
      const method = file.text(m.method);
      findings.push({
        node: call,
        message: `\`Path::${method}()\` asks the file system and blocks the executor thread in async code`,
        noFixReason:
          method === 'exists' || method === 'is_file' || method === 'is_dir'
            ? `no fix: \`tokio::fs::try_exists\`/\`tokio::fs::metadata\` report I/O errors that \`${method}()\` turns into \`false\`; await one of them and decide what an error means here`
            : `no fix: await the \`tokio::fs\` function of the same name instead`,
      });
    }

    dropUnusedImports(file, drafts);
    return findings;
  },
};
