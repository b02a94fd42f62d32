import type { FileAnalysis, ManifestChange } from './analysis/file-analysis.js';
import type { SyntaxNode } from './engine/parse.js';

/** A text replacement over the file's original text, in UTF-16 offsets (an insertion has start === end). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `safe` keeps behaviour; `unsafe` changes concurrency or error semantics and needs `--unsafe-fixes` or a yes in review. */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  safety: FixSafety;
  /** Short imperative text shown in review: "Replace with `tokio::time::sleep(..).await`". */
  title: string;
  edits: Edit[];
  /** A Cargo.toml change the edits need to build (a tokio feature); applied with them or not at all. */
  manifestChange?: ManifestChange;
}

/** What a rule returns: where, why, and a fix or the reason there is none. */
export interface RuleFinding {
  node: SyntaxNode | { start: number; end: number };
  message: string;
  fix?: Fix;
  /**
   * Other fixes for the same finding, in order of preference after `fix`
   * (a Semaphore instead of a JoinSet). A bulk run applies the first fix its
   * mode allows; the review offers each of them.
   */
  alternatives?: Fix[];
  /** Said to the user when no fix is offered ("tokio is not a dependency of ..."). */
  noFixReason?: string;
  /**
   * Set when this kind of finding is in the preview tier though its rule is
   * not (blocking that stalls no other task): why. Reported only with
   * `--preview`, like a preview rule's findings.
   */
  preview?: string;
}

export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  example: string;
  useInstead: string;
  notes?: string;
}

export interface Rule {
  id: string;
  summary: string;
  /** The most a fix of this rule can be: `none` for report-only rules. */
  fixSafety: FixSafety | 'none';
  docs: RuleDocs;
  /** Clippy lints for the same pitfall (`await_holding_lock`): where the code allows or expects one, findings are reported without a fix. */
  clippyLints?: readonly string[];
  /**
   * `preview`: off by default, because its precision measured on real
   * applications (`npm run ecosystem`, shown by `--list-rules`) is below the
   * bar for the default output; `--preview` or `preview = true` runs it, and
   * so does naming it in `--rule` or `enable`. Like ruff's preview rules and
   * clippy's `pedantic` group.
   */
  tier?: 'preview';
  /** Findings in test code are left out unless `--include-tests` (`include-tests = true`): there they are rarely worth a change. */
  testCodeOptIn?: boolean;
  /**
   * Text a file must contain for this rule to find anything in it (a plain
   * search, before any parse); without one, `async` or `await`
   * (src/engine/prefilter.ts). A rule that can fire in sync code says so here.
   */
  prefilter?: RegExp;
  check(file: FileAnalysis): RuleFinding[];
}

/** Why a finding is outside the default output: its rule is in preview, or it is in test code of a rule that leaves test code out. */
export type FindingTier = 'default' | 'preview' | 'tests';
