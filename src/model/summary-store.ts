import { hashOf, type ContentCache } from '../engine/cache.js';
import { summarizeSource } from './crate-model.js';
import type { FileSummary } from './summary-types.js';

/** What a package's summary index records per file: the text it was summarized from, and the summary's digest. */
type IndexSlot = { files: Record<string, { text: string; digest: string }> };
/** The summaries themselves, each with its text's hash (the index and this slot may come from different runs). */
type DataSlot = { files: Record<string, { text: string; summary: FileSummary }> };

/** Summaries made ahead of phase 1's merge (on worker threads), by text: a summary depends on nothing else. */
export type Summarized = ReadonlyMap<string, FileSummary>;

export interface SummaryFile {
  path: string;
  text: string;
  /** Keep the tree for phase 2 when it has to be parsed (parse.ts). */
  keep: boolean;
}

export interface PackageSummaryResult {
  files: ReadonlyMap<string, FileSummary>;
  /** Each file's summary digest: what the model keys of phase 2's cache are made of. */
  digests: Map<string, string>;
}

/**
 * Phase 1 through the cache, per package. Each file whose text matches
 * the package's index is a hit: its digest is known without parsing, and
 * its summary is read from the data slot only when a crate model is built
 * (a run whose every phase-2 result is cached builds none). Any other file
 * is summarized now, and the package's slots are rewritten.
 */
export class SummaryStore {
  hits = 0;
  misses = 0;

  constructor(private readonly cache: ContentCache) {}

  /** The files of a package that `package` would have to summarize: those whose text its index does not record. */
  unsummarized(root: string, files: readonly SummaryFile[]): SummaryFile[] {
    const index = this.index(root);
    return files.filter((f) => index[f.path]?.text !== hashOf(f.text));
  }

  /**
   * `after`: called once per file, after it is summarized or found (a
   * progress tick, a collection after a large file); `summarize`: how a
   * miss is summarized (a result made ahead in a worker, or here).
   */
  package(
    root: string,
    files: readonly SummaryFile[],
    after: (f: SummaryFile) => void = () => {},
    summarize: (f: SummaryFile) => FileSummary = (f) => summarizeSource(f.text, f.keep),
  ): PackageSummaryResult {
    const index = this.index(root);
    const digests = new Map<string, string>();
    const fresh = new Map<string, FileSummary>();
    const textHash = new Map<string, string>();
    for (const f of files) {
      const th = hashOf(f.text);
      textHash.set(f.path, th);
      const known = index[f.path];
      if (known?.text === th && typeof known.digest === 'string') {
        this.hits++;
        digests.set(f.path, known.digest);
      } else {
        this.misses++;
        const summary = summarize(f);
        fresh.set(f.path, summary);
        digests.set(f.path, hashOf(JSON.stringify(summary)));
      }
      after(f);
    }
    const byPath = new Map(files.map((f) => [f.path, f]));
    const lazy = new LazySummaries(byPath, fresh, () => this.cache.read<DataSlot>('summary-data', root)?.files ?? {}, textHash);
    const unchanged = fresh.size === 0 && Object.keys(index).length === files.length;
    if (!unchanged) {
      const data: DataSlot = { files: {} };
      const newIndex: IndexSlot = { files: {} };
      for (const f of files) {
        data.files[f.path] = { text: textHash.get(f.path)!, summary: lazy.get(f.path)! };
        newIndex.files[f.path] = { text: textHash.get(f.path)!, digest: digests.get(f.path)! };
      }
      // Data first: an index that names a text the data slot lacks would only cost a parse, but write the pair in order.
      this.cache.write('summary-data', root, data);
      this.cache.write('summary-index', root, newIndex);
    }
    return { files: lazy, digests };
  }

  private readonly indexes = new Map<string, IndexSlot['files']>();

  private index(root: string): IndexSlot['files'] {
    let index = this.indexes.get(root);
    if (!index) this.indexes.set(root, (index = this.cache.read<IndexSlot>('summary-index', root)?.files ?? {}));
    return index;
  }
}

/** A package's summaries, the cached ones read on first use; one that the data slot lacks (or holds for another text) is summarized then. */
class LazySummaries implements ReadonlyMap<string, FileSummary> {
  private stored: DataSlot['files'] | null = null;

  constructor(
    private readonly files: ReadonlyMap<string, SummaryFile>,
    private readonly known: Map<string, FileSummary>,
    private readonly load: () => DataSlot['files'],
    private readonly textHash: ReadonlyMap<string, string>,
  ) {}

  get size() {
    return this.files.size;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  get(path: string): FileSummary | undefined {
    const file = this.files.get(path);
    if (!file) return undefined;
    let summary = this.known.get(path);
    if (!summary) {
      this.stored ??= this.load();
      const entry = this.stored[path];
      summary = entry?.text === this.textHash.get(path) && entry.summary ? entry.summary : summarizeSource(file.text, file.keep);
      this.known.set(path, summary);
    }
    return summary;
  }

  keys() {
    return this.files.keys();
  }

  values() {
    return this.all().values();
  }

  entries() {
    return this.all().entries();
  }

  [Symbol.iterator]() {
    return this.all().entries();
  }

  forEach(fn: (value: FileSummary, key: string, map: ReadonlyMap<string, FileSummary>) => void): void {
    for (const [k, v] of this.all()) fn(v, k, this);
  }

  private all(): Map<string, FileSummary> {
    return new Map([...this.files.keys()].map((k) => [k, this.get(k)!]));
  }
}
