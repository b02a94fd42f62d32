import type { SyntaxNode } from '../../src/engine/parse.js';
import { localBinding } from '../../src/analysis/bindings.js';
import { isClearlyCopy } from './copy.js';
import { mentionedNames } from '../../src/analysis/flow.js';
import { field, hasToken } from '../../src/analysis/syntax.js';

/**
 * What evaluating an expression does to the places it names, so that "may
 * these two expressions run at the same time, or in the other order?" is
 * one question (`conflict`). Syntactic and conservative: where the tree
 * cannot tell a shared use from a mutable or moving one (a method receiver,
 * a closure capture, a macro's tokens, a by-value use of a value not known
 * to be Copy) the use counts as a write.
 */

/** How a place is used. Only `copy` and `shared` are reads. */
export type AccessMode = 'copy' | 'shared' | 'mutable' | 'move' | 'receiver' | 'capture' | 'macro';

export interface Access {
  /** `self.client` is `['self', 'client']`; indexing uses the whole base (`v[i]` is `v`). */
  place: string[];
  mode: AccessMode;
  node: SyntaxNode;
}

export interface CallSite {
  node: SyntaxNode;
  /** The method or the last path segment: `send`, `sleep`. */
  name: string;
  /** The callee as written for a path call (`tokio::time::sleep`), or null for a method call. */
  path: string | null;
  /** The receiver place of a method call, when it is a place. */
  receiver: string[] | null;
  argumentCount: number;
  /** True when the call sits in a closure or async block inside the expression. */
  nested: boolean;
}

export interface Footprint {
  accesses: Access[];
  calls: CallSite[];
  macros: { node: SyntaxNode; name: string; analyzable: boolean }[];
  /** `?`, `return`, `break`, `continue` of the expression itself (not of nested closures). */
  earlyExits: SyntaxNode[];
  /**
   * Borrows of temporaries (`&format!(..)`, `make().method()` autoref): fine
   * inside one statement, but they die early where the expression is moved
   * into another statement, such as the initializer of a `join!`.
   */
  temporaryBorrows: SyntaxNode[];
}

export const isWrite = (m: AccessMode) => m !== 'copy' && m !== 'shared';

/** Methods that take `&self` everywhere they are commonly defined; their receiver is only read. */
const READ_METHODS = new Set(['clone', 'len', 'is_empty', 'as_str', 'as_ref', 'as_bytes', 'as_slice', 'as_path', 'to_string', 'to_owned', 'iter']);

/** Macros whose arguments are only formatted (taken by reference). */
const FORMAT_MACROS = new Set(['format', 'format_args', 'concat', 'stringify', 'env', 'option_env', 'file', 'line', 'column', 'module_path']);

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '&&', '||']);

export function footprint(node: SyntaxNode, source: string): Footprint {
  const fp: Footprint = { accesses: [], calls: [], macros: [], earlyExits: [], temporaryBorrows: [] };
  const text = (n: SyntaxNode) => source.slice(n.start, n.end);
  const access = (place: string[], mode: AccessMode, at: SyntaxNode) => {
    if (mode === 'move' && isClearlyCopy(place, at, source)) mode = 'copy';
    fp.accesses.push({ place, mode, node: at });
  };

  // An explicit stack: generated code nests expressions deeper than the JS stack allows.
  const stack: [SyntaxNode, AccessMode, boolean][] = [[node, 'move', false]];
  const visit = (n: SyntaxNode, mode: AccessMode, nested: boolean): void => {
    stack.push([n, mode, nested]);
  };
  const step = (n: SyntaxNode, mode: AccessMode, nested: boolean): void => {
    const place = placeOf(n, source);
    if (place) {
      access(place, mode, n);
      for (const idx of indexOperands(n)) visit(idx, 'move', nested);
      return;
    }
    switch (n.type) {
      case 'reference_expression': {
        const value = field(n, 'value')!;
        const mutable = n.children.some((c) => c.type === 'mutable_specifier');
        if (!placeOf(value, source) && !isConstant(value)) fp.temporaryBorrows.push(n);
        return visit(value, mutable ? 'mutable' : 'shared', nested);
      }
      case 'call_expression':
        return visitCall(n, nested);
      case 'macro_invocation':
        return visitMacro(n);
      case 'closure_expression':
      case 'async_block': {
        // A `move` body takes what it names by value; a borrowing one may borrow it mutably.
        const captureMode: AccessMode = hasToken(n, 'move') ? 'move' : 'capture';
        const body = n.type === 'closure_expression' ? field(n, 'body') : n.children.find((c) => c.type === 'block');
        for (const name of body ? mentionedNames(body, source) : []) access([name], captureMode, n);
        // Its calls and macros still run (whenever it is polled); its `?` and `return` are its own.
        if (body) visit(body, 'move', true);
        return;
      }
      case 'try_expression':
      case 'return_expression':
      case 'break_expression':
      case 'continue_expression':
        if (!nested) fp.earlyExits.push(n);
        break;
      case 'assignment_expression':
      case 'compound_assignment_expr':
        visit(field(n, 'left')!, 'mutable', nested);
        return visit(field(n, 'right')!, 'move', nested);
      case 'binary_expression': {
        const op = n.children.find((c) => !c.named);
        const m = op && COMPARISONS.has(op.type) ? 'shared' : 'move';
        for (const c of n.children) if (c.named) visit(c, m, nested);
        return;
      }
      case 'type_cast_expression':
        // Only primitives cast: the operand is Copy.
        return visit(field(n, 'value')!, 'copy', nested);
      case 'field_expression':
        // A field of a temporary (`make().x`): the temporary is used by value.
        return visit(field(n, 'value')!, 'move', nested);
      case 'let_declaration': {
        const value = field(n, 'value');
        if (value) visit(value, 'move', nested);
        const alt = field(n, 'alternative');
        if (alt) visit(alt, 'move', nested);
        return;
      }
      case 'match_arm':
      case 'let_condition':
        for (const c of n.children) if (c.named && c.field !== 'pattern') visit(c, 'move', nested);
        return;
      case 'shorthand_field_initializer':
        return access([text(n.children.find((c) => c.type === 'identifier') ?? n)], 'move', n);
      case 'field_initializer': {
        const value = field(n, 'value');
        if (value) visit(value, 'move', nested);
        return;
      }
      case 'scoped_identifier':
      case 'generic_function':
        return;
    }
    for (const c of n.children) if (c.named && c.field !== 'type' && c.field !== 'pattern') visit(c, 'move', nested);
  };

  const visitCall = (n: SyntaxNode, nested: boolean) => {
    let callee = field(n, 'function')!;
    if (callee.type === 'generic_function') callee = field(callee, 'function') ?? callee;
    const args = field(n, 'arguments');
    const argumentCount = args ? args.children.filter((c) => c.named && c.type !== 'line_comment' && c.type !== 'block_comment').length : 0;
    if (callee.type === 'field_expression') {
      const receiver = field(callee, 'value')!;
      const name = text(field(callee, 'field')!);
      const place = placeOf(receiver, source);
      fp.calls.push({ node: n, name, path: null, receiver: place, argumentCount, nested });
      if (!place && !isConstant(receiver)) fp.temporaryBorrows.push(receiver);
      visit(receiver, READ_METHODS.has(name) ? 'shared' : 'receiver', nested);
    } else {
      const path = text(callee);
      fp.calls.push({ node: n, name: path.split('::').at(-1)!.trim(), path, receiver: null, argumentCount, nested });
      // Calling a local closure may mutate what it captured (FnMut).
      if (callee.type === 'identifier') {
        if (localBinding(path, callee, source)) access([path], 'receiver', callee);
      }
      else if (callee.type !== 'scoped_identifier') visit(callee, 'receiver', nested);
    }
    if (args) for (const a of args.children) if (a.named) visit(a, 'move', nested);
  };

  const visitMacro = (n: SyntaxNode) => {
    const name = text(field(n, 'macro') ?? n).split('::').at(-1)!;
    const tokens = n.children.find((c) => c.type === 'token_tree');
    const tokenText = tokens ? text(tokens) : '';
    // Formatting borrows its arguments, unless they call methods or take `&mut`.
    const analyzable = FORMAT_MACROS.has(name) && !/\bmut\b|\.\s*\w+\s*(?:::\s*<[^>]*>\s*)?\(|\bawait\b/.test(tokenText.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
    fp.macros.push({ node: n, name, analyzable });
    if (tokens) for (const id of mentionedNames(tokens, source)) access([id], analyzable ? 'shared' : 'macro', n);
  };

  while (stack.length) step(...stack.pop()!);
  return fp;
}

/** The place an expression denotes (`x`, `self.a.b`, `v[i]` as `v`, `*r` as `r`), or null for a temporary. */
export function placeOf(n: SyntaxNode, source: string): string[] | null {
  switch (n.type) {
    case 'identifier':
      return [source.slice(n.start, n.end)];
    case 'self':
      return ['self'];
    case 'field_expression': {
      const base = placeOf(field(n, 'value')!, source);
      const f = field(n, 'field');
      return base && f ? [...base, source.slice(f.start, f.end)] : null;
    }
    case 'index_expression':
      return placeOf(n.children.find((c) => c.named)!, source);
    case 'parenthesized_expression':
      return placeOf(n.children.find((c) => c.named)!, source);
    case 'unary_expression':
      return hasToken(n, '*') ? placeOf(n.children.find((c) => c.named)!, source) : null;
    default:
      return null;
  }
}

/** The index operands inside a place (`i` in `v[i].x`), which are evaluated too. */
function indexOperands(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let p: SyntaxNode | undefined = n; p; ) {
    if (p.type === 'index_expression') out.push(p.children.filter((c) => c.named)[1]);
    p = p.type === 'field_expression' ? field(p, 'value') : p.type === 'identifier' || p.type === 'self' ? undefined : p.children.find((c) => c.named);
  }
  return out.filter(Boolean);
}

/** Literals and paths: promoted to statics when borrowed, so never dangling. */
function isConstant(n: SyntaxNode): boolean {
  return /_literal$/.test(n.type) || n.type === 'scoped_identifier';
}

/** Places overlap when one is a prefix of the other (`self` and `self.a`, not `self.a` and `self.b`). */
export function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Why `a` and `b` may not run concurrently or reordered: a place one writes that the other uses. Null when independent. */
export function conflict(a: Footprint, b: Footprint): { a: Access; b: Access } | null {
  for (const x of a.accesses) {
    for (const y of b.accesses) {
      if ((isWrite(x.mode) || isWrite(y.mode)) && overlaps(x.place, y.place)) return { a: x, b: y };
    }
  }
  return null;
}
