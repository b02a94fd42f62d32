import type { SyntaxNode } from '../../src/engine/parse.js';
import type { Edit } from '../../src/rule.js';
import type { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { statementOf } from '../../src/analysis/flow.js';
import type { FreshNames } from '../../src/analysis/fresh-names.js';
import type { IteratorChain } from '../../src/analysis/loops.js';
import type { CollectedHandles } from '../../src/analysis/spawn-handles.js';
import { field, namedChildren } from '../../src/analysis/syntax.js';

/**
 * The code that caps how many spawned tasks run at once, written in the
 * file's own newline and indentation: a `JoinSet` that makes room before each
 * spawn (for handles collected and awaited later, or drained after the loop),
 * or a `Semaphore` whose owned permit moves into each task. The cap is one
 * named `const`; every name is fresh (`FreshNames`).
 */

/** `NAME.push(SPAWN);` */
function isPushArgument(file: FileAnalysis, spawn: SyntaxNode, statement: SyntaxNode): boolean {
  const call = spawn.parent?.parent;
  const callee = call && field(call, 'function');
  return call?.parent === statement && callee?.type === 'field_expression' && field(callee, 'value')?.type === 'identifier' && file.text(field(callee, 'field')!) === 'push';
}

function spawnedFuture(spawn: SyntaxNode): SyntaxNode {
  return namedChildren(field(spawn, 'arguments')!)[0];
}

/** The `for` pattern a chain's closure parameter becomes, or null for a typed parameter. */
export function chainPattern(chain: IteratorChain, source: string): string | null {
  const params = namedChildren(field(chain.closure, 'parameters')!);
  if (params.length !== 1 || params[0].type === 'parameter') return null;
  return source.slice(params[0].start, params[0].end);
}

/** Text layout of the code a fix writes: the file's newline and indentation, and lines joined at an indentation. */
function layout(file: FileAnalysis) {
  const nl = file.source.eol;
  const indentAt = (node: SyntaxNode) => file.source.indentAt(node.start);
  const unit = /\n\t/.test(file.source.text) && !/\n {4}/.test(file.source.text) ? '\t' : '    ';
  /** Lines joined at `indent` (the first line is not indented: it goes where the replaced code started). */
  const lines = (indent: string, ls: string[]) => ls.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join(nl);
  /** Lines inserted before a statement that starts at `indent`: each ends with a newline and that indentation. */
  const before = (indent: string, ls: string[]) => ls.map((l) => l + nl + indent).join('');
  return { nl, indentAt, unit, lines, before };
}

export function joinSetEdits(
  file: FileAnalysis,
  spawn: SyntaxNode,
  use: CollectedHandles,
  chain: IteratorChain | null,
  name: (base: string) => string,
  tokio: string,
  cap: number,
): Edit[] {
  const { nl, indentAt, unit, lines } = layout(file);
  const text = (n: SyntaxNode) => file.text(n);
  const [u, u2] = [unit, unit + unit];
  const set = use.name;
  const CAP = name('MAX_IN_FLIGHT');
  const finished = name('finished');
  const ordered = use.consumer.ordered;
  const future = text(spawnedFuture(spawn));
  const spawnLines = (): string[] => {
    const wait = [`while ${set}.len() >= ${CAP} {`, `${u}${finished}.extend(${set}.join_next().await);`, '}'];
    if (!ordered) return [...wait, `${set}.spawn(${future});`];
    const index = name('index');
    const task = name('task');
    return [...wait, `let ${index} = ${finished}.len() + ${set}.len();`, `let ${task} = ${future};`, `${set}.spawn(async move { (${index}, ${task}.await) });`];
  };
  const declIndent = indentAt(use.declaration);
  const header = [`const ${CAP}: usize = ${cap};`, `let mut ${set} = ${tokio}::task::JoinSet::new();`, `let mut ${finished} = Vec::new();`];
  const drain = [`while let Some(joined) = ${set}.join_next().await {`, `${u}${finished}.push(joined);`, '}'];
  if (ordered) {
    const slots = name('slots');
    const failed = name('failed');
    drain.push(
      '// A JoinSet yields tasks as they finish: put the results back in spawn order',
      '// (a task that panicked lost its index: its error takes a slot no result filled).',
      `let mut ${slots}: Vec<_> = (0..${finished}.len()).map(|_| None).collect();`,
      `let mut ${failed} = Vec::new();`,
      `for joined in ${finished} {`,
      `${u}match joined {`,
      `${u2}Ok((index, output)) => ${slots}[index] = Some(Ok(output)),`,
      `${u2}Err(error) => ${failed}.push(error),`,
      `${u}}`,
      '}',
      `let ${finished}: Vec<_> = ${slots}.into_iter().map(|slot| slot.unwrap_or_else(|| Err(${failed}.remove(0)))).collect();`,
    );
  }
  const edits: Edit[] = [];
  if (chain) {
    const body = spawnLines().map((l) => u + l);
    const loop = [`for ${chainPattern(chain, file.source.text)} in ${text(chain.iterator)} {`, ...body, '}'];
    edits.push({ start: use.declaration.start, end: use.declaration.end, text: lines(declIndent, [...header, ...loop, ...drain]) });
  } else {
    edits.push({ start: use.declaration.start, end: use.declaration.end, text: lines(declIndent, header) });
    edits.push({ start: use.push!.start, end: use.push!.end, text: lines(indentAt(use.push!), spawnLines()) });
    edits.push({ start: use.producer.end, end: use.producer.end, text: nl + declIndent + lines(declIndent, drain) });
  }
  const consumer = use.consumer;
  if (consumer.kind === 'for') {
    edits.push({ start: consumer.iterated.start, end: consumer.iterated.end, text: finished });
    const handle = namedChildren(consumer.awaited)[0];
    edits.push({ start: consumer.awaited.start, end: consumer.awaited.end, text: text(handle) });
  } else {
    edits.push({ start: consumer.expression.start, end: consumer.expression.end, text: finished });
  }
  return edits;
}

/** `name` is the namer of the first spawn; the others get their own from `names`. */
export function semaphoreEdits(
  file: FileAnalysis,
  spawns: SyntaxNode[],
  outermost: SyntaxNode,
  names: FreshNames,
  name: (base: string) => string,
  tokio: string,
  cap: number,
): Edit[] {
  const { indentAt, before } = layout(file);
  const CAP = name('MAX_IN_FLIGHT');
  const semaphore = name('semaphore');
  const loopStatement = statementOf(outermost)!;
  const declare = [`const ${CAP}: usize = ${cap};`, `let ${semaphore} = std::sync::Arc::new(${tokio}::sync::Semaphore::new(${CAP}));`];
  return [
    { start: loopStatement.start, end: loopStatement.start, text: before(indentAt(loopStatement), declare) },
    // Each spawn has its own names: two spawns in one statement must not share a permit.
    ...spawns.flatMap((spawn, i) => permitEdits(file, spawn, semaphore, i === 0 ? name : names.for(spawn))),
  ];
}

/** Takes a permit before the spawn's statement and moves it into the spawned future. */
function permitEdits(file: FileAnalysis, spawn: SyntaxNode, semaphore: string, name: (base: string) => string): Edit[] {
  const { nl, indentAt, unit, lines, before } = layout(file);
  const permit = name('permit');
  const statement = statementOf(spawn)!;
  const acquire = `let ${permit} = ${semaphore}.clone().acquire_owned().await.expect("the semaphore is never closed");`;
  const future = spawnedFuture(spawn);
  const indent = indentAt(statement);
  const hold = `let _${permit} = ${permit};`;
  if (future.type === 'async_block') {
    const block = namedChildren(future).find((c) => c.type === 'block')!;
    const first = namedChildren(block)[0];
    const multiline = file.source.text.slice(block.start, first?.start ?? block.end).includes('\n');
    return [
      { start: statement.start, end: statement.start, text: before(indent, [acquire]) },
      { start: block.start + 1, end: block.start + 1, text: multiline && first ? nl + indentAt(first) + hold : ` ${hold}` },
    ];
  }
  const task = name('task');
  // Evaluating the future first is only invisible when nothing else in the statement runs before it.
  if (spawn.parent === statement || isPushArgument(file, spawn, statement)) {
    return [
      { start: statement.start, end: statement.start, text: before(indent, [acquire, `let ${task} = ${file.text(future)};`]) },
      { start: future.start, end: future.end, text: lines(indent, ['async move {', `${unit}${hold}`, `${unit}${task}.await`, '}']) },
    ];
  }
  return [
    { start: statement.start, end: statement.start, text: before(indent, [acquire]) },
    { start: future.start, end: future.end, text: `{ let ${task} = ${file.text(future)}; async move { ${hold} ${task}.await } }` },
  ];
}

/** A JoinSet for detached spawns: room is made before each spawn, and every task is awaited after the loop. */
export function waitingJoinSetEdits(file: FileAnalysis, statement: SyntaxNode, outermost: SyntaxNode, name: (base: string) => string, tokio: string, cap: number): Edit[] {
  const { nl, indentAt, unit, lines, before } = layout(file);
  const CAP = name('MAX_IN_FLIGHT');
  const set = name('tasks');
  const loopStatement = statementOf(outermost)!;
  const indent = indentAt(loopStatement);
  const spawn = statement.type === 'let_declaration' ? field(statement, 'value')! : namedChildren(statement)[0];
  const future = file.text(spawnedFuture(spawn));
  return [
    { start: loopStatement.start, end: loopStatement.start, text: before(indent, [`const ${CAP}: usize = ${cap};`, `let mut ${set} = ${tokio}::task::JoinSet::new();`]) },
    {
      start: statement.start,
      end: statement.end,
      text: lines(indentAt(statement), [`while ${set}.len() >= ${CAP} {`, `${unit}${set}.join_next().await;`, '}', `${set}.spawn(${future});`]),
    },
    // Tasks that panicked were only logged before; they still are (by the runtime), and the rest are awaited.
    { start: loopStatement.end, end: loopStatement.end, text: `${nl}${indent}while ${set}.join_next().await.is_some() {}` },
  ];
}
