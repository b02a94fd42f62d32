import { arcPlan } from './arc-conversion.js';
import type { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { enclosingBody } from '../../src/analysis/flow.js';
import { heldAcrossAwait } from '../../src/analysis/guards.js';
import { dropUnusedImports, type FixDraft } from '../../src/analysis/imports.js';
import { typePath, valueType } from '../../src/analysis/receivers.js';
import { tokioSpawnedBlocks } from '../../src/analysis/spawned-futures.js';
import { descendants, field, hasToken, lastSegment } from '../../src/analysis/syntax.js';
import type { SyntaxNode } from '../../src/engine/parse.js';
import type { Rule, RuleFinding } from '../../src/rule.js';

export const rcAcrossAwait: Rule = {
  id: 'rc-across-await',
  tier: 'preview',
  summary: 'an `Rc` alive across an `.await` makes the future `!Send`',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes: 'Finds a `let` binding of a `std::rc::Rc` in async code whose block goes on past an `.await` of the same future without dropping it first.',
    whyIsThisBad:
      'Everything alive at an await is stored in the future, and `Rc` is not `Send`, so the future is not `Send` either: it cannot be given to `tokio::spawn`, and the compiler\'s error points at the spawn, far from the `Rc`. Code that is not spawned today breaks the day someone spawns it.',
    example: 'async fn render(page: Page) -> String {\n    let layout = Rc::new(page.layout());\n    let body = fetch_body(&page).await;\n    layout.wrap(body)\n}',
    useInstead: 'async fn render(page: Page) -> String {\n    let layout = Arc::new(page.layout());\n    let body = fetch_body(&page).await;\n    layout.wrap(body)\n}',
    notes:
      'In an `async` block given to `tokio::spawn` (directly, or bound by a `let` and spawned by name), where such code does not compile, the fix turns the block\'s `Rc`s into `std::sync::Arc`s: `Rc::new`/`Rc::clone` become `std::sync::Arc::new`/`clone` and a `let x: Rc<T>` annotation `std::sync::Arc<T>`, and a `use std::rc::Rc` left unused is removed or narrowed. It is offered only when every `Rc` of the block is created there (`Rc::new`, or a clone of one of them) and only ever used where an `Arc` works the same (methods and fields through `Deref`, clones, `&*x`, `&x` passed to a fn of this file taking a plain `&T`, format macros, `drop`), and nothing shows a `RefCell`/`Cell` inside. It is unsafe: the count becomes atomic, and the future becomes `Send`, which changes what compiles around it; review that the value inside is `Send + Sync`.\n' +
      'Everywhere else the finding is reported without a fix: use `std::sync::Arc` (and `Mutex`/`RwLock` for a `RefCell` inside), or drop the `Rc` (`drop(rc)` or a block) before the await. Futures handed directly to `spawn_local` or `LocalSet::run_until` run on one thread by design and are not reported; elsewhere on a `LocalSet`, silence the finding with `// async-fix: ignore[rc-across-await]`.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const drafts: FixDraft[] = [];
    const spawned = tokioSpawnedBlocks(file);
    const byFuture = new Map<SyntaxNode, { node: SyntaxNode; name: string; line: number }[]>();
    for (const stmt of file.nodesOfType('let_declaration')) {
      const value = field(stmt, 'value');
      const declared = field(stmt, 'type');
      if (!value || !file.inAsyncContext(stmt) || runsOnLocalSet(stmt, file)) continue;
      const type = declared ? typePath(file, declared, false) : valueType(file, value);
      if (type !== 'std::rc::Rc') continue;
      const held = heldAcrossAwait(value, file.source);
      if (!held?.binding) continue;
      const name = held.binding.name;
      if (!held.usedAfterAwait && movedBefore(name, stmt, held.await, file)) continue;
      const line = file.source.position(held.await.start).line;
      const node = field(stmt, 'pattern') ?? stmt;
      const future = enclosingBody(stmt);
      if (future && spawned.has(future)) {
        byFuture.set(future, [...(byFuture.get(future) ?? []), { node, name, line }]);
        continue;
      }
      findings.push({ node, message: notSendMessage(name, line), noFixReason: `no fix: use \`std::sync::Arc\` instead of \`Rc\`, or drop \`${name}\` before the await` });
    }
    for (const [future, held] of byFuture) {
      const plan = arcPlan(file, future);
      if ('reason' in plan) {
        for (const h of held) findings.push({ node: h.node, message: spawnedMessage(h.name, h.line), noFixReason: `no fix: ${plan.reason}` });
        continue;
      }
      // One fix turns every Rc of the future into an Arc: one finding for all of them.
      const names = held.map((h) => `\`${h.name}\``).join(', ');
      const fix = { safety: 'unsafe' as const, title: `Use \`std::sync::Arc\` instead of \`Rc\` for ${names}`, edits: plan.edits };
      drafts.push({ fix, paths: plan.paths });
      findings.push({ node: held[0].node, message: spawnedMessage(held[0].name, held[0].line, held.slice(1).map((h) => h.name)), fix });
    }
    dropUnusedImports(file, drafts);
    return findings.sort((a, b) => a.node.start - b.node.start);
  },
};

/**
 * Whether `name` is given away before `point`, so the spawning future no
 * longer holds the `Rc` there: captured by an `async move` block or `move`
 * closure handed to a spawn (`spawn_local`, `spawn_blocking`,
 * `std::thread::spawn`), or dropped (`drop(rc)`). A future or value merely
 * built from it may still hold it, so nothing else counts. Only the
 * statements between its `let` and the await, in the same block, are read.
 */
function movedBefore(name: string, stmt: SyntaxNode, point: SyntaxNode, file: FileAnalysis): boolean {
  const block = stmt.parent;
  if (!block) return false;
  const calleeName = (call: SyntaxNode | null | undefined) => {
    const f = call?.type === 'call_expression' ? field(call, 'function') : undefined;
    return f ? file.text(lastSegment(f)) : null;
  };
  for (const s of block.children) {
    if (s.start <= stmt.start || s.start >= point.start) continue;
    for (const n of descendants(s)) {
      if (n.type !== 'identifier' || file.text(n) !== name || n.end > point.start) continue;
      if (n.parent?.type === 'arguments' && calleeName(n.parent.parent) === 'drop') return true;
      for (let a = n.parent; a && a !== block; a = a.parent) {
        const task = (a.type === 'async_block' || a.type === 'closure_expression') && hasToken(a, 'move') && a.parent?.type === 'arguments';
        if (task && SPAWNS.has(calleeName(a.parent!.parent) ?? '')) return true;
      }
    }
  }
  return false;
}

const SPAWNS = new Set(['spawn_local', 'spawn_blocking', 'spawn', 'spawn_local_on']);

function notSendMessage(name: string, line: number): string {
  return `\`Rc\` \`${name}\` is alive across the \`.await\` on line ${line}, so this future is not \`Send\` (it cannot be given to \`tokio::spawn\`)`;
}

function spawnedMessage(name: string, line: number, others: string[] = []): string {
  const also = others.length ? ` (and ${others.map((o) => `\`${o}\``).join(', ')})` : '';
  return `\`Rc\` \`${name}\`${also} is alive across the \`.await\` on line ${line} in a future given to \`tokio::spawn\`, which must be \`Send\`: this does not compile`;
}

/** A future handed to `spawn_local` or `LocalSet::run_until` runs on one thread by design: `!Send` is fine there. */
function runsOnLocalSet(stmt: SyntaxNode, file: FileAnalysis): boolean {
  const body = enclosingBody(stmt);
  const call = body?.parent?.type === 'arguments' ? body.parent.parent : null;
  const callee = call?.type === 'call_expression' ? field(call, 'function') : undefined;
  const name = callee && lastSegment(callee);
  return !!name && ['spawn_local', 'run_until'].includes(file.text(name));
}
