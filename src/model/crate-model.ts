import type { SyntaxNode } from '../engine/parse.js';
import { isShadowedByLocalBinding, localBinding } from '../analysis/bindings.js';
import { field } from '../analysis/syntax.js';
import { parseRust } from '../engine/parse.js';
import { summarizeFile } from './summarize.js';
import type { FileSummary } from './summary-types.js';
import { CrateIndex, type Def, type ExternCrates, type ResolvedType } from './crate-index.js';
import { Effects, pointee, type BlockingChain, type StateEffects } from './effects.js';
import type { Module, PackageSummaries } from './module-tree.js';
import { pathSegments, typeRef } from './type-ref.js';
import { RunContexts } from './run-context.js';

/**
 * The crate model: what rules may ask about the whole package a file is in.
 * Built once per package from phase 1's summaries (plain data, so it can be
 * rebuilt in a worker from the same summaries); `forFile` gives the view
 * phase 2 uses for one file's syntax tree.
 */
export class CrateModel {
  readonly index: CrateIndex;
  readonly effects: Effects;

  /** `externs`: the run's other packages, for names of workspace path dependencies (`crate-graph.ts`). */
  constructor(pkg: PackageSummaries, private readonly externs: ExternCrates | null = null) {
    this.index = new CrateIndex(pkg, externs);
    this.effects = new Effects(this.index);
  }

  private ownContexts: RunContexts | null = null;

  /** Where the run's fns execute: over all its packages when the model is one of a graph's, else over this package. */
  runContexts(): RunContexts {
    if (this.externs?.runContexts) return this.externs.runContexts();
    this.ownContexts ??= new RunContexts([this]);
    return this.ownContexts;
  }

  /** Phase 1 and the merge in one call, for a package whose sources are at hand (tests, the CLI without workers). */
  static fromSources(root: string, libName: string | null, sources: ReadonlyMap<string, string>): CrateModel {
    const files = new Map<string, FileSummary>();
    for (const [file, text] of sources) files.set(file, summarizeSource(text));
    return new CrateModel({ root, libName, files });
  }

  forFile(file: string, text: string): FileModel | null {
    const module = this.index.byFile.get(file);
    return module ? new FileModel(this, module, text) : null;
  }
}

/** The crate model seen from one file: answers in terms of that file's syntax nodes. */
export class FileModel {
  constructor(
    readonly crate: CrateModel,
    readonly module: Module,
    private readonly text: string,
  ) {}

  private src = (n: SyntaxNode) => this.text.slice(n.start, n.end);

  /** Whether the module holding `node` is test code (`#[cfg(test)] mod tests;` in the parent file too, or a test-only feature's cfg). */
  isTestModule(node: SyntaxNode): boolean {
    const module = this.moduleAt(node) ?? this.module;
    return module.testOnly || module.testSupport;
  }

  /** Whether the module holding `node` is compiled only with `cfg(test)` (or is a test target), so the package's dev-dependencies are there. */
  hasDevDependencies(node: SyntaxNode): boolean {
    return (this.moduleAt(node) ?? this.module).testOnly;
  }

  /** Whether `def` is declared by this package itself: not outside it, and not in a path dependency (`fs_err` as a workspace member is that crate). */
  isOwn(def: Def): boolean {
    return def.kind !== 'external' && this.crate.index.pkg.files.has(def.module.file);
  }

  /** What the callee of a call expression names, crate-wide: `helper()`, `util::load()`, `Self::load()`, `self.load()`, `self.store.get()`. */
  callee(call: SyntaxNode): Def | null {
    const callee = field(call, 'function');
    const named = callee?.type === 'generic_function' ? field(callee, 'function') : callee;
    if (!named) return null;
    const module = this.moduleAt(call);
    if (!module) return null;
    if (named.type === 'field_expression') {
      const method = field(named, 'field');
      const value = field(named, 'value');
      if (!method || !value) return null;
      const owner = this.typeOf(value);
      const def = owner && pointee(owner);
      return def ? this.crate.index.method(def, this.src(method)) : null;
    }
    const path = pathSegments(named, this.src);
    if (!path) return null;
    if (path[0] === 'Self') {
      const impl = enclosingImpl(call);
      const selfType = impl && field(impl, 'type');
      const ref = selfType && typeRef(selfType, this.src);
      return ref ? this.crate.index.resolveInImpl(module, ref, path) : null;
    }
    return this.crate.index.resolvePath(module, path);
  }

  /**
   * The type of an expression when the crate's declarations say it: `self`
   * in an impl, `self.field` (the struct's declared field type), a static
   * or const (`CONFIG`, `crate::state::STATE`), a crate fn's or method's
   * return value (`self.state()`, `Store::global()`).
   */
  typeOf(expr: SyntaxNode, depth = 0): ResolvedType | null {
    if (depth > 8) return null;
    const module = this.moduleAt(expr);
    if (!module) return null;
    const index = this.crate.index;
    switch (expr.type) {
      case 'self': {
        const impl = enclosingImpl(expr);
        const t = impl && field(impl, 'type');
        const ref = t && typeRef(t, this.src);
        return ref ? index.resolveType(module, ref) : null;
      }
      case 'field_expression': {
        const value = field(expr, 'value');
        const name = field(expr, 'field');
        const owner = value && this.typeOf(value, depth + 1);
        const def = owner && pointee(owner);
        return def && name ? index.fieldType(def, this.src(name)) : null;
      }
      case 'identifier':
      case 'scoped_identifier': {
        if (expr.type === 'identifier') {
          // A parameter or annotated `let` has the type it declares; another local hides a static of its name.
          const binding = localBinding(this.src(expr), expr, this.text);
          const declared = binding && (binding.type === 'parameter' || binding.type === 'let_declaration') ? field(binding, 'type') : undefined;
          const pattern = binding && field(binding, 'pattern');
          if (declared && pattern?.type === 'identifier') {
            const ref = typeRef(declared, this.src);
            return ref ? index.resolveType(module, ref) : null;
          }
          if (binding || isShadowedByLocalBinding(this.src(expr), expr, this.text)) return null;
        }
        const path = pathSegments(expr, this.src);
        const def = path && index.resolvePath(module, path);
        return def ? index.staticType(def) : null;
      }
      case 'call_expression': {
        const def = this.callee(expr);
        return def ? index.returnType(def) : null;
      }
      case 'reference_expression':
      case 'parenthesized_expression': {
        const inner = field(expr, 'value') ?? expr.children.filter((c) => c.named).at(-1);
        return inner ? this.typeOf(inner, depth + 1) : null;
      }
      default:
        return null;
    }
  }

  /** What calling `def` does to shared state (statics, databases, files, processes), transitively; null for what is not a crate fn. */
  state(def: Def): StateEffects | null {
    return this.crate.effects.state(def);
  }

  /** The name of the type a value of type `t` is used as (`&DbConn` and `Arc<DbConn>` are `DbConn`). */
  static typeName(t: ResolvedType): string | null {
    const def = pointee(t);
    if (def?.kind === 'item') return def.item.name;
    return def?.kind === 'external' ? def.path.split('::').at(-1)! : null;
  }

  /**
   * Why blocking at `at`, in the fn item `fn` (a `function_item` of this
   * file), stalls no task but a runtime's entry future: every caller the run
   * shows is that future or a fn only it reaches, and `at` comes before the
   * fn spawns anything (run-context.ts); null when it may run alongside
   * other tasks, or that cannot be told.
   */
  runsAlone(fn: SyntaxNode, at: SyntaxNode): string | null {
    const name = field(fn, 'name');
    if (!name) return null;
    return this.crate.runContexts().aloneReason(this.module.file, lineOf(this.text, name.start), lineOf(this.text, at.start));
  }

  /** How calling `def` blocks (the chain of calls down to the blocking API), or null. */
  blocking(def: Def): BlockingChain | null {
    return this.crate.effects.blocking(def);
  }

  /** Inline module of the blocks and declaration lists walked through: linear, however deep the nesting. */
  private readonly modules = new Map<SyntaxNode, Module | null>();

  /** The module (the file's own, or an inline one) holding `node`. */
  private moduleAt(node: SyntaxNode): Module | null {
    const walked: SyntaxNode[] = [];
    let found: Module | null | undefined;
    for (let n = node.parent; n; n = n.parent) {
      found = this.modules.get(n);
      if (found !== undefined) break;
      walked.push(n);
      if (n.type === 'declaration_list' && n.parent?.type === 'mod_item') {
        const outer = this.moduleAt(n.parent);
        const name = field(n.parent, 'name');
        found = outer && name ? (outer.children.get(this.src(name)) ?? null) : null;
        if (found && found.file !== this.module.file) found = null;
        break;
      }
    }
    if (found === undefined) found = this.module;
    // Only scopes are remembered: enough to keep deep nesting linear, without a map entry per expression node.
    for (const n of walked) if (n.type === 'block' || n.type === 'declaration_list') this.modules.set(n, found);
    return found;
  }
}

/** Phase 1 for one file: parse, then summarize. Pure. */
/** `keep`: phase 2 will parse the same text, so its tree is kept for it (parse.ts). */
export function summarizeSource(text: string, keep = false): FileSummary {
  return summarizeFile(parseRust(text, { keep }).root, text);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function enclosingImpl(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'impl_item') return n;
  return null;
}
