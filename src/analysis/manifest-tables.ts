/** A parsed TOML table. */
export type Table = Record<string, unknown>;

export const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

export type DependencyKind = 'dependencies' | 'dev-dependencies' | 'build-dependencies';

/** Dependency tables of a manifest: `[<kind>]` and every `[target.'cfg(..)'.<kind>]`, with where each is. */
export function dependencyTables(manifest: Table, kind: DependencyKind): { table: string[]; deps: Table }[] {
  const out: { table: string[]; deps: Table }[] = [];
  if (isTable(manifest[kind])) out.push({ table: [kind], deps: manifest[kind] as Table });
  if (isTable(manifest.target)) {
    for (const [cfg, t] of Object.entries(manifest.target)) {
      if (isTable(t) && isTable(t[kind])) out.push({ table: ['target', cfg, kind], deps: t[kind] as Table });
    }
  }
  return out;
}
