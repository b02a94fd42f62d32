import { expand } from '@inquirer/prompts';
import type { Colors } from 'picocolors/types.js';
import { applyEdits } from '../engine/edits.js';
import { fixPasses, type Candidate, type FileOutcome } from '../engine/pipeline.js';
import type { Rule } from '../rule.js';
import type { RuleOptions } from '../config/options.js';
import path from 'node:path';
import { manifestNote, renderDiff } from '../report/text.js';
import { ManifestPreview } from './manifests.js';
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

  private readonly manifests = new ManifestPreview();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly c: Colors,
    private readonly cwd: string,
    private readonly ask: (message: string) => Promise<Answer> = askWithInquirer,
  ) {}

  get quitting(): boolean {
    return this.quit;
  }

  /** Runs the fix loop for one file, asking about each fix; returns the outcome to write. */
  async reviewFile(file: LoadedFile, options?: RuleOptions): Promise<FileOutcome> {
    const loop = fixPasses({ path: file.absolute, text: file.text, crate: file.crate, options }, { rules: this.rules, fixMode: 'unsafe' });
    let allInFile = false;
    let step = loop.next(new Set());
    while (!step.done) {
      const yes = new Set<string>();
      for (const candidate of step.value.candidates) {
        if (this.quit) break;
        const change = candidate.finding.fix!.manifestChange;
        if (allInFile || this.allRules.has(candidate.finding.rule)) {
          yes.add(candidate.key);
          if (change) this.manifests.accept(change);
          continue;
        }
        this.show(file, step.value.text, candidate);
        const answer = await this.ask(this.question(candidate));
        if (answer === 'quit') this.quit = true;
        else if (answer === 'no') this.declined++;
        else {
          yes.add(candidate.key);
          if (change) this.manifests.accept(change);
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
    const change = c.finding.fix!.manifestChange;
    const manifest = change ? this.manifests.preview(change) : null;
    process.stdout.write(
      [
        '',
        `${this.c.bold(`${file.display}:${r.line}:${r.column}`)} ${this.c.yellow(c.finding.rule)} (${safety})`,
        c.finding.message,
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
