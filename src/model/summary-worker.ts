import { parentPort } from 'node:worker_threads';
import { buffersOf } from '../engine/flat-tree.js';
import { drainKeptTrees, initParser } from '../engine/parse.js';
import { summarizeSource } from './crate-model.js';
import type { SummaryJob, SummaryReply } from './summary-pool.js';

/**
 * A phase-1 worker: summarizes the texts it is sent (pure: text in, plain
 * data out) and sends back the summaries and the trees it
 * kept for phase 2, as transferred buffers. A failure is reported, not
 * thrown: the pool then summarizes that batch in its own thread.
 */
await initParser();
parentPort!.on('message', (job: SummaryJob) => {
  let reply: SummaryReply;
  try {
    const summaries = job.files.map((f) => summarizeSource(f.text, f.keep));
    const kept = drainKeptTrees();
    reply = { id: job.id, summaries, kept };
    parentPort!.postMessage(reply, kept.flatMap(([, tree]) => buffersOf(tree)));
  } catch (e) {
    drainKeptTrees();
    reply = { id: job.id, error: (e as Error).stack ?? String(e) };
    parentPort!.postMessage(reply);
  }
});
