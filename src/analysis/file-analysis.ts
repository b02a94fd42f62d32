import type { SyntaxNode } from '../engine/parse.js';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../config/options.js';
import { entryFacts, entryRuntime, spawnCalls, stallsOnlyEntry, type EntryFacts } from './entry.js';
import { ExecutionContexts, type ExecutionContext } from './async-context.js';
import { CfgFactsOfFile, isIntegrationTarget } from './cfg.js';
import type { CrateFacts, DeclaredAt, TokioDep } from './crate.js';
import { mayResolve, Resolver } from './resolve.js';
import { SourceText } from './source.js';
import { field, within } from './syntax.js';
import { TreeIndex } from './tree-index.js';
import { CrateModel, type FileModel } from '../model/crate-model.js';
import { callContext, summarizeFile } from '../model/summarize.js';
import path from 'node:path';

export interface ResolvedCall {
  call: SyntaxNode;
  /** The `function` child: the path that was resolved. */
  callee: SyntaxNode;
  path: string;
}

/** A Cargo.toml change a fix needs: add features to the dependency declared at `table`/`key`. */
export interface ManifestChange extends DeclaredAt {
  addFeatures: string[];
}

export type TokioAccess = { usable: true; path: string; manifestChange?: ManifestChange } | { usable: false; reason: string };

/**
 * Everything a rule may ask about one parsed file. Rules call these instead
 * of walking `use` items or parents themselves, which keeps each rule small
 * and every rule in agreement about what "async" and "std::fs" mean.
 */
const LOOPS = new Set(['loop_expression', 'while_expression', 'for_expression']);

export class FileAnalysis {
  readonly source: SourceText;
  private readonly resolver: Resolver;
  private readonly contexts = new ExecutionContexts();
  private readonly cfg: CfgFactsOfFile;
  private readonly index: TreeIndex;

  constructor(
    readonly path: string,
    text: string,
    readonly root: SyntaxNode,
    readonly crate: CrateFacts,
    /** Settings from the configuration and the command line (`max-concurrency`, ...). */
    readonly options: RuleOptions = DEFAULT_RULE_OPTIONS,
    /** The package's crate model; without one, the file is a crate of its own. */
    private readonly crateModel?: CrateModel,
  ) {
    this.source = new SourceText(text);
    this.resolver = new Resolver(text, () => this.nodesOfType('use_declaration', 'extern_crate_declaration'));
    this.cfg = new CfgFactsOfFile(text, path, crate.packageRoot, new Set(crate.testFeatures));
    this.index = new TreeIndex(root);
  }

  private fileModel: FileModel | null | undefined;

  /** What the whole crate declares, seen from this file: types from other files, callees, effect summaries. */
  get model(): FileModel | null {
    if (this.fileModel === undefined) {
      const text = this.source.text;
      // A file the package model does not hold (or no model) is a crate of its own.
      const alone = () => new CrateModel({ root: path.dirname(this.path), libName: null, files: new Map([[this.path, summarizeFile(this.root, text)]]) });
      this.fileModel = this.crateModel?.forFile(this.path, text) ?? alone().forFile(this.path, text);
    }
    return this.fileModel;
  }

  text(node: SyntaxNode | { start: number; end: number }): string {
    return this.source.of(node);
  }

  context(node: SyntaxNode): ExecutionContext {
    return this.contexts.of(node);
  }

  /** Code compiled only for tests: `tests/`, `benches/`, `examples/`, `#[cfg(test)]` (or a test-only feature's cfg), `#[test]` fns. */
  isTestCode(node: SyntaxNode): boolean {
    const cfg = this.cfg.of(node);
    // Also a module the crate declares `#[cfg(test)] mod tests;` in another file.
    return cfg.testOnly || cfg.testSupport || (this.model?.isTestModule(node) ?? false);
  }

  /** Whether the package's dev-dependencies are built with `node`: `cfg(test)` code and test targets, not test-support code behind a feature. */
  private hasDevDependencies(node: SyntaxNode): boolean {
    return this.cfg.of(node).testOnly || (this.model?.hasDevDependencies(node) ?? false);
  }

  /** `flow.enclosingBody`, remembered: the closure, async block or fn (or const) whose code `node` is part of. */
  enclosingBody(node: SyntaxNode): SyntaxNode | null {
    return this.contexts.of(node).owner;
  }

  /** `ofType(node, type)`: the file's nodes of `type` inside `node`, found in the shared index, not by a walk. */
  nodesOfTypeIn(type: string, node: SyntaxNode): SyntaxNode[] {
    return within(this.nodesOfType(type), node);
  }

  inAsyncContext(node: SyntaxNode): boolean {
    return this.contexts.of(node).kind === 'async';
  }

  /**
   * Whether a blocking call at `node` is one this run reports: in async
   * code, and, unless `--preview` asks for that kind, not where it stalls
   * only a runtime's entry future. The blocking rules gate on this before
   * they build fixes, so import clean-up never counts on a fix not offered.
   */
  reportsBlocking(node: SyntaxNode): boolean {
    return this.inAsyncContext(node) && (!!this.options.preview || !this.stallsOnlyEntry(node));
  }

  private readonly entries = new Map<SyntaxNode, EntryFacts | null>();

  /**
   * Why blocking at `node` stalls no task but a runtime's entry future (the
   * own body of `#[tokio::main] async fn main`), or null when it may stall
   * others (entry.ts).
   */
  stallsOnlyEntry(node: SyntaxNode): string | null {
    const owner = this.contexts.of(node).owner;
    if (owner?.type === 'function_item') {
      let facts = this.entries.get(owner);
      if (facts === undefined) this.entries.set(owner, (facts = entryFacts(owner, this.source.text, (body) => this.nodesOfTypeIn('call_expression', body))));
      if (facts) return stallsOnlyEntry(node, owner, facts, this.source.text);
    }
    // Otherwise: a fn only an entry future reaches, unless this code is spawned or polled beside others inside it.
    let fn: SyntaxNode | null = node.parent;
    while (fn && fn.type !== 'function_item') fn = fn.parent;
    const body = fn && field(fn, 'body');
    if (!fn || !body || !this.model || entryRuntime(fn, this.source.text) || callContext(node, body, (n) => this.text(n))) return null;
    // In a loop that spawns, the next turn's blocking comes after the last turn's spawn.
    for (let n = node.parent; n && n !== body; n = n.parent) {
      if (LOOPS.has(n.type) && spawnCalls(this.nodesOfTypeIn('call_expression', n), this.source.text).length) return null;
    }
    return this.model.runsAlone(fn, node);
  }

  /**
   * The file's nodes of the given types in document order (as `ofType(root, ..)`
   * gives them), from one walk of the tree shared by every rule.
   */
  nodesOfType(...types: string[]): readonly SyntaxNode[] {
    return this.index.ofType(types);
  }

  /** Fully qualified path of an identifier or path node, or null when it is local or unresolvable. */
  qualifiedName(node: SyntaxNode, preferred?: ReadonlySet<string>): string | null {
    return this.resolver.qualifiedName(node, preferred);
  }

  /** The `use` clause that imports the first segment of a path node (`fs` for `fs::read`), or null. */
  importClause(node: SyntaxNode): SyntaxNode | null {
    return this.resolver.importClause(node);
  }

  /** Calls whose callee is the bare name `name` (`helper(..)`), in document order. */
  callsNamed(name: string): readonly SyntaxNode[] {
    if (!this.callsByName) {
      this.callsByName = new Map();
      for (const call of this.nodesOfType('call_expression')) {
        const callee = field(call, 'function');
        if (callee?.type !== 'identifier') continue;
        const named = this.text(callee);
        const list = this.callsByName.get(named);
        if (list) list.push(call);
        else this.callsByName.set(named, [call]);
      }
    }
    return this.callsByName.get(name) ?? [];
  }

  private callsByName: Map<string, SyntaxNode[]> | null = null;

  /** Every call in the file whose callee resolves to one of `paths`. */
  callsTo(paths: ReadonlySet<string>): ResolvedCall[] {
    const out: ResolvedCall[] = [];
    for (const { call, callee } of this.pathCalls()) {
      const path = this.resolver.pathIn(callee, paths);
      if (path) out.push({ call, callee, path });
    }
    return out;
  }

  /** Calls whose callee is a path (`f(..)`, `a::b(..)`), not a method or closure: the only ones `callsTo` can match, asked for by several rules. */
  private pathCalls(): readonly { call: SyntaxNode; callee: SyntaxNode }[] {
    if (!this.pathCallList) {
      this.pathCallList = [];
      for (const call of this.nodesOfType('call_expression')) {
        const callee = field(call, 'function');
        if (callee && mayResolve(callee)) this.pathCallList.push({ call, callee });
      }
    }
    return this.pathCallList;
  }

  private pathCallList: { call: SyntaxNode; callee: SyntaxNode }[] | null = null;

  /** Path-like nodes (not calls) that resolve to one of `paths`, e.g. `std::thread::sleep` passed as a value. */
  pathReferences(paths: ReadonlySet<string>): { node: SyntaxNode; path: string }[] {
    const out: { node: SyntaxNode; path: string }[] = [];
    for (const n of this.valuePaths()) {
      const path = this.resolver.pathIn(n, paths);
      if (path) out.push({ node: n, path });
    }
    return out;
  }

  /** Whole paths (not segments of longer ones) in value position, outside `use` items: what `pathReferences` resolves. */
  private valuePaths(): readonly SyntaxNode[] {
    this.valuePathList ??= this.nodesOfType('scoped_identifier', 'identifier').filter(
      (n) => n.parent?.type !== 'scoped_identifier' && isValuePosition(n) && !inUseDeclaration(n),
    );
    return this.valuePathList;
  }

  private valuePathList: SyntaxNode[] | undefined;

  /**
   * How a fix at `node` may name tokio, or why it cannot. tokio must be a
   * dependency this code can use (a dev-dependency only from test code, an
   * optional one only under a `#[cfg(feature = ..)]` that enables it) and must
   * have the features the fix needs; missing features come back as a
   * Cargo.toml change that goes with the fix. Without a Cargo.toml, a file
   * that itself uses tokio is taken to have it.
   */
  tokio(features: readonly string[] = [], node: SyntaxNode = this.root): TokioAccess {
    // A direct dependency wins; a re-export serves a crate without one (its features are the other crate's business).
    const reexport = this.crate.tokio.status === 'usable' ? null : this.reexportedTokio();
    if (reexport) return { usable: true, path: reexport };
    const t = this.crate.tokio;
    if (t.status === 'unknown') {
      this.tokioMentioned ??= this.mentionsTokio();
      return this.tokioMentioned
        ? { usable: true, path: this.cratePath('tokio') }
        : { usable: false, reason: 'no Cargo.toml was found for this file and the file does not use tokio' };
    }
    // tokio's own tests, benches and examples link the package itself under its name.
    if (this.crate.packageName === 'tokio' && isIntegrationTarget(this.path, this.crate.packageRoot)) return { usable: true, path: this.cratePath('tokio') };
    const cfg = this.cfg.of(node);
    const dev = this.hasDevDependencies(node) ? this.crate.devTokio : null;
    let dep: TokioDep | null = null;
    if (t.status === 'usable') dep = t;
    else if (t.status === 'optional' && t.enabledBy.some((f) => cfg.features.has(f))) dep = t;
    if (!dep && !dev) return { usable: false, reason: this.whyNoTokio(node) };
    const have = new Set([...(dep?.features ?? []), ...(dev?.features ?? [])]);
    // tokio's own feature table: `rt-multi-thread` turns `rt` on, `full` every one.
    if (have.has('rt-multi-thread')) have.add('rt');
    const missing = have.has('full') ? [] : features.filter((f) => !have.has(f));
    const chosen = (dep ?? dev)!;
    const access: TokioAccess = { usable: true, path: this.cratePath(chosen.path) };
    if (missing.length === 0) return access;
    // Add features where this code gets tokio from: test code prefers its dev-dependency.
    const declaredIn = (dev ?? chosen).declaredIn;
    if (!declaredIn) return { usable: false, reason: `tokio's ${missing.map((f) => `\`${f}\``).join(', ')} feature is not enabled and its declaration cannot be edited` };
    return { ...access, manifestChange: { ...declaredIn, addFeatures: missing } };
  }

  private whyNoTokio(node: SyntaxNode): string {
    const t = this.crate.tokio;
    const name = this.crate.packageName ?? 'this crate';
    if (t.status === 'optional') {
      const gates = t.enabledBy.map((f) => `\`#[cfg(feature = "${f}")]\``).join(' or ');
      return `tokio is an optional dependency of ${name} and this code is not behind ${gates}`;
    }
    if (this.crate.devTokio && this.isTestCode(node)) {
      return `tokio is only a dev-dependency of ${name}, and this test-support code is also built without \`cfg(test)\` (behind a test-only feature), where dev-dependencies are not`;
    }
    if (this.crate.devTokio) return `tokio is only a dev-dependency of ${name}, and this is not test code`;
    return t.status === 'unusable' ? t.reason : `tokio is not a dependency of ${name}`;
  }

  /**
   * tokio reached through another crate's re-export, in any `use` form of
   * this file (`use common::tokio;`, `use common::{serde, tokio};`,
   * `use common::{tokio::{self, time}};`, `as rt`, or `use crate::rt::tokio;`
   * where `rt` has `pub use common::tokio;`): the name it is bound to. A
   * workspace crate's re-export is followed into its code; a crate's own
   * `tokio` module that is not tokio (`fs_err::tokio`, a member's `mod tokio`) never passes.
   */
  private reexportedTokio(): string | null {
    if (this.reexport === undefined) {
      this.reexport = null;
      const model = this.model;
      for (const use of model?.module.summary.uses ?? []) {
        if (use.path[use.path.length - 1] !== 'tokio' || use.path.length < 2) continue;
        const target = model!.crate.index.resolvePath(model!.module, use.path);
        // A module or item (a workspace crate's own `mod tokio`) is not tokio, nor is a path that names nothing.
        if (target?.kind !== 'external') continue;
        // tokio itself, named in a workspace crate's code: its `pub use tokio;`. Named in this package, it is this package's own tokio.
        if (target.path === 'tokio' && target.from !== undefined && target.from !== model!.crate.index.pkg.root) {
          this.reexport = use.name;
          continue;
        }
        const owner = target.path.split('::')[0];
        if (target.path === 'tokio' || owner === 'tokio' || NOT_TOKIO.has(owner)) continue;
        this.reexport = use.name;
      }
    }
    return this.reexport;
  }

  private reexport: string | null | undefined;

  /** How a fix names the extern crate `name` (tokio, fs_err): `::tokio` when a local item named like the crate would capture a plain `tokio::` path. */
  cratePath(name: string): string {
    let path = this.cratePaths.get(name);
    if (path === undefined) {
      const local = this.root.children.some((n) => n.type !== 'use_declaration' && n.type.endsWith('_item') && this.text(field(n, 'name') ?? n) === name);
      path = local ? `::${name}` : name;
      this.cratePaths.set(name, path);
    }
    return path;
  }

  /** Asked once per fix: one scan of the file's items per name, not per fix. */
  private readonly cratePaths = new Map<string, string>();

  private tokioMentioned: boolean | undefined;

  private mentionsTokio(): boolean {
    for (const n of this.nodesOfType('identifier')) {
      if (this.text(n) !== 'tokio') continue;
      // `tokio::...` anywhere (paths, attributes such as #[tokio::main]) or a bare `use tokio;`.
      if (n.field === 'path' || n.parent?.type === 'use_declaration') return true;
    }
    return false;
  }
}

/** Crates with a module named `tokio` that is their own tokio integration, not tokio. */
const NOT_TOKIO = new Set(['fs_err', 'hyper_util', 'async_compression', 'tokio_util']);

const NON_VALUE_PARENTS = new Set([
  'parameter', 'closure_parameters', 'tuple_pattern', 'struct_pattern', 'tuple_struct_pattern',
  'slice_pattern', 'ref_pattern', 'mut_pattern', 'or_pattern', 'captured_pattern', 'field_pattern', 'match_pattern',
  'reference_pattern', 'macro_invocation', 'token_tree', 'attribute',
]);

/** True for a path used as a value (called, passed, returned), not a pattern, item name or macro token. */
function isValuePosition(n: SyntaxNode): boolean {
  if (n.field === 'name' || n.field === 'pattern' || n.field === 'type' || n.field === 'alias') return false;
  return !!n.parent && !NON_VALUE_PARENTS.has(n.parent.type);
}

function inUseDeclaration(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'use_declaration') return true;
    if (p.type === 'block' || p.type === 'source_file') return false;
  }
  return false;
}
