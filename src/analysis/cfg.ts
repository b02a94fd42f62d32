import path from 'node:path';
import type { SyntaxNode } from '../engine/parse.js';
import { precedingAttributes } from './syntax.js';

/**
 * What `#[cfg(..)]` attributes guarantee about the code at a node: whether it
 * is compiled only for tests (so dev-dependencies are available) and which
 * crate features are certainly on (so an optional tokio is present).
 */
export interface CfgFacts {
  testOnly: boolean;
  features: Set<string>;
}

type Pred = { op: 'all' | 'any' | 'not'; args: Pred[] } | { name: string; value?: string };

const TEST_DIRS = ['tests', 'benches', 'examples'];

/** A file of the package's `tests/`, `benches/` or `examples/`: its own crate, linked against the package. */
export function isIntegrationTarget(filePath: string, packageRoot: string | null): boolean {
  if (!packageRoot) return false;
  const rel = path.relative(packageRoot, filePath).split(path.sep);
  return rel.length > 1 && TEST_DIRS.includes(rel[0]);
}

export function cfgFacts(node: SyntaxNode, source: string, filePath: string, packageRoot: string | null): CfgFacts {
  const facts: CfgFacts = { testOnly: false, features: new Set() };
  if (isIntegrationTarget(filePath, packageRoot)) facts.testOnly = true;
  const attributes: SyntaxNode[] = [];
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    attributes.push(...precedingAttributes(n));
    for (const c of n.children) if (c.type === 'inner_attribute_item') attributes.push(c);
  }
  for (const a of attributes) {
    const text = source.slice(a.start, a.end);
    const inner = /^#!?\[\s*(.*)\]$/s.exec(text)?.[1].trim() ?? '';
    // `#[test]`, `#[tokio::test]`, `#[rstest]`-style test fns only exist in test builds.
    if (/^(?:[\w:]+::)?test\s*(?:\(.*\))?$/s.test(inner)) facts.testOnly = true;
    const cfg = /^cfg\s*\((.*)\)$/s.exec(inner)?.[1];
    if (!cfg) continue;
    const pred = parsePredicate(cfg);
    if (!pred) continue;
    if (requiresTest(pred)) facts.testOnly = true;
    for (const f of guaranteedFeatures(pred)) facts.features.add(f);
  }
  return facts;
}

/** Whether a cfg predicate holds only in test builds (`test`, `all(test, ..)`, `any(test, test)`). */
export function requiresTest(p: Pred): boolean {
  if ('name' in p) return p.name === 'test' && p.value === undefined;
  if (p.op === 'all') return p.args.some(requiresTest);
  if (p.op === 'any') return p.args.length > 0 && p.args.every(requiresTest);
  return false;
}

function guaranteedFeatures(p: Pred): Set<string> {
  if ('name' in p) return new Set(p.name === 'feature' && p.value !== undefined ? [p.value] : []);
  if (p.op === 'all') return new Set(p.args.flatMap((a) => [...guaranteedFeatures(a)]));
  if (p.op === 'any') {
    const sets = p.args.map(guaranteedFeatures);
    return new Set(sets.length ? [...sets[0]].filter((f) => sets.every((s) => s.has(f))) : []);
  }
  return new Set();
}

/** Parses a cfg predicate such as `all(feature = "rt", not(windows))`; null if it is not one. */
export function parsePredicate(text: string): Pred | null {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*|[(),=]/g) ?? [];
  let i = 0;
  const parse = (): Pred | null => {
    const name = tokens[i++];
    if (!name || !/^[A-Za-z_]/.test(name)) return null;
    if (tokens[i] === '=') {
      i++;
      const v = tokens[i++];
      return v?.startsWith('"') ? { name, value: v.slice(1, -1) } : null;
    }
    if (tokens[i] === '(' && (name === 'all' || name === 'any' || name === 'not')) {
      i++;
      const args: Pred[] = [];
      while (tokens[i] !== ')') {
        const a = parse();
        if (!a) return null;
        args.push(a);
        if (tokens[i] === ',') i++;
        else if (tokens[i] !== ')') return null;
      }
      i++;
      return { op: name, args };
    }
    return { name };
  };
  const p = parse();
  return p && i === tokens.length ? p : null;
}
