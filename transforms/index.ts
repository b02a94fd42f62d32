import type { Rule } from '../src/rule.js';
import { blockingSleep } from './blocking-sleep.js';

/** Every rule, in the order findings at the same place are reported and fixed. */
export const allRules: readonly Rule[] = [blockingSleep];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
