import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { FlatTree } from './flat-tree.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';

const WORKER = new URL('./parse-worker.js', import.meta.url);

/**
 * `text`'s tree from a worker that ends right after, taking tree-sitter's
 * grown wasm memory with it; null when no worker could parse it (then the
 * caller parses in this thread). Synchronous like the rest of a file's
 * pipeline: this thread waits on `done`, which the worker always sets.
 */
export function parseInWorker(text: string): FlatTree | null {
  // Run from the TypeScript sources (the tests), there is no compiled worker to start.
  if (!fs.existsSync(fileURLToPath(WORKER))) return null;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: ParseRequest = { text, done, port: port2 };
  const worker = new Worker(WORKER, { workerData: request, transferList: [port2] });
  try {
    Atomics.wait(done, 0, 0, waitLimitMs(text));
    const reply = receiveMessageOnPort(port1)?.message as ParseReply | undefined;
    return reply && 'tree' in reply ? reply.tree : null;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** Far longer than a parse takes (about a second per MB): only a worker that died without a word waits this long. */
function waitLimitMs(text: string): number {
  return 60_000 + text.length / 100;
}
