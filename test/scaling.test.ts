import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { FIXED_SLEEP, nestedBlocks, SLEEP } from '../scripts/lib/scaling-inputs.mjs';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';

/**
 * Analysis cost grows linearly with the input (scripts/bench-scaling.mjs
 * measures it): 50,000 nested blocks, which took longer than five minutes
 * when each node's facts were found by walking all its ancestors, are
 * analysed and fixed like any file. No clock is read here; the timeout only
 * keeps a regression from hanging the suite.
 */
describe('scaling', () => {
  it(
    'fixes the sleep at the bottom of 50,000 nested blocks',
    () => {
      const root = tempDir('async-fix-scaling-');
      const original: string = nestedBlocks(50_000);
      writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': original });
      const run = runCli(['--yes', '--format', 'json', '.'], root);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.summary).toMatchObject({ findings: 1, fixesApplied: 1, errors: 0 });
      expect(fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8')).toBe(original.replace(SLEEP, FIXED_SLEEP));
    },
    600_000,
  );
});
