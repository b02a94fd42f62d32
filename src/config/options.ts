/**
 * Settings a rule may read (`file.options`), from the configuration and the
 * command line. Plain data: it comes into the pipeline with the file.
 */
export interface RuleOptions {
  /** The most tasks a fix may let run at once (for the spawn-in-a-loop rule). */
  maxConcurrency: number;
  /** Report findings in test code for the rules that leave it out by default (`Rule.testCodeOptIn`). */
  includeTests?: boolean;
  /** `--preview`: report the kinds of finding that are in the preview tier (`RuleFinding.preview`) too. */
  preview?: boolean;
}

export const DEFAULT_MAX_CONCURRENCY = 100;

export const DEFAULT_RULE_OPTIONS: RuleOptions = Object.freeze({ maxConcurrency: DEFAULT_MAX_CONCURRENCY, includeTests: false, preview: false });
