import type { SyntaxNode } from '../engine/parse.js';
import type { FileAnalysis } from './file-analysis.js';
import { localBinding } from './bindings.js';
import { field, innermostSpanning, namedChildren } from './syntax.js';
import type { RuleFinding } from '../rule.js';

/**
 * The blocking std APIs async code must not call, and what tokio offers
 * instead. Shared by the blocking rules so they agree on what blocks.
 */

const FS_FNS = [
  'read', 'read_to_string', 'write', 'create_dir', 'create_dir_all', 'remove_file', 'remove_dir', 'remove_dir_all',
  'rename', 'copy', 'metadata', 'symlink_metadata', 'canonicalize', 'read_link', 'hard_link', 'set_permissions',
];

/** `std::fs` free fns whose `tokio::fs` namesake takes the same arguments and returns the same value (tokio feature `fs`). */
export const FS_SWAPS: ReadonlyMap<string, string> = new Map(FS_FNS.map((f) => [`std::fs::${f}`, `fs::${f}`]));

/** std::fs entry points whose value is then used as a sync object (an iterator, `Read`/`Write`): no token swap compiles. */
export const FS_SYNC_OBJECTS: ReadonlySet<string> = new Set([
  'std::fs::read_dir', 'std::fs::File::open', 'std::fs::File::create', 'std::fs::File::options', 'std::fs::OpenOptions::new',
]);

/** Builder methods that run a `std::process::Command` and wait for it. */
export const COMMAND_RUNS: ReadonlySet<string> = new Set(['output', 'status']);

/** `Path` methods that ask the file system. */
export const PATH_QUERIES: ReadonlySet<string> = new Set(['exists', 'is_file', 'is_dir', 'is_symlink', 'metadata', 'symlink_metadata', 'read_dir', 'canonicalize', 'read_link', 'try_exists']);

/** What blocks, for effect summaries (a sync fn calling one blocks its callers): every std::fs entry point and sleeping. */
export const BLOCKING_PATHS: ReadonlySet<string> = new Set([...FS_SWAPS.keys(), ...FS_SYNC_OBJECTS, 'std::thread::sleep']);

/** The callee when `call` is `<callee>.<method>(..)` with one of `methods`, else null. */
export function methodCall(call: SyntaxNode, methods: ReadonlySet<string>, file: FileAnalysis): { receiver: SyntaxNode; method: SyntaxNode } | null {
  const callee = field(call, 'function');
  if (callee?.type !== 'field_expression') return null;
  const method = field(callee, 'field');
  const receiver = field(callee, 'value');
  return method && receiver && methods.has(file.text(method)) ? { receiver, method } : null;
}

/** The expression inside `?`, `.unwrap()`, `.expect(..)` and parentheses: what `let x = EXPR` really bound. */
export function unwrapped(expr: SyntaxNode, file: FileAnalysis): SyntaxNode {
  let e = expr;
  for (;;) {
    if (e.type === 'try_expression' || e.type === 'parenthesized_expression') {
      e = namedChildren(e)[0] ?? e;
      if (e === expr) return e;
      continue;
    }
    const m = e.type === 'call_expression' ? methodCall(e, UNWRAPS, file) : null;
    if (!m) return e;
    e = m.receiver;
  }
}

const UNWRAPS = new Set(['unwrap', 'expect']);

/**
 * Where a local name visible at `at` comes from: its `let` (value and
 * declared type) or its fn parameter (declared type). Null when it is bound
 * by another pattern (`for`, `match`, closure parameters) or not local.
 */
export function localOrigin(name: string, at: SyntaxNode, file: FileAnalysis): { kind: 'let'; stmt: SyntaxNode; value?: SyntaxNode; type?: SyntaxNode } | { kind: 'param'; type?: SyntaxNode } | null {
  const binding = localBinding(name, at, file.source.text);
  const pattern = binding && field(binding, 'pattern');
  if (!pattern || (pattern.type !== 'identifier' && pattern.type !== 'mut_pattern')) return null;
  if (binding.type === 'let_declaration') return { kind: 'let', stmt: binding, value: field(binding, 'value'), type: field(binding, 'type') };
  if (binding.type === 'parameter' && binding.parent?.type !== 'closure_parameters') return { kind: 'param', type: field(binding, 'type') };
  return null;
}

/**
 * Whether `expr` is a `Path`/`PathBuf` by what the tree shows: `Path::new(..)`,
 * `PathBuf::from(..)`, a `.join(..)` on one, or a name bound to one (a `let`,
 * a parameter typed `&Path`, `PathBuf` or `impl AsRef<Path>`).
 */
/** A field, or a crate fn's or method's return value, that the crate declares a `PathBuf` or `Path` (another file's struct, say). */
function declaredPath(expr: SyntaxNode, file: FileAnalysis): boolean {
  const t = file.model?.typeOf(expr);
  return t?.def.kind === 'external' && (t.def.path === 'std::path::PathBuf' || t.def.path === 'std::path::Path');
}

export function isPathValue(expr: SyntaxNode, file: FileAnalysis, depth = 0): boolean {
  if (depth > 8) return false;
  const e = unwrapped(expr, file);
  if (e.type === 'reference_expression') return isPathValue(namedChildren(e).at(-1)!, file, depth + 1);
  if (e.type === 'call_expression') {
    const m = methodCall(e, PATH_BUILDERS, file);
    if (m) return isPathValue(m.receiver, file, depth + 1);
    const callee = field(e, 'function');
    const path = callee && file.qualifiedName(callee);
    return (!!path && /^std::path::(Path::new|PathBuf::(from|new))$/.test(path)) || declaredPath(e, file);
  }
  if (e.type === 'field_expression') return declaredPath(e, file);
  if (e.type !== 'identifier') return false;
  const origin = localOrigin(file.text(e), e, file);
  if (!origin) return false;
  if (origin.type && isPathType(origin.type, file)) return true;
  return origin.kind === 'let' && !origin.type && !!origin.value && isPathValue(origin.value, file, depth + 1);
}

const PATH_BUILDERS = new Set(['join', 'with_extension', 'with_file_name', 'to_path_buf', 'as_path']);

function isPathType(type: SyntaxNode, file: FileAnalysis): boolean {
  let t = type;
  while (t.type === 'reference_type') t = field(t, 'type') ?? t;
  if (t.type === 'abstract_type') {
    // `impl AsRef<Path>`
    const bound = namedChildren(t).find((c) => c.type === 'generic_type');
    const arg = bound && field(bound, 'type_arguments');
    return !!bound && file.text(field(bound, 'type')!) === 'AsRef' && !!arg && isPathType(namedChildren(arg)[0], file);
  }
  if (t.type !== 'type_identifier' && t.type !== 'scoped_type_identifier') return false;
  const path = file.qualifiedName(t);
  return path === 'std::path::Path' || path === 'std::path::PathBuf';
}

/** What the blocking rules' docs say about the preview kind `previewWhereOnlyEntryStalls` marks. */
export const ENTRY_NOTE =
  ' Blocking in the own body of a runtime\'s entry fn (`#[tokio::main]` multi-thread, `#[rocket::main]`, `#[async_std::main]`: not its async blocks or closures, nor a `join!`/`select!` there) stalls no other task, since that future is polled on the thread that started the runtime, not on a worker; on a current-thread runtime (`flavor = "current_thread"`, `#[actix_web::main]`) that holds before the first `.await`, awaiting macro or spawn. So does blocking in a fn that only such a future reaches: every call the run\'s summaries show reaching it comes from an entry future (or a future given to `block_on`) or from another such fn, before anything there is spawned, and no spawned task, route handler (`#[get(..)]`), `Service` impl or fn taking it by name reaches it (a one-shot CLI command, startup code). Those findings are a preview kind, reported only with `--preview`.';

/**
 * Marks the findings of blocking that stalls no task but a runtime's entry
 * future (`FileAnalysis.stallsOnlyEntry`) as a preview kind: true, but
 * nothing else waits for it (the startup checks in `#[tokio::main] async fn
 * main`, a countdown before an actix server starts).
 */
export function previewWhereOnlyEntryStalls(file: FileAnalysis, findings: RuleFinding[]): RuleFinding[] {
  for (const f of findings) {
    const node = 'type' in f.node ? f.node : innermostSpanning(file.root, f.node.start, f.node.end);
    const why = file.stallsOnlyEntry(node);
    if (why) f.preview = why;
  }
  return findings;
}
