// Written by `node scripts/ecosystem.mjs --write-precision` (do not edit): each rule's findings
// on the apps corpus (12 real tokio applications, every tier: --preview --include-tests) and
// their verdicts in docs/ecosystem/verdicts.jsonl. The ecosystem check fails when this is out of date.

import type { MeasuredPrecision } from './precision.js';

export const MEASURED_APPS = 12;

export const MEASURED: Readonly<Record<string, MeasuredPrecision>> = {
  'blocking-fs': { findings: 135, tp: 6, fp: 1, lowValue: 128 },
  'blocking-io': { findings: 194, tp: 2, fp: 20, lowValue: 172 },
  'blocking-sleep': { findings: 1, tp: 0, fp: 0, lowValue: 1 },
  'cleanup-after-await': { findings: 12, tp: 0, fp: 7, lowValue: 5 },
  'cpu-loop': { findings: 20, tp: 0, fp: 15, lowValue: 5 },
  'rc-across-await': { findings: 1, tp: 0, fp: 1, lowValue: 0 },
  'send-unwrap': { findings: 3, tp: 0, fp: 2, lowValue: 1 },
  'sequential-await': { findings: 39, tp: 0, fp: 4, lowValue: 35 },
  'unbounded-spawn': { findings: 16, tp: 0, fp: 16, lowValue: 0 },
};
