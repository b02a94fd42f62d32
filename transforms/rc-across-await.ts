import type { FileAnalysis } from '../src/analysis/file-analysis.js';
import { enclosingBody } from '../src/analysis/flow.js';
import { heldAcrossAwait } from '../src/analysis/guards.js';
import { typePath, valueType } from '../src/analysis/receivers.js';
import { field, ofType } from '../src/analysis/syntax.js';
import type { SyntaxNode } from '../src/engine/parse.js';
import type { Rule, RuleFinding } from '../src/rule.js';

export const rcAcrossAwait: Rule = {
  id: 'rc-across-await',
  summary: 'an `Rc` alive across an `.await` makes the future `!Send`',
  fixSafety: 'none',
  docs: {
    whatItDoes: 'Finds a `let` binding of a `std::rc::Rc` in async code whose block goes on past an `.await` of the same future without dropping it first.',
    whyIsThisBad:
      'Everything alive at an await is stored in the future, and `Rc` is not `Send`, so the future is not `Send` either: it cannot be given to `tokio::spawn`, and the compiler\'s error points at the spawn, far from the `Rc`. Code that is not spawned today breaks the day someone spawns it.',
    example: 'async fn render(page: Page) -> String {\n    let layout = Rc::new(page.layout());\n    let body = fetch_body(&page).await;\n    layout.wrap(body)\n}',
    useInstead: 'async fn render(page: Page) -> String {\n    let layout = Arc::new(page.layout());\n    let body = fetch_body(&page).await;\n    layout.wrap(body)\n}',
    notes:
      'Reported without a fix: use `std::sync::Arc` (and `Mutex`/`RwLock` for a `RefCell` inside), or drop the `Rc` (`drop(rc)` or a block) before the await. Futures handed directly to `spawn_local` or `LocalSet::run_until` run on one thread by design and are not reported; elsewhere on a `LocalSet`, silence the finding with `// async-fix: ignore[rc-across-await]`.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    for (const stmt of ofType(file.root, 'let_declaration')) {
      const value = field(stmt, 'value');
      const declared = field(stmt, 'type');
      if (!value || !file.inAsyncContext(stmt) || runsOnLocalSet(stmt, file)) continue;
      const type = declared ? typePath(file, declared, false) : valueType(file, value);
      if (type !== 'std::rc::Rc') continue;
      const held = heldAcrossAwait(value, file.source);
      if (!held?.binding) continue;
      const line = file.source.position(held.await.start).line;
      const node = field(stmt, 'pattern') ?? stmt;
      const message = `\`Rc\` \`${held.binding.name}\` is alive across the \`.await\` on line ${line}, so this future is not \`Send\` (it cannot be given to \`tokio::spawn\`)`;
      findings.push({ node, message, noFixReason: `no fix: use \`std::sync::Arc\` instead of \`Rc\`, or drop \`${held.binding.name}\` before the await` });
    }
    return findings;
  },
};

/** A future handed to `spawn_local` or `LocalSet::run_until` runs on one thread by design: `!Send` is fine there. */
function runsOnLocalSet(stmt: SyntaxNode, file: FileAnalysis): boolean {
  const body = enclosingBody(stmt);
  const call = body?.parent?.type === 'arguments' ? body.parent.parent : null;
  const callee = call?.type === 'call_expression' ? field(call, 'function') : undefined;
  const name = callee && (field(callee, 'field') ?? field(callee, 'name') ?? callee);
  return !!name && ['spawn_local', 'run_until'].includes(file.text(name));
}
