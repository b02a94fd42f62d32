import type { SyntaxNode } from '../../src/engine/parse.js';
import type { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { ownNodes, statementOf } from '../../src/analysis/flow.js';
import { FreshNames } from '../../src/analysis/fresh-names.js';
import { dropUnusedImports, importedPathsReplaced, type FixDraft } from '../../src/analysis/imports.js';
import { iteratorChainOf, literalIterations, literalLength, loopNest, permitAcquiredBefore, type IteratorChain } from '../../src/analysis/loops.js';
import { handleUse, type CollectedHandles } from '../../src/analysis/spawn-handles.js';
import { TOKIO_SPAWN } from '../../src/analysis/spawned-futures.js';
import { receiverType } from '../../src/analysis/receivers.js';
import { field, namedChildren } from '../../src/analysis/syntax.js';
import { chainPattern, joinSetEdits, semaphoreEdits, waitingJoinSetEdits } from './task-caps.js';
import type { Fix, Rule, RuleFinding } from '../../src/rule.js';

/** Between a spawn and its statement, only these keep the spawn unconditional (a permit taken before the statement is used). */
const UNCONDITIONAL = new Set([
  'arguments', 'call_expression', 'field_expression', 'try_expression', 'await_expression', 'reference_expression',
  'parenthesized_expression', 'tuple_expression', 'let_declaration', 'expression_statement', 'assignment_expression',
]);

export const unboundedSpawn: Rule = {
  id: 'unbounded-spawn',
  tier: 'preview',
  summary: '`tokio::spawn` in a loop over caller-sized input starts any number of tasks at once',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      'Finds `tokio::spawn` / `tokio::task::spawn` / `Handle::current().spawn` called once per item of a `for`, `while` or `loop`, or of an iterator chain (`.map(|x| tokio::spawn(..)).collect()`), in async code, where the number of items is not written in the code. Event loops (a loop that awaits `accept()`, `recv()`, `next()` or `tick()`), loops that take a semaphore permit before spawning, loops over literal ranges or arrays no longer than `max-concurrency`, loops over configuration or a worker count (`config.listeners`, `0..num_cpus::get()`), and spawns of a long-lived server, listener or worker loop (`svr.run()`, `server_loop(..)`, `ldap_acceptor(..)`: one per configured item by design) are left alone.',
    whyIsThisBad:
      'Every task is started at once: a million items make a million tasks, each with its own future and buffers. Memory grows with the input, the scheduler spends its time switching, and whatever the tasks call (a database, an API) gets a million requests in the same instant.',
    example:
      'async fn fetch_all(ids: Vec<u64>) -> Vec<User> {\n    let mut handles = Vec::new();\n    for id in ids {\n        handles.push(tokio::spawn(fetch(id)));\n    }\n    let mut users = Vec::new();\n    for h in handles {\n        users.push(h.await.unwrap());\n    }\n    users\n}',
    useInstead:
      'async fn fetch_all(ids: Vec<u64>) -> Vec<User> {\n    const MAX_IN_FLIGHT: usize = 100;\n    let mut handles = tokio::task::JoinSet::new();\n    let mut finished = Vec::new();\n    for id in ids {\n        while handles.len() >= MAX_IN_FLIGHT {\n            finished.extend(handles.join_next().await);\n        }\n        let index = finished.len() + handles.len();\n        let task = fetch(id);\n        handles.spawn(async move { (index, task.await) });\n    }\n    // ... drain the set, put results back in spawn order ...\n    let mut users = Vec::new();\n    for h in finished {\n        users.push(h.unwrap());\n    }\n    users\n}',
    notes:
      'The cap is `max-concurrency` (default 100; `--max-concurrency N` or the config key), written once as a `const` next to the loop. Two forms, both unsafe (they change how many tasks run at once, and the loop now waits for room):\n' +
      '- Handles pushed into a Vec (or collected from a `.map(..)` chain) and awaited by one later `for h in handles` loop or `join_all(handles).await` get a `tokio::task::JoinSet`: before each spawn the loop waits while the set holds the cap, and the set is drained after the loop. When the results are used in spawn order (anything but `h.await.unwrap();` alone) each task carries its index and the results are put back in spawn order, so the function returns what it did; a task that panicked keeps its `JoinError` at its place, handled as before (an `unwrap()` stays an `unwrap()`; with several panicked tasks, which panic payload sits in which of their places may differ). Unlike a Vec of handles, a JoinSet aborts its tasks when dropped (an early return or `?` in between).\n' +
      '- Anything else (the handle dropped: fire and forget; kept in another way) gets a `tokio::sync::Semaphore`: an owned permit is taken before each spawn and moved into the task, so tasks stay detached and at most the cap run at once.\n' +
      'Where the other form is valid too it is offered as an alternative (in the review press `o` to see it; `--format json` lists it): for handles collected in a `for` loop, the Semaphore form, which keeps the Vec of handles and its abort-free drop; for one detached `tokio::spawn` in a `for`/`while` loop that has no `return`, `?` or labelled `break`, a JoinSet that the function drains after the loop, so it then waits for every task (tasks that panicked are still only logged). A bulk run (`--unsafe-fixes`) applies the default form.\n' +
      'A `.for_each(..)` chain, or a chain whose handles are used in another way, is reported without a fix: its closure cannot await a permit; rewrite it as a `for` loop. A spawn awaited in the same round (`tokio::spawn(f).await`) runs one task at a time and is not reported.\n' +
      'Review before accepting: if a task waits for something the loop only does later (a channel the function reads after the loop), the capped loop waits for that task forever. A `use` of `JoinHandle` or `join_all` that the JoinSet fix leaves unused is removed or narrowed. Test code (`tests/`, `#[cfg(test)]`, `#[test]` fns) is left alone: tests spawn many tasks on purpose, and a cap would change what they test.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const drafts: FixDraft[] = [];
    const names = new FreshNames(file.source.text);
    const cap = file.options.maxConcurrency;
    // Spawns fixed with a Semaphore share one per outermost loop: one finding and one fix for the loop.
    const semaphoreGroups = new Map<SyntaxNode, { finding: RuleFinding; spawns: SyntaxNode[] }>();
    for (const spawn of spawnCalls(file)) {
      const site = spawnSite(file, spawn);
      if (!site) continue;
      const plan = fixPlan(file, spawn, site);
      if (plan.form === 'awaited') continue; // awaited before the next round: one task at a time
      const message = `\`${spawnName(file, spawn)}\` ${site.chain ? 'in an iterator chain' : 'in a loop'} over input whose size the caller decides starts one task per item with no limit; cap how many run at once (${cap})`;
      if (plan.form === 'semaphore') {
        const group = semaphoreGroups.get(site.outermost);
        if (group) group.spawns.push(spawn);
        else {
          const finding: RuleFinding = { node: spawn, message };
          semaphoreGroups.set(site.outermost, { finding, spawns: [spawn] });
          findings.push(finding);
        }
      } else if (plan.form === 'joinset') {
        const tokio = file.tokio(['rt'], spawn);
        const use = plan.use;
        if (!tokio.usable) {
          findings.push({ node: spawn, message, noFixReason: `no fix: ${tokio.reason}` });
          continue;
        }
        // One namer for both forms: only one of them is applied.
        const name = names.for(spawn);
        const fix: Fix = {
          safety: 'unsafe',
          title: `Cap in-flight tasks at ${cap} with a \`JoinSet\`${use.consumer.ordered ? ', results kept in spawn order' : ''}`,
          edits: joinSetEdits(file, spawn, use, site.chain, name, tokio.path, cap),
          manifestChange: tokio.manifestChange,
        };
        // A permit can only be awaited in the loop itself, not in a chain's closure.
        const withSync = file.tokio(['rt', 'sync'], spawn);
        const semaphore: Fix | null =
          !site.chain && withSync.usable
            ? {
                safety: 'unsafe',
                title: `Cap running tasks at ${cap} with a \`Semaphore\` permit moved into each task, keeping the Vec of handles`,
                edits: semaphoreEdits(file, [spawn], site.outermost, names, name, withSync.path, cap),
                manifestChange: withSync.manifestChange,
              }
            : null;
        // `join_all(handles)` and `Vec<JoinHandle<_>>` are rewritten away: their imports may go with them.
        drafts.push({ fix, paths: importedPathsReplaced(file, fix.edits) });
        findings.push({ node: spawn, message, fix, alternatives: semaphore ? [semaphore] : undefined });
      } else {
        findings.push({ node: spawn, message, noFixReason: plan.reason });
      }
    }
    for (const [outermost, { finding, spawns }] of semaphoreGroups) {
      const tokio = file.tokio(['rt', 'sync'], spawns[0]);
      if (!tokio.usable) {
        finding.noFixReason = `no fix: ${tokio.reason}`;
        continue;
      }
      if (spawns.length > 1) finding.message += `; ${spawns.length} spawns in this loop share one cap`;
      const name = names.for(spawns[0]);
      finding.fix = {
        safety: 'unsafe',
        title: `Cap running tasks at ${cap} with a \`Semaphore\` permit moved into each task`,
        edits: semaphoreEdits(file, spawns, outermost, names, name, tokio.path, cap),
        manifestChange: tokio.manifestChange,
      };
      const waited = spawns.length === 1 && detachedSpawnStatement(file, spawns[0]);
      const rt = file.tokio(['rt'], spawns[0]);
      if (waited && loopEndsOnlyAtItsEnd(outermost) && rt.usable) {
        finding.alternatives = [
          {
            safety: 'unsafe',
            title: `Cap in-flight tasks at ${cap} with a \`JoinSet\` and wait for all of them after the loop`,
            edits: waitingJoinSetEdits(file, waited, outermost, name, rt.path, cap),
            manifestChange: rt.manifestChange,
          },
        ];
      }
    }
    dropUnusedImports(file, drafts);
    return findings;
  },
};

interface SpawnSite {
  chain: IteratorChain | null;
  /** The outermost loop around the spawn in its body (event loops included), or the chain. */
  outermost: SyntaxNode;
}

/** Where a spawn runs once per item of caller-sized data, or null when it does not (or is already bounded). */
function spawnSite(file: FileAnalysis, spawn: SyntaxNode): SpawnSite | null {
  const source = file.source.text;
  const chain = iteratorChainOf(spawn, source);
  const anchor = chain ? chain.chain : spawn;
  // Tests spawn many tasks on purpose (stress tests of a semaphore, a scheduler): a cap would change what they test.
  if (!file.inAsyncContext(anchor) || file.isTestCode(anchor)) return null;
  const nest = loopNest(anchor, source);
  if (!chain && nest.loops.length === 0) return null;
  const within = chain ? chain.closure : nest.loops[nest.loops.length - 1];
  if (permitAcquiredBefore(spawn, within, source)) return null;
  if (longLivedTask(spawn, file) || sizedByConfig(chain ? [chain.iterator] : nest.loops.map((l) => field(l, 'value')).filter((v): v is SyntaxNode => !!v), file)) return null;
  const known = literalIterations(nest.loops, source);
  const chainLength = chain ? literalLength(chain.iterator, source) : 1;
  if (known !== null && chainLength !== null && known * chainLength <= file.options.maxConcurrency) return null;
  return { chain, outermost: nest.outermost ?? chain!.chain };
}

/**
 * A spawned server, listener or worker loop (`svr.run()`, `server_tls_loop(..)`,
 * `ldap_acceptor(..)`): one long-lived task per configured item is the design,
 * and a permit held for a task's whole life would stall the start-up past the cap.
 */
const LONG_LIVED = /^(?:run|serve|listen|accept|start|run_forever)$|_(?:loop|acceptor|listener|server|worker|daemon|service)$|^(?:serve|listen|accept)_/;

function longLivedTask(spawn: SyntaxNode, file: FileAnalysis): boolean {
  const arg = namedChildren(field(spawn, 'arguments')!)[0];
  const call = arg?.type === 'call_expression' ? arg : null;
  const callee = call && field(call, 'function');
  if (!callee) return false;
  const name = callee.type === 'field_expression' ? file.text(field(callee, 'field')!) : file.text(callee).split('::').pop()!;
  return LONG_LIVED.test(name);
}

/** Iterating configuration (`config.listeners`, `&self.settings.servers`) or a worker count (`0..num_cpus::get()`): sized by whoever configures it, not by request input. */
const CONFIG_SIZED = /\b(?:config|conf|cfg|settings|opts|options)\b|\b\w*_config\b|\bconfig_\w*|\b(?:num_cpus|available_parallelism|cpus|num_workers|worker_count|num_threads)\b/;

function sizedByConfig(iterables: SyntaxNode[], file: FileAnalysis): boolean {
  return iterables.some((i) => CONFIG_SIZED.test(file.text(i)));
}

type FixPlan = { form: 'joinset'; use: CollectedHandles } | { form: 'semaphore' } | { form: 'awaited' } | { form: 'none'; reason: string };

/** Which fix a spawn gets: a JoinSet for handles collected and awaited later, a Semaphore otherwise, or none. */
function fixPlan(file: FileAnalysis, spawn: SyntaxNode, site: SpawnSite): FixPlan {
  const source = file.source.text;
  const isPathSpawn = field(spawn, 'function')?.type !== 'field_expression';
  const chainDeclaration = site.chain?.adapter === 'map' && site.chain.chain.parent?.type === 'let_declaration' ? site.chain.chain.parent : undefined;
  const use = site.chain && !chainDeclaration ? ({ kind: 'other' } as const) : handleUse(spawn, source, (n) => file.qualifiedName(n), chainDeclaration);
  if (use.kind === 'awaited') return { form: 'awaited' };
  if (use.kind === 'collected' && isPathSpawn) {
    if (site.chain && (!chainPattern(site.chain, source) || spawn.parent !== site.chain.closure)) {
      return { form: 'none', reason: 'no fix: the closure has a typed parameter or more code than the spawn; rewrite the chain as a `for` loop and run async-fix again' };
    }
    return { form: 'joinset', use };
  }
  if (site.chain?.adapter === 'for_each') {
    return { form: 'none', reason: 'no fix: `for_each` runs a sync closure, which cannot await a permit; rewrite it as a `for` loop and run async-fix again' };
  }
  if (site.chain) {
    return {
      form: 'none',
      reason: 'no fix: the spawn is in a closure, which cannot await a permit, and its handles are not collected into a Vec that one later loop or `join_all` awaits; rewrite the chain as a `for` loop and run async-fix again',
    };
  }
  const statement = statementOf(spawn);
  if (!statement || !unconditionalIn(spawn, statement)) {
    return { form: 'none', reason: 'no fix: the spawn is one branch of a larger expression; take a `tokio::sync::Semaphore` permit right before it by hand' };
  }
  return { form: 'semaphore' };
}

function unconditionalIn(node: SyntaxNode, statement: SyntaxNode): boolean {
  for (let n = node.parent; n && n !== statement.parent; n = n.parent) if (!UNCONDITIONAL.has(n.type)) return false;
  return true;
}

/** `tokio::spawn(..)`, `task::spawn(..)` (through `use`) and `Handle::spawn(..)` on `Handle::current()` or a variable of type `Handle`. */
function spawnCalls(file: FileAnalysis): SyntaxNode[] {
  const out = file.callsTo(TOKIO_SPAWN).map((c) => c.call);
  for (const call of file.nodesOfType('call_expression')) {
    const method = field(call, 'function');
    if (method?.type !== 'field_expression' || file.text(field(method, 'field')!) !== 'spawn') continue;
    if (isRuntimeHandle(file, field(method, 'value')!)) out.push(call);
  }
  return out.filter((c) => namedChildren(field(c, 'arguments')!).length === 1).sort((a, b) => a.start - b.start);
}

/** `Handle::current().spawn(..)`, or `.spawn(..)` on a value the tree shows is a tokio runtime `Handle`. */
function isRuntimeHandle(file: FileAnalysis, receiver: SyntaxNode): boolean {
  return receiverType(file, receiver) === 'tokio::runtime::Handle';
}

function spawnName(file: FileAnalysis, spawn: SyntaxNode): string {
  const callee = field(spawn, 'function')!;
  return callee.type === 'field_expression' ? 'Handle::spawn' : file.text(callee);
}

/** The statement of a path spawn whose handle is dropped at once (`tokio::spawn(f);`, `let _ = tokio::spawn(f);`), or null. */
function detachedSpawnStatement(file: FileAnalysis, spawn: SyntaxNode): SyntaxNode | null {
  if (field(spawn, 'function')?.type === 'field_expression') return null; // a runtime Handle's spawn: a JoinSet would use the current runtime
  const parent = spawn.parent;
  if (parent?.type === 'expression_statement') return parent;
  if (parent?.type === 'let_declaration' && file.text(field(parent, 'pattern')!) === '_') return parent;
  return null;
}

/**
 * A `for` or `while` loop that leaves only by finishing: no `return`, `?` or
 * labelled `break` in it (outside closures and async blocks, which have their
 * own exits). Code after it then always runs, so a JoinSet drained there never
 * aborts tasks by being dropped early.
 */
function loopEndsOnlyAtItsEnd(loop: SyntaxNode): boolean {
  if (loop.type !== 'for_expression' && loop.type !== 'while_expression') return false;
  return !ownNodes(loop).some(
    (n) => n.type === 'return_expression' || n.type === 'try_expression' || (n.type === 'break_expression' && n.children.some((c) => c.type === 'label')),
  );
}
