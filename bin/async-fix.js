#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`).
import { initParser } from '../dist/src/engine/parse.js';

// The grammar's wasm compiles off the main thread while the rest of the CLI loads; main awaits the same promise.
initParser().catch(() => {});
const { main } = await import('../dist/src/cli/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
