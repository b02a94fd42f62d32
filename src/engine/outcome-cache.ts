import { hashOf, type ContentCache } from './cache.js';
import { mayHoldFindings } from './prefilter.js';
import { processFile, type FileInput, type FileOutcome, type PassOptions } from './pipeline.js';

type Stored = Omit<FileOutcome, 'text' | 'newText'> & { newText: string | null };
type Slot = Record<string, { key: string; outcome: Stored }>;

/**
 * Phase 2 through the cache. One slot per package and set of run options
 * (the rules run, their options, the fix mode, the prefilter); in it, per
 * file, the outcome and the key of the inputs it came from: the path, the
 * text, the Cargo facts and `modelKey` (the digest of the summaries the
 * crate model is built from; empty when the file has no model and phase 2
 * summarizes it alone). The build is in every slot's name. An outcome with
 * errors is not stored: a crash or a refused rewrite is worth rerunning.
 * Slots are written by `flush`, once per run.
 */
export class OutcomeStore {
  hits = 0;
  misses = 0;
  private readonly slots = new Map<string, { entries: Slot; changed: boolean }>();
  private readonly runKey: string;

  constructor(
    private readonly cache: ContentCache,
    options: PassOptions,
    ruleOptions: unknown,
  ) {
    this.runKey = hashOf(
      options.rules.map((r) => r.id).join(','),
      JSON.stringify(ruleOptions ?? null),
      options.fixMode,
      String(options.prefilter !== false),
      String(options.maxPasses ?? ''),
    );
  }

  /** processFile, or its stored outcome; `packageRoot` names the slot. */
  process(input: FileInput, options: PassOptions, packageRoot: string, modelKey: string | undefined): FileOutcome {
    // A file the prefilter passes over costs nothing to redo: it gets no entry.
    if (options.prefilter !== false && !mayHoldFindings(input.text, options.rules)) return processFile(input, options);
    const slot = this.slot(packageRoot);
    const key = hashOf(input.path, input.text, JSON.stringify(input.crate), modelKey ?? '');
    const hit = slot.entries[input.path];
    if (hit?.key === key && hit.outcome && Array.isArray(hit.outcome.findings)) {
      this.hits++;
      return { ...hit.outcome, text: input.text, newText: hit.outcome.newText ?? input.text };
    }
    this.misses++;
    const outcome = processFile(input, options);
    if (!outcome.errors.length) {
      const { text, newText, ...rest } = outcome;
      slot.entries[input.path] = { key, outcome: { ...rest, newText: newText === text ? null : newText } };
      slot.changed = true;
    }
    return outcome;
  }

  /** Writes the slots this run added to. */
  flush(): void {
    for (const [root, slot] of this.slots) if (slot.changed) this.cache.write('outcomes', hashOf(root, this.runKey), slot.entries);
  }

  private slot(root: string) {
    let slot = this.slots.get(root);
    if (!slot) this.slots.set(root, (slot = { entries: this.cache.read<Slot>('outcomes', hashOf(root, this.runKey)) ?? {}, changed: false }));
    return slot;
  }
}
