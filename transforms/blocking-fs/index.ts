import { FS_SWAPS, FS_SYNC_OBJECTS, isPathValue, methodCall, PATH_QUERIES, ENTRY_NOTE, previewWhereOnlyEntryStalls } from '../../src/analysis/blocking.js';
import { asyncSwapFinding, asyncSwapFix, swapTargetName } from '../../src/analysis/fix-builders.js';
import type { FileAnalysis, ResolvedCall } from '../../src/analysis/file-analysis.js';
import { awaitingMacros, awaitsIn, enclosingBody, statementOf, statementsOf } from '../../src/analysis/flow.js';
import { dropUnusedImports, type FixDraft } from '../../src/analysis/imports.js';
import { asyncModule, asyncTwin, fsCalls, fsErrAt, fsReferences, LOSES_PATH, PATH_EXT, type FsCall } from './fs-err.js';
import { planSpawnBlocking } from './spawn-blocking.js';
import { precedingAttributes } from '../../src/analysis/syntax.js';
import type { SyntaxNode } from '../../src/engine/parse.js';
import type { Rule, RuleFinding } from '../../src/rule.js';

const ALL_FS = new Set([...FS_SWAPS.keys(), ...FS_SYNC_OBJECTS]);
const SWAP_PATHS = new Set(FS_SWAPS.keys());

type Range = { start: number; end: number };

export const blockingFs: Rule = {
  id: 'blocking-fs',
  tier: 'preview',
  testCodeOptIn: true,
  summary: '`std::fs` (and `fs_err`) calls in async code block the executor thread',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      'Finds `std::fs` calls and their fs-err twins (`fs_err::read`, `fs_err::File::open`, ..., where the package depends on the fs-err crate), however imported or renamed, and file-system queries on paths (`Path::exists()`, `is_file()`, `is_dir()`, `metadata()`, fs-err\'s `fs_err_metadata()` and the other `PathExt` methods) inside an `async fn`, an `async` block or an async closure.',
    whyIsThisBad:
      'A file-system call parks the worker thread until the kernel answers; on a slow or busy disk that stalls every task scheduled on the thread. It compiles, passes tests on a fast laptop and shows up under load as latency with idle CPUs.',
    example: 'async fn load(path: &Path) -> io::Result<Config> {\n    let text = std::fs::read_to_string(path)?;\n    parse(&text)\n}',
    useInstead: 'async fn load(path: &Path) -> io::Result<Config> {\n    let text = tokio::fs::read_to_string(path).await?;\n    parse(&text)\n}',
    notes:
      'Free fns (`read`, `read_to_string`, `write`, `create_dir_all`, `remove_file`, `rename`, `copy`, `metadata`, ...) become their `tokio::fs` namesakes with `.await` (safe; adds tokio\'s `fs` feature when missing). ' +
      'Where the std value is then used as a sync object (`read_dir` iterated with `for`, a `File` used through `Read`/`Write`, `OpenOptions`), the sync sequence moves into `tokio::task::spawn_blocking(move || { .. }).await` ' +
      '(unsafe: the closure runs to completion even if the task is dropped, and a panic in it is re-raised from `.expect(..)`); when the sequence cannot move safely (it awaits, returns, or borrows something), the finding has no fix and says why. ' +
      'Two or more statements in a row of one block that each call such a free fn and await nothing are one finding, at the first call. Its fix moves the run into one `spawn_blocking` as above, with the `let`s before it that it uses and the statements after it that use what it binds (up to the fn\'s tail): one trip to the blocking pool instead of one per call, as tokio\'s docs advise (unsafe for the same reason: the closure runs to completion even if the task is dropped). Its alternative, the one `--yes` applies, swaps every call of the run to `tokio::fs` at once. ' +
      'A run is batched only where it can move safely; where it cannot (a borrowed value the closure cannot own, a borrowed parameter used after the run, an await in a statement that would move with it), and for a single call or calls with an await between them, each call keeps its own safe swap. The std calls stay in the closure, so their `use std::fs;` stays used. ' +
      'Path queries are reported without a fix: `tokio::fs::try_exists` reports errors that `exists()` swallows. A `use std::fs;` the fix leaves unused is removed or narrowed. ' +
      'fs-err (`fs_err`: std::fs\'s signatures, errors that name the path) is handled like std::fs where the package depends on it (a dev-dependency: in test code only; a `fs_err` module of the package\'s own never matches): a free fn becomes `fs_err::tokio::<same fn>(..).await` where the dependency enables fs-err\'s `tokio` feature (the path stays in the errors), else `tokio::fs::<same fn>(..).await` (same arguments and value, so safe like the std swap, but its errors no longer name the path, as the fix\'s title says). `fs_err::File`, `OpenOptions` and `read_dir` give fs-err\'s own types, neither std\'s nor tokio\'s, so no call swap compiles: their sequences move into `spawn_blocking` as std\'s do (the fs-err calls, and their errors, stay in the closure), or are reported with why not; `PathExt` methods are reported without a fix (they have no async form). `fs_err::tokio` is async and never reported. ' +
      'Code in `spawn_blocking`, `block_in_place` or `std::thread::spawn` closures, sync fns and sync tests is left alone.' + ENTRY_NOTE,
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const drafts: FixDraft[] = [];
    const moved: Range[] = [];
    const inMoved = (n: SyntaxNode) => moved.some((r) => r.start <= n.start && n.end <= r.end);

    for (const { call, path, fsErr } of fsCalls(file, FS_SYNC_OBJECTS)) {
      if (!file.reportsBlocking(call) || inMoved(call)) continue;
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
          noFixReason: `no fix: ${plan.reason}; move the blocking part into \`tokio::task::spawn_blocking\` yourself, or use \`${asyncModule(fsErr)}\` with \`tokio::io::AsyncReadExt\`/\`AsyncWriteExt\``,
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

    const swapCalls = fsCalls(file, SWAP_PATHS).filter(({ call }) => file.reportsBlocking(call) && !inMoved(call));
    for (const run of runsOfCalls(file, swapCalls)) {
      const batch = batchFinding(file, run, swapCalls, moved, drafts);
      if (batch) findings.push(batch);
    }

    for (const c of swapCalls) {
      if (inMoved(c.call)) continue;
      const { tokioItem, features, losesPath } = asyncTwin(file, c);
      const message = `\`${c.path}\` blocks the executor thread in async code; use \`${swapTargetName(tokioItem)}(..).await\``;
      findings.push(asyncSwapFinding(file, c, { tokioItem, features, message, caveat: losesPath ? LOSES_PATH : undefined }, drafts));
    }

    for (const { node, path, fsErr } of fsReferences(file, ALL_FS)) {
      if (node.field === 'function' || !file.reportsBlocking(node) || inMoved(node)) continue;
      findings.push({
        node,
        message: `\`${path}\` passed as a value in async code blocks the executor thread when called`,
        noFixReason: `no fix: it is not called here, so there is no call to await; call the \`${asyncModule(fsErr)}\` version with \`.await\` at the use site`,
      });
    }

    for (const call of file.nodesOfType('call_expression')) {
      const ext = methodCall(call, PATH_EXT, file);
      const fsErr = ext && file.reportsBlocking(call) && !inMoved(call) ? fsErrAt(file, call) : null;
      if (ext && fsErr) {
        // Sealed to `Path` by fs-err, so the name alone says what it is.
        const method = file.text(ext.method);
        const twin = `${asyncModule(fsErr)}::${method.slice('fs_err_'.length)}`;
        findings.push({
          node: call,
          message: `\`Path::${method}()\` (fs-err's \`PathExt\`) asks the file system and blocks the executor thread in async code`,
          noFixReason: `no fix: \`PathExt\` has no async form; await \`${twin}(..)\` with the path instead${method === 'fs_err_read_dir' ? ', whose entries come from `next_entry().await`, not an iterator' : ''}`,
        });
        continue;
      }
      const m = methodCall(call, PATH_QUERIES, file);
      if (!m || !file.reportsBlocking(call) || inMoved(call) || !isPathValue(m.receiver, file)) continue;
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
    return previewWhereOnlyEntryStalls(file, findings);
  },
};

/** Runs of two or more statements in a row of one block, each calling a `std::fs` free fn in its own code and awaiting nothing. */
function runsOfCalls(file: FileAnalysis, calls: readonly ResolvedCall[]): SyntaxNode[][] {
  const calling = new Set<SyntaxNode>();
  for (const { call } of calls) {
    const stmt = statementOf(call);
    // An attribute (`#[cfg]`) would stay outside the closure, on the wrong statement.
    if (stmt && !awaitsIn(stmt).length && !awaitingMacros(stmt, file.source.text).length && !precedingAttributes(stmt).length) calling.add(stmt);
  }
  const runs: SyntaxNode[][] = [];
  for (const block of new Set([...calling].map((s) => s.parent!))) {
    let run: SyntaxNode[] = [];
    for (const stmt of [...statementsOf(block), null]) {
      if (stmt && calling.has(stmt)) run.push(stmt);
      else {
        if (run.length >= 2) runs.push(run);
        run = [];
      }
    }
  }
  return runs;
}

/**
 * One finding for a run: its fix moves the run into one `spawn_blocking`
 * (as a sync-object sequence moves), its alternative swaps every call. Null
 * when the run cannot move; its calls then get their own swaps.
 */
function batchFinding(file: FileAnalysis, run: SyntaxNode[], calls: readonly FsCall[], moved: Range[], drafts: FixDraft[]): RuleFinding | null {
  const first = calls.filter((c) => statementOf(c.call) === run[0]).sort((a, b) => a.call.start - b.call.start)[0];
  const tokio = file.tokio(['rt'], first.call);
  if (!tokio.usable) return null;
  const plan = planSpawnBlocking(file, first.call, tokio.path, run[run.length - 1]);
  if ('reason' in plan || moved.some((r) => r.start < plan.end && plan.start < r.end)) return null;
  const body = enclosingBody(first.call);
  const covered = calls.filter((c) => plan.start <= c.call.start && c.call.end <= plan.end && enclosingBody(c.call) === body);
  moved.push(plan);
  const names = covered.map((c) => c.path.split('::').pop()).join(', ');
  const twins = covered.map((c) => asyncTwin(file, c));
  const features = [...new Set(twins.flatMap((t) => t.features))];
  const caveat = twins.some((t) => t.losesPath) ? LOSES_PATH : undefined;
  const swaps = asyncSwapFix(file, covered.map((c, i) => ({ ...c, tokioItem: twins[i].tokioItem })), features, drafts, caveat);
  const apis = [...new Set(covered.map((c) => (c.fsErr ? c.fsErr.path : 'std::fs')))].map((a) => `\`${a}\``).join('/');
  const modules = [...new Set(covered.map((c) => asyncModule(c.fsErr)))].map((m) => `\`${m}\``).join('/');
  // The range covers every call of the run, so an editor or a CI annotation points at each.
  const end = Math.max(...covered.map((c) => c.call.end));
  return {
    node: { start: first.call.start, end },
    message: `${covered.length} blocking ${apis} calls in a row (${names}) block the executor thread in async code; run them in one \`tokio::task::spawn_blocking\` (or await each ${modules} twin)`,
    fix: {
      safety: 'unsafe',
      title: `Run the ${covered.length} calls in one \`tokio::task::spawn_blocking\` (it runs to completion even if the task is dropped)`,
      edits: [plan.edit],
      manifestChange: tokio.manifestChange,
    },
    alternatives: 'reason' in swaps ? undefined : [swaps],
  };
}
