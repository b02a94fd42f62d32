import type { SyntaxNode } from '../engine/parse.js';
import { field, namedChildren } from './syntax.js';

/**
 * Local variable bindings: `let`, fn and closure parameters, `for`, `match`
 * and `if let` patterns. Only these can shadow an imported fn name used as a
 * bare call (`let sleep = |d| ...; sleep(d)`).
 */
export function isShadowedByLocalBinding(name: string, at: SyntaxNode, source: string): boolean {
  return name !== 'self' && localBinding(name, at, source) !== null;
}

/**
 * The nearest local binding of `name` visible at `at`: the `let` statement,
 * parameter, `for`, match arm or `if let`/`while let` that binds it, or null
 * when `name` is not a local here (an item, a static, an import).
 */
export function localBinding(name: string, at: SyntaxNode, source: string): SyntaxNode | null {
  let child = at;
  for (let n = at.parent; n; child = n, n = n.parent) {
    switch (n.type) {
      case 'block': {
        let found: SyntaxNode | null = null;
        for (const s of n.children) {
          if (s.start >= child.start) break;
          if (s.type === 'let_declaration' && bindsName(field(s, 'pattern'), name, source)) found = s;
        }
        if (found) return found;
        break;
      }
      case 'function_item':
        return parameterBinding(field(n, 'parameters'), name, source);
      case 'closure_expression': {
        const p = parameterBinding(field(n, 'parameters'), name, source);
        if (p) return p;
        break;
      }
      case 'for_expression':
        if (child.field === 'body' && bindsName(field(n, 'pattern'), name, source)) return n;
        break;
      case 'match_arm':
        if (child.field === 'value' && bindsName(field(n, 'pattern'), name, source)) return n;
        break;
      case 'if_expression':
      case 'while_expression': {
        const cond = field(n, 'condition');
        if (child.field !== 'condition' && cond) {
          for (const c of [cond, ...cond.children]) {
            if (c.type === 'let_condition' && bindsName(field(c, 'pattern'), name, source)) return c;
          }
        }
        break;
      }
    }
  }
  return null;
}

/** The parameter binding `name` (`self` included), or null. */
function parameterBinding(params: SyntaxNode | undefined, name: string, source: string): SyntaxNode | null {
  if (!params) return null;
  for (const p of params.children) {
    if (p.type === 'self_parameter' && name === 'self') return p;
    if (p.type === 'parameter' && bindsName(field(p, 'pattern'), name, source)) return p;
    if (p.named && p.type !== 'parameter' && p.type !== 'self_parameter' && bindsName(p, name, source)) return p; // closure `|x|`
  }
  return null;
}

/** Names a pattern binds; type positions (`Foo(x)`'s `Foo`) are not bindings. */
export function patternNames(pattern: SyntaxNode | undefined, source: string): string[] {
  const out: string[] = [];
  if (!pattern) return out;
  const stack = [pattern];
  while (stack.length) {
    const n = stack.pop()!;
    // Types, match guards and literal values are not bindings.
    if (n.field === 'type' || n.field === 'condition' || n.field === 'value') continue;
    if (n.type === 'identifier' || n.type === 'shorthand_field_identifier') {
      out.push(source.slice(n.start, n.end));
      continue;
    }
    if (n.type === 'field_pattern') {
      // `S { a: b }` binds `b`; `S { a }` binds `a`.
      const inner = field(n, 'pattern') ?? n.children.find((c) => c.type === 'shorthand_field_identifier');
      if (inner) stack.push(inner);
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i].named) stack.push(n.children[i]); // source order
  }
  return out;
}

function bindsName(pattern: SyntaxNode | undefined, name: string, source: string): boolean {
  return patternNames(pattern, source).includes(name);
}

/** `g` for `let g = ..` / `let mut g = ..`; null for `_` (dropped at once) and destructuring patterns. */
export function boundIdentifier(stmt: SyntaxNode, source: string): string | null {
  let p = field(stmt, 'pattern');
  if (p?.type === 'mut_pattern') p = namedChildren(p)[0];
  return p?.type === 'identifier' ? source.slice(p.start, p.end) : null;
}
