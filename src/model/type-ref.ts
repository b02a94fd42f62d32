import type { SyntaxNode } from '../engine/parse.js';
import { field, namedChildren } from '../analysis/syntax.js';
import type { TypeRef } from './summary-types.js';

/**
 * A type node as a TypeRef: the named type with its generic arguments, the
 * references around it. Tuples, slices, fn pointers and `impl Trait` have
 * no single named type and come back as null.
 */
export function typeRef(node: SyntaxNode, src: (n: SyntaxNode) => string): TypeRef | null {
  switch (node.type) {
    case 'reference_type': {
      const inner = field(node, 'type');
      const t = inner ? typeRef(inner, src) : null;
      if (!t) return null;
      return { ...t, ref: node.children.some((c) => c.type === 'mutable_specifier') ? 'mut' : 'shared' };
    }
    case 'generic_type': {
      const base = field(node, 'type');
      const path = base ? pathSegments(base, src) : null;
      if (!path) return null;
      const args = field(node, 'type_arguments');
      const refs = (args ? namedChildren(args) : []).map((a) => typeRef(a, src)).filter((a): a is TypeRef => a !== null);
      return { path, args: refs };
    }
    case 'type_identifier':
    case 'scoped_type_identifier':
    case 'primitive_type': {
      const path = node.type === 'primitive_type' ? [src(node)] : pathSegments(node, src);
      return path ? { path, args: [] } : null;
    }
    default:
      return null;
  }
}

/** `a::b::c` as its segments; a leading `::` is an empty first segment. Null for generic or qualified paths. */
export function pathSegments(node: SyntaxNode, src: (n: SyntaxNode) => string): string[] | null {
  switch (node.type) {
    case 'identifier':
    case 'type_identifier':
    case 'self':
    case 'super':
    case 'crate':
      return [src(node)];
    case 'scoped_identifier':
    case 'scoped_type_identifier': {
      const p = field(node, 'path');
      const name = field(node, 'name');
      if (!name) return null;
      const head = p ? pathSegments(p, src) : [''];
      return head ? [...head, src(name)] : null;
    }
    default:
      return null;
  }
}
