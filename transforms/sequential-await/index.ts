import { conflict, footprint, isWrite, type Footprint } from './dependence.js';
import type { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { awaitsIn, boundNames, mentionedNames, statementsOf } from '../../src/analysis/flow.js';
import { FreshNames } from '../../src/analysis/fresh-names.js';
import { contains, descendants, field, isComment, precedingAttributes } from '../../src/analysis/syntax.js';
import type { SyntaxNode } from '../../src/engine/parse.js';
import type { Edit, Fix, Rule, RuleFinding } from '../../src/rule.js';
import { FileModel } from '../../src/model/crate-model.js';
import type { StateEffects } from '../../src/model/effects.js';
import { FS_WRITES, methodResource, pathResource } from '../../src/model/shared-state.js';
import type { Def } from '../../src/model/crate-index.js';

/** One statement of a run: `let PAT [: T] = EXPR.await TAIL;` or `EXPR.await TAIL;`. */
interface Element {
  stmt: SyntaxNode;
  attrs: SyntaxNode[];
  await: SyntaxNode;
  /** The future: what goes into `join!`. */
  expr: SyntaxNode;
  /** `?`, `.unwrap()`, a method chain: applied to the awaited value after the join. */
  tail: string;
  pattern: SyntaxNode | null;
  typed: boolean;
  names: string[];
  mentions: Set<string>;
  tailMentions: Set<string>;
  fp: Footprint;
  /** What the awaited crate fn does to shared state; null when the callee is outside the crate or unresolved. */
  state: StateEffects | null;
  /** The statics and outside resources it touches: the crate fn's effects, or what an outside call's name says. */
  touches: StateEffects | null;
  /** A failure after the await (`?`, `.unwrap()`, `.expect(..)`) stops the statements after it from running. */
  gate: boolean;
  /** It may change what others see: a crate fn that writes or cannot be told, or a call named like a write (`insert`, `send`, `execute`). */
  mayWrite: boolean;
  /** A borrow of a temporary in the future expression: it must be built inside an `async` block to live long enough. */
  wrap: boolean;
}

/** Awaits whose order is the point: locks, channels, timers, streams, I/O, transactions. */
const ORDERED_METHODS = new Set([
  'lock', 'lock_owned', 'try_lock', 'read', 'write', 'read_owned', 'write_owned', 'upgradable_read', 'acquire', 'acquire_owned', 'acquire_many',
  'acquire_many_owned', 'recv', 'recv_many', 'try_recv', 'recv_async', 'send_async', 'try_send', 'reserve', 'reserve_owned', 'send_timeout',
  'send_all', 'feed', 'flush', 'close', 'poll_ready', 'next', 'try_next', 'changed', 'notified', 'wait', 'wait_for', 'tick', 'accept', 'shutdown',
  'read_exact', 'read_to_end', 'read_to_string', 'read_line', 'read_buf', 'write_all', 'write_buf', 'readable', 'writable', 'begin',
  'begin_transaction', 'transaction', 'commit', 'rollback', 'savepoint', 'sleep', 'sleep_until', 'yield_now',
]);
const ORDERED_FUNCTIONS = new Set(['sleep', 'sleep_until', 'yield_now', 'interval', 'interval_at', 'timeout_at']);
/** Calls that usually write to the resource they are given (`set_local_description(&offer)`, `execute(&pool)`): what else they borrow is written too. */
const WRITE_CALL = /^(?:execute|insert|update|delete|remove|set|put|post|patch|create|save|store|upsert|push|publish|write|send)(?:_|$)/;

const TAIL_METHODS = new Set(['call_expression', 'field_expression', 'try_expression']);

export const sequentialAwait: Rule = {
  id: 'sequential-await',
  tier: 'preview',
  summary: 'Independent awaits run one after another where `join!` would run them concurrently',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      'Finds two or more consecutive statements in async code that each await a future (`let a = fetch_a().await?;`, `fetch_b().await;`) where no future uses what an earlier statement bound, none borrows mutably or moves what another uses, and none is an await whose order matters (locks, channels, `sleep`, `yield_now`, streams, I/O, transactions, file writes, a write (`insert(db, ..)`, `set_*(&x)`, `execute(&pool)`) to something another one uses, calls on the same receiver, a task\'s `JoinHandle` or other future kept in a variable). Where the awaited fn is the crate\'s own, in any file, its effects decide too: the pair is not joined when one writes a static, a database, a file or a process that the other reads or writes, when one runs a macro whose effects cannot be seen, when a failure of the first (`?`, `.unwrap()`) would have kept a writing second from running, when both use one database connection (`DbConn`, `PgConnection`: it runs one query at a time), or when the fn awaits nothing that waits (its future is ready at once: there is no latency to overlap). Statements with a `#[cfg]`, `let .. else`, a macro other than `format!` and friends, or a `?`/`return` inside the future end a run.',
    whyIsThisBad:
      'Each `.await` waits for its future to finish before the next one is even created, so the statement takes the sum of the latencies. Independent futures can make progress together: with `join!` the run takes about as long as the slowest one.',
    example: 'async fn load(id: u64) -> anyhow::Result<Page> {\n    let user = fetch_user(id).await?;\n    let quota = fetch_quota(id).await?;\n    Ok(Page { user, quota })\n}',
    useInstead:
      'async fn load(id: u64) -> anyhow::Result<Page> {\n    let (user, quota) = tokio::join!(fetch_user(id), fetch_quota(id));\n    let user = user?;\n    let quota = quota?;\n    Ok(Page { user, quota })\n}',
    notes:
      'The fix is unsafe: it changes concurrency. Side effects of the futures may now interleave; every future runs to completion even when an earlier one fails (the `?` and `.unwrap()` are applied afterwards, in the original order), where before a failure stopped the later ones from starting. `join!` polls the futures on the same task: they run concurrently, not in parallel, so CPU-bound work gains nothing (use `tokio::spawn` for that). `join!` rather than `try_join!` keeps different error types and their `From` conversions compiling. Type annotations, patterns, `mut`, attributes and comments stay on the per-element statements. A future that borrows a temporary is wrapped in `async { .. }` so the temporary lives long enough. The fix needs tokio\'s `macros` feature (added to Cargo.toml when missing); a crate with `futures` but without tokio gets `futures::join!`. Runs that are only partly independent are joined in the largest consecutive groups whose order and dependencies stay intact. For the crate\'s own async fns the crate model follows the calls across files (effect summaries: statics by path, database calls such as `execute` and `fetch_*`, `std`/`tokio` file-system calls, `Command` runs, writes through parameters); a call outside the crate is judged from its name (`insert`, `set_*`, `execute`, ...) and from shared receivers, so review the joins of calls that share a handle. Test code (`tests/`, `#[cfg(test)]`, `#[test]` fns) is left alone: there the order of awaits is usually what is asserted. A comment line above a statement the join would delete ends the run, so the comment is never stranded.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const names = new FreshNames(file.source.text);
    for (const block of file.nodesOfType('block')) {
      const statements = statementsOf(block);
      // In tests the order of awaits is usually what is being tested (a mock subscriber, a protocol script), and speed is not the point.
      if (statements.length < 2 || !file.inAsyncContext(statements[0]) || file.isTestCode(block)) continue;
      let segment: Element[] = [];
      for (const stmt of [...runItems(block, file), null]) {
        const element = stmt ? elementOf(stmt, file) : null;
        if (element) {
          segment.push(element);
          continue;
        }
        for (const group of independentGroups(segment)) findings.push(finding(group, file, names));
        segment = [];
      }
    }
    return findings;
  },
};

/**
 * The block's statements in order. A comment on a line of its own describes
 * the statements after it: when the next statement is one the join deletes
 * (it only binds or awaits), the comment would be left stranded after the
 * `join!`, so it ends the run there. Above a statement the join keeps (a
 * tail, a type, attributes), it stays in place, and so does a trailing comment.
 */
function* runItems(block: SyntaxNode, file: FileAnalysis): Generator<SyntaxNode> {
  const items = block.children.filter((c) => c.named && c.type !== 'attribute_item');
  let previousEnd = block.start;
  for (let i = 0; i < items.length; i++) {
    const c = items[i];
    const ownLine = file.text({ start: previousEnd, end: c.start }).includes('\n');
    previousEnd = c.end;
    if (!isComment(c)) {
      yield c;
      continue;
    }
    if (!ownLine) continue;
    const next = items.slice(i + 1).find((x) => !isComment(x));
    const element = next ? elementOf(next, file) : null;
    if (!element || !(element.tail || element.typed || element.attrs.length)) yield c; // elementOf(comment) is null: the run ends
  }
}

function elementOf(stmt: SyntaxNode, file: FileAnalysis): Element | null {
  if (isComment(stmt)) return null;
  const attrs = precedingAttributes(stmt);
  // A cfg'd statement exists only in some builds: it cannot share a `join!` with the others.
  if (attrs.some((a) => /^#\[\s*cfg(?:_attr)?\b/.test(file.text(a)))) return null;
  let value: SyntaxNode | undefined;
  let pattern: SyntaxNode | null = null;
  if (stmt.type === 'let_declaration') {
    if (field(stmt, 'alternative')) return null;
    value = field(stmt, 'value');
    pattern = field(stmt, 'pattern') ?? null;
  } else if (stmt.type === 'expression_statement') {
    value = stmt.children.find((c) => c.named);
  }
  if (!value) return null;
  // Walk the tail (`?`, `.m(..)`, `.field`) down to the await it applies to.
  const spine: SyntaxNode[] = [];
  let n: SyntaxNode | undefined = value;
  while (n && n.type !== 'await_expression') {
    if (!TAIL_METHODS.has(n.type)) return null;
    spine.push(n);
    n = n.type === 'call_expression' ? methodReceiver(n) : n.children.find((c) => c.named);
  }
  if (!n) return null;
  const awaitNode = n;
  const expr = awaitNode.children.find((c) => c.named);
  const awaits = awaitsIn(stmt);
  if (!expr || awaits.length !== 1 || awaits[0] !== awaitNode) return null;
  // A future kept in a variable (a task's JoinHandle) is already running: awaiting it is a "wait until done" whose order is the point.
  if (expr.type !== 'call_expression') return null;
  const exprFp = footprint(expr, file.source.text);
  // `?`/`return` inside the future expression would leave before the others run; unknown macros may do anything (a `select!`).
  if (exprFp.earlyExits.length) return null;
  const def = file.model?.callee(expr) ?? null;
  const state = def && file.model ? file.model.state(def) : null;
  // A crate async fn that awaits nothing that waits is ready on its first poll: joining it gains nothing.
  if (state?.latencyFree) return null;
  const own = footprint(value, file.source.text);
  const mayWrite = own.calls.some((c) => WRITE_CALL.test(c.name)) || (!!state && (state.writes.size > 0 || state.unknown || state.writesParameters));
  const fp = connectionsSerialize(mayWrite ? writesThroughBorrows(own) : own, file);
  if (fp.macros.some((m) => !m.analyzable) || orderMatters(fp)) return null;
  const tail = file.source.text.slice(awaitNode.end, value.end);
  const tailMentions = new Set<string>();
  for (const s of spine) for (const c of s.children) if (!spine.includes(c) && c !== awaitNode) for (const m of mentionedNames(c, file.source.text)) tailMentions.add(m);
  return {
    stmt,
    attrs,
    await: awaitNode,
    expr,
    tail,
    pattern,
    typed: !!(stmt.type === 'let_declaration' && field(stmt, 'type')),
    names: boundNames(stmt, file.source.text),
    mentions: mentionedNames(value, file.source.text),
    tailMentions,
    fp,
    state,
    touches: state ?? outsideTouches(expr, def, file),
    gate: /\?|\.\s*(?:unwrap|expect)\s*\(/.test(tail),
    mayWrite,
    wrap: exprFp.temporaryBorrows.length > 0,
  };
}

/** `x.m(..)`'s `x`; null for a path call (`f(..)` is not a tail). */
function methodReceiver(call: SyntaxNode): SyntaxNode | undefined {
  let f = field(call, 'function');
  if (f?.type === 'generic_function') f = field(f, 'function');
  return f?.type === 'field_expression' ? field(f, 'value') : undefined;
}

function orderMatters(fp: Footprint): boolean {
  return fp.calls.some((c) => {
    if (c.path === null) return ORDERED_METHODS.has(c.name) || (c.name === 'send' && c.argumentCount > 0);
    if (ORDERED_FUNCTIONS.has(c.name)) return true;
    return FS_WRITES.has(c.name) && /\b(?:fs|File|OpenOptions)::/.test(c.path);
  });
}

/** An `execute(&pool)` or `insert(db, ..)` writes the resource it is given: order against other users of it matters. */
function writesThroughBorrows(fp: Footprint): Footprint {
  // A copy may be a `&Db`: any value such a call is given may lead to what it writes.
  return { ...fp, accesses: fp.accesses.map((a) => (isWrite(a.mode) ? a : { ...a, mode: 'mutable' })) };
}

/**
 * A database connection (`DbConn`, `PgConnection`, `conn`) runs one query
 * at a time: futures that share one cannot overlap, so each use of it
 * counts as exclusive (a pool hands out a connection each and is not one).
 */
function connectionsSerialize(fp: Footprint, file: FileAnalysis): Footprint {
  if (!fp.accesses.some((a) => !isWrite(a.mode) && isConnection(a.node, a.place, file))) return fp;
  return { ...fp, accesses: fp.accesses.map((a) => (!isWrite(a.mode) && isConnection(a.node, a.place, file) ? { ...a, mode: 'mutable' } : a)) };
}

const CONNECTION_TYPE = /(?:Conn|Connection)$/;
const CONNECTION_NAME = /^(?:conn|connection|db_conn|dbconn)$/i;

function isConnection(node: SyntaxNode, place: string[], file: FileAnalysis): boolean {
  if (CONNECTION_NAME.test(place.at(-1)!)) return true;
  const t = file.model?.typeOf(node);
  const name = t && FileModel.typeName(t);
  return !!name && CONNECTION_TYPE.test(name);
}

/** What a call outside the crate touches, by its path or method name (`tokio::fs::write`, `.execute(..)`). */
function outsideTouches(call: SyntaxNode, def: Def | null, file: FileAnalysis): StateEffects | null {
  const callee = field(call, 'function');
  const use = callee?.type === 'field_expression' ? methodResource(file.text(field(callee, 'field')!)) : def?.kind === 'external' ? pathResource(def.path) : null;
  if (!use) return null;
  const one = new Set([use.resource]);
  return { writes: use.write ? one : new Set(), reads: use.write ? new Set() : one, unknown: false, latencyFree: false, writesParameters: false };
}

/** Both touch a static, database, file or process, and one of them writes it. */
function stateConflict(a: StateEffects | null, b: StateEffects | null): boolean {
  if (!a || !b) return false;
  const hits = (w: ReadonlySet<string>, other: StateEffects) => [...w].some((x) => other.writes.has(x) || other.reads.has(x));
  return hits(a.writes, b) || hits(b.writes, a);
}

function dependent(earlier: Element, later: Element): boolean {
  if (earlier.names.some((n) => later.mentions.has(n)) || conflict(earlier.fp, later.fp) !== null) return true;
  // A failed `?` kept the later statements from running: joined, their writes would happen anyway.
  if (earlier.gate && later.mayWrite) return true;
  // What a crate fn touches through a macro or an unfollowed call is unknown: it may be what the other one writes.
  if ((earlier.state?.unknown && later.mayWrite) || (later.state?.unknown && earlier.mayWrite)) return true;
  return stateConflict(earlier.touches, later.touches);
}

/** Greedy, in order: the longest run of pairwise independent elements from each start. */
function independentGroups(segment: Element[]): Element[][] {
  const groups: Element[][] = [];
  let i = 0;
  while (i < segment.length) {
    let j = i + 1;
    while (j < segment.length && segment.slice(i, j).every((e) => !dependent(e, segment[j]))) j++;
    if (j - i >= 2) groups.push(segment.slice(i, j));
    i = j - i >= 2 ? j : i + 1;
  }
  return groups;
}

function label(e: Element, file: FileAnalysis): string {
  const t = file.text(e.expr);
  if (!t.includes('\n') && t.length <= 40) return `\`${t}\``;
  const callee = e.expr.type === 'call_expression' ? field(e.expr, 'function') : null;
  if (callee?.type === 'field_expression') return `\`.${file.text(field(callee, 'field')!)}(..)\``;
  return callee && !file.text(callee).includes('\n') ? `\`${file.text(callee)}(..)\`` : `the await on line ${file.source.position(e.await.start).line}`;
}

function finding(group: Element[], file: FileAnalysis, names: FreshNames): RuleFinding {
  const node = { start: group[0].stmt.start, end: group.at(-1)!.stmt.end };
  const labels = group.map((e) => label(e, file));
  const list = labels.length === 2 ? `${labels[0]} and ${labels[1]}` : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  const all = group.length === 2 ? 'both' : `all ${group.length}`;
  const message = `${list} are awaited one after another but do not depend on each other: that takes the sum of their latencies, where \`join!\` takes the longest (and runs ${all} to completion even if one fails)`;
  const tokio = file.tokio(['macros'], group[0].stmt);
  let path: string;
  if (tokio.usable) path = tokio.path;
  else if (file.crate.futures) path = file.crate.futures.path;
  else return { node, message, noFixReason: `no fix: ${tokio.reason}` };
  const fix: Fix = {
    safety: 'unsafe',
    title: `Run the ${group.length} awaits concurrently with \`${path}::join!\` (each runs to completion, even if another fails)`,
    edits: joinEdits(group, `${path}::join!`, file, names.numbered(group[0].stmt, 'joined')),
  };
  if (tokio.usable && tokio.manifestChange) fix.manifestChange = tokio.manifestChange;
  return { node, message, fix };
}

/**
 * The first statement becomes the `join!`; each element whose value needs
 * more than binding (a tail, a type, attributes) keeps its statement in place
 * with `EXPR.await` replaced by the joined value, so patterns, `mut`, types,
 * tails and comments stay byte for byte. Plain ones bind in the tuple.
 */
function joinEdits(group: Element[], macro: string, file: FileAnalysis, fresh: () => string): Edit[] {
  const text = file.source.text;
  const count = new Map<string, number>();
  for (const e of group) for (const n of e.names) count.set(n, (count.get(n) ?? 0) + 1);
  const tailNames = new Set(group.flatMap((e) => [...e.tailMentions]));
  // A name bound early by the tuple must not capture a name a tail reads, nor collide with another element's.
  const clashes = (n: string) => count.get(n)! > 1 || tailNames.has(n);

  const slots: string[] = [];
  const edits: Edit[] = [];
  let firstIsPlain = false;
  for (const e of group) {
    const plain = !e.tail && !e.typed && e.attrs.length === 0 && !e.names.some(clashes) && !hasOwnComment(e);
    if (e === group[0]) firstIsPlain = plain;
    if (plain) {
      slots.push(e.pattern ? patternWithMut(e, text) : '_');
      if (e !== group[0]) edits.push(deletion(e.stmt, text));
      continue;
    }
    const simple = e.pattern?.type === 'identifier' ? e.names[0] : null;
    const temp = simple && !clashes(simple) ? simple : fresh();
    slots.push(temp);
    edits.push({ start: e.expr.start, end: e.await.end, text: temp });
  }

  const args = group.map((e) => (e.wrap ? `async { ${file.text(e.expr)}.await }` : file.text(e.expr)));
  const first = group[0];
  const anchor = first.attrs[0]?.start ?? first.stmt.start;
  const lineStart = text.lastIndexOf('\n', anchor - 1) + 1;
  const indent = text.slice(lineStart, anchor);
  const ownLine = /^[ \t]*$/.test(indent);
  const head = slots.every((s) => s === '_') ? '' : `let (${slots.join(', ')}) = `;
  let join = `${head}${macro}(${args.join(', ')});`;
  if (ownLine && (args.some((a) => a.includes('\n')) || indent.length + join.length > 100)) {
    const inner = indent + (indent.includes('\t') ? '\t' : '    ');
    const nl = lineBreak(text, lineStart);
    join = `${head}${macro}(${nl}${args.map((a) => `${inner}${a},`).join(nl)}${nl}${indent});`;
  }
  if (firstIsPlain) edits.push({ start: first.stmt.start, end: first.stmt.end, text: join });
  else edits.push({ start: anchor, end: anchor, text: join + (ownLine ? lineBreak(text, lineStart) + indent : ' ') });
  return edits;
}

/** A comment inside the statement but outside the future (between pattern and `=`): only a kept statement keeps it. */
function hasOwnComment(e: Element): boolean {
  return [...descendants(e.stmt)].some((n) => isComment(n) && !contains(e.expr, n));
}

function patternWithMut(e: Element, text: string): string {
  const mut = e.stmt.children.find((c) => c.type === 'mutable_specifier');
  return (mut ? 'mut ' : '') + text.slice(e.pattern!.start, e.pattern!.end);
}

function lineBreak(text: string, lineStart: number): string {
  return lineStart >= 2 && text[lineStart - 2] === '\r' ? '\r\n' : '\n';
}

/** Removes a statement; its whole line when nothing else is on it (a trailing comment stays). */
function deletion(stmt: SyntaxNode, text: string): Edit {
  const lineStart = text.lastIndexOf('\n', stmt.start - 1) + 1;
  let lineEnd = text.indexOf('\n', stmt.end);
  if (lineEnd < 0) lineEnd = text.length;
  if (/^[ \t]*$/.test(text.slice(lineStart, stmt.start)) && /^[ \t\r]*$/.test(text.slice(stmt.end, lineEnd))) {
    return { start: lineStart, end: Math.min(lineEnd + 1, text.length), text: '' };
  }
  let end = stmt.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { start: stmt.start, end, text: '' };
}
