import type { Rule } from '../rule.js';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import type { RuleOptions } from './options.js';

/** A rule after configuration and flags: whether it runs and, when it does not, what turned it off. */
export interface RuleState {
  rule: Rule;
  enabled: boolean;
  /** `--skip`, `not in --rule`, `async-fix.toml`, `async-fix.toml: not in enable`; null when enabled. */
  disabledBy: string | null;
}

export interface RuleFlags {
  /** `--rule`: replaces the config's `enable`, and runs these even when the config disables them. */
  only: readonly string[];
  /** `--skip`: added to the config's `disable`; wins over everything. */
  skip: readonly string[];
  /** `--preview`: the preview tier runs too. */
  preview?: boolean;
}

/**
 * Which rules run. Flags override the config: `--skip` > `--rule` > `disable`
 * > `enable`. A preview rule runs when named (`--rule`, `enable`) or when
 * `--preview`/`preview = true` asks for the whole tier.
 */
export function ruleStates(all: readonly Rule[], config: Config, flags: RuleFlags): RuleState[] {
  return all.map((rule) => {
    const off = (by: string): RuleState => ({ rule, enabled: false, disabledBy: by });
    const on: RuleState = { rule, enabled: true, disabledBy: null };
    if (flags.skip.includes(rule.id)) return off('--skip');
    if (flags.only.length) return flags.only.includes(rule.id) ? on : off('not in --rule');
    if (config.disable.includes(rule.id)) return off(config.label!);
    if (config.enable && !config.enable.includes(rule.id)) return off(`${config.label!}: not in enable`);
    if (rule.tier === 'preview' && !config.enable?.includes(rule.id) && !flags.preview && !config.preview) return off('preview: run with --preview');
    return on;
  });
}

/** The options rules and the pipeline read; `--max-concurrency` replaces the config's value, `--include-tests` and `--preview` turn their keys on. */
export function resolveRuleOptions(config: Config, maxConcurrencyFlag?: string, includeTestsFlag = false, previewFlag = false): RuleOptions {
  const includeTests = includeTestsFlag || config.includeTests;
  const preview = previewFlag || !!config.preview;
  if (maxConcurrencyFlag === undefined) return { maxConcurrency: config.maxConcurrency, includeTests, preview };
  const n = /^\s*[0-9]+\s*$/.test(maxConcurrencyFlag) ? Number(maxConcurrencyFlag) : NaN;
  if (!(n > 0 && Number.isSafeInteger(n))) throw new ConfigError(`--max-concurrency must be a positive integer, found ${JSON.stringify(maxConcurrencyFlag)}`);
  return { maxConcurrency: n, includeTests, preview };
}
