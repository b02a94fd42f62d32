import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

/**
 * What the nearest Cargo.toml says about the crate a file belongs to.
 * Plain data, so it can cross into a worker thread with the file text.
 */
export interface CrateFacts {
  manifestPath: string | null;
  packageName: string | null;
  tokio: TokioFacts;
}

export type TokioFacts =
  | { status: 'usable'; path: string; features: string[] }
  | { status: 'unusable'; reason: string }
  /** No manifest found: decided per file from what the file itself uses. */
  | { status: 'unknown' };

export const NO_MANIFEST: CrateFacts = { manifestPath: null, packageName: null, tokio: { status: 'unknown' } };

const OTHER_RUNTIMES = ['async-std', 'smol', 'actix-rt', 'glommio', 'monoio', 'futures-executor'];

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

export class CrateFactsCache {
  private byDir = new Map<string, CrateFacts>();

  /** Facts for the package holding `file` (nearest Cargo.toml with `[package]`). */
  forFile(file: string): CrateFacts {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(dir: string): CrateFacts {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let facts: CrateFacts;
    const manifest = path.join(dir, 'Cargo.toml');
    const parsed = fs.existsSync(manifest) ? readManifest(manifest) : null;
    if (parsed && isTable(parsed.package)) {
      // A package can be its own workspace root (`[package]` and `[workspace]` in one manifest).
      facts = packageFacts(manifest, parsed, () => (isTable(parsed.workspace) ? parsed : findWorkspaceRoot(path.dirname(dir))));
    } else {
      const parent = path.dirname(dir);
      facts = parent === dir ? NO_MANIFEST : this.forDir(parent);
    }
    this.byDir.set(dir, facts);
    return facts;
  }
}

function readManifest(file: string): Table | null {
  try {
    return parseToml(fs.readFileSync(file, 'utf8')) as Table;
  } catch (e) {
    throw new Error(`${file}: cannot read Cargo.toml: ${(e as Error).message.split('\n')[0]}`);
  }
}

function findWorkspaceRoot(dir: string): Table | null {
  for (let d = dir; ; d = path.dirname(d)) {
    const m = path.join(d, 'Cargo.toml');
    if (fs.existsSync(m)) {
      const t = readManifest(m);
      if (t && isTable(t.workspace)) return t;
    }
    if (path.dirname(d) === d) return null;
  }
}

export function packageFacts(manifestPath: string, manifest: Table, workspace: () => Table | null): CrateFacts {
  const pkg = manifest.package as Table;
  const packageName = typeof pkg.name === 'string' ? pkg.name : null;
  const deps = isTable(manifest.dependencies) ? manifest.dependencies : {};
  let tokio: TokioFacts | null = null;
  for (const [key, spec] of Object.entries(deps)) {
    const pkgName = isTable(spec) && typeof spec.package === 'string' ? spec.package : key;
    if (pkgName !== 'tokio') continue;
    if (isTable(spec) && spec.optional === true) {
      tokio = { status: 'unusable', reason: `tokio is an optional dependency of ${packageName ?? 'this crate'}` };
      continue;
    }
    let features = isTable(spec) && Array.isArray(spec.features) ? spec.features.map(String) : [];
    if (isTable(spec) && spec.workspace === true) {
      const ws = workspace();
      const wsDeps = ws && isTable(ws.workspace) && isTable(ws.workspace.dependencies) ? ws.workspace.dependencies : {};
      const wsSpec = wsDeps[key];
      if (wsSpec === undefined) {
        tokio = { status: 'unusable', reason: 'tokio.workspace = true but the workspace declares no tokio' };
        continue;
      }
      if (isTable(wsSpec) && Array.isArray(wsSpec.features)) features = [...features, ...wsSpec.features.map(String)];
    }
    return { manifestPath, packageName, tokio: { status: 'usable', path: key.replace(/-/g, '_'), features } };
  }
  if (!tokio) {
    const other = OTHER_RUNTIMES.find((r) => r in deps);
    tokio = {
      status: 'unusable',
      reason: other
        ? `this crate runs on ${other}, not tokio`
        : `tokio is not a dependency of ${packageName ?? 'this crate'}`,
    };
  }
  return { manifestPath, packageName, tokio };
}
