import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FlatTree } from '../engine/flat-tree.js';
import { adoptKeptTrees, WORKER_PARSE_CHARS } from '../engine/parse.js';
import type { Summarized } from '../cli/models.js';
import type { SummaryFile } from './summary-store.js';
import type { FileSummary } from './summary-types.js';

export interface SummaryJob {
  id: number;
  files: { text: string; keep: boolean }[];
}

export type SummaryReply =
  | { id: number; results: { summary: FileSummary; digest: string }[]; kept: [string, FlatTree][] }
  | { id: number; error: string };

const WORKER = new URL('./summary-worker.js', import.meta.url);

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
 * without workers. Texts of WORKER_PARSE_CHARS or more are left to the
 * caller too, whose parse of them already runs in a short-lived worker.
 */
export async function summarizeInWorkers(files: readonly SummaryFile[], jobs: number, onFile: () => void = () => {}): Promise<Summarized> {
  const out = new Map<string, { summary: FileSummary; digest: string }>();
  // Run from the TypeScript sources (the tests), there is no compiled worker to start.
  if (!fs.existsSync(fileURLToPath(WORKER))) return out;
  const unique = new Map<string, boolean>();
  for (const f of files) if (f.text.length < WORKER_PARSE_CHARS) unique.set(f.text, (unique.get(f.text) ?? false) || f.keep);
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
      const w = new Worker(WORKER);
      let current: SummaryJob | null = null;
      const give = () => {
        current = batches[next++] ?? null;
        if (current) w.postMessage(current);
        else void w.terminate().then(() => resolve());
      };
      w.on('online', give);
      w.on('message', (reply: SummaryReply) => {
        if ('results' in reply && current) {
          reply.results.forEach((r, i) => out.set(current!.files[i].text, r));
          adoptKeptTrees(reply.kept);
        }
        for (let i = 0; i < (current?.files.length ?? 0); i++) onFile();
        give();
      });
      // A worker that cannot start or dies: what it held is summarized by the caller.
      w.on('error', () => resolve());
      w.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, batches.length)) }, worker));
  return out;
}
