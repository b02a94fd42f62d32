import type { Colors } from 'picocolors/types.js';
import { applyEdits } from '../engine/edits.js';
import { fixPasses, type Candidate, type FileOutcome } from '../engine/pipeline.js';
import type { Rule } from '../rule.js';
import type { RuleOptions } from '../config/options.js';
import path from 'node:path';
import { manifestNote, renderDiff } from '../report/text.js';
import { ManifestPreview } from './manifests.js';
import type { LoadedFile } from './load.js';
import { keyPrompt } from './key-prompt.js';

export type Answer = 'yes' | 'no' | 'file' | 'rule' | 'quit' | 'other' | 'abort';

/** Where a question is: the how-manieth fix of about how many, in which of the files with fixes. */
export interface Position {
  fix: number;
  fixes: number;
  file: number;
  files: number;
}

/**
 * The interactive review, in the style of ast-grep's prompt: every proposed
 * fix is shown with its rule, reason and diff hunk, one question each.
 * Answers that cover more ("all in this file", "all of this rule") stop the
 * questions they cover; quit keeps what was already accepted. A finding with
 * more than one fix (a JoinSet or a Semaphore) shows its preferred one; "other"
 * shows the next, and yes applies the one shown.
 */
export class ReviewSession {
  declined = 0;
  /** Ctrl-C: stop, and write nothing. */
  aborted = false;
  /** Per rule: fixes accepted, declined, and left unasked by a quit. */
  readonly tally = new Map<string, { accepted: number; declined: number; skipped: number }>();
  /** Set by the caller before each file: which file this is, and how many fixes the first look found in all. */
  position: Omit<Position, 'fix'> = { fixes: 0, file: 0, files: 0 };
  private asked = 0;
  private quit = false;
  private allRules = new Set<string>();

  private readonly manifests = new ManifestPreview();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly c: Colors,
    private readonly cwd: string,
    private readonly ask: (message: string, alternatives: number, position: Position) => Promise<Answer> = askWithInquirer,
  ) {}

  get quitting(): boolean {
    return this.quit;
  }

  /** Runs the fix loop for one file, asking about each fix; returns the outcome to write. */
  async reviewFile(file: LoadedFile, options?: RuleOptions): Promise<FileOutcome> {
    const loop = fixPasses({ path: file.absolute, text: file.text, crate: file.crate, options, model: file.model }, { rules: this.rules, fixMode: 'unsafe' });
    let allInFile = false;
    let step = loop.next(new Map());
    while (!step.done) {
      const yes = new Map<string, number>();
      const accept = (candidate: Candidate, choice: number) => {
        yes.set(candidate.key, choice);
        const change = candidate.fixes[choice].manifestChange;
        if (change) this.manifests.accept(change);
      };
      for (const candidate of step.value.candidates) {
        const count = this.count(candidate.finding.rule);
        if (this.quit) {
          count.skipped++;
          continue;
        }
        if (allInFile || this.allRules.has(candidate.finding.rule)) {
          accept(candidate, 0);
          count.accepted++;
          continue;
        }
        let choice = 0;
        let answer: Answer;
        this.asked++;
        for (;;) {
          this.show(file, step.value.text, candidate, choice);
          const position = { ...this.position, fix: this.asked, fixes: Math.max(this.asked, this.position.fixes) };
          answer = await this.ask(`${candidate.fixes[choice].title}?`, candidate.fixes.length - 1, position);
          if (answer !== 'other') break;
          choice = (choice + 1) % candidate.fixes.length;
        }
        if (answer === 'abort') {
          this.aborted = this.quit = true;
        } else if (answer === 'quit') {
          this.quit = true;
          count.skipped++;
        } else if (answer === 'no') {
          this.declined++;
          count.declined++;
        } else {
          accept(candidate, choice);
          count.accepted++;
          if (answer === 'file') allInFile = true;
          if (answer === 'rule') this.allRules.add(candidate.finding.rule);
        }
      }
      step = loop.next(yes);
    }
    return step.value;
  }

  /** The closing lines: how many fixes were accepted, declined and skipped, per rule. */
  summary(): string {
    const rows = [...this.tally].sort(([a], [b]) => a.localeCompare(b));
    const total = (k: 'accepted' | 'declined' | 'skipped') => rows.reduce((n, [, r]) => n + r[k], 0);
    const line = (r: { accepted: number; declined: number; skipped: number }) => `${r.accepted} accepted, ${r.declined} declined, ${r.skipped} skipped`;
    return [`Review: ${line({ accepted: total('accepted'), declined: total('declined'), skipped: total('skipped') })}`, ...rows.map(([rule, r]) => `  ${rule}: ${line(r)}`)].join('\n') + '\n';
  }

  private count(rule: string) {
    let row = this.tally.get(rule);
    if (!row) this.tally.set(rule, (row = { accepted: 0, declined: 0, skipped: 0 }));
    return row;
  }

  private show(file: LoadedFile, text: string, c: Candidate, choice: number): void {
    const r = c.reported;
    const fix = c.fixes[choice];
    const safety = fix.safety === 'safe' ? this.c.green('safe fix') : this.c.magenta('UNSAFE fix: changes concurrency behaviour');
    const after = applyEdits(text, fix.edits);
    const change = fix.manifestChange;
    const others = c.fixes.length > 1 ? [`fix ${choice + 1} of ${c.fixes.length}; press o to see ${c.fixes.length > 2 ? 'the next one' : 'the other one'}: ${c.fixes[(choice + 1) % c.fixes.length].title}`] : [];
    const manifest = change ? this.manifests.preview(change) : null;
    process.stdout.write(
      [
        '',
        `${this.c.bold(`${file.display}:${r.line}:${r.column}`)} ${this.c.yellow(c.finding.rule)} (${safety})`,
        c.finding.message,
        ...others.map((o) => this.c.dim(o)),
        renderDiff(file.display, text, after, this.c, 2),
        ...(change && manifest
          ? manifest.before === manifest.after
            ? [`${manifestNote(change)} (already added with a fix accepted earlier)`]
            : [manifestNote(change), renderDiff(path.relative(this.cwd, change.manifestPath), manifest.before, manifest.after, this.c, 1)]
          : []),
        '',
      ].join('\n'),
    );
  }
}

async function askWithInquirer(message: string, alternatives: number, at: Position): Promise<Answer> {
  try {
    return await keyPrompt({
      message,
      position: `${at.fix}/${at.fixes}, file ${at.file} of ${at.files}`,
      choices: [
        { key: 'y', name: 'yes, apply this fix', value: 'yes' as const },
        { key: 'n', name: 'no, skip this fix', value: 'no' as const },
        { key: 'a', name: 'all remaining fixes in this file', value: 'file' as const },
        { key: 'r', name: 'all remaining fixes of this rule', value: 'rule' as const },
        { key: 'q', name: 'quit, keeping the fixes accepted so far', value: 'quit' as const },
        ...(alternatives > 0 ? [{ key: 'o' as const, name: 'show the other fix for this finding', value: 'other' as const }] : []),
      ],
    });
  } catch (e) {
    // Ctrl-C or a closed terminal: abort, writing nothing (q is the way to keep what was accepted).
    if ((e as Error).name === 'ExitPromptError' || (e as Error).name === 'AbortPromptError') return 'abort';
    throw e;
  }
}
