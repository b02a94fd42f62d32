import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FlatTree } from '../engine/flat-tree.js';
import { adoptKeptTrees } from '../engine/parse.js';
import type { Summarized, SummaryFile } from './summary-store.js';
import type { FileSummary } from './summary-types.js';

export interface SummaryJob {
  id: number;
  files: { text: string; keep: boolean }[];
}

export type SummaryReply =
  | { id: number; summaries: FileSummary[]; kept: [string, FlatTree][] }
  | { id: number; error: string };

const WORKER = new URL('./summary-worker.js', import.meta.url);

/**
 * A worker's heap is capped, so its garbage is collected early rather than
 * piled up beside the main thread's. A text whose tree might not fit
 * (POOL_MAX_CHARS or more) is left to the caller; one that still runs a
 * worker out of memory only costs that worker, and its batch is redone by
 * the caller.
 */
const WORKER_HEAP_MB = 128;
const POOL_MAX_CHARS = 256 * 1024;

/** Files to summarize below which starting workers costs more than it saves. */
export const POOL_MIN_FILES = 32;

/** About this many characters per message: enough to amortize a round trip, small enough to share the work out evenly. */
const BATCH_CHARS = 256 * 1024;

/**
 * Phase 1 on `jobs` worker threads: each loads the grammar once and
 * summarizes the batches it is handed; the trees it kept come back with the
 * summaries and join this thread's store, so phase 2 replays them here.
 * Summaries are pure, so which thread made one changes nothing. A batch a
 * worker fails on (an error, a worker that dies) is simply left out: the
 * caller summarizes whatever is missing in its own thread, as it would
 * without workers. Large texts are left to the caller too (below).
 */
export async function summarizeInWorkers(files: readonly SummaryFile[], jobs: number, onFile: () => void = () => {}): Promise<PoolResult> {
  const out = new Map<string, FileSummary>();
  let failed = 0;
  // Run from the TypeScript sources (the tests), there is no compiled worker to start.
  if (!fs.existsSync(fileURLToPath(WORKER))) return { summarized: out, failed: files.length };
  const unique = new Map<string, boolean>();
  for (const f of files) if (f.text.length < POOL_MAX_CHARS) unique.set(f.text, (unique.get(f.text) ?? false) || f.keep);
  const batches: SummaryJob[] = [];
  let batch: SummaryJob = { id: 0, files: [] };
  let chars = 0;
  for (const [text, keep] of unique) {
    batch.files.push({ text, keep });
    chars += text.length;
    if (chars >= BATCH_CHARS) {
      batches.push(batch);
      batch = { id: batches.length, files: [] };
      chars = 0;
    }
  }
  if (batch.files.length) batches.push(batch);
  let next = 0;
  const worker = () =>
    new Promise<void>((resolve) => {
      const w = new Worker(WORKER, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      let current: SummaryJob | null = null;
      const give = () => {
        current = batches[next++] ?? null;
        if (current) w.postMessage(current);
        else void w.terminate();
      };
      w.on('online', give);
      w.on('message', (reply: SummaryReply) => {
        if ('summaries' in reply && current) {
          reply.summaries.forEach((summary, i) => out.set(current!.files[i].text, summary));
          adoptKeptTrees(reply.kept);
        } else failed += current?.files.length ?? 0;
        for (let i = 0; i < (current?.files.length ?? 0); i++) onFile();
        give();
      });
      // A worker that cannot start or dies (out of its heap, say): what it held is summarized by the caller.
      const gone = () => {
        failed += current?.files.length ?? 0;
        current = null;
        resolve();
      };
      w.on('error', gone);
      w.on('exit', gone);
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, batches.length)) }, worker));
  // Batches no worker was left to take.
  for (const b of batches.slice(next)) failed += b.files.length;
  return { summarized: out, failed };
}

export interface PoolResult {
  /** By text. */
  summarized: Summarized;
  /** Files a worker failed on (or never took): the caller summarizes them. */
  failed: number;
}
