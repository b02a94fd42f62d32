import type { SyntaxNode } from '../engine/parse.js';
import { parseRust } from '../engine/parse.js';
import { field, lastSegment } from '../analysis/syntax.js';
import type { Item } from './summary-types.js';
import { typeRef } from './type-ref.js';

/**
 * Statics declared by item macros, whose bodies the grammar leaves as
 * token trees: `lazy_static! { static ref NAME: Type = ..; }` and
 * `thread_local! { static NAME: Type = ..; }`. Each declaration's type is
 * re-parsed with the real grammar (as the item `static NAME: Type = ..;`),
 * so its TypeRef is what a `static` item would give.
 */
export function itemMacroStatics(invocation: SyntaxNode, src: (n: SyntaxNode) => string): Item[] {
  const macro = field(invocation, 'macro');
  const name = macro ? src(lastSegment(macro)) : '';
  if (name !== 'lazy_static' && name !== 'thread_local') return [];
  const body = invocation.children.find((c) => c.type === 'token_tree');
  if (!body) return [];
  const inner = src(body).slice(1, -1);
  // Each declaration: optional attributes and visibility, `static [ref] NAME: Type = init;`
  const decl = /(pub(?:\s*\([^)]*\))?\s+)?static\s+(ref\s+)?([A-Za-z_]\w*)\s*:/g;
  const out: Item[] = [];
  for (let m = decl.exec(inner); m; m = decl.exec(inner)) {
    const typeStart = m.index + m[0].length;
    const typeEnd = topLevelEquals(inner, typeStart);
    if (typeEnd < 0) break;
    const typeText = inner.slice(typeStart, typeEnd);
    out.push({ kind: 'static', name: m[3], pub: !!m[1], type: parseType(typeText), declaredBy: name });
    decl.lastIndex = typeEnd;
  }
  return out;
}

/** The offset of the first `=` outside brackets from `from`, or -1. */
function topLevelEquals(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if (c === '>' && text[i - 1] !== '-') depth--;
    else if (c === ')' || c === ']') depth--;
    else if (c === '=' && depth === 0 && text[i + 1] !== '>') return i;
  }
  return -1;
}

function parseType(typeText: string) {
  const item = `static X: ${typeText} = 0;`;
  const parsed = parseRust(item);
  const stat = parsed.root.children.find((c) => c.type === 'static_item');
  const type = stat && field(stat, 'type');
  return parsed.errorCount === 0 && type ? typeRef(type, (n) => item.slice(n.start, n.end)) : null;
}
