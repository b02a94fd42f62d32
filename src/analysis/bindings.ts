import type { SyntaxNode } from '../engine/parse.js';
import { field } from './syntax.js';

/**
 * Local variable bindings: `let`, fn and closure parameters, `for`, `match`
 * and `if let` patterns. Only these can shadow an imported fn name used as a
 * bare call (`let sleep = |d| ...; sleep(d)`).
 */
export function isShadowedByLocalBinding(name: string, at: SyntaxNode, source: string): boolean {
  let child = at;
  for (let n = at.parent; n; child = n, n = n.parent) {
    switch (n.type) {
      case 'block':
        for (const s of n.children) {
          if (s.start >= child.start) break;
          if (s.type === 'let_declaration' && bindsName(field(s, 'pattern'), name, source)) return true;
        }
        break;
      case 'function_item':
        return bindsInParameters(field(n, 'parameters'), name, source);
      case 'closure_expression':
        if (bindsInParameters(field(n, 'parameters'), name, source)) return true;
        break;
      case 'for_expression':
        if (child.field === 'body' && bindsName(field(n, 'pattern'), name, source)) return true;
        break;
      case 'match_arm':
        if (child.field === 'value' && bindsName(field(n, 'pattern'), name, source)) return true;
        break;
      case 'if_expression':
      case 'while_expression': {
        const cond = field(n, 'condition');
        if (child.field !== 'condition' && cond) {
          for (const c of [cond, ...cond.children]) {
            if (c.type === 'let_condition' && bindsName(field(c, 'pattern'), name, source)) return true;
          }
        }
        break;
      }
    }
  }
  return false;
}

function bindsInParameters(params: SyntaxNode | undefined, name: string, source: string): boolean {
  if (!params) return false;
  for (const p of params.children) {
    if (p.type === 'parameter' && bindsName(field(p, 'pattern'), name, source)) return true;
    if (p.named && p.type !== 'parameter' && bindsName(p, name, source)) return true; // closure `|x|`
  }
  return false;
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
