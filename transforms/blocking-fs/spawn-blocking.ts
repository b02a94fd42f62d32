import type { SyntaxNode } from '../../src/engine/parse.js';
import type { Edit } from '../../src/rule.js';
import { localOrigin, unwrapped } from '../../src/analysis/blocking.js';
import type { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { awaitsIn, boundNames, enclosingBody, enclosingLoop, formatCaptures, mentionedNames, ownNodes, returnTypeOf, statementOf, statementsOf } from '../../src/analysis/flow.js';
import { isShadowedByLocalBinding } from '../../src/analysis/bindings.js';
import { descendants, field, lastSegment } from '../../src/analysis/syntax.js';

/**
 * Moving a run of sync statements into
 * `tokio::task::spawn_blocking(move || { .. }).await`. The run starts at the
 * statement holding `trigger`, takes in the `let`s right before it whose
 * names it uses, and runs on to the last statement using a name it binds, so
 * nothing it binds is needed after it (a run that ends in the block's tail
 * becomes the tail). The closure must own what it captures: a `&Path`, `&str`
 * or `&[u8]` parameter is copied with `to_owned()` first and reborrowed
 * inside, so the moved code sees the same types; an owned local is moved in
 * only when nothing uses it afterwards. `?` keeps its meaning: the closure
 * returns the enclosing fn's error type, and the result is `?`-ed outside.
 * A panic in the closure is re-raised by `.expect(..)`.
 * `through` makes the run start as the statements from the trigger's to that
 * one (a batch of blocking calls in a row) before it grows the same way.
 */
export type SpawnBlockingPlan = { edit: Edit; start: number; end: number } | { reason: string };

const SAFE_MACROS = new Set([
  'println', 'eprintln', 'print', 'eprint', 'format', 'vec', 'write', 'writeln', 'assert', 'assert_eq', 'assert_ne',
  'debug_assert', 'debug_assert_eq', 'panic', 'unreachable', 'todo', 'dbg', 'concat', 'trace', 'debug', 'info', 'warn', 'error',
]);

/** Unsized targets whose `to_owned()` is a different type: reborrowed with `&*` to get the original reference type back. */
const UNSIZED = new Set(['Path', 'str', '[u8]', 'OsStr']);
const OWNABLE = new Set([...UNSIZED, 'PathBuf', 'String', 'Vec<u8>', 'OsString']);
const COPY = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'bool', 'char', 'f32', 'f64', 'Duration']);
/** Types a `spawn_blocking` closure cannot take or return: borrows, `!Send` pointers and cells, opaque types. */
const NOT_SENDABLE = /[&'*]|\b(impl|dyn|Self|Rc|RefCell|Cell|Ref|RefMut|MutexGuard|RwLockReadGuard|RwLockWriteGuard)\b/;
/** Owned, `Send` std types a `let` may build with `::new`/`::from`/...: safe to move into the closure. */
const OWNED_TYPES = new Set(['String', 'PathBuf', 'OsString', 'Vec', 'VecDeque', 'HashMap', 'HashSet', 'BTreeMap', 'BTreeSet']);
const OWNING_METHODS = new Set(['to_owned', 'to_string', 'to_path_buf', 'join', 'clone', 'into_owned', 'with_extension', 'to_vec']);

export function planSpawnBlocking(file: FileAnalysis, trigger: SyntaxNode, tokioPath: string, through?: SyntaxNode): SpawnBlockingPlan {
  const stmt = statementOf(trigger);
  const block = stmt?.parent;
  if (!stmt || !block) return { reason: 'it is not a statement of a block' };
  const stmts = statementsOf(block);
  const src = file.source.text;
  let lo = stmts.indexOf(stmt);
  let hi = through ? stmts.indexOf(through) : lo;
  if (hi < lo) return { reason: 'the statements are not a run of one block' };
  const mentioned = (from: number, to: number) => new Set(stmts.slice(from, to + 1).flatMap((s) => [...mentionedNames(s, src)]));
  const bound = (from: number, to: number) => new Set(stmts.slice(from, to + 1).flatMap((s) => boundNames(s, src)));
  while (lo > 0 && stmts[lo - 1].type === 'let_declaration' && boundNames(stmts[lo - 1], src).some((n) => mentioned(lo, hi).has(n))) lo--;
  for (let j = hi + 1; j < stmts.length; j++) {
    const names = bound(lo, hi);
    if ([...mentioned(j, j)].some((n) => names.has(n))) hi = j;
  }
  const run = stmts.slice(lo, hi + 1);
  const isTail = hi === stmts.length - 1 && run[run.length - 1].type !== 'expression_statement' && run[run.length - 1].type !== 'let_declaration' && !/;\s*$/.test(file.text(run[run.length - 1]));
  const blocked = run.map((s) => whyNotMovable(s, file)).find((r) => r);
  if (blocked) return { reason: blocked };

  const captures = capturesOf(file, run, mentioned(lo, hi));
  if ('reason' in captures) return captures;
  const hasTry = run.some((s) => ownNodes(s).some((n) => n.type === 'try_expression'));
  const fnBody = block.parent?.type === 'function_item';
  const returns = returnTypeOf(stmt, src);
  if (isTail && !fnBody) return { reason: 'it ends a nested block whose value type the tree does not tell' };
  if (isTail && returns?.text && (NOT_SENDABLE.test(returns.text) || hasTypeParameters(returns.owner))) {
    return { reason: `the closure would return \`${returns.text}\`, which may borrow or not be \`Send\`` };
  }
  let annotation = '';
  let okTail = '';
  let outerTry = '';
  if (hasTry) {
    if (!returns?.text || NOT_SENDABLE.test(returns.text) || hasTypeParameters(returns.owner)) {
      return { reason: 'its `?` needs the error type of the enclosing fn, which is not written as a plain `Result`' };
    }
    if (isTail) annotation = `-> ${returns.text} `;
    else {
      const unit = withUnitOk(returns.text);
      if (!unit) return { reason: `its \`?\` needs the error type of \`${returns.text}\`, which async-fix cannot tell` };
      annotation = `-> ${unit} `;
      okTail = 'Ok(())';
      outerTry = '?';
    }
  }
  const text = file.text({ start: run[0].start, end: run[run.length - 1].end });
  if (allNodes(run).some((n) => /string_literal$/.test(n.type) && file.text(n).includes('\n'))) {
    return { reason: 'it holds a multi-line string literal, whose text re-indenting would change' };
  }
  const eol = file.source.eol;
  const indent = file.source.indentAt(run[0].start);
  const inner = `${indent}    `;
  const body = [...captures.rebind, text.split(/\r?\n/).join(`${eol}    `), ...(okTail ? [okTail] : [])].map((l) => `${inner}${l}`);
  const lines = [
    `${captures.prelude.map((p) => `${p}${eol}${indent}`).join('')}${tokioPath}::task::spawn_blocking(move || ${annotation}{`,
    ...body,
    `${indent}})`,
    `${indent}.await`,
    `${indent}.expect("blocking task panicked")${outerTry}${isTail ? '' : ';'}`,
  ];
  return { edit: { start: run[0].start, end: run[run.length - 1].end, text: lines.join(eol) }, start: run[0].start, end: run[run.length - 1].end };
}

/** `io::Result<T>` -> `io::Result<()>`, `Result<T, E>` -> `Result<(), E>`; null for anything else. */
export function withUnitOk(resultType: string): string | null {
  const m = /^((?:[\w:]+::)?Result)\s*<([\s\S]*)>$/.exec(resultType.trim());
  if (!m) return null;
  let depth = 0;
  for (let i = 0; i < m[2].length; i++) {
    const c = m[2][i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if (c === '>' || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) return `${m[1]}<(), ${m[2].slice(i + 1).trim()}>`;
  }
  return `${m[1]}<()>`;
}

function hasTypeParameters(fn: SyntaxNode): boolean {
  return fn.children.some((c) => c.type === 'type_parameters');
}

function allNodes(run: SyntaxNode[]): SyntaxNode[] {
  return run.flatMap((s) => [...descendants(s)]);
}

/** Why a statement cannot run in a closure on another thread, or null. */
function whyNotMovable(stmt: SyntaxNode, file: FileAnalysis): string | null {
  if (awaitsIn(stmt).length) return 'the sequence also awaits, so it cannot move to a blocking thread as a whole';
  for (const n of ownNodes(stmt)) {
    if (n.type === 'return_expression') return 'the sequence returns from the fn, which a closure cannot do';
    if ((n.type === 'break_expression' || n.type === 'continue_expression') && !loopInside(n, stmt)) {
      return 'the sequence breaks out of a loop around it, which a closure cannot do';
    }
    if (n.type === 'self') return 'the sequence uses `self`, which a `spawn_blocking` closure cannot borrow';
    if (n.type === 'macro_invocation') {
      const name = file.text(lastSegment(field(n, 'macro') ?? n));
      if (!SAFE_MACROS.has(name)) return `the sequence calls \`${name}!\`, which may return or use names async-fix cannot see`;
    }
  }
  return null;
}

function loopInside(jump: SyntaxNode, stmt: SyntaxNode): boolean {
  if (jump.children.some((c) => c.type === 'label')) return false;
  for (let n = jump.parent; n && n !== stmt.parent; n = n.parent) {
    if (n.type === 'loop_expression' || n.type === 'for_expression' || n.type === 'while_expression') return true;
  }
  return false;
}

/** Names a format string captures implicitly (`"{path}"`). */
function formatNames(node: SyntaxNode, file: FileAnalysis, from = 0): string[] {
  const out: string[] = [];
  for (const n of descendants(node)) {
    if (n.type !== 'string_literal' || n.parent?.type !== 'token_tree' || n.start < from) continue;
    out.push(...formatCaptures(file.text(n)));
  }
  return out;
}

/** What must happen to each local the run uses so that a `move` closure owns it. */
function capturesOf(file: FileAnalysis, run: SyntaxNode[], names: Set<string>): { prelude: string[]; rebind: string[] } | { reason: string } {
  const prelude: string[] = [];
  const rebind: string[] = [];
  const first = run[0];
  const end = run[run.length - 1].end;
  const inLoop = enclosingLoop(first) !== null;
  for (const name of [...names].sort()) {
    if (name === 'self') return { reason: 'the sequence uses `self`, which a `spawn_blocking` closure cannot borrow' };
    const origin = localOrigin(name, first, file);
    if (!origin) {
      if (isLocalOtherwise(name, first, file)) return { reason: `it uses \`${name}\`, bound by a pattern whose type the tree does not show` };
      continue; // a fn, const or static: not captured
    }
    const type = origin.type ? file.text(origin.type).replace(/\s+/g, '') : null;
    if (type && COPY.has(type)) continue;
    const usedLater = usedAfter(name, end, first, file);
    if (type?.startsWith('&') && !type.startsWith('&mut') && OWNABLE.has(type.slice(1))) {
      if (usedLater) return { reason: `\`${name}\` is used after the sequence, so it cannot be moved into the closure; clone it first` };
      prelude.push(`let ${name} = ${name}.to_owned();`);
      rebind.push(`let ${name} = ${UNSIZED.has(type.slice(1)) ? '&*' : '&'}${name};`);
      continue;
    }
    const owned = type ? ownedType(type) : origin.kind === 'let' && !!origin.value && ownedValue(origin.value, file);
    if (!owned) return { reason: `it uses \`${name}\`, which the tree does not show to be an owned value a \`move\` closure can take` };
    if (usedLater || inLoop) return { reason: `\`${name}\` is used after the sequence${inLoop ? ' (it runs in a loop)' : ''}, so it cannot be moved into the closure; clone it first` };
  }
  return { prelude, rebind };
}

/** `PathBuf`, `Vec<String>`, `std::collections::HashMap<u64, String>`: a known owned `Send` type (user types may hold an `Rc`). */
function ownedType(type: string): boolean {
  const base = /^(?:[\w:]+::)?(\w+)(<.*>)?$/.exec(type);
  return !!base && OWNED_TYPES.has(base[1]) && !NOT_SENDABLE.test(type);
}

/** A `let` value that owns its data: a literal, `String::from(..)`, `x.to_owned()`, `format!(..)`, ... */
function ownedValue(value: SyntaxNode, file: FileAnalysis): boolean {
  const v = unwrapped(value, file);
  if (/^(string_literal|integer_literal|float_literal|boolean_literal|char_literal)$/.test(v.type)) return true;
  if (v.type === 'macro_invocation') return ['format', 'vec'].includes(file.text(field(v, 'macro') ?? v));
  if (v.type !== 'call_expression') return false;
  const callee = field(v, 'function');
  if (callee?.type === 'field_expression') return OWNING_METHODS.has(file.text(field(callee, 'field')!));
  const path = callee && file.qualifiedName(callee);
  const m = path && /(?:^|::)(\w+)::(new|from|with_capacity|default)$/.exec(path);
  return !!m && OWNED_TYPES.has(m[1]);
}

/** Bound by a `for`/`match`/closure pattern rather than a `let` or parameter. */
function isLocalOtherwise(name: string, at: SyntaxNode, file: FileAnalysis): boolean {
  return localOrigin(name, at, file) === null && isShadowedByLocalBinding(name, at, file.source.text);
}

/** Whether `name` appears in the enclosing body after `offset`. */
function usedAfter(name: string, offset: number, at: SyntaxNode, file: FileAnalysis): boolean {
  const body = enclosingBody(at);
  if (!body) return true;
  for (const n of descendants(body)) {
    if (n.start < offset || n.type !== 'identifier' || file.text(n) !== name) continue;
    if (n.field === 'field' || (n.field === 'name' && n.parent?.type === 'scoped_identifier')) continue;
    return true;
  }
  return formatNames(body, file, offset).includes(name);
}
