// A finding's key for the ecosystem ledger (docs/ecosystem/verdicts.jsonl):
// it must survive edits elsewhere in the file (lines inserted above, a fn
// moved), so it is built from what the finding is, not where it is:
//
//   sha1(rule \0 enclosing fn path \0 the finding's source text, whitespace
//   collapsed), first 16 hex digits, then `#k` for the k-th finding in the
//   file (in source order) with that same hash.
//
// The fn path names the fns, impls, traits and modules around the finding,
// outermost first: `Server::run`, `<Listener as Drop>::drop`, `tests::setup`.
// The module takes an already parsed tree (the project's SyntaxNode mirror),
// so scripts pass dist's parser and tests the source one.
import crypto from 'node:crypto';

const BOM = 0xfeff;

/**
 * The UTF-16 offset of a 1-based line and column as the CLI reports them
 * (columns count Unicode scalar values, and a BOM is not a column; see
 * src/analysis/source.ts).
 */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  if (offset === 0 && text.charCodeAt(0) === BOM) offset = 1;
  for (let c = 1; c < column && offset < text.length; c++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return offset;
}

/** The innermost node of `root` that contains `offset`. */
function nodeAt(root, offset) {
  let node = root;
  for (;;) {
    const child = node.children.find((c) => c.start <= offset && offset < c.end);
    if (!child) return node;
    node = child;
  }
}

const field = (node, name) => node.children.find((c) => c.field === name);

/** A type as a path segment: `Server<T>` is `Server`, whitespace collapsed. */
function typeName(text, node) {
  if (!node) return '?';
  const head = node.type === 'generic_type' ? field(node, 'type') ?? node : node;
  return collapse(text.slice(head.start, head.end));
}

function segment(text, node) {
  const name = (n) => (n ? text.slice(n.start, n.end) : '?');
  switch (node.type) {
    case 'function_item':
    case 'trait_item':
    case 'mod_item':
      return name(field(node, 'name'));
    case 'impl_item': {
      const self = typeName(text, field(node, 'type'));
      const trait = field(node, 'trait');
      return trait ? `<${self} as ${typeName(text, trait)}>` : self;
    }
    default:
      return null;
  }
}

/** `Server::run` for a finding in `impl Server { fn run() {..} }`; '' outside any fn, impl, trait or module. */
export function enclosingFnPath(root, text, offset) {
  const parts = [];
  for (let n = nodeAt(root, offset); n; n = n.parent) {
    const s = segment(text, n);
    if (s !== null) parts.unshift(s);
  }
  return parts.join('::');
}

const collapse = (s) => s.replace(/\s+/g, ' ').trim();

/** The 16-hex-digit hash part of a key, before `#k`. */
export function findingHash(rule, fnPath, sourceText) {
  return crypto.createHash('sha1').update(`${rule}\0${fnPath}\0${collapse(sourceText)}`).digest('hex').slice(0, 16);
}

/**
 * Keys for all of one file's findings (`{rule, line, column, endLine,
 * endColumn}` as in the CLI's JSON), in the order given, plus each finding's
 * enclosing fn path. `root` is the file's parsed tree.
 */
export function findingKeys(text, root, findings) {
  const located = findings.map((f, index) => {
    const start = offsetOf(text, f.line, f.column);
    const end = offsetOf(text, f.endLine, f.endColumn);
    const fnPath = enclosingFnPath(root, text, start);
    return { index, start, end, fnPath, hash: findingHash(f.rule, fnPath, text.slice(start, end)) };
  });
  // Source order decides which twin is #1, whatever order the caller lists them in.
  const bySource = [...located].sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  const seen = new Map();
  const keys = new Array(findings.length);
  for (const l of bySource) {
    const k = (seen.get(l.hash) ?? 0) + 1;
    seen.set(l.hash, k);
    keys[l.index] = { key: `${l.hash}#${k}`, fnPath: l.fnPath };
  }
  return keys;
}
