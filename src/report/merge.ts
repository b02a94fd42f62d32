/** The parts of a `--format json` report that merging reads. */
interface Report {
  version: number;
  files: { path: string }[];
  skipped: { path: string }[];
  summary: Record<string, unknown>;
}

/**
 * The reports of a sharded run (`--shard i/n`, one per shard) as one
 * report: files and skipped concatenated and put in path order, each
 * summary count added up (`findingsByRule` per rule, keys sorted). Shards
 * split by package, so no file is in two of them.
 */
export function mergeReports(docs: Report[]): Report {
  if (!docs.length) throw new Error('no reports to merge');
  for (const d of docs) {
    if (d.version !== docs[0].version || !Array.isArray(d.files) || !Array.isArray(d.skipped) || typeof d.summary !== 'object') {
      throw new Error('not an async-fix --format json report of the same version');
    }
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const summary: Record<string, unknown> = {};
  for (const d of docs) {
    for (const [k, v] of Object.entries(d.summary)) {
      if (typeof v === 'number') summary[k] = Math.round(((summary[k] as number | undefined) ?? 0) * 1000 + v * 1000) / 1000;
      else if (v && typeof v === 'object') {
        const into = ((summary[k] as Record<string, number> | undefined) ??= {});
        for (const [r, n] of Object.entries(v as Record<string, number>)) into[r] = (into[r] ?? 0) + n;
        summary[k] = Object.fromEntries(Object.entries(into).sort(([a], [b]) => (a < b ? -1 : 1)));
      }
    }
  }
  return { ...docs[0], files: docs.flatMap((d) => d.files).sort(byPath), skipped: docs.flatMap((d) => d.skipped).sort(byPath), summary };
}
