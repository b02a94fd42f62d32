import { reattach } from './mirror.js';
import type { SyntaxNode } from './parse.js';

/**
 * tree-sitter gives a macro invocation's body as an opaque token tree. Most
 * macros in async code take ordinary Rust: `select!` arms, `join!`
 * futures, `format!`/`info!` arguments, project macros that wrap a call
 * (`wrap_err!(fs::write(&p, b))`). Here those bodies are parsed again with
 * the same grammar, piece by piece, and the pieces' nodes are hung under
 * the invocation with their offsets in the file, so rules, edits, positions
 * and diffs work there unchanged. The token tree stays as it was, for code
 * that reads tokens.
 *
 * Under a `macro_invocation`, after its `token_tree`, comes a `macro_body`
 * node holding, in source order:
 * - for `select!`: one `select_arm` per arm, with the fields `pattern`,
 *   `value` (the future), `condition` (an `if` guard) and `body` (the handler);
 * - for a body in braces that parses as statements: a `block`; at item
 *   level (tokio's `cfg_rt! { .. }`), as items: a `declaration_list`;
 * - otherwise: the comma-separated expressions (`vec![x; n]`: both; a
 *   `matches!`: only its scrutinee, the rest is a pattern).
 * A body that does not parse that way is left alone, silently. The body of
 * a `macro_rules!` is a template, not code: invocations inside one are not
 * parsed.
 */

export interface MacroRegion {
  /** The macro's name as written last (`select`, `wrap_err`). */
  name: string;
  /** The invocation's token tree. */
  start: number;
  end: number;
  /** The parsed pieces an edit may change; anything else in the token tree is the macro's own syntax. */
  editable: { start: number; end: number }[];
}

export interface MacroExpansion {
  regions: MacroRegion[];
  /** Bodies parsed, and bodies left alone (they did not parse as expressions, arms or a block). */
  analyzed: number;
  skipped: number;
}

/** Parses a synthetic text made of wrapped pieces and gives its mirror root. */
export type FragmentParser = (text: string) => { root: SyntaxNode };

class SyntheticNode implements SyntaxNode {
  children: SyntaxNode[] = [];
  readonly named = true;
  constructor(
    readonly type: string,
    public start: number,
    public end: number,
    public field: string | null,
    public parent: SyntaxNode | null,
  ) {}
}

type PieceKind = 'expression' | 'pattern' | 'block' | 'items';

interface Piece {
  kind: PieceKind;
  start: number;
  end: number;
  /** Where the parsed node goes and under which field. */
  field: string | null;
  editable: boolean;
  /** Appended to this node's children. */
  into: () => SyntaxNode;
}

/** Synthetic text around one piece: the piece parses as the node we take. */
const WRAPPERS: Record<PieceKind, [string, string]> = {
  expression: ['fn __f(){__f(', ');}'],
  pattern: ['fn __f(){match 0{', ' =>{}}}'],
  block: ['fn __f()', ''],
  items: ['mod __m', ''],
};

/** Macros whose body is never code to analyze: definitions, tests of tokens, other languages. */
const OPAQUE = new Set(['macro_rules', 'quote', 'quote_spanned', 'html', 'rsx', 'view', 'json', 'sql', 'include', 'include_str', 'include_bytes', 'concat_idents', 'stringify', 'cfg', 'cfg_if', 'asm', 'global_asm', 'lazy_static', 'thread_local']);
/** Where an invocation stands for items (`cfg_rt! { pub fn spawn(..) {..} }`): its braces may hold items. */
const ITEM_POSITIONS = new Set(['source_file', 'declaration_list']);
/** `tracing`/`log` argument prefixes that are not expressions: `target: "x"`, `%value`, `?value`, `name = value`, `field.sub = value`. */
const LOG_MACROS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'event', 'span', 'trace_span', 'debug_span', 'info_span', 'warn_span', 'error_span', 'log']);
const MAX_DEPTH = 6;

export function expandMacroBodies(root: SyntaxNode, text: string, parse: FragmentParser): MacroExpansion {
  const out: MacroExpansion = { regions: [], analyzed: 0, skipped: 0 };
  let level = invocationsUnder(root);
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const pieces: Piece[] = [];
    const bodies: { invocation: SyntaxNode; body: SyntheticNode; region: MacroRegion; from: number; to: number }[] = [];
    for (const invocation of level) {
      const tokens = invocation.children.find((c) => c.type === 'token_tree');
      const name = macroName(invocation, text);
      if (!tokens || tokens.end - tokens.start < 2) continue;
      const body = new SyntheticNode('macro_body', tokens.start, tokens.end, 'expansion', invocation);
      const from = pieces.length;
      const planned = atItemLevel(invocation) ? planItems(name, tokens, body, text, pieces) : plan(name, tokens, body, text, pieces);
      if (!planned) {
        pieces.length = from;
        out.skipped++;
        continue;
      }
      bodies.push({ invocation, body, region: { name, start: tokens.start, end: tokens.end, editable: [] }, from, to: pieces.length });
    }
    const parsed = parsePieces(pieces, text, parse);
    const next: SyntaxNode[] = [];
    for (const b of bodies) {
      const nodes = parsed.slice(b.from, b.to);
      if (nodes.some((n) => n === null)) {
        out.skipped++;
        continue;
      }
      for (let i = 0; i < nodes.length; i++) {
        const piece = pieces[b.from + i];
        const node = nodes[i]!;
        const parent = piece.into();
        reattach(node, parent, piece.field);
        parent.children.push(node);
        if (piece.editable) b.region.editable.push({ start: piece.start, end: piece.end });
      }
      (b.invocation.children as SyntaxNode[]).push(b.body);
      out.regions.push(b.region);
      out.analyzed++;
      next.push(...invocationsUnder(b.body));
    }
    level = next;
  }
  return out;
}

/** Invocations under `node`, not inside `macro_rules!` definitions or other token trees. */
function invocationsUnder(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'macro_definition' || n.type === 'token_tree' || n.type === 'attribute_item' || n.type === 'inner_attribute_item') continue;
    if (n.type === 'macro_invocation') {
      out.push(n);
      continue; // its own body is the next level
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

function macroName(invocation: SyntaxNode, text: string): string {
  const m = invocation.children.find((c) => c.field === 'macro') ?? invocation.children[0];
  return m ? text.slice(m.start, m.end).split('::').at(-1)!.trim() : '';
}

function atItemLevel(invocation: SyntaxNode): boolean {
  const at = invocation.parent?.type === 'expression_statement' ? invocation.parent.parent : invocation.parent;
  return !!at && ITEM_POSITIONS.has(at.type);
}

/** An item-level body in braces that parses as items (tokio's `cfg_rt! { .. }`); the statics of `lazy_static!` and friends go to the crate model instead. */
function planItems(name: string, tokens: SyntaxNode, body: SyntheticNode, text: string, pieces: Piece[]): boolean {
  if (OPAQUE.has(name) || text[tokens.start] !== '{') return false;
  pieces.push({ kind: 'items', start: tokens.start, end: tokens.end, field: null, editable: true, into: () => body });
  return true;
}

/** Plans the pieces of one body; false when its shape is not one we parse. */
function plan(name: string, tokens: SyntaxNode, body: SyntheticNode, text: string, pieces: Piece[]): boolean {
  if (OPAQUE.has(name)) return false;
  const open = text[tokens.start];
  const inBody = () => body;
  if (name === 'select' || name === 'select_biased') return planSelect(tokens, body, text, pieces);
  if (open === '{' && name !== 'join' && name !== 'try_join') {
    pieces.push({ kind: 'block', start: tokens.start, end: tokens.end, field: null, editable: true, into: inBody });
    return true;
  }
  // `vec![x; n]`: the element and the count are expressions both.
  const parts = splitTopLevel(tokens, text, name === 'vec' ? /^[,;]$/ : /^,$/).filter((p) => p.end > p.start);
  if (!parts.length) return false;
  const log = LOG_MACROS.has(name);
  for (let i = 0; i < parts.length; i++) {
    let { start } = parts[i];
    const { end } = parts[i];
    if (name === 'matches' && i > 0) break; // a pattern and its guard
    if (log) {
      const value = logValueStart(text, start, end);
      if (value === null) continue;
      start = value;
    }
    pieces.push({ kind: 'expression', start, end, field: null, editable: true, into: inBody });
  }
  return pieces.length > 0;
}

/**
 * `select! { biased; PAT = FUT (, if GUARD)? => HANDLER, ... else => EXPR }`
 * (futures' `complete => EXPR` and `default => EXPR` like `else`):
 * the arms are found among the token tree's top-level tokens, by their `=>`.
 */
function planSelect(tokens: SyntaxNode, body: SyntheticNode, text: string, pieces: Piece[]): boolean {
  const toks = tokens.children.slice(1, -1).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
  const is = (t: SyntaxNode | undefined, s: string) => !!t && t.end - t.start === s.length && text.startsWith(s, t.start);
  let i = 0;
  if (is(toks[0], 'biased') && is(toks[1], ';')) i = 2;
  let arms = 0;
  while (i < toks.length) {
    const headStart = i;
    let arrow = i;
    while (arrow < toks.length && !is(toks[arrow], '=>')) arrow++;
    if (arrow >= toks.length || arrow === headStart) return false;
    // The handler: a `{ .. }` block (a comma after it is optional), or tokens up to the next top-level comma.
    let end = arrow + 1;
    if (end >= toks.length) return false;
    // As in tokio's own matcher: a handler that starts with a block is that block.
    if (toks[end].type === 'token_tree' && text[toks[end].start] === '{') end++;
    else while (end < toks.length && !is(toks[end], ',')) end++;
    const handler = { start: toks[arrow + 1].start, end: toks[end - 1].end };
    const arm = new SyntheticNode('select_arm', toks[headStart].start, handler.end, null, body);
    body.children.push(arm);
    const into = () => arm;
    const head = toks.slice(headStart, arrow);
    // tokio's `else =>`, futures' `complete =>` and `default =>`: a handler alone.
    if (head.length === 1 && (is(head[0], 'else') || is(head[0], 'complete') || is(head[0], 'default'))) {
      pieces.push({ kind: 'expression', ...handler, field: 'body', editable: true, into });
    } else {
      const eq = head.findIndex((t) => is(t, '='));
      if (eq <= 0 || eq === head.length - 1) return false;
      const guard = head.findIndex((t, k) => k > eq && is(t, ',') && is(head[k + 1], 'if'));
      const futureEnd = guard < 0 ? head.length : guard;
      if (futureEnd <= eq + 1) return false;
      pieces.push({ kind: 'pattern', start: head[0].start, end: head[eq - 1].end, field: 'pattern', editable: false, into });
      pieces.push({ kind: 'expression', start: head[eq + 1].start, end: head[futureEnd - 1].end, field: 'value', editable: true, into });
      if (guard >= 0) {
        if (guard + 2 >= head.length) return false;
        pieces.push({ kind: 'expression', start: head[guard + 2].start, end: head.at(-1)!.end, field: 'condition', editable: true, into });
      }
      pieces.push({ kind: 'expression', ...handler, field: 'body', editable: true, into });
    }
    arms++;
    i = end < toks.length && is(toks[end], ',') ? end + 1 : end;
  }
  return arms > 0;
}

/** The token tree's inner text cut at top-level `sep` tokens (nested delimiters are token trees of their own). */
function splitTopLevel(tokens: SyntaxNode, text: string, sep: RegExp): { start: number; end: number }[] {
  const inner = tokens.children.slice(1, -1);
  const out: { start: number; end: number }[] = [];
  let first: SyntaxNode | null = null;
  let last: SyntaxNode | null = null;
  for (const t of inner) {
    if (t.type === 'line_comment' || t.type === 'block_comment') continue;
    if (t.end - t.start === 1 && sep.test(text[t.start])) {
      out.push(first && last ? { start: first.start, end: last.end } : { start: t.start, end: t.start });
      first = last = null;
      continue;
    }
    first ??= t;
    last = t;
  }
  if (first && last) out.push({ start: first.start, end: last.end });
  return out;
}

/** Where the value of a `tracing` field starts: after `name =`, `%`, `?`; null for `target: ..`/`parent: ..` and a bare field name. */
function logValueStart(text: string, start: number, end: number): number | null {
  const s = text.slice(start, end);
  if (/^(?:target|parent|name)\s*:/.test(s)) return null;
  const assigned = /^(?:[A-Za-z_][\w]*|"[^"]*")(?:\s*\.\s*[A-Za-z_]\w*)*\s*=(?![=>])\s*/.exec(s);
  let at = start + (assigned ? assigned[0].length : 0);
  if (text[at] === '%' || text[at] === '?') at++;
  return at < end ? at : null;
}

/**
 * Parses every piece of one level in a single synthetic text, one wrapper
 * fn per piece; gives each piece's node with offsets moved to the file, or
 * null where it did not parse cleanly.
 */
function parsePieces(pieces: Piece[], text: string, parse: FragmentParser): (SyntaxNode | null)[] {
  if (!pieces.length) return [];
  const starts: number[] = [];
  let synthetic = '';
  for (const p of pieces) {
    const [before, after] = WRAPPERS[p.kind];
    starts.push(synthetic.length + before.length);
    synthetic += before + text.slice(p.start, p.end) + after + '\n';
  }
  const fns = parse(synthetic).root.children.filter((c) => c.type === 'function_item' || c.type === 'mod_item');
  const byStart = new Map(fns.map((f) => [f.start, f]));
  return pieces.map((p, i) => {
    const fn = byStart.get(starts[i] - WRAPPERS[p.kind][0].length);
    const node = fn ? pieceNode(fn, p.kind) : null;
    if (!node || node.start !== starts[i] || node.end !== starts[i] + (p.end - p.start) || hasError(fn!)) return null;
    shift(node, p.start - starts[i]);
    return node;
  });
}

/** The node a wrapper holds its piece in. */
function pieceNode(fn: SyntaxNode, kind: PieceKind): SyntaxNode | null {
  const body = fn.children.find((c) => c.field === 'body');
  if (!body) return null;
  if (kind === 'block' || kind === 'items') return body;
  const stmt = body.children.find((c) => c.named && c.type !== 'line_comment' && c.type !== 'block_comment');
  const expr = stmt?.type === 'expression_statement' ? stmt.children.find((c) => c.named) : stmt;
  if (kind === 'pattern') {
    const arms = expr?.type === 'match_expression' ? expr.children.find((c) => c.field === 'body') : undefined;
    const arm = arms?.children.find((c) => c.type === 'match_arm');
    const pattern = arm?.children.find((c) => c.field === 'pattern');
    // `_` is a token, not a named node.
    return pattern?.children.find((c) => c.named) ?? (pattern?.children.length === 1 ? pattern.children[0] : null);
  }
  const args = expr?.type === 'call_expression' ? expr.children.find((c) => c.field === 'arguments') : undefined;
  const named = args?.children.filter((c) => c.named) ?? [];
  return named.length === 1 ? named[0] : null;
}

/**
 * ERROR nodes, and MISSING ones: tree-sitter's stand-in for a token it
 * expected, always zero-width, named or not (the identifier after a
 * dangling `+`, the field after `a.`). The one real zero-width node is an
 * empty raw string's content.
 */
function hasError(node: SyntaxNode): boolean {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || (n.start === n.end && n.type !== 'string_content' && n.type !== '')) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

function shift(node: SyntaxNode, delta: number): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop() as { start: number; end: number; children: SyntaxNode[] };
    n.start += delta;
    n.end += delta;
    for (const c of n.children) stack.push(c);
  }
}
