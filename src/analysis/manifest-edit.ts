import { parseTOML, type AST } from 'toml-eslint-parser';
import type { ManifestChange } from '../analysis/file-analysis.js';
import type { Edit } from '../rule.js';
import { applyEdits } from '../engine/edits.js';

type Ast = AST.TOMLProgram;
type KeyValue = AST.TOMLKeyValue;
type Value = KeyValue['value'];

/**
 * Adds features to one dependency of a Cargo.toml, editing only the bytes it
 * must: the features array, or a new `features` entry in the same style the
 * dependency is written in (inline table, dotted keys or its own table).
 * Comments, ordering and formatting elsewhere are kept.
 */
export function addDependencyFeatures(text: string, change: Pick<ManifestChange, 'table' | 'key' | 'addFeatures'>): { text: string } | { error: string } {
  let ast: Ast;
  try {
    ast = parseTOML(text);
  } catch (e) {
    return { error: `cannot parse: ${(e as Error).message}` };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const want = (existing: string[]) => change.addFeatures.filter((f) => !existing.includes(f));
  const quoted = (fs: string[]) => fs.map((f) => JSON.stringify(f)).join(', ');
  const edit = (edits: Edit[]) => ({ text: applyEdits(text, edits) });
  const root = ast.body[0];
  const same = (a: readonly (string | number)[], b: readonly string[]) => a.length === b.length && a.every((x, i) => String(x) === b[i]);
  const keyOf = (kv: KeyValue) => kv.key.keys.map((k) => ('name' in k ? k.name : String(k.value)));

  for (const table of root.body) {
    if (table.type !== 'TOMLTable') continue; // dependencies are never top-level keys
    const tablePath = table.resolvedKey.map(String);
    const inTable = table.kind === 'standard';
    const entries = table.body;

    // [dependencies] tokio = "1" | { ... }   and   [dependencies] tokio.features = [...]
    if (inTable && same(tablePath, change.table)) {
      const direct = entries.find((kv) => same(keyOf(kv), [change.key]));
      if (direct) return editDependencyValue(direct.value);
      const dotted = entries.filter((kv) => { const k = keyOf(kv); return k.length === 2 && k[0] === change.key; });
      if (dotted.length) {
        const features = dotted.find((kv) => keyOf(kv)[1] === 'features');
        if (features) return appendToArray(features.value);
        const last = dotted[dotted.length - 1];
        return edit([{ start: last.range[1], end: last.range[1], text: `${eol}${change.key}.features = [${quoted(change.addFeatures)}]` }]);
      }
    }
    // [dependencies.tokio] features = [...]
    if (inTable && same(tablePath, [...change.table, change.key])) {
      const features = entries.find((kv) => same(keyOf(kv), ['features']));
      if (features) return appendToArray(features.value);
      const after = entries.length ? entries[entries.length - 1].range[1] : table.key.range[1] + 1;
      return edit([{ start: after, end: after, text: `${eol}features = [${quoted(change.addFeatures)}]` }]);
    }
  }
  return { error: `no \`${change.key}\` entry in [${change.table.join('.')}]` };

  function editDependencyValue(value: Value): { text: string } | { error: string } {
    if (value.type === 'TOMLValue' && value.kind === 'string') {
      const version = text.slice(value.range[0], value.range[1]);
      return edit([{ start: value.range[0], end: value.range[1], text: `{ version = ${version}, features = [${quoted(change.addFeatures)}] }` }]);
    }
    if (value.type === 'TOMLInlineTable') {
      const kvs = value.body;
      const features = kvs.find((kv) => same(keyOf(kv), ['features']));
      if (features) return appendToArray(features.value);
      if (kvs.length === 0) return edit([{ start: value.range[0], end: value.range[1], text: `{ features = [${quoted(change.addFeatures)}] }` }]);
      const last = kvs[kvs.length - 1];
      return edit([{ start: last.range[1], end: last.range[1], text: `, features = [${quoted(change.addFeatures)}]` }]);
    }
    return { error: `\`${change.key}\` is not a version string or an inline table` };
  }

  function appendToArray(value: Value): { text: string } | { error: string } {
    if (value.type !== 'TOMLArray') return { error: `\`features\` of \`${change.key}\` is not an array` };
    const existing = value.elements.map((e) => (e.type === 'TOMLValue' ? String(e.value) : ''));
    const add = want(existing);
    if (add.length === 0) return { text };
    if (value.elements.length === 0) return edit([{ start: value.range[0], end: value.range[1], text: `[${quoted(add)}]` }]);
    const last = value.elements[value.elements.length - 1];
    return edit([{ start: last.range[1], end: last.range[1], text: `, ${quoted(add)}` }]);
  }
}
