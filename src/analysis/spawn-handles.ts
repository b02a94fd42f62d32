import type { SyntaxNode } from '../engine/parse.js';
import { localBinding } from './bindings.js';
import { awaitsIn, enclosingBody, statementsOf } from './flow.js';
import { descendants, field, namedChildren } from './syntax.js';

/**
 * What happens to the JoinHandle a spawn returns: dropped (the task runs
 * detached), pushed into a Vec (or collected from an iterator chain) that one
 * later statement awaits, or something this analysis does not follow. For a
 * collected Vec it also says whether the results are used in spawn order, so
 * a rewrite that joins tasks as they finish can put them back in that order.
 */

export type HandleUse =
  | { kind: 'dropped' }
  /** `spawn(..).await`, or `let h = spawn(..);` awaited later in the same block: one task at a time. */
  | { kind: 'awaited' }
  | ({ kind: 'collected' } & CollectedHandles)
  | { kind: 'other' };

export interface CollectedHandles {
  /** The Vec's name. */
  name: string;
  /** `let mut handles = Vec::new();`, or the `let handles: Vec<_> = ITER.map(..).collect();` of a chain. */
  declaration: SyntaxNode;
  /** `handles.push(spawn(..));` (absent for a chain). */
  push: SyntaxNode | null;
  /** The statement of the declaration's block that does the spawning (the loop, or the declaration for a chain). */
  producer: SyntaxNode;
  consumer: HandleConsumer;
}

export type HandleConsumer =
  /** `for h in handles { .. h.await .. }`: `awaited` is the one `h.await`; `ordered` unless its result is dropped. */
  | { kind: 'for'; statement: SyntaxNode; iterated: SyntaxNode; awaited: SyntaxNode; ordered: boolean }
  /** `join_all(handles).await`: a Vec of results in spawn order. */
  | { kind: 'join_all'; expression: SyntaxNode; ordered: true };

const VEC_CONSTRUCTORS = /^(?:Vec\s*::\s*(?:new|with_capacity)\s*\(.*\)|vec!\s*[[(]\s*[\])])$/s;

/** How `spawn` (a spawn call) hands its JoinHandle on; `qualifiedName` resolves callee paths (`join_all`). */
export function handleUse(spawn: SyntaxNode, source: string, qualifiedName: (n: SyntaxNode) => string | null, chainDeclaration?: SyntaxNode): HandleUse {
  if (chainDeclaration) return collectedByChain(chainDeclaration, source, qualifiedName);
  const parent = spawn.parent;
  if (parent?.type === 'expression_statement') return { kind: 'dropped' };
  if (parent?.type === 'await_expression' || awaitedLater(spawn, source)) return { kind: 'awaited' };
  if (parent?.type === 'let_declaration' && spawn.field === 'value' && isWildcardLet(parent, source)) return { kind: 'dropped' };
  const push = pushStatement(spawn, source);
  if (!push) return { kind: 'other' };
  const found = findDeclaration(push.name, push.statement, source);
  if (!found) return { kind: 'other' };
  const { declaration, block } = found;
  const value = field(declaration, 'value');
  if (!value || !declaration.children.some((c) => c.type === 'mutable_specifier') || !VEC_CONSTRUCTORS.test(source.slice(value.start, value.end))) return { kind: 'other' };
  const statements = statementsOf(block);
  const producer = statements.find((s) => s.start <= push.statement.start && push.statement.end <= s.end);
  if (!producer || producer === declaration) return { kind: 'other' };
  // The Vec must be touched only by the push between its declaration and the consumer.
  const between = statements.slice(statements.indexOf(declaration) + 1, statements.indexOf(producer) + 1);
  const mentions = between.flatMap((s) => mentionsOf(push.name, s, source));
  if (mentions.length !== 1 || mentions[0] !== push.receiver) return { kind: 'other' };
  const consumer = consumerAfter(push.name, producer, statements, source, qualifiedName);
  return consumer ? { kind: 'collected', name: push.name, declaration, push: push.statement, producer, consumer } : { kind: 'other' };
}

/** `let h = SPAWN;` with `h.await` in a later statement of the same block, outside closures and async blocks. */
function awaitedLater(spawn: SyntaxNode, source: string): boolean {
  const stmt = spawn.parent;
  const pattern = stmt?.type === 'let_declaration' ? field(stmt, 'pattern') : undefined;
  if (pattern?.type !== 'identifier' || stmt?.parent?.type !== 'block') return false;
  const name = source.slice(pattern.start, pattern.end);
  const after = statementsOf(stmt.parent).filter((s) => s.start >= stmt.end);
  return after.some((s) => awaitsIn(s).some((a) => mentionsOf(name, a, source)[0] === namedChildren(a)[0]));
}

/** `NAME.push(SPAWN);` as a statement. */
function pushStatement(spawn: SyntaxNode, source: string): { name: string; receiver: SyntaxNode; statement: SyntaxNode } | null {
  const args = spawn.parent;
  const call = args?.parent;
  if (args?.type !== 'arguments' || namedChildren(args).length !== 1 || call?.type !== 'call_expression') return null;
  const fn = field(call, 'function');
  if (fn?.type !== 'field_expression') return null;
  const receiver = field(fn, 'value')!;
  const method = field(fn, 'field')!;
  if (receiver.type !== 'identifier' || source.slice(method.start, method.end) !== 'push') return null;
  if (call.parent?.type !== 'expression_statement') return null;
  return { name: source.slice(receiver.start, receiver.end), receiver, statement: call.parent };
}

/** The `let NAME = ..` that `from` sees, when it is in the same body (not outside a closure or async block). */
function findDeclaration(name: string, from: SyntaxNode, source: string): { declaration: SyntaxNode; block: SyntaxNode } | null {
  const declaration = localBinding(name, from, source);
  if (declaration?.type !== 'let_declaration' || field(declaration, 'pattern')?.type !== 'identifier') return null;
  if (enclosingBody(declaration) !== enclosingBody(from)) return null;
  return { declaration, block: declaration.parent! };
}

/** `let NAME[: Vec<_>] = ITER.map(|x| spawn(..)).collect();` followed by a consumer. */
function collectedByChain(declaration: SyntaxNode, source: string, qualifiedName: (n: SyntaxNode) => string | null): HandleUse {
  const pattern = field(declaration, 'pattern');
  const block = declaration.parent;
  if (pattern?.type !== 'identifier' || block?.type !== 'block') return { kind: 'other' };
  const name = source.slice(pattern.start, pattern.end);
  const consumer = consumerAfter(name, declaration, statementsOf(block), source, qualifiedName);
  return consumer ? { kind: 'collected', name, declaration, push: null, producer: declaration, consumer } : { kind: 'other' };
}

/** The one statement after `producer` that uses the Vec, if it is a consumer this analysis knows; nothing after it may use the Vec. */
function consumerAfter(
  name: string,
  producer: SyntaxNode,
  statements: SyntaxNode[],
  source: string,
  qualifiedName: (n: SyntaxNode) => string | null,
): HandleConsumer | null {
  const after = statements.slice(statements.indexOf(producer) + 1);
  const users = after.filter((s) => mentionsOf(name, s, source).length > 0);
  if (users.length !== 1) return null;
  const statement = users[0];
  const [mention, ...more] = mentionsOf(name, statement, source);
  if (more.length) return null;
  const loop = statement.type === 'expression_statement' ? namedChildren(statement)[0] : null;
  if (loop?.type === 'for_expression' && field(loop, 'value') === mention) {
    const pattern = field(loop, 'pattern');
    if (pattern?.type !== 'identifier') return null;
    const h = source.slice(pattern.start, pattern.end);
    const uses = mentionsOf(h, field(loop, 'body')!, source);
    const awaited = uses[0]?.parent;
    if (uses.length !== 1 || awaited?.type !== 'await_expression') return null;
    return { kind: 'for', statement, iterated: mention, awaited, ordered: !resultDropped(awaited, field(loop, 'body')!, source) };
  }
  const call = mention.parent?.parent;
  if (mention.parent?.type === 'arguments' && namedChildren(mention.parent).length === 1 && call?.type === 'call_expression' && call.parent?.type === 'await_expression') {
    const callee = field(call, 'function');
    if (callee && qualifiedName(callee) === 'futures::future::join_all') return { kind: 'join_all', expression: call.parent, ordered: true };
  }
  return null;
}

/** `h.await;`, `h.await.unwrap();`, `h.await?;`, `h.await.expect(..);`, `let _ = h.await;` as the loop's only statement. */
function resultDropped(awaited: SyntaxNode, body: SyntaxNode, source: string): boolean {
  const statements = statementsOf(body);
  if (statements.length !== 1) return false;
  let e = awaited;
  for (;;) {
    const p = e.parent!;
    if (p.type === 'try_expression') e = p;
    else if (p.type === 'field_expression' && p.parent?.type === 'call_expression' && /^(unwrap|expect)$/.test(source.slice(field(p, 'field')!.start, field(p, 'field')!.end))) e = p.parent;
    else break;
  }
  if (e === statements[0]) return true; // the body's tail: its value is `()`
  const stmt = e.parent;
  if (stmt !== statements[0]) return false;
  if (stmt.type === 'expression_statement') return true;
  return stmt.type === 'let_declaration' && isWildcardLet(stmt, source);
}

function isWildcardLet(stmt: SyntaxNode, source: string): boolean {
  const pattern = field(stmt, 'pattern');
  return !!pattern && source.slice(pattern.start, pattern.end) === '_';
}

/**
 * Identifier nodes naming `name` as a variable in `node`; a macro whose
 * tokens include the name counts as a use that cannot be followed, so it is
 * returned as the macro node itself.
 */
export function mentionsOf(name: string, node: SyntaxNode, source: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const n of descendants(node)) {
    if (n.type === 'macro_invocation') {
      const tokens = n.children.find((c) => c.type === 'token_tree');
      if (tokens && new RegExp(`\\b${name}\\b`).test(source.slice(tokens.start, tokens.end))) out.push(n);
      continue;
    }
    if (n.type !== 'identifier' || n.field === 'name' || n.field === 'field' || source.slice(n.start, n.end) !== name) continue;
    if (inMacro(n)) continue;
    if (n.parent?.type === 'scoped_identifier' && n.field !== 'path') continue;
    out.push(n);
  }
  return out;
}

/** In a macro's tokens, or in its body parsed as code: either way the macro itself is the use counted. */
function inMacro(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'token_tree' || p.type === 'macro_body') return true;
  return false;
}
