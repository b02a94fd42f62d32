import { expand } from '@inquirer/prompts';
import type { Colors } from 'picocolors/types.js';
import { applyEdits } from '../engine/edits.js';
import { fixPasses, type Candidate, type FileOutcome } from '../engine/pipeline.js';
import type { Rule } from '../rule.js';
import { renderDiff } from '../report/text.js';
import type { LoadedFile } from './load.js';

export type Answer = 'yes' | 'no' | 'file' | 'rule' | 'quit';

/**
 * The interactive review, in the style of ast-grep's prompt: every proposed
 * fix is shown with its rule, reason and diff hunk, one question each.
 * Answers that cover more ("all in this file", "all of this rule") stop the
 * questions they cover; quit keeps what was already accepted.
 */
export class ReviewSession {
  declined = 0;
  private quit = false;
  private allRules = new Set<string>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly c: Colors,
    private readonly ask: (message: string) => Promise<Answer> = askWithInquirer,
  ) {}

  get quitting(): boolean {
    return this.quit;
  }

  /** Runs the fix loop for one file, asking about each fix; returns the outcome to write. */
  async reviewFile(file: LoadedFile): Promise<FileOutcome> {
    const loop = fixPasses({ path: file.absolute, text: file.text, crate: file.crate }, { rules: this.rules, fixMode: 'unsafe' });
    let allInFile = false;
    let step = loop.next(new Set());
    while (!step.done) {
      const yes = new Set<string>();
      for (const candidate of step.value.candidates) {
        if (this.quit) break;
        if (allInFile || this.allRules.has(candidate.finding.rule)) {
          yes.add(candidate.key);
          continue;
        }
        this.show(file, step.value.text, candidate);
        const answer = await this.ask(this.question(candidate));
        if (answer === 'quit') this.quit = true;
        else if (answer === 'no') this.declined++;
        else {
          yes.add(candidate.key);
          if (answer === 'file') allInFile = true;
          if (answer === 'rule') this.allRules.add(candidate.finding.rule);
        }
      }
      step = loop.next(yes);
    }
    return step.value;
  }

  private show(file: LoadedFile, text: string, c: Candidate): void {
    const r = c.reported;
    const safety = c.finding.fix!.safety === 'safe' ? this.c.green('safe fix') : this.c.magenta('UNSAFE fix: changes concurrency behaviour');
    const after = applyEdits(text, c.finding.fix!.edits);
    process.stdout.write(
      [
        '',
        `${this.c.bold(`${file.display}:${r.line}:${r.column}`)} ${this.c.yellow(c.finding.rule)} (${safety})`,
        c.finding.message,
        renderDiff(file.display, text, after, this.c, 2),
        '',
      ].join('\n'),
    );
  }

  private question(c: Candidate): string {
    return `${c.finding.fix!.title}?`;
  }
}

async function askWithInquirer(message: string): Promise<Answer> {
  try {
    return await expand({
      message,
      default: 'y',
      choices: [
        { key: 'y', name: 'yes, apply this fix', value: 'yes' as const },
        { key: 'n', name: 'no, skip this fix', value: 'no' as const },
        { key: 'a', name: 'all remaining fixes in this file', value: 'file' as const },
        { key: 'r', name: 'all remaining fixes of this rule', value: 'rule' as const },
        { key: 'q', name: 'quit, keeping the fixes accepted so far', value: 'quit' as const },
      ],
    });
  } catch (e) {
    // Ctrl-C or a closed terminal: stop asking, keep what was accepted.
    if ((e as Error).name === 'ExitPromptError' || (e as Error).name === 'AbortPromptError') return 'quit';
    throw e;
  }
}
