import path from 'node:path';
import type { SyntaxNode } from '../engine/parse.js';
import { precedingAttributes } from './syntax.js';

/**
 * What `#[cfg(..)]` attributes guarantee about the code at a node: whether it
 * is compiled only for tests (so dev-dependencies are available) and which
 * crate features are certainly on (so an optional tokio is present).
 */
export interface CfgFacts {
  /** Compiled only with `cfg(test)` (or a test target): the package's dev-dependencies are there. */
  testOnly: boolean;
  /** Test code that is also built without `cfg(test)`: behind a feature only tests turn on (`any(test, feature = "test-utils")`). */
  testSupport: boolean;
  features: Set<string>;
}

type Pred = { op: 'all' | 'any' | 'not'; args: Pred[] } | { name: string; value?: string };

/** A parsed `#[cfg(..)]` predicate: plain data, so a file summary can keep one for the package's facts to judge. */
export type CfgPredicate = Pred;

const NO_FEATURES: ReadonlySet<string> = new Set();

const TEST_DIRS = ['tests', 'benches', 'examples'];

/** A file of the package's `tests/`, `benches/` or `examples/`: its own crate, linked against the package. */
export function isIntegrationTarget(filePath: string, packageRoot: string | null): boolean {
  if (!packageRoot) return false;
  const rel = path.relative(packageRoot, filePath).split(path.sep);
  return rel.length > 1 && TEST_DIRS.includes(rel[0]);
}

/**
 * The cfg facts of the nodes of one file. A node's facts are its parent's
 * plus what its own attributes say (written before it, or inner ones among
 * its children), so each node is worked out once from its parent's, and a
 * node without such attributes shares its parent's facts object. Facts are
 * never modified once made.
 */
export class CfgFactsOfFile {
  private readonly known = new Map<SyntaxNode, CfgFacts>();
  private readonly fileFacts: CfgFacts;

  constructor(
    private readonly source: string,
    filePath: string,
    packageRoot: string | null,
    /** The package's test-only features (`CrateFacts.testFeatures`). */
    private readonly testFeatures: ReadonlySet<string> = NO_FEATURES,
  ) {
    this.fileFacts = { testOnly: isIntegrationTarget(filePath, packageRoot), testSupport: false, features: new Set() };
  }

  of(node: SyntaxNode): CfgFacts {
    const unanswered: SyntaxNode[] = [];
    let facts = this.known.get(node);
    for (let n = node; !facts; ) {
      unanswered.push(n);
      if (!n.parent) facts = this.fileFacts;
      else facts = this.known.get((n = n.parent));
    }
    for (let i = unanswered.length - 1; i >= 0; i--) {
      facts = withAttributes(facts, ownAttributes(unanswered[i]), this.source, this.testFeatures);
      this.known.set(unanswered[i], facts);
    }
    return facts;
  }
}

function ownAttributes(n: SyntaxNode): SyntaxNode[] {
  const inner = n.children.filter((c) => c.type === 'inner_attribute_item');
  const before = precedingAttributes(n);
  return before.length ? [...before, ...inner] : inner;
}

/** `base` with what `attributes` add; `base` itself when they add nothing. */
function withAttributes(base: CfgFacts, attributes: SyntaxNode[], source: string, testFeatures: ReadonlySet<string>): CfgFacts {
  if (attributes.length === 0) return base;
  let testOnly = base.testOnly;
  let testSupport = base.testSupport;
  const features = new Set(base.features);
  for (const a of attributes) {
    const text = source.slice(a.start, a.end);
    const inner = /^#!?\[\s*(.*)\]$/s.exec(text)?.[1].trim() ?? '';
    // `#[test]`, `#[tokio::test]`, `#[rstest]`-style test fns only exist in test builds.
    if (/^(?:[\w:]+::)?test\s*(?:\(.*\))?$/s.test(inner)) testOnly = true;
    const cfg = /^cfg\s*\((.*)\)$/s.exec(inner)?.[1];
    if (!cfg) continue;
    const pred = parsePredicate(cfg);
    if (!pred) continue;
    if (requiresTest(pred)) testOnly = true;
    else if (requiresTest(pred, testFeatures)) testSupport = true;
    for (const f of guaranteedFeatures(pred)) features.add(f);
  }
  return testOnly === base.testOnly && testSupport === base.testSupport && features.size === base.features.size ? base : { testOnly, testSupport, features };
}

/**
 * Whether a cfg predicate holds only in test builds (`test`, `all(test, ..)`,
 * `any(test, test)`), counting a feature only tests turn on as `test`:
 * `any(test, feature = "test-utils")` is test-only when `test-utils` is one
 * of `testFeatures`, `any(test, unix)` never is.
 */
export function requiresTest(p: Pred, testFeatures: ReadonlySet<string> = NO_FEATURES): boolean {
  if ('name' in p) return p.value === undefined ? p.name === 'test' : p.name === 'feature' && testFeatures.has(p.value);
  if (p.op === 'all') return p.args.some((a) => requiresTest(a, testFeatures));
  if (p.op === 'any') return p.args.length > 0 && p.args.every((a) => requiresTest(a, testFeatures));
  return false;
}

/** Whether a feature's being test-only could make `p` test-only: it names a feature outside a `not(..)`. */
export function namesFeature(p: Pred): boolean {
  if ('name' in p) return p.name === 'feature' && p.value !== undefined;
  return p.op !== 'not' && p.args.some(namesFeature);
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
