import type { CrateModel } from './crate-model.js';
import { callName, type Def } from './crate-index.js';
import { pointee } from './effects.js';
import type { Module } from './module-tree.js';
import type { CallContext, FnSummary } from './summary-types.js';
import { SPAWN_NAME } from './summarize.js';

/**
 * Where the fns of a run execute, from the reverse call graph over every
 * package the run summarized: which fns run inside a spawned task or a
 * request handler (alongside other tasks, so blocking there stalls them),
 * and which run only in a runtime's entry future (`#[tokio::main]`'s body,
 * a future given to `block_on`) and the fns that future awaits, where
 * blocking stalls nothing but that future (a CLI command, startup).
 *
 * It errs towards "may run alongside others": a fn is alone only when
 * every call the summaries show reaching it comes from an entry future or
 * another alone fn, it has at least one such call, and no spawned task,
 * handler, `Service` impl or fn taking it by name reaches it. A method
 * called on a receiver the index cannot type (`cmd.run(..)` on a match
 * binding) counts as a call of every crate method of that name and arity.
 * Trait impl methods are never alone: dynamic dispatch calls them from
 * places no summary shows. Callers in packages outside the run are not
 * seen.
 */
export class RunContexts {
  /** By file, then summary: a summary is shared by every file with the same text (a summary cache hit), so it alone names no fn. */
  private readonly byFile = new Map<string, Map<FnSummary, FnNode>>();
  private readonly nodes: FnNode[] = [];
  /** Why each alone fn stalls no other task, and the first line where it may start a task, by `file\0line` of its name. */
  private readonly alone = new Map<string, { reason: string; spawnLine: number }>();

  constructor(models: Iterable<CrateModel>) {
    const all = [...models];
    for (const model of all) for (const module of modulesOf(model)) this.addFns(model, module);
    const byName = new Map<string, FnNode[]>();
    for (const node of this.nodes) if (node.def.kind === 'method') byName.set(node.fn.name, [...(byName.get(node.fn.name) ?? []), node]);
    const roots: FnNode[] = [];
    const visible = visiblePackages(all);
    // Test code is not in the build that runs: its calls and spawns say nothing about where a fn runs there.
    for (const node of this.nodes) if (!node.module.testOnly) this.link(node, byName, roots, visible.get(node.model)!);
    const concurrent = reach(roots);
    this.findAlone(concurrent);
  }

  /**
   * Why blocking on line `at` of the fn whose name is on `line` of `file`
   * stalls no task but an entry future, or null when it may stall others
   * (the fn is not alone, or `at` comes after it spawns a task).
   */
  aloneReason(file: string, line: number, at: number): string | null {
    const found = this.alone.get(`${file}\0${line}`);
    return found && at < found.spawnLine ? found.reason : null;
  }

  private addFns(model: CrateModel, module: Module): void {
    let fns = this.byFile.get(module.file);
    if (!fns) this.byFile.set(module.file, (fns = new Map()));
    const add = (fn: FnSummary, def: Def, traitImpl: boolean, service: boolean) => {
      if (fns.has(fn)) return;
      const node: FnNode = { fn, def, module, model, traitImpl, service, out: [], in: [] };
      fns.set(fn, node);
      this.nodes.push(node);
    };
    for (const item of module.summary.items) if (item.kind === 'fn') add(item.fn, { kind: 'item', module, item }, false, false);
    for (const impl of module.summary.impls) {
      const t = model.index.resolveType(module, impl.selfType);
      const owner = t && pointee(t);
      for (const fn of impl.methods) {
        const def: Def = owner?.kind === 'item' ? { kind: 'method', module, owner, impl, fn } : { kind: 'item', module, item: { kind: 'fn', name: fn.name, pub: false, fn } };
        add(fn, def, !!impl.trait, impl.trait?.at(-1) === 'Service');
      }
    }
  }

  /** The node's calls as edges, and whether something calls it that no summary shows (`roots`). */
  private link(node: FnNode, byName: ReadonlyMap<string, FnNode[]>, roots: FnNode[], visible: ReadonlySet<CrateModel>): void {
    const { fn, module, model, def } = node;
    if (fn.runs?.handler || node.service) roots.push(node);
    const edge = (to: FnNode, line: number, context: CallContext | undefined) => {
      const e: Edge = { from: node, to, line, context };
      node.out.push(e);
      to.in.push(e);
      if (context === 'spawned') roots.push(to);
    };
    for (const call of fn.effects.calls) {
      const callee = model.effects.callee(call, module, def);
      const target = callee && (callee.kind === 'item' || callee.kind === 'method') ? this.nodeOf(callee) : undefined;
      if (target) edge(target, call.line, call.context);
    }
    for (const call of fn.effects.loose ?? []) {
      for (const target of byName.get(call.name) ?? []) if (target.fn.arity === call.args && visible.has(target.model)) edge(target, call.line, call.context);
    }
    for (const path of fn.runs?.values ?? []) {
      const value = model.index.resolvePath(module, path);
      const target = value ? this.nodeOf(value) : undefined;
      if (target) roots.push(target);
    }
  }

  private nodeOf(def: Def): FnNode | undefined {
    const fn = def.kind === 'method' ? def.fn : def.kind === 'item' && def.item.kind === 'fn' ? def.item.fn : null;
    return fn && def.kind !== 'external' && def.kind !== 'module' ? this.byFile.get(def.module.file)?.get(fn) : undefined;
  }

  /**
   * The greatest set of fns every shown caller of which is an entry future
   * (before it spawns anything, on a runtime that polls it beside its
   * tasks) or a member, then only those an entry reaches through members.
   */
  private findAlone(concurrent: ReadonlySet<FnNode>): void {
    const candidates = new Set<FnNode>();
    for (const node of this.nodes) {
      if (!concurrent.has(node) && !node.traitImpl && !node.fn.runs?.entry && node.in.length) candidates.add(node);
    }
    const entryEdge = (e: Edge) => e.context === 'block-on' || (!!e.from.fn.runs?.entry && e.context !== 'concurrent' && (e.from.fn.runs.entry === 'own-thread' || e.line < firstSpawnLine(e.from.fn)));
    // On a runtime that polls the entry future beside its tasks, a call after a spawn may stall that task.
    const aloneEdge = (e: Edge) => entryEdge(e) || (candidates.has(e.from) && e.context !== 'concurrent' && e.line < firstSpawnLine(e.from.fn));
    for (let changed = true; changed; ) {
      changed = false;
      for (const node of candidates) {
        if (node.in.every(aloneEdge)) continue;
        candidates.delete(node);
        changed = true;
      }
    }
    // Grounded: reached from an entry edge through members; a cycle of members nothing enters stays unknown.
    const via = new Map<FnNode, Edge>();
    const queue: FnNode[] = [];
    for (const node of candidates) {
      const e = node.in.find(entryEdge);
      if (e) {
        via.set(node, e);
        queue.push(node);
      }
    }
    while (queue.length) {
      const node = queue.shift()!;
      for (const e of node.out) {
        if (!candidates.has(e.to) || via.has(e.to) || e.context === 'concurrent' || e.line >= firstSpawnLine(node.fn)) continue;
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
    for (const [node] of via) this.alone.set(`${node.module.file}\0${node.fn.line}`, { reason: reason(node, via), spawnLine: firstSpawnLine(node.fn) });
  }
}

interface FnNode {
  fn: FnSummary;
  def: Def;
  module: Module;
  model: CrateModel;
  traitImpl: boolean;
  service: boolean;
  out: Edge[];
  in: Edge[];
}

interface Edge {
  from: FnNode;
  to: FnNode;
  line: number;
  context: CallContext | undefined;
}

/** Per package, the packages its code can call: itself and its path dependencies, transitively. */
function visiblePackages(models: readonly CrateModel[]): Map<CrateModel, Set<CrateModel>> {
  const byRoot = new Map(models.map((m) => [m.index.pkg.root, m]));
  const out = new Map<CrateModel, Set<CrateModel>>();
  for (const model of models) {
    const seen = new Set<CrateModel>();
    for (const stack = [model]; stack.length; ) {
      const m = stack.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      for (const dep of m.index.pkg.deps ?? []) {
        const d = byRoot.get(dep.root);
        if (d) stack.push(d);
      }
    }
    out.set(model, seen);
  }
  return out;
}

function reach(roots: readonly FnNode[]): Set<FnNode> {
  const seen = new Set<FnNode>();
  for (const stack = [...roots]; stack.length; ) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const e of node.out) stack.push(e.to);
  }
  return seen;
}

/** The first line of an entry fn that may start another task: a spawn call, or a call inside a spawned future. */
function firstSpawnLine(fn: FnSummary): number {
  let first = Infinity;
  for (const c of fn.effects.calls) {
    const name = c.kind === 'path' ? c.path.at(-1)! : c.name;
    if (SPAWN_NAME.test(name) || c.context === 'spawned') first = Math.min(first, c.line);
  }
  for (const c of fn.effects.loose ?? []) if (SPAWN_NAME.test(c.name) || c.context === 'spawned') first = Math.min(first, c.line);
  return first;
}

/** The chain from the entry future down to `node`, for the message: `main` -> `Cmd::run` -> `History::run`. */
function reason(node: FnNode, via: ReadonlyMap<FnNode, Edge>): string {
  const chain: string[] = [];
  let edge = via.get(node);
  let at: FnNode = node;
  for (let i = 0; edge && i < 12; i++) {
    chain.unshift(callName(at.def));
    at = edge.from;
    if (!via.has(at)) break;
    edge = via.get(at);
  }
  const start = callName(at.def);
  const entry = edge?.context === 'block-on' ? `the future \`${start}\` gives to \`block_on\`` : `\`${start}\`, the runtime's entry future`;
  return `\`${callName(node.def)}\` runs only in ${entry} (${[start, ...chain].map((n) => `\`${n}\``).join(' -> ')}), never in a spawned task or a request handler: it stalls no other task`;
}

/** The modules of a package: each file's own and its inline ones. */
function modulesOf(model: CrateModel): Module[] {
  const out: Module[] = [];
  for (const module of model.index.byFile.values()) {
    for (const stack = [module]; stack.length; ) {
      const m = stack.pop()!;
      out.push(m);
      for (const child of m.children.values()) if (child.file === m.file) stack.push(child);
    }
  }
  return out;
}
