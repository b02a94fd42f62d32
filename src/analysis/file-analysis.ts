import type { SyntaxNode } from '../engine/parse.js';
import { executionContext, type ExecutionContext } from './async-context.js';
import type { CrateFacts } from './crate.js';
import { Resolver } from './resolve.js';
import { SourceText } from './source.js';
import { descendants, field } from './syntax.js';

export interface ResolvedCall {
  call: SyntaxNode;
  /** The `function` child: the path that was resolved. */
  callee: SyntaxNode;
  path: string;
}

export type TokioAccess = { usable: true; path: string } | { usable: false; reason: string };

/**
 * Everything a rule may ask about one parsed file. Rules call these instead
 * of walking `use` items or parents themselves, which keeps each rule small
 * and every rule in agreement about what "async" and "std::fs" mean.
 */
export class FileAnalysis {
  readonly source: SourceText;
  private readonly resolver: Resolver;
  private callCache: SyntaxNode[] | null = null;

  constructor(
    readonly path: string,
    text: string,
    readonly root: SyntaxNode,
    readonly crate: CrateFacts,
  ) {
    this.source = new SourceText(text);
    this.resolver = new Resolver(text);
  }

  text(node: SyntaxNode | { start: number; end: number }): string {
    return this.source.of(node);
  }

  context(node: SyntaxNode): ExecutionContext {
    return executionContext(node);
  }

  inAsyncContext(node: SyntaxNode): boolean {
    return executionContext(node).kind === 'async';
  }

  /** Fully qualified path of an identifier or path node, or null when it is local or unresolvable. */
  qualifiedName(node: SyntaxNode, preferred?: ReadonlySet<string>): string | null {
    return this.resolver.qualifiedName(node, preferred);
  }

  /** Every call in the file whose callee resolves to one of `paths`. */
  callsTo(paths: ReadonlySet<string>): ResolvedCall[] {
    const out: ResolvedCall[] = [];
    for (const call of this.calls()) {
      const callee = field(call, 'function');
      if (!callee) continue;
      const path = this.resolver.qualifiedName(callee, paths);
      if (path && paths.has(path)) out.push({ call, callee, path });
    }
    return out;
  }

  /** Path-like nodes (not calls) that resolve to one of `paths`, e.g. `std::thread::sleep` passed as a value. */
  pathReferences(paths: ReadonlySet<string>): { node: SyntaxNode; path: string }[] {
    const out: { node: SyntaxNode; path: string }[] = [];
    for (const n of descendants(this.root)) {
      if (n.type !== 'scoped_identifier' && n.type !== 'identifier') continue;
      if (n.parent?.type === 'scoped_identifier' || !isValuePosition(n) || inUseDeclaration(n)) continue;
      const path = this.resolver.qualifiedName(n, paths);
      if (path && paths.has(path)) out.push({ node: n, path });
    }
    return out;
  }

  /**
   * How a fix may name tokio in this file, or why it cannot: tokio must be a
   * usable dependency with every feature the fix needs (`tokio::time::sleep`
   * does not exist without `time`). Without a Cargo.toml, a file that itself
   * uses tokio is taken to have it.
   */
  tokio(features: readonly string[] = []): TokioAccess {
    const t = this.crate.tokio;
    if (t.status === 'unusable') return { usable: false, reason: t.reason };
    if (t.status === 'usable') {
      const missing = t.features.includes('full') ? [] : features.filter((f) => !t.features.includes(f));
      if (missing.length === 0) return { usable: true, path: t.path };
      const list = missing.map((f) => `\`${f}\``).join(', ');
      return {
        usable: false,
        reason: `tokio's ${list} feature${missing.length > 1 ? 's are' : ' is'} not enabled for ${this.crate.packageName ?? 'this crate'}; add ${missing.map((f) => `"${f}"`).join(', ')} to tokio's features in Cargo.toml`,
      };
    }
    this.tokioMentioned ??= this.mentionsTokio();
    return this.tokioMentioned
      ? { usable: true, path: 'tokio' }
      : { usable: false, reason: 'no Cargo.toml was found for this file and the file does not use tokio' };
  }

  private tokioMentioned: boolean | undefined;

  private mentionsTokio(): boolean {
    for (const n of descendants(this.root)) {
      if (n.type !== 'identifier' || this.text(n) !== 'tokio') continue;
      // `tokio::...` anywhere (paths, attributes such as #[tokio::main]) or a bare `use tokio;`.
      if (n.field === 'path' || n.parent?.type === 'use_declaration') return true;
    }
    return false;
  }

  private calls(): SyntaxNode[] {
    if (!this.callCache) {
      this.callCache = [];
      for (const n of descendants(this.root)) if (n.type === 'call_expression') this.callCache.push(n);
    }
    return this.callCache;
  }
}

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
