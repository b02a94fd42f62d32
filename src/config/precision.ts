import { MEASURED, MEASURED_APPS } from './measured-precision.js';

/** A rule's findings on the apps corpus and their verdicts (see docs/ecosystem.md). */
export interface MeasuredPrecision {
  findings: number;
  tp: number;
  fp: number;
  lowValue: number;
}

/** `precision 85.7% (6 TP, 1 FP; 128 of 135 low-value) on 12 apps`, or that nothing was found there. */
export function describePrecision(ruleId: string): string {
  const m = MEASURED[ruleId];
  if (!m || m.findings === 0) return `no findings on ${MEASURED_APPS} apps`;
  const decided = m.tp + m.fp;
  const precision = decided ? `${((m.tp / decided) * 100).toFixed(1)}%` : '-';
  return `precision ${precision} (${m.tp} TP, ${m.fp} FP; ${m.lowValue} of ${m.findings} low-value) on ${MEASURED_APPS} apps`;
}
