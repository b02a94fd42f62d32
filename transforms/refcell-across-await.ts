import { awaitPointLabel, guardsHeldAcrossAwait } from '../src/analysis/guards.js';
import { isRefCell } from '../src/analysis/receivers.js';
import type { Rule, RuleFinding } from '../src/rule.js';

const BORROWS = new Set(['borrow', 'borrow_mut']);

export const refcellAcrossAwait: Rule = {
  id: 'refcell-across-await',
  summary: 'a `RefCell` borrow alive across an `.await`',
  fixSafety: 'none',
  clippyLints: ['await_holding_refcell_ref'],
  docs: {
    whatItDoes:
      'Finds a `RefCell::borrow()` / `borrow_mut()` guard (`Ref` / `RefMut`) that is still alive when the task reaches an `.await`: a `let` binding whose block goes on past the await, or a temporary of the awaited statement, a `match` scrutinee or a `while let` condition.',
    whyIsThisBad:
      'While the task is suspended, the cell stays borrowed. Any other code that borrows it mutably in the meantime (another task on a `LocalSet`, a callback, the same task through another path) panics with `already borrowed`, and only under the timing that makes the two overlap. The guard also makes the future `!Send`.',
    example: 'async fn refresh(cache: &RefCell<Cache>) {\n    let mut c = cache.borrow_mut();\n    c.clear();\n    reload().await;\n    c.mark_fresh();\n}',
    useInstead:
      'async fn refresh(cache: &RefCell<Cache>) {\n    cache.borrow_mut().clear();\n    reload().await;\n    cache.borrow_mut().mark_fresh();\n}',
    notes:
      'Reported without a fix: end the borrow before the await (a block around it, or a short borrow per statement) and borrow again after it. Only receivers the tree shows to be a `RefCell` (a `let`, parameter or field of type `RefCell<T>` or `Rc<RefCell<T>>`) are checked, since `borrow()` is also the `Borrow` trait\'s method.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    for (const { value, held, acquire } of guardsHeldAcrossAwait(file, BORROWS, (receiver) => isRefCell(file, receiver) === true)) {
      const point = awaitPointLabel(held.await, file.source);
      const what = held.binding ? `\`RefCell\` borrow \`${held.binding.name}\`` : 'temporary `RefCell` borrow';
      findings.push({
        node: value,
        message: `${what} is alive across ${point}: another borrow while the task is suspended panics, and the future is \`!Send\``,
        noFixReason: `no fix: end the borrow before the await (scope \`${file.text(acquire)}\` in a block, or borrow again after it)`,
      });
    }
    return findings;
  },
};
