import type { Rule } from '../src/rule.js';
import { blockingSleep } from './blocking-sleep.js';
import { blockingFs } from './blocking-fs/index.js';
import { blockingIo } from './blocking-io.js';
import { sendUnwrap } from './send-unwrap.js';
import { lockAcrossAwait } from './lock-across-await.js';
import { refcellAcrossAwait } from './refcell-across-await.js';
import { rcAcrossAwait } from './rc-across-await/index.js';
import { cpuLoop } from './cpu-loop.js';
import { cleanupAfterAwait } from './cleanup-after-await.js';
import { unboundedSpawn } from './unbounded-spawn/index.js';
import { sequentialAwait } from './sequential-await/index.js';

/** Every rule, in the order findings at the same place are reported and fixed. */
export const allRules: readonly Rule[] = [blockingSleep, blockingFs, blockingIo, sendUnwrap, lockAcrossAwait, refcellAcrossAwait, rcAcrossAwait, cpuLoop, cleanupAfterAwait, unboundedSpawn, sequentialAwait];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
