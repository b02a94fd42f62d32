import type { SyntaxNode } from '../../src/engine/parse.js';
import { localBinding } from '../../src/analysis/bindings.js';
import { field, hasToken } from '../../src/analysis/syntax.js';

/**
 * Whether a place (`id`, `job.id`, `self.limit`) certainly holds a `Copy`
 * value, from what the file itself says: a primitive or shared-reference
 * type written on the binding, a literal initializer, or a struct declared
 * in this file whose field has such a type or that derives `Copy`. Anything
 * else is "not known to be Copy": a by-value use of it may move it, or
 * reborrow a `&mut` (which is why "it compiled twice" proves nothing).
 */
export function isClearlyCopy(place: readonly string[], at: SyntaxNode, source: string): boolean {
  const root = rootOf(at);
  const [name, ...fields] = place;
  const binding = localBinding(name, at, source);
  // Not a local: an fn item, const, static or unit struct. Using one by value copies it or makes a fresh value.
  if (!binding) return name !== 'self';
  if (fields.length === 0 && literalInit(binding)) return true;
  let type = bindingType(binding);
  if (!type) return false;
  if (binding.type === 'self_parameter' && fields.length === 0 && hasToken(binding, '&')) return false; // `&mut self`; `&self` is literalInit
  for (const f of fields) {
    type = fieldType(type, f, root, source);
    if (!type) return false;
  }
  return isCopyType(type, root, source);
}

export function isCopyType(type: SyntaxNode, root: SyntaxNode, source: string): boolean {
  switch (type.type) {
    case 'primitive_type':
    case 'unit_type':
    case 'never_type':
      return true;
    case 'reference_type':
      return !type.children.some((c) => c.type === 'mutable_specifier');
    case 'tuple_type':
      return type.children.filter((c) => c.named).every((c) => isCopyType(c, root, source));
    case 'array_type': {
      const element = field(type, 'element');
      return !!element && isCopyType(element, root, source);
    }
    case 'type_identifier':
    case 'generic_type': {
      const decl = typeDeclaration(type, root, source);
      return !!decl && derivesCopy(decl, source);
    }
    default:
      return false;
  }
}

function rootOf(n: SyntaxNode): SyntaxNode {
  let r = n;
  while (r.parent) r = r.parent;
  return r;
}

/** The type a binding has, when it is written down (`self` included: its type is the impl's). */
function bindingType(binding: SyntaxNode): SyntaxNode | null {
  if (binding.type === 'self_parameter') {
    // Field access auto-derefs `&self`/`&mut self`, so a field's type is the impl type's field.
    const impl = enclosing(binding, 'impl_item');
    return (impl && field(impl, 'type')) ?? null;
  }
  if (binding.type === 'parameter' || binding.type === 'let_declaration') {
    // Only a plain `name: T` tells the type of `name`; a destructuring pattern's parts have other types.
    const pattern = field(binding, 'pattern');
    if (pattern?.type !== 'identifier') return null;
    return field(binding, 'type') ?? null;
  }
  return null;
}

/** `let x = 5;`, `let s = "text";`, `let r = &value;`: Copy whatever the inferred type. */
function literalInit(binding: SyntaxNode): boolean {
  if (binding.type === 'self_parameter') return hasToken(binding, '&') && !binding.children.some((c) => c.type === 'mutable_specifier');
  if (binding.type !== 'let_declaration' || field(binding, 'pattern')?.type !== 'identifier') return false;
  let v = field(binding, 'value');
  if (v?.type === 'unary_expression' && hasToken(v, '-')) v = v.children.find((c) => c.named);
  if (!v) return false;
  if (/^(?:integer|float|boolean|char|string|raw_string)_literal$/.test(v.type)) return true;
  return v.type === 'reference_expression' && !v.children.some((c) => c.type === 'mutable_specifier');
}

function enclosing(n: SyntaxNode, type: string): SyntaxNode | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === type) return p;
  return null;
}

/** The declared type of field `name` of `type` (through `&`/`&mut`, as field access auto-derefs). */
function fieldType(type: SyntaxNode, name: string, root: SyntaxNode, source: string): SyntaxNode | null {
  while (type.type === 'reference_type') {
    const inner = field(type, 'type');
    if (!inner) return null;
    type = inner;
  }
  const decl = typeDeclaration(type, root, source);
  const body = decl && field(decl, 'body');
  if (!body) return null;
  if (body.type === 'field_declaration_list') {
    const f = body.children.find((c) => c.type === 'field_declaration' && source.slice(field(c, 'name')?.start ?? 0, field(c, 'name')?.end ?? 0) === name);
    return (f && field(f, 'type')) ?? null;
  }
  if (body.type === 'ordered_field_declaration_list' && /^\d+$/.test(name)) {
    return body.children.filter((c) => c.field === 'type')[Number(name)] ?? null;
  }
  return null;
}

/** The one struct or enum of this name declared at the file's top level, or null (none, several, or a path type). */
function typeDeclaration(type: SyntaxNode, root: SyntaxNode, source: string): SyntaxNode | null {
  const id = type.type === 'generic_type' ? field(type, 'type') : type;
  if (id?.type !== 'type_identifier') return null;
  const name = source.slice(id.start, id.end);
  const decls = root.children.filter(
    (c) => (c.type === 'struct_item' || c.type === 'enum_item') && source.slice(field(c, 'name')?.start ?? 0, field(c, 'name')?.end ?? 0) === name,
  );
  return decls.length === 1 ? decls[0] : null;
}

function derivesCopy(decl: SyntaxNode, source: string): boolean {
  const siblings = decl.parent?.children ?? [];
  for (let i = siblings.indexOf(decl) - 1; i >= 0 && siblings[i].type === 'attribute_item'; i--) {
    if (/^#\[\s*derive\s*\(([^)]*)\)\s*\]$/s.exec(source.slice(siblings[i].start, siblings[i].end))?.[1].split(',').some((t) => /^\s*(?:(?:::)?(?:std|core)::marker::)?Copy\s*$/.test(t))) {
      return true;
    }
  }
  return false;
}
