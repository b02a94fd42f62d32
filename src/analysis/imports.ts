import type { SyntaxNode } from '../engine/parse.js';
import type { Edit, Fix } from '../rule.js';
import type { FileAnalysis } from './file-analysis.js';
import { descendants, field, innermostSpanning, PATH_NODE_TYPES, precedingAttributes } from './syntax.js';

/**
 * Removing or narrowing a `use` that a fix leaves unused (`use std::fs;` once
 * every `fs::read` became `tokio::fs::read`), so a fixed file has no new
 * warnings. Conservative: an import counts as used while its name appears
 * anywhere else in the file (macro tokens and intra-doc links included), and
 * `pub use` items, attributed items and globs are never touched.
 */

/** A fix a rule is about to offer, and the paths in it whose import the fix may leave unused. */
export interface FixDraft {
  fix: Fix;
  /** Path nodes the fix rewrites away (`fs::read` in `fs::read(p)`). */
  paths: SyntaxNode[];
}

/**
 * Adds import clean-up edits to the fixes that leave an import unused. When
 * one fix removes the last use, it carries the edit. When several fixes
 * together remove every use, one of them (an unsafe one if any, since it is
 * offered least often) is made to conflict with the others through empty
 * insertions at their edit points: it waits one pass, after which it is the
 * last use and carries the edit itself. So an import is only ever removed by
 * the fix that really leaves it unused, whichever fixes a review accepts.
 */
export function dropUnusedImports(file: FileAnalysis, drafts: readonly FixDraft[]): void {
  const clauses = new Map<SyntaxNode, Set<FixDraft>>();
  for (const d of drafts) {
    for (const p of d.paths) {
      const clause = file.importClause(p);
      if (clause && removableDeclaration(clause)) clauses.set(clause, (clauses.get(clause) ?? new Set()).add(d));
    }
  }
  const removals = new Map<FixDraft, SyntaxNode[]>();
  for (const clause of clauses.keys()) {
    const name = boundName(clause, file);
    if (!name) continue;
    const occurrences = nameOccurrences(file, name, useDeclarationOf(clause)!);
    if (occurrences.includes(-1)) continue; // in a doc comment: rustdoc links may need it
    const root = pathRoot(name);
    // The new text's comments ("results back in spawn order") name nothing.
    const covering = drafts.filter((d) => !d.fix.edits.some((e) => root.test(e.text.replace(/\/\/[^\n]*/g, ''))) && occurrences.some((o) => replaces(d.fix, o)));
    if (!occurrences.every((o) => covering.some((d) => replaces(d.fix, o)))) continue;
    if (covering.length === 1) {
      removals.set(covering[0], [...(removals.get(covering[0]) ?? []), clause]);
      continue;
    }
    const carrier = covering.find((d) => d.fix.safety === 'unsafe') ?? covering[covering.length - 1];
    for (const other of covering) if (other !== carrier) carrier.fix.edits.push(conflictMarker(other.fix, file));
  }
  for (const [draft, removed] of removals) {
    const byDeclaration = new Map<SyntaxNode, SyntaxNode[]>();
    for (const c of removed) {
      const decl = useDeclarationOf(c)!;
      byDeclaration.set(decl, [...(byDeclaration.get(decl) ?? []), c]);
    }
    for (const [decl, cs] of byDeclaration) draft.fix.edits.push(removeClauses(file, decl, new Set(cs)));
  }
}

/** The outermost paths inside the text `edits` replace that name an import: what a fix may leave unused. */
export function importedPathsReplaced(file: FileAnalysis, edits: readonly Edit[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const e of edits) {
    if (e.start === e.end) continue;
    for (const n of descendants(innermostSpanning(file.root, e.start, e.end))) {
      if (n.start < e.start || n.end > e.end || !PATH_NODE_TYPES.has(n.type)) continue;
      if (n.parent && PATH_NODE_TYPES.has(n.parent.type) && n.parent.type.startsWith('scoped')) continue;
      if (file.importClause(n)) out.push(n);
    }
  }
  return out;
}

/** The edit that removes `clauses` from a `use` declaration: narrows it, or deletes the whole line when nothing is left. */
export function removeClauses(file: FileAnalysis, decl: SyntaxNode, clauses: ReadonlySet<SyntaxNode>): Edit {
  const arg = field(decl, 'argument')!;
  const rendered = render(arg, clauses, file);
  if (rendered !== null) return { start: arg.start, end: arg.end, text: rendered };
  return wholeLines(file.source.text, decl);
}

/** The name a `use` clause binds: `fs` for `std::fs`, `nap` for `sleep as nap`, `fs` for the `self` in `fs::{self}`. */
export function boundName(clause: SyntaxNode, file: FileAnalysis): string | null {
  if (clause.type === 'use_as_clause') {
    const alias = field(clause, 'alias');
    return alias ? file.text(alias) : null;
  }
  if (clause.type === 'identifier') return file.text(clause);
  if (clause.type === 'scoped_identifier') return file.text(field(clause, 'name')!);
  if (clause.type === 'self') {
    const owner = clause.parent?.parent; // use_list -> scoped_use_list
    const path = owner?.type === 'scoped_use_list' ? field(owner, 'path') : undefined;
    return path ? file.text(field(path, 'name') ?? path) : null;
  }
  return null;
}

function useDeclarationOf(n: SyntaxNode): SyntaxNode | null {
  for (let p: SyntaxNode | null = n; p; p = p.parent) if (p.type === 'use_declaration') return p;
  return null;
}

/** Private, unattributed `use` items only: a `pub use` is API, and `#[cfg]`/`#[allow]` on one says someone cares. */
function removableDeclaration(clause: SyntaxNode): boolean {
  const decl = useDeclarationOf(clause);
  return !!decl && !decl.children.some((c) => c.type === 'visibility_modifier') && precedingAttributes(decl).length === 0;
}

const NAME_TYPES = new Set(['identifier', 'type_identifier', 'shorthand_field_identifier', 'metavariable']);

/** Offsets where `name` appears outside `decl`; -1 for a doc comment that links to it (rustdoc resolves links through imports). */
function nameOccurrences(file: FileAnalysis, name: string, decl: SyntaxNode): number[] {
  const out: number[] = [];
  const root = pathRoot(name);
  for (const n of file.nodesOfType(...NAME_TYPES, 'line_comment', 'block_comment')) {
    if (n.start >= decl.start && n.end <= decl.end) continue;
    if (parsedInMacroBody(n)) continue; // the parsed node at the same place is seen instead
    // A path's tail (`thread::sleep`'s `sleep`) never names an import.
    const pathTail = n.field === 'name' && (n.parent?.type === 'scoped_identifier' || n.parent?.type === 'scoped_type_identifier');
    if (NAME_TYPES.has(n.type) && !pathTail && file.text(n) === name) out.push(n.start);
    else if (isComment(n) && /^(\/\/[/!]|\/\*[*!])/.test(file.text(n)) && docLinks(file.text(n)).some((l) => root.test(l))) out.push(-1);
  }
  return out;
}

/**
 * A token of a macro's token tree at a place its body was parsed as code
 * (macro-bodies.ts): there the parsed node stands for it, and knows whether
 * it is a path's tail (`tokio::fs::read` once a fix has written it).
 */
function parsedInMacroBody(n: SyntaxNode): boolean {
  let tokens = n.parent;
  if (tokens?.type !== 'token_tree') return false;
  while (tokens.parent?.type === 'token_tree') tokens = tokens.parent;
  const body = tokens.parent?.type === 'macro_invocation' ? tokens.parent.children.find((c) => c.type === 'macro_body') : undefined;
  const pieces = body?.children.flatMap((c) => (c.type === 'select_arm' ? c.children : [c])) ?? [];
  return pieces.some((p) => p.start <= n.start && n.end <= p.end);
}

/** The intra-doc link targets of a doc comment: `[fs::read]`, `[`fs::read`]`, `[text](fs::read)`. */
function docLinks(comment: string): string[] {
  return [...comment.matchAll(/\[([^\]]*)\](?:\(([^)]*)\))?/g)].flatMap((m) => [m[1], m[2] ?? '']);
}

/** `name` as a path root (`fs` in `fs::read`), not as a path's tail (`tokio::fs`). */
/** `name` used as a path's first segment in new text: not a path's tail (`a::spawn`) nor a method (`set.spawn(..)`). */
function pathRoot(name: string): RegExp {
  return new RegExp(`(^|[^\\w:.])${name}\\b`);
}

function replaces(fix: Fix, offset: number): boolean {
  return fix.edits.some((e) => e.start < e.end && e.start <= offset && offset < e.end);
}

/** An edit that changes nothing but conflicts with `fix` (see `dropUnusedImports`). */
function conflictMarker(fix: Fix, file: FileAnalysis): Edit {
  const insertion = fix.edits.find((e) => e.start === e.end);
  if (insertion) return { start: insertion.start, end: insertion.start, text: '' };
  const e = fix.edits[0];
  return { start: e.start, end: e.end, text: file.source.text.slice(e.start, e.end) };
}

function isComment(n: SyntaxNode): boolean {
  return n.type === 'line_comment' || n.type === 'block_comment';
}

/** The text of a use tree without `removed`, or null when nothing is left. */
function render(node: SyntaxNode, removed: ReadonlySet<SyntaxNode>, file: FileAnalysis): string | null {
  if (removed.has(node)) return null;
  const text = (s: number, e: number) => file.source.text.slice(s, e);
  if (node.type !== 'scoped_use_list' && node.type !== 'use_list') return file.text(node);
  const list = node.type === 'use_list' ? node : field(node, 'list');
  if (!list) return file.text(node);
  const items = list.children.filter((c) => c.named && !isComment(c));
  const rendered = items.map((i) => render(i, removed, file));
  const kept = items.map((_, i) => i).filter((i) => rendered[i] !== null);
  if (kept.length === 0) return null;
  const prefix = text(node.start, list.start); // `std::` (empty for a bare `{..}`)
  if (kept.length === 1 && kept.length < items.length && !list.children.some(isComment)) {
    const only = rendered[kept[0]]!;
    if (only === 'self') return prefix.replace(/\s*::\s*$/, '') || null;
    return prefix + only;
  }
  let out = text(list.start, items[0].start);
  let last = -1;
  for (const i of kept) {
    if (last >= 0) out += text(items[last].end, items[last + 1].start);
    out += rendered[i];
    last = i;
  }
  out += text(items[items.length - 1].end, list.end);
  return prefix + out + text(list.end, node.end);
}

/** The range of `node` widened to its whole lines when it stands alone on them, and one blank line with it. */
function wholeLines(source: string, node: SyntaxNode): Edit {
  let start = node.start;
  while (start > 0 && (source[start - 1] === ' ' || source[start - 1] === '\t')) start--;
  let end = node.end;
  while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  const ownLine = (start === 0 || source[start - 1] === '\n') && (end === source.length || source[end] === '\n' || source.startsWith('\r\n', end));
  if (!ownLine) return { start: node.start, end: node.end, text: '' };
  end += source.startsWith('\r\n', end) ? 2 : end < source.length ? 1 : 0;
  const blankBefore = start === 0 || /\n\r?\n$/.test(source.slice(Math.max(0, start - 3), start));
  const blankAfter = /^\r?\n/.exec(source.slice(end, end + 2));
  if (blankBefore && blankAfter) end += blankAfter[0].length;
  return { start, end, text: '' };
}
