import { CrateModel } from './crate-model.js';
import type { CrateIndex, ExternCrates } from './crate-index.js';
import type { PackageSummaries } from './module-tree.js';
import { RunContexts } from './run-context.js';

/**
 * The packages of one run, linked through their workspace path
 * dependencies: each package's summaries are merged into one model, built
 * on first use and shared by every package that depends on it, so a
 * library several members use is indexed once. Dependency cycles (through
 * dev-dependencies) are harmless: building a model resolves nothing, and
 * resolution guards its own cycles.
 */
export class CrateGraph implements ExternCrates {
  private readonly models = new Map<string, CrateModel>();
  private readonly rootOfFile = new Map<string, string>();

  constructor(private readonly packages: ReadonlyMap<string, PackageSummaries>) {
    for (const [root, pkg] of packages) for (const file of pkg.files.keys()) this.rootOfFile.set(file, root);
  }

  /** The model of the package at `root`, or null when it was not summarized. */
  model(root: string): CrateModel | null {
    let model = this.models.get(root);
    if (!model) {
      const pkg = this.packages.get(root);
      if (!pkg) return null;
      this.models.set(root, (model = new CrateModel(pkg, this)));
    }
    return model;
  }

  index(root: string): CrateIndex | null {
    return this.model(root)?.index ?? null;
  }

  private contexts: RunContexts | null = null;

  /** Over every package of the run: a fn's callers may be in any of them. */
  runContexts(): RunContexts {
    this.contexts ??= new RunContexts([...this.packages.keys()].map((root) => this.model(root)!));
    return this.contexts;
  }

  owner(file: string): CrateIndex | null {
    const root = this.rootOfFile.get(file);
    return root === undefined ? null : this.index(root);
  }
}
