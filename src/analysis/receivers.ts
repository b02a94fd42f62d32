import type { SyntaxNode } from '../engine/parse.js';
import type { FileAnalysis } from './file-analysis.js';
import { localBinding, patternNames } from './bindings.js';
import { field, namedChildren } from './syntax.js';
import { defName } from '../model/crate-index.js';

/**
 * What kind of value a method receiver is (`tx` in `tx.send(v)`, `m` in
 * `m.lock()`), from what the tree shows: the `let` that bound it (a channel
 * constructor, `Arc::new(Mutex::new(..))`, a type annotation, a `.clone()`
 * of another binding), a fn or closure parameter type, or a struct field's
 * type, with every path resolved through the file's `use` items. The answer
 * is the fully qualified type path (`tokio::sync::mpsc::Sender`) or null when
 * the tree does not tell; smart pointers (`Arc`, `Rc`, `Box`, `&`) are
 * looked through, since methods auto-deref to the value inside.
 */

/** Channel constructors: the type of each element of the tuple they return. */
const CHANNEL_CONSTRUCTORS: Record<string, readonly string[]> = {
  'tokio::sync::mpsc::channel': ['tokio::sync::mpsc::Sender', 'tokio::sync::mpsc::Receiver'],
  'tokio::sync::mpsc::unbounded_channel': ['tokio::sync::mpsc::UnboundedSender', 'tokio::sync::mpsc::UnboundedReceiver'],
  'tokio::sync::broadcast::channel': ['tokio::sync::broadcast::Sender', 'tokio::sync::broadcast::Receiver'],
  'tokio::sync::watch::channel': ['tokio::sync::watch::Sender', 'tokio::sync::watch::Receiver'],
  'tokio::sync::oneshot::channel': ['tokio::sync::oneshot::Sender', 'tokio::sync::oneshot::Receiver'],
  'futures::channel::mpsc::channel': ['futures::channel::mpsc::Sender', 'futures::channel::mpsc::Receiver'],
  'futures::channel::mpsc::unbounded': ['futures::channel::mpsc::UnboundedSender', 'futures::channel::mpsc::UnboundedReceiver'],
  'async_channel::bounded': ['async_channel::Sender', 'async_channel::Receiver'],
  'async_channel::unbounded': ['async_channel::Sender', 'async_channel::Receiver'],
  'std::sync::mpsc::channel': ['std::sync::mpsc::Sender', 'std::sync::mpsc::Receiver'],
  'std::sync::mpsc::sync_channel': ['std::sync::mpsc::SyncSender', 'std::sync::mpsc::Receiver'],
};

/** Wrappers whose methods reach the wrapped value by auto-deref (`LazyLock`/once_cell's `Lazy` statics too). */
const POINTERS = new Set(['Arc', 'Rc', 'Box', 'LazyLock', 'Lazy']);

const MAX_HOPS = 8;

/** The qualified type path of the value `expr` evaluates to, or null when the tree does not tell. */
export function receiverType(file: FileAnalysis, expr: SyntaxNode): string | null {
  return typeOfExpr(file, expr, 0, true) ?? declaredType(file, expr, true);
}

/** Like `receiverType`, but an `Rc<T>` is `std::rc::Rc`, not `T`: what the value itself is. */
export function valueType(file: FileAnalysis, expr: SyntaxNode): string | null {
  return typeOfExpr(file, expr, 0, false) ?? declaredType(file, expr, false);
}

/**
 * What the crate's declarations say the type is, when this file alone does
 * not: a field of a struct declared elsewhere, a static (`lazy_static!`
 * ones too), a crate fn's or method's return type. Crate types are named
 * `crate::<path>`, which no table of std types matches.
 */
function declaredType(file: FileAnalysis, expr: SyntaxNode, through: boolean): string | null {
  let t = file.model?.typeOf(expr) ?? null;
  for (let i = 0; t && i < MAX_HOPS; i++) {
    const name = t.def.kind === 'external' ? t.def.path : `crate::${defName(t.def)}`;
    if (through && POINTERS.has(name.split('::').pop()!) && t.args[0]) {
      t = t.args[0];
      continue;
    }
    return name;
  }
  return null;
}

function typeOfExpr(file: FileAnalysis, expr: SyntaxNode, hops: number, through: boolean): string | null {
  if (hops > MAX_HOPS) return null;
  switch (expr.type) {
    case 'identifier':
      return typeOfName(file, file.text(expr), expr, hops + 1, through);
    case 'self':
      return null;
    case 'field_expression': {
      const name = field(expr, 'field');
      const value = field(expr, 'value');
      return name && value ? fieldType(file, value, file.text(name), through) : null;
    }
    case 'reference_expression':
    case 'parenthesized_expression': {
      const inner = field(expr, 'value') ?? namedChildren(expr).at(-1);
      return inner ? typeOfExpr(file, inner, hops + 1, through) : null;
    }
    case 'call_expression':
      return typeOfCall(file, expr, hops + 1, through);
    default:
      return null;
  }
}

/** `x.clone()`, `Arc::clone(&x)`, `Arc::new(Mutex::new(..))`, `Mutex::default()`, a channel constructor's tuple. */
function typeOfCall(file: FileAnalysis, call: SyntaxNode, hops: number, through: boolean, tupleIndex?: number): string | null {
  const callee = field(call, 'function');
  const args = namedChildren(field(call, 'arguments') ?? call).filter((a) => a.type !== 'line_comment' && a.type !== 'block_comment');
  if (!callee) return null;
  if (callee.type === 'field_expression') {
    const method = field(callee, 'field');
    const value = field(callee, 'value');
    return method && value && file.text(method) === 'clone' && args.length === 0 ? typeOfExpr(file, value, hops, through) : null;
  }
  // `mpsc::channel::<Job>(8)`
  const named = callee.type === 'generic_function' ? field(callee, 'function') : callee;
  const path = named && file.qualifiedName(named);
  if (!path) return null;
  const channel = CHANNEL_CONSTRUCTORS[path];
  if (channel) return tupleIndex === undefined ? null : (channel[tupleIndex] ?? null);
  const segments = path.split('::');
  const fn = segments.pop()!;
  const type = segments.join('::');
  if (POINTERS.has(segments.at(-1) ?? '')) {
    if (!through) return fn === 'new' || fn === 'clone' || fn === 'from' ? type : null;
    if ((fn === 'new' || fn === 'clone') && args.length === 1) return typeOfExpr(file, args[0], hops, through);
    return null;
  }
  return fn === 'new' || fn === 'default' ? type : (NAMED_CONSTRUCTORS[path] ?? null);
}

/** Constructors not called `new`/`default`, by the type they return. */
const NAMED_CONSTRUCTORS: Record<string, string> = {
  'tokio::runtime::Handle::current': 'tokio::runtime::Handle',
};

/** The type of a local binding or parameter named `name`, visible at `at`. */
function typeOfName(file: FileAnalysis, name: string, at: SyntaxNode, hops: number, through: boolean): string | null {
  const binding = localBinding(name, at, file.source.text);
  if (binding?.type === 'let_declaration') return typeOfLet(file, binding, name, hops, through) ?? null;
  if (binding?.type !== 'parameter') return null;
  const type = field(binding, 'type');
  return type && field(binding, 'pattern')?.type === 'identifier' ? typePath(file, type, through) : null;
}

/** undefined: this `let` does not bind `name`; null: it does, with a type the tree does not tell. */
function typeOfLet(file: FileAnalysis, stmt: SyntaxNode, name: string, hops: number, through: boolean): string | null | undefined {
  const pattern = field(stmt, 'pattern');
  if (!pattern || !patternNames(pattern, file.source.text).includes(name)) return undefined;
  const declared = field(stmt, 'type');
  const value = field(stmt, 'value');
  const ident = (p: SyntaxNode) => p.type === 'identifier' || (p.type === 'mut_pattern' && namedChildren(p)[0]?.type === 'identifier');
  if (ident(pattern)) {
    if (declared) return typePath(file, declared, through);
    return value ? typeOfExpr(file, value, hops, through) : null;
  }
  // `let (tx, rx) = mpsc::channel(8);`
  if (pattern.type === 'tuple_pattern' && value?.type === 'call_expression') {
    const index = namedChildren(pattern).findIndex((p) => ident(p) && patternNames(p, file.source.text)[0] === name);
    return index < 0 ? null : typeOfCall(file, value, hops, through, index);
  }
  return null;
}

/** The declared type of field `name` of the struct `value` is: `self` in an impl, or the one struct in the file with that field. */
function fieldType(file: FileAnalysis, value: SyntaxNode, name: string, through: boolean): string | null {
  let owner: string | null = null;
  if (value.type === 'self') {
    for (let n = value.parent; n; n = n.parent) {
      if (n.type !== 'impl_item') continue;
      const t = field(n, 'type');
      const base = t && (t.type === 'generic_type' ? field(t, 'type') : t);
      owner = base ? file.text(base) : null;
      break;
    }
    if (!owner) return null;
  }
  const candidates: SyntaxNode[] = [];
  for (const n of file.nodesOfType('struct_item')) {
    if (ancestorStruct(n)) continue; // error recovery may nest one; the struct around it is the one meant
    const structName = field(n, 'name');
    if (owner && (!structName || file.text(structName) !== owner)) continue;
    const body = field(n, 'body');
    for (const f of body ? namedChildren(body) : []) {
      const fname = field(f, 'name');
      const ftype = field(f, 'type');
      if (f.type === 'field_declaration' && fname && ftype && file.text(fname) === name) candidates.push(ftype);
    }
  }
  return candidates.length === 1 ? typePath(file, candidates[0], through) : null;
}

function ancestorStruct(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'struct_item') return true;
  return false;
}

/** `Arc<tokio::sync::Mutex<T>>` -> `tokio::sync::Mutex` (`std::sync::Arc` unless `through`). */
export function typePath(file: FileAnalysis, type: SyntaxNode, through = true): string | null {
  let t: SyntaxNode | undefined = type;
  for (let i = 0; t && i < MAX_HOPS; i++) {
    if (t.type === 'reference_type') {
      t = field(t, 'type');
      continue;
    }
    const base: SyntaxNode | undefined = t.type === 'generic_type' ? field(t, 'type') : t;
    if (!base || (base.type !== 'type_identifier' && base.type !== 'scoped_type_identifier')) return null;
    const last = file.text(field(base, 'name') ?? base);
    if (through && POINTERS.has(last) && t.type === 'generic_type') {
      const args = field(t, 'type_arguments');
      t = args ? namedChildren(args)[0] : undefined;
      continue;
    }
    return file.qualifiedName(base);
  }
  return null;
}

export type SenderKind = 'tokio-mpsc' | 'tokio-unbounded' | 'futures-mpsc' | 'futures-unbounded' | 'async-channel';

const SENDERS: Record<string, SenderKind> = {
  'tokio::sync::mpsc::Sender': 'tokio-mpsc',
  'tokio::sync::mpsc::UnboundedSender': 'tokio-unbounded',
  'futures::channel::mpsc::Sender': 'futures-mpsc',
  'futures::channel::mpsc::UnboundedSender': 'futures-unbounded',
  'async_channel::Sender': 'async-channel',
};

/** Whether `expr` is a channel sender async-fix knows: its kind, `other` (some other known type) or null (cannot tell). */
export function senderKind(file: FileAnalysis, expr: SyntaxNode): SenderKind | 'other' | null {
  const t = receiverType(file, expr);
  return t === null ? null : (SENDERS[t] ?? 'other');
}

export type LockKind = 'std' | 'parking_lot' | 'tokio';

/** Lock types by path, and how they are taken: std and parking_lot block the thread, tokio's are awaited. */
export const LOCKS: Readonly<Record<string, LockKind>> = {
  'std::sync::Mutex': 'std',
  'std::sync::RwLock': 'std',
  'parking_lot::Mutex': 'parking_lot',
  'parking_lot::RwLock': 'parking_lot',
  'parking_lot::FairMutex': 'parking_lot',
  'tokio::sync::Mutex': 'tokio',
  'tokio::sync::RwLock': 'tokio',
};

/** Which lock `expr` is (std, parking_lot, tokio), `other` for another known type, or null when the tree does not tell. */
export function lockKind(file: FileAnalysis, expr: SyntaxNode): LockKind | 'other' | null {
  const t = receiverType(file, expr);
  return t === null ? null : (LOCKS[t] ?? 'other');
}

/** Whether `expr` is a `std::cell::RefCell` (yes / no / null: cannot tell). */
export function isRefCell(file: FileAnalysis, expr: SyntaxNode): boolean | null {
  const t = receiverType(file, expr);
  return t === null ? null : t === 'std::cell::RefCell';
}
