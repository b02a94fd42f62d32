import { workerData, type MessagePort } from 'node:worker_threads';
import { buffersOf, type FlatTree } from './flat-tree.js';

/**
 * Parses one large text off the main thread (see parse-in-worker.ts). The
 * wasm memory that tree-sitter grows for a large tree is never given back,
 * so it lives in this worker and goes when the worker ends. Whatever
 * happens, `done` is set, or the main thread would wait for ever.
 */
export interface ParseRequest {
  text: string;
  done: Int32Array;
  port: MessagePort;
}

export type ParseReply = { tree: FlatTree } | { error: string };

const { text, done, port } = workerData as ParseRequest;
try {
  const { initParser, parseFlat } = await import('./parse.js');
  await initParser();
  const tree = parseFlat(text);
  const reply: ParseReply = { tree };
  port.postMessage(reply, buffersOf(tree));
} catch (e) {
  const reply: ParseReply = { error: (e as Error).stack ?? String(e) };
  port.postMessage(reply);
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
