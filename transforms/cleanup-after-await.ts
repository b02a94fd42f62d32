import type { FileAnalysis } from '../src/analysis/file-analysis.js';
import { awaitsIn, boundNames, statementsOf } from '../src/analysis/flow.js';
import { field, namedChildren, within } from '../src/analysis/syntax.js';
import type { SyntaxNode } from '../src/engine/parse.js';
import type { Rule, RuleFinding } from '../src/rule.js';

/**
 * A cleanup undoes one kind of acquisition, on the same resource: `remove(&k)`
 * an `insert(k)`, `unregister` a `register`, `remove_dir_all(p)` a
 * `create_dir(p)`. Calls whose resource's own `Drop` releases it (`close`,
 * `rollback`, a guard's unlock on drop) or that are not releases of something
 * acquired (`delete` of a row, an HTTP DELETE) are not cleanups.
 */
const RELEASES: readonly { cleanup: RegExp; acquire: RegExp; keyed?: true; paired?: true }[] = [
  { cleanup: /^(?:remove|take)$/, acquire: /^(?:insert|push|add|put)(?:_|$)/, keyed: true },
  { cleanup: /^(?:unregister|deregister)$/, acquire: /^register/ },
  { cleanup: /^unsubscribe$/, acquire: /^subscribe/ },
  { cleanup: /^(?:release|free)$/, acquire: /^(?:acquire|reserve|claim|allocate)/ },
  { cleanup: /^unlock$/, acquire: /^(?:lock|try_lock)$/ },
  { cleanup: /^(?:remove_file|remove_dir|remove_dir_all)$/, acquire: /^(?:write|create|create_dir|create_dir_all|copy|rename|File::create)$/ },
  // A value's own `cleanup()` is as often test teardown of rows it made as a release: only after its `setup()`.
  { cleanup: /^(?:cleanup|clean_up|teardown)$/, acquire: /^(?:setup|set_up|prepare|init)/, paired: true },
];
const CLEANUP = new RegExp(RELEASES.map((r) => r.cleanup.source).join('|'));

interface Call {
  call: SyntaxNode;
  name: string;
  /** What the call works on: the method's receiver, or a free fn's first argument (without `&`). */
  key: string;
  /** For a method, its first argument (without `&` and `.clone()`): the entry an `insert`/`remove` is about. */
  entry: string | null;
}

function callInfo(call: SyntaxNode, file: FileAnalysis): Call | null {
  const callee = field(call, 'function');
  const args = namedChildren(field(call, 'arguments') ?? call);
  if (!callee) return null;
  const bare = (n: SyntaxNode) => file.text(n).replace(/^&\s*(?:mut\s+)?/, '').replace(/\.clone\(\)$/, '');
  if (callee.type === 'field_expression') {
    const method = field(callee, 'field');
    const receiver = field(callee, 'value');
    return method && receiver ? { call, name: file.text(method), key: file.text(receiver), entry: args[0] ? bare(args[0]) : null } : null;
  }
  const name = file.text(callee).split('::').pop()!;
  return args[0] ? { call, name, key: bare(args[0]), entry: null } : null;
}

/** Calls made by the statement's own code (not closures or async blocks in it). */
function callsIn(stmt: SyntaxNode, file: FileAnalysis): Call[] {
  return ownCalls(stmt, file.nodesOfTypeIn('call_expression', stmt), file)
    .map((c) => callInfo(c, file))
    .filter((c): c is Call => c !== null);
}

/** Those of `calls` (all inside `stmt`) that its own code makes. */
function ownCalls(stmt: SyntaxNode, calls: readonly SyntaxNode[], file: FileAnalysis): SyntaxNode[] {
  const owner = file.enclosingBody(stmt);
  return calls.filter((c) => file.enclosingBody(c) === owner);
}

/**
 * The file's cleanup calls, in document order. Each block asks for those in
 * its statements, and nested blocks ask about the same calls again: looking
 * at every call of every statement of every block, as before, was cubic in
 * the nesting depth.
 */
function cleanupCalls(file: FileAnalysis): { nodes: SyntaxNode[]; info: Map<SyntaxNode, Call> } {
  const info = new Map<SyntaxNode, Call>();
  for (const call of file.nodesOfType('call_expression')) {
    const c = callInfo(call, file);
    if (c && CLEANUP.test(c.name)) info.set(call, c);
  }
  return { nodes: [...info.keys()], info };
}

/**
 * Whether `stmt` acquires what `cleanup` releases: the acquisition its kind
 * undoes, on the same resource (and, for a keyed collection, the same entry),
 * or a `let` that binds the resource from a call (`let dir = make_temp_dir()?`).
 */
function acquires(stmt: SyntaxNode, cleanup: Call, file: FileAnalysis): SyntaxNode | null {
  const kind = RELEASES.find((r) => r.cleanup.test(cleanup.name));
  if (!kind) return null;
  if (!kind.keyed && !kind.paired && boundNames(stmt, file.source.text).includes(cleanup.key) && file.nodesOfTypeIn('call_expression', stmt).length) return stmt;
  const matches = (c: Call) => c.key === cleanup.key && kind.acquire.test(c.name) && (!kind.keyed || (c.entry !== null && c.entry === cleanup.entry));
  return callsIn(stmt, file).find(matches)?.call ?? null;
}

export const cleanupAfterAwait: Rule = {
  id: 'cleanup-after-await',
  tier: 'preview',
  testCodeOptIn: true,
  summary: 'a cleanup step after an `.await` is skipped when the future is cancelled there',
  fixSafety: 'none',
  docs: {
    whatItDoes:
      'Finds a cleanup call written after an `.await` that undoes what the same block did before that await, on the same resource: `remove(&k)` after `insert(k)` on the same map (the same entry), `unregister` after `register`, `unsubscribe` after `subscribe`, `release`/`free` after `acquire`/`reserve`, `unlock` after `lock`, `remove_file`/`remove_dir_all(p)` after `write`/`create_dir(p)`, `cleanup` after `setup` on the same value, or a release of a value bound from a call (`let dir = make_temp_dir()?` then `remove_dir_all(&dir)`). Not cleanups: calls whose resource\'s own `Drop` releases it (`close`, `rollback`) and deletes that are not releases (`delete` of a row, an HTTP DELETE). A collection the future itself owns is dropped with it and is not reported.',
    whyIsThisBad:
      'A future can be dropped at any `.await`: a `select!` branch that loses, a `timeout`, an aborted task, a client that disconnects. The code after that await never runs, so the entry stays in the registry, the lock file stays on disk, the slot stays reserved. It works in every test and leaks in production.',
    example:
      'async fn run(&self, id: u64) {\n    self.active.lock().unwrap().insert(id);\n    work(id).await;\n    self.active.lock().unwrap().remove(&id);\n}',
    useInstead:
      'struct Active<\'a>(&\'a Mutex<HashSet<u64>>, u64);\nimpl Drop for Active<\'_> {\n    fn drop(&mut self) {\n        self.0.lock().unwrap().remove(&self.1);\n    }\n}\n\nasync fn run(&self, id: u64) {\n    self.active.lock().unwrap().insert(id);\n    let _active = Active(&self.active, id);\n    work(id).await;\n}',
    notes:
      'Reported without a fix: put the cleanup in the `Drop` of a guard value created right after the acquisition, so it runs however the future ends (completion, error return, panic or cancellation). A cleanup that must itself await cannot run in `Drop`: spawn it from `Drop`, or make sure the future is never cancelled (run it in its own `tokio::spawn`ed task).',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const cleanups = cleanupCalls(file);
    for (const block of file.nodesOfType('block')) {
      if (!file.inAsyncContext(block)) continue;
      const stmts = statementsOf(block);
      for (let c = 1; c < stmts.length; c++) {
        for (const call of ownCalls(stmts[c], within(cleanups.nodes, stmts[c]), file)) {
          const cleanup = cleanups.info.get(call)!;
          if (ownedByTheFuture(cleanup.key, block, file)) continue;
          const found = acquiredBeforeAwait(stmts.slice(0, c), cleanup, file);
          if (!found) continue;
          const awaitLine = file.source.position(found.await.start).line;
          const acquireLine = file.source.position(found.acquire.start).line;
          findings.push({
            node: cleanup.call,
            message: `\`${cleanup.name}\` on \`${shown(cleanup.key)}\` (acquired on line ${acquireLine}) runs after the \`.await\` on line ${awaitLine}: if the future is cancelled there, it never runs`,
            noFixReason: 'no fix: move the cleanup into the `Drop` of a guard created right after the acquisition, so it runs however the future ends',
          });
        }
      }
    }
    return findings;
  },
};

/** The acquisition `cleanup` releases in `before` and an await after it (both in `before`), or null. */
function acquiredBeforeAwait(before: SyntaxNode[], cleanup: Call, file: FileAnalysis): { acquire: SyntaxNode; await: SyntaxNode } | null {
  for (let q = 0; q < before.length - 1; q++) {
    const acquire = acquires(before[q], cleanup, file);
    if (!acquire) continue;
    for (const s of before.slice(q + 1)) {
      const awaits = awaitsIn(s);
      if (awaits.length) return { acquire, await: awaits[0] };
    }
  }
  return null;
}

/**
 * `let mut seen = HashSet::new();`: a collection the future itself owns is
 * dropped with it, so an entry left behind by cancellation leaks nothing.
 */
function ownedByTheFuture(key: string, block: SyntaxNode, file: FileAnalysis): boolean {
  if (!/^\w+$/.test(key)) return false;
  for (let b: SyntaxNode | null = block; b && b.type === 'block'; b = b.parent?.type === 'block' ? b.parent : null) {
    for (const stmt of statementsOf(b)) {
      if (stmt.type !== 'let_declaration' || !boundNames(stmt, file.source.text).includes(key)) continue;
      const value = field(stmt, 'value');
      return !!value && /(?:::(?:new|default|with_capacity)\s*\(|^vec!)/.test(file.text(value));
    }
  }
  return false;
}

/** `self.active.lock().unwrap()` is shown as `self.active`: the lock is how it is reached, not what is cleaned up. */
function shown(key: string): string {
  return key.replace(/(?:\.(?:lock|read|write|borrow|borrow_mut)\(\)(?:\.unwrap\(\)|\.expect\([^)]*\))?)+$/, '') || key;
}
