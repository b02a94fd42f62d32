import path from 'node:path';
import { requiresTest } from '../analysis/cfg.js';
import type { FileSummary, ModDecl, ModuleSummary } from './summary-types.js';
import type { PathDependency } from '../analysis/workspace.js';

/** One module of a crate: a file's own module or an inline `mod x { .. }` in it. */
export interface Module {
  /** The crate root file this module belongs to (`src/lib.rs`, `src/bin/tool.rs`, `tests/api.rs`, ...). */
  root: string;
  /** Module path from the crate root: `[]` for the root, `["util", "fs"]`. */
  path: string[];
  file: string;
  summary: ModuleSummary;
  parent: Module | null;
  children: Map<string, Module>;
  /** Compiled only for tests: under a `#[cfg(test)]` module (inline or `#[cfg(test)] mod x;`), or a test target. The package's dev-dependencies are there. */
  testOnly: boolean;
  /**
   * Test code that is not only `cfg(test)`: under `#[cfg(any(test, feature = "test-utils"))]`
   * where the feature is one only tests turn on. Rules leave it alone as test code, but it
   * is also built as a plain library for other packages' tests: without its dev-dependencies.
   */
  testSupport: boolean;
}

type Testing = Pick<Module, 'testOnly' | 'testSupport'>;

/** Files of one package, with their summaries; `root` is the package directory (where Cargo.toml is). */
export interface PackageSummaries {
  root: string;
  /** The library's name as code writes it (`my_crate` for package `my-crate`), for bins and tests that use it. */
  libName: string | null;
  files: ReadonlyMap<string, FileSummary>;
  /** Workspace crates this package depends on by path (`CrateFacts.pathDeps`): names its code resolves through their indexes. */
  deps?: readonly PathDependency[];
  /** Features only tests turn on (`CrateFacts.testFeatures`): a module under a cfg of them is test code. */
  testFeatures?: readonly string[];
}

/**
 * The module trees of a package: one per crate root (the library, each
 * binary, each test, example and bench target), following `mod x;` to
 * `x.rs` or `x/mod.rs` (or `#[path]`) the way rustc does. A file no root
 * reaches (a partial checkout, a module behind a macro) becomes a root of
 * its own, so what it declares is still known within it.
 */
export function buildModuleTrees(pkg: PackageSummaries): { roots: Module[]; byFile: Map<string, Module> } {
  const byFile = new Map<string, Module>();
  const roots: Module[] = [];
  const tree: Tree = { pkg, byFile, testFeatures: new Set(pkg.testFeatures) };
  const plant = (file: string, testTarget: boolean) => {
    if (byFile.has(file) || !pkg.files.has(file)) return;
    const root = grow(file, file, [], null, { testOnly: testTarget, testSupport: false }, tree, true);
    if (root) roots.push(root);
  };
  for (const file of crateRoots(pkg)) plant(file, isTestTarget(pkg.root, file));
  for (const file of [...pkg.files.keys()].sort()) plant(file, isTestTarget(pkg.root, file));
  return { roots, byFile };
}

function crateRoots(pkg: PackageSummaries): string[] {
  const at = (...p: string[]) => path.join(pkg.root, ...p);
  const out = [at('src', 'lib.rs'), at('src', 'main.rs')];
  for (const file of [...pkg.files.keys()].sort()) {
    const rel = path.relative(pkg.root, file).split(path.sep);
    // src/bin/x.rs, src/bin/x/main.rs, tests/x.rs, tests/x/main.rs, examples/.., benches/..
    const target = (rel[0] === 'src' && rel[1] === 'bin' ? rel.slice(2) : ['tests', 'examples', 'benches'].includes(rel[0]) ? rel.slice(1) : null);
    if (target && (target.length === 1 || (target.length === 2 && target[1] === 'main.rs'))) out.push(file);
  }
  return out;
}

function isTestTarget(root: string, file: string): boolean {
  const first = path.relative(root, file).split(path.sep)[0];
  return first === 'tests' || first === 'benches' || first === 'examples';
}

/** A package's module trees while they grow. */
interface Tree {
  pkg: PackageSummaries;
  byFile: Map<string, Module>;
  testFeatures: ReadonlySet<string>;
}

/** What a module under `outer` is, given the cfgs of its summary or `mod x;`: `#[cfg(test)]`, or a cfg only the package's test-only features satisfy. */
function testingIn(tree: Tree, outer: Testing, s: ModuleSummary | ModDecl): Testing {
  const testOnly = outer.testOnly || s.testOnly;
  return { testOnly, testSupport: !testOnly && (outer.testSupport || (!!s.cfg && requiresTest(s.cfg, tree.testFeatures))) };
}

/** The module of `file`'s summary at inline path `inline`, with its children (files reached through `mod x;`). */
function grow(root: string, file: string, modPath: string[], parent: Module | null, outer: Testing, tree: Tree, isRootFile: boolean): Module | null {
  const summary = tree.pkg.files.get(file);
  if (!summary) return null;
  const own = summary.modules.find((m) => m.path.length === 0);
  if (!own) return null;
  const module: Module = { root, path: modPath, file, summary: own, parent, children: new Map(), ...testingIn(tree, outer, own) };
  tree.byFile.set(file, module);
  // Where this file's `mod x;` children live: beside a root or mod.rs, else in a directory named after the file.
  const stem = path.basename(file, '.rs');
  const ownsDir = isRootFile || stem === 'mod';
  const dir = ownsDir ? path.dirname(file) : path.join(path.dirname(file), stem);
  attach(module, summary, [], dir, tree);
  return module;
}

/** Inline modules of `summary` under `inline`, and every `mod x;` they declare. */
function attach(module: Module, summary: FileSummary, inline: string[], dir: string, tree: Tree): void {
  const { pkg, byFile } = tree;
  const here = summary.modules.find((m) => sameList(m.path, inline));
  if (!here) return;
  for (const decl of here.modDecls) {
    const candidates = decl.pathAttr
      ? [path.resolve(dir, decl.pathAttr)]
      : [path.join(dir, `${decl.name}.rs`), path.join(dir, decl.name, 'mod.rs')];
    const file = candidates.find((c) => pkg.files.has(c) && !byFile.has(c));
    if (!file) continue;
    const child = grow(module.root, file, [...module.path, decl.name], module, testingIn(tree, module, decl), tree, false);
    if (child) module.children.set(decl.name, child);
  }
  for (const sub of summary.modules) {
    if (sub.path.length !== inline.length + 1 || !sameList(sub.path.slice(0, -1), inline)) continue;
    const name = sub.path[sub.path.length - 1];
    const child: Module = { root: module.root, path: [...module.path, name], file: module.file, summary: sub, parent: module, children: new Map(), ...testingIn(tree, module, sub) };
    module.children.set(name, child);
    attach(child, summary, sub.path, path.join(dir, name), tree);
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
