import type { FileAnalysis } from '../src/analysis/file-analysis.js';
import { awaitingMacros, awaitsIn, enclosingBody, enclosingLoop, LOOP_TYPES } from '../src/analysis/flow.js';
import { iteratedExpression, literalLength } from '../src/analysis/loops.js';
import { descendants, field, lastSegment, namedChildren, ofType } from '../src/analysis/syntax.js';
import type { SyntaxNode } from '../src/engine/parse.js';
import type { Fix, Rule, RuleFinding } from '../src/rule.js';

/** Calls that are CPU work per item: hashing, compression, crypto, image and media encoding. */
const HEAVY = /hash|digest|compress|crypt|argon2|scrypt|pbkdf2|bcrypt|sha\d|md5|crc32|blake|encode|resize|thumbnail|render/i;
/** A literal range this long is a lot of work for one poll whatever the body does. */
const LARGE = 100_000;
/** How often the fix yields: often enough to let other tasks run, rarely enough to cost nothing. */
const YIELD_EVERY = 64;
/** Calls whose guard or value would be alive at a new await in the loop (and may make the future `!Send`). */
const HOLDS = new Set(['lock', 'read', 'write', 'borrow', 'borrow_mut', 'try_lock']);

/** The loops in `loop`'s own code (not closures or async blocks in it), itself excluded. */
function innerLoops(loop: SyntaxNode): SyntaxNode[] {
  return ofType(loop, ...LOOP_TYPES).filter((l) => l !== loop && enclosingBody(l) === enclosingBody(loop));
}

function heavyCall(loop: SyntaxNode, file: FileAnalysis): string | null {
  for (const call of ofType(loop, 'call_expression', 'macro_invocation')) {
    if (enclosingBody(call) !== enclosingBody(loop)) continue;
    const callee = field(call, 'function') ?? field(call, 'macro');
    const name = callee && file.text(lastSegment(callee));
    if (name && HEAVY.test(name)) return name;
  }
  return null;
}

/** How many times a loop runs: a literal count, or null when the caller's data decides (or `while`/`loop`). */
function iterations(loop: SyntaxNode, file: FileAnalysis): number | null {
  const value = iteratedExpression(loop);
  return value ? literalLength(value, file.source.text) : null;
}

/** Why `loop` is CPU work worth reporting, or null. */
function why(loop: SyntaxNode, file: FileAnalysis): string | null {
  const n = iterations(loop, file);
  const inner = innerLoops(loop);
  const heavy = heavyCall(loop, file);
  const sized = n === null ? 'over caller-sized data' : `${n} times`;
  if (n !== null && n >= LARGE) return `runs ${n} times without an await`;
  if (heavy && (n === null || n >= 16)) return `calls \`${heavy}\` ${sized} without an await`;
  if (inner.length && (n === null || inner.some((l) => iterations(l, file) === null))) return `nests loops ${sized} without an await`;
  return null;
}

/**
 * `tokio::task::yield_now().await` every `YIELD_EVERY` rounds of a
 * `for (i, x) in ...enumerate()` loop (its `i` is a `usize`), when nothing
 * that would be held across the new await (a lock or `RefCell` guard, an
 * `Rc`) appears in the body's code before it.
 */
function yieldFix(loop: SyntaxNode, file: FileAnalysis): Fix | { reason: string } {
  const pattern = field(loop, 'pattern');
  const value = iteratedExpression(loop);
  const body = field(loop, 'body');
  const index = pattern?.type === 'tuple_pattern' ? namedChildren(pattern)[0] : undefined;
  const enumerate = value?.type === 'call_expression' ? field(value, 'function') : undefined;
  if (!body || index?.type !== 'identifier' || enumerate?.type !== 'field_expression' || file.text(field(enumerate, 'field')!) !== 'enumerate') {
    return { reason: 'the loop has no `enumerate()` index to count rounds by; move the work to `tokio::task::spawn_blocking` or rayon' };
  }
  const owner = enclosingBody(loop);
  const before = owner ? [...descendants(owner)].filter((n) => n.start < body.start && n.type === 'field_identifier' && n.parent?.type === 'field_expression') : [];
  const holder = before.find((n) => HOLDS.has(file.text(n)) && enclosingBody(n) === owner);
  if (holder || (owner && /\bRc\b/.test(file.text({ start: owner.start, end: body.start })))) {
    return { reason: 'a guard or `Rc` may be alive in the loop, and a new await would hold it; move the work to `tokio::task::spawn_blocking`' };
  }
  const tokio = file.tokio(['rt'], loop);
  if (!tokio.usable) return { reason: tokio.reason };
  const i = file.text(index);
  const eol = file.source.eol;
  const indent = file.source.indentAt(loop.start);
  const text = `${eol}${indent}    if ${i} % ${YIELD_EVERY} == ${YIELD_EVERY - 1} {${eol}${indent}        ${tokio.path}::task::yield_now().await;${eol}${indent}    }`;
  return {
    safety: 'unsafe',
    title: `Yield to the scheduler every ${YIELD_EVERY} rounds`,
    edits: [{ start: body.start + 1, end: body.start + 1, text }],
    manifestChange: tokio.manifestChange,
  };
}

export const cpuLoop: Rule = {
  id: 'cpu-loop',
  tier: 'preview',
  testCodeOptIn: true,
  summary: 'a CPU-heavy loop with no `.await` in async code starves other tasks',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      'Finds loops in async code with no `.await` in them that do real CPU work: over caller-sized data (not a short literal range) with nested loops or heavy calls (hashing, compression, crypto, image encoding), or a literal range of 100000 rounds or more.',
    whyIsThisBad:
      'A task gives its worker thread back only at an `.await`. A loop that computes for tens of milliseconds without one keeps every other task on that thread waiting (timeouts fire, heartbeats are missed), and the slowdown grows with the input.',
    example: 'async fn digest_all(files: Vec<Vec<u8>>) -> Vec<String> {\n    let mut out = Vec::new();\n    for (i, data) in files.iter().enumerate() {\n        out.push(hash(data));\n    }\n    out\n}',
    useInstead:
      'async fn digest_all(files: Vec<Vec<u8>>) -> Vec<String> {\n    tokio::task::spawn_blocking(move || files.iter().map(|d| hash(d)).collect())\n        .await\n        .expect("hashing panicked")\n}',
    notes:
      'Prefer `tokio::task::spawn_blocking` (or rayon for data parallelism) for the whole computation. Where the loop is `for (i, x) in ...enumerate()` and nothing that must not be held across an await (a lock or `RefCell` guard, an `Rc`) is in scope, an unsafe fix inserts `if i % 64 == 63 { tokio::task::yield_now().await; }` at the top of the body: the loop still uses the same thread, but other tasks get turns. It is unsafe because the loop can now be suspended (and cancelled) between rounds.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    for (const loop of file.nodesOfType(...LOOP_TYPES)) {
      const awaits = (l: SyntaxNode) => awaitsIn(l).length > 0 || awaitingMacros(l, file.source.text).length > 0;
      if (!file.inAsyncContext(loop) || awaits(loop)) continue;
      // Report the outermost loop of a nest that does not await.
      const outer = enclosingLoop(loop);
      if (outer && !awaits(outer)) continue;
      const reason = why(loop, file);
      if (!reason) continue;
      const message = `this loop ${reason}: it holds the executor thread until it ends; run it in \`spawn_blocking\` or rayon`;
      const fix = yieldFix(loop, file);
      // The header, not the whole body, is where the finding (and an ignore comment) belongs.
      const node = { start: loop.start, end: field(loop, 'body')?.start ?? loop.end };
      findings.push('reason' in fix ? { node, message, noFixReason: `no fix: ${fix.reason}` } : { node, message, fix });
    }
    return findings;
  },
};
