import { boundIdentifier, localBinding } from '../../src/analysis/bindings.js';
import type { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { enclosingBody } from '../../src/analysis/flow.js';
import { receiverType, typePath, valueType } from '../../src/analysis/receivers.js';
import { mentionsOf } from '../../src/analysis/spawn-handles.js';
import { callArguments, descendants, field, hasToken, lastSegment, namedChildren, ofType, PATH_NODE_TYPES } from '../../src/analysis/syntax.js';
import type { SyntaxNode } from '../../src/engine/parse.js';
import type { Edit } from '../../src/rule.js';

/**
 * Turning the `Rc`s of a future into `Arc`s (`Rc::new` -> `Arc::new`, a
 * `let x: Rc<T>` annotation), and deciding where that keeps the code's
 * meaning: every `Rc` created in the future, used only where an `Arc` works
 * the same, and nothing inside that is not `Sync`.
 */
export type ArcPlan = { edits: Edit[]; paths: SyntaxNode[] } | { reason: string };

const RC = 'std::rc::Rc';
const ARC = 'std::sync::Arc';

/** Macros that only format their arguments, by reference: `Rc` and `Arc` print the same. */
const FORMAT_MACROS = new Set(['format', 'print', 'println', 'eprint', 'eprintln', 'write', 'writeln', 'format_args', 'trace', 'debug', 'info', 'warn', 'error']);

/**
 * How to turn every `Rc` of a spawned `future` into an `Arc`, or why not.
 * All or nothing: an `Rc` left in the future would keep it `!Send`, and a
 * clone of a converted one must be converted with it.
 */
export function arcPlan(file: FileAnalysis, future: SyntaxNode): ArcPlan {
  const members = new Map<SyntaxNode, string>(); // let -> name
  const edits: Edit[] = [];
  const paths: SyntaxNode[] = [];
  for (const stmt of ofType(future, 'let_declaration')) {
    const value = field(stmt, 'value');
    const declared = field(stmt, 'type');
    if (!value || enclosingBody(stmt) !== future) continue;
    if ((declared ? typePath(file, declared, false) : valueType(file, value)) !== RC) continue;
    const name = boundIdentifier(stmt, file.source.text);
    const origin = name ? rcOrigin(file, value, members) : null;
    if (!name || !origin) return { reason: `\`${name ?? file.text(field(stmt, 'pattern') ?? stmt)}\` is not an \`Rc\` created in this future (by \`Rc::new\`, or as a clone of one), so it must stay an \`Rc\`; use \`std::sync::Arc\` where it is created` };
    if (origin.callee) {
      edits.push({ start: origin.callee.start, end: origin.callee.end, text: `${ARC}::${origin.fn}` });
      paths.push(origin.callee);
    }
    if (declared) {
      const base = declared.type === 'generic_type' ? field(declared, 'type') : undefined;
      if (!base) return { reason: `the type of \`${name}\` is written in a form this fix does not rewrite` };
      edits.push({ start: base.start, end: base.end, text: ARC });
      paths.push(base);
    }
    const notSync = (origin.fn === 'new' && notSyncInside(file, origin.inner)) || (declared && notSyncInside(file, declared));
    if (notSync) {
      const instead = notSync.endsWith('Cell`')
        ? 'use `std::sync::Arc<std::sync::Mutex<..>>` (or `tokio::sync::Mutex` to keep it locked across the await)'
        : 'make what it holds `Send + Sync` and use `std::sync::Arc`';
      return { reason: `\`${name}\` holds ${notSync}, which is not \`Sync\`, so an \`Arc\` of it would not be \`Send\` either: ${instead}, or drop \`${name}\` before the await` };
    }
    members.set(stmt, name);
  }
  for (const [stmt, name] of members) {
    const misuse = nonArcUse(file, stmt, name, members);
    if (misuse) return { reason: `${misuse}, where an \`Arc\` may not fit; use \`std::sync::Arc\` there too, or drop \`${name}\` before the await` };
  }
  const stray = strayRc(file, future, paths);
  if (stray) return { reason: `\`Rc\` is used on line ${file.source.position(stray.start).line} in a way this fix does not rewrite; use \`std::sync::Arc\` in this future by hand` };
  return { edits, paths };
}

/** `Rc::new(inner)`, `Rc::clone(&m)` or `m.clone()` of a member `m`: where the binding's `Rc` comes from, or null. */
function rcOrigin(file: FileAnalysis, value: SyntaxNode, members: Map<SyntaxNode, string>): { fn: string; callee?: SyntaxNode; inner: SyntaxNode } | null {
  if (value.type !== 'call_expression') return null;
  const callee = field(value, 'function')!;
  const args = callArguments(value);
  if (callee.type === 'field_expression') {
    const receiver = field(callee, 'value')!;
    return file.text(field(callee, 'field')!) === 'clone' && args.length === 0 && isMember(file, receiver, members) ? { fn: 'clone', inner: receiver } : null;
  }
  const path = file.qualifiedName(callee);
  if (args.length !== 1) return null;
  if (path === `${RC}::new`) return { fn: 'new', callee, inner: args[0] };
  const borrowed = args[0].type === 'reference_expression' ? field(args[0], 'value') : undefined;
  return path === `${RC}::clone` && borrowed && isMember(file, borrowed, members) ? { fn: 'clone', callee, inner: borrowed } : null;
}

function isMember(file: FileAnalysis, expr: SyntaxNode, members: Map<SyntaxNode, string>): boolean {
  if (expr.type !== 'identifier') return false;
  const binding = localBinding(file.text(expr), expr, file.source.text);
  return !!binding && members.has(binding);
}

/** What the tree shows is not `Sync` in `node` (a value or a type): `a \`RefCell\``, or null. */
function notSyncInside(file: FileAnalysis, node: SyntaxNode): string | null {
  const held = receiverType(file, node);
  if (held?.startsWith('std::cell::')) return `a \`${held.slice('std::cell::'.length)}\``;
  for (const n of descendants(node)) {
    if (n.type === 'pointer_type') return 'a raw pointer';
    if (n.type === 'dynamic_type' && !(/\bSend\b/.test(file.text(n)) && /\bSync\b/.test(file.text(n)))) return 'a trait object without `+ Send + Sync`';
    const structName = n.type === 'struct_expression' ? field(n, 'name') : undefined;
    const fields = structName && structFields(file, file.text(structName));
    const inField = fields && fields.map((f) => notSyncInside(file, f)).find(Boolean);
    if (inField) return inField;
    if (!PATH_NODE_TYPES.has(n.type) || n.parent?.type.startsWith('scoped_')) continue;
    const path = file.qualifiedName(n);
    if (path?.startsWith('std::cell::')) return `a \`${path.split('::')[2]}\``;
  }
  return null;
}

/** The field types of the struct named `name` in this file, or null. */
function structFields(file: FileAnalysis, name: string): SyntaxNode[] | null {
  const item = file.nodesOfType('struct_item').find((s) => file.text(field(s, 'name')!) === name);
  const body = item && field(item, 'body');
  return body ? ofType(body, 'field_declaration', 'ordered_field_declaration_list').flatMap((f) => (f.type === 'field_declaration' ? [field(f, 'type')!] : namedChildren(f))) : null;
}

/**
 * The first use of member `name` (bound by `stmt`) where an `Arc` would not
 * do the same, described ("`x` is passed by value on line 12"), or null.
 */
function nonArcUse(file: FileAnalysis, stmt: SyntaxNode, name: string, members: Map<SyntaxNode, string>): string | null {
  const block = stmt.parent!;
  const memberValues = new Set([...members.keys()].map((s) => field(s, 'value')));
  for (const n of descendants(block)) {
    if (n.start < stmt.end) continue;
    const line = file.source.position(n.start).line;
    if (n.type === 'shorthand_field_identifier' && file.text(n) === name) return `\`${name}\` is moved into a struct on line ${line}`;
  }
  for (const n of mentionsOf(name, block, file.source.text)) {
    if (n.start < stmt.end) continue;
    const line = file.source.position(n.start).line;
    if (n.type === 'macro_invocation') {
      if (FORMAT_MACROS.has(file.text(lastSegment(field(n, 'macro') ?? n)))) continue;
      return `\`${name}\` is used in a macro on line ${line}`;
    }
    if (bindsHere(n) || localBinding(name, n, file.source.text) !== stmt) continue; // another binding of the same name
    const p = n.parent!;
    if (p.type === 'field_expression') {
      const call = p.parent;
      const method = file.text(field(p, 'field')!);
      if (call?.type !== 'call_expression' || p.field !== 'function' || method !== 'clone' || memberValues.has(call)) continue;
      return `a clone of \`${name}\` is passed on as an \`Rc\` on line ${line}`;
    }
    if (p.type === 'unary_expression' && hasToken(p, '*')) continue;
    if (p.type === 'reference_expression' && !p.children.some((c) => c.type === 'mutable_specifier')) {
      const call = p.parent?.type === 'arguments' ? p.parent.parent : null;
      if (call && memberValues.has(call)) continue;
      if (call && file.qualifiedName(field(call, 'function')!) === `${RC}::clone`) return `a clone of \`${name}\` is passed on as an \`Rc\` on line ${line}`;
      const param = call && localFnParameter(file, call, p);
      if (!param) return `\`&${name}\` is passed on line ${line} to a fn whose parameter this file does not show as a plain \`&T\``;
      if (!plainReference(file, param.type, param.fn)) return `\`&${name}\` is passed on line ${line} to a parameter typed \`${file.text(param.type)}\``;
      continue;
    }
    if (p.type === 'arguments' && /^(?:(?:::)?std::mem::)?drop$/.test(file.text(field(p.parent!, 'function')!))) continue;
    return `\`${name}\` is passed or stored by value on line ${line}`;
  }
  return null;
}

/** `n` names a new binding (`let a = ..`, `|a|`, `Some(a) =>`) rather than using one. */
function bindsHere(n: SyntaxNode): boolean {
  let c = n;
  while (c.parent && c.parent.type.endsWith('_pattern')) c = c.parent;
  return c.field === 'pattern' || c.parent?.type === 'closure_parameters';
}

/** The declared type of the parameter that `arg` of `call` binds, when `call` calls a fn item of this file by its bare name. */
function localFnParameter(file: FileAnalysis, call: SyntaxNode, arg: SyntaxNode): { type: SyntaxNode; fn: SyntaxNode } | null {
  const callee = field(call, 'function');
  if (callee?.type !== 'identifier') return null;
  const fns = file.nodesOfType('function_item').filter((f) => file.text(field(f, 'name')!) === file.text(callee));
  if (fns.length !== 1 || localBinding(file.text(callee), callee, file.source.text)) return null;
  const params = namedChildren(field(fns[0], 'parameters')!).filter((p) => p.type === 'parameter' || p.type === 'self_parameter');
  const param = params[callArguments(call).indexOf(arg)];
  const type = param?.type === 'parameter' ? field(param, 'type') : undefined;
  return type ? { type, fn: fns[0] } : null;
}

/** `&T` for a concrete `T` that is not an `Rc`: no generic, `impl` or `dyn` that an `Rc` might be meant to fill. */
function plainReference(file: FileAnalysis, type: SyntaxNode, fn: SyntaxNode): boolean {
  if (type.type !== 'reference_type' || type.children.some((c) => c.type === 'mutable_specifier')) return false;
  const declared = field(fn, 'type_parameters');
  const generics = new Set(declared ? ofType(declared, 'type_parameter', 'type_identifier').map((t) => file.text(field(t, 'name') ?? t)) : []);
  for (const n of descendants(field(type, 'type')!)) {
    if (n.type === 'abstract_type' || n.type === 'dynamic_type') return false;
    if (n.type === 'type_identifier' && (generics.has(file.text(n)) || file.qualifiedName(n) === RC)) return false;
    if (n.type === 'scoped_type_identifier' && file.qualifiedName(n) === RC) return false;
  }
  return true;
}

/** A mention of `Rc` in `future` that none of the rewritten `paths` covers (macro tokens included), or null. */
function strayRc(file: FileAnalysis, future: SyntaxNode, paths: SyntaxNode[]): SyntaxNode | null {
  const covered = (n: SyntaxNode) => paths.some((p) => p.start <= n.start && n.end <= p.end);
  for (const n of descendants(future)) {
    if (n.type === 'token_tree' && /\bRc\b/.test(file.text(n))) return n;
    if (!PATH_NODE_TYPES.has(n.type) || n.parent?.type.startsWith('scoped_') || covered(n)) continue; // a whole path, not a segment
    const path = file.qualifiedName(n);
    if (path === RC || path?.startsWith(`${RC}::`)) return n;
  }
  return null;
}
