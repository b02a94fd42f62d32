import { describePrecision } from '../config/precision.js';
import type { Rule } from '../rule.js';

/** Where a rule's page is, from the repository root (README links, `explain`). */
export const ruleDocPath = (id: string) => `docs/rules/${id}.md`;

/**
 * A rule's page, `docs/rules/<id>.md`: the rule module's own docs (the
 * sections `explain` prints), its tier and measured precision, the fix,
 * the clippy lints for the same pitfall and the settings that change it.
 * The pages are generated from the modules (`npm run docs:rules`) and a
 * test fails when one is out of date, so the two never drift.
 */
export function renderRuleMarkdown(rule: Rule): string {
  const d = rule.docs;
  const code = (text: string) => ['```rust', text, '```'].join('\n');
  const parts = [
    `# ${rule.id}`,
    '',
    `${rule.summary.charAt(0).toUpperCase()}${rule.summary.slice(1)}.`.replace(/\.\.$/, '.'),
    '',
    `- Tier: ${rule.tier === 'preview' ? 'preview (off unless `--preview`, `preview = true`, or named in `--rule`/`enable`)' : 'default'}; measured on the ecosystem corpus: ${describePrecision(rule.id)}.`,
    `- Fix: ${rule.fixSafety === 'none' ? 'none (reported only)' : `${rule.fixSafety} at most (an unsafe fix needs \`--unsafe-fixes\` or a yes in the review)`}.`,
    `- Test code: ${rule.testCodeOptIn ? 'left out unless `--include-tests`' : 'reported like any code'}.`,
    '',
    '## What it does',
    '',
    d.whatItDoes,
    '',
    '## Why is this bad',
    '',
    d.whyIsThisBad,
    '',
    '## Example',
    '',
    code(d.example),
    '',
    'Use instead:',
    '',
    code(d.useInstead),
  ];
  if (d.notes) parts.push('', '## Notes', '', d.notes);
  parts.push('', '## Clippy', '');
  parts.push(
    rule.clippyLints?.length
      ? `${rule.clippyLints.map((l) => `[\`clippy::${l}\`](https://rust-lang.github.io/rust-clippy/master/index.html#${l})`).join(', ')} finds the same pitfall; where the code allows or expects ${rule.clippyLints.length === 1 ? 'it' : 'one of them'} (\`#[allow(clippy::..)]\`), async-fix reports the finding without a fix.`
      : 'No clippy lint covers this pitfall.',
  );
  parts.push('', '## Configuration', '', `Turn it off with \`--skip ${rule.id}\`, or \`disable = ["${rule.id}"]\` in \`async-fix.toml\` (or \`[package.metadata.async-fix]\`); run only it with \`--rule ${rule.id}\`. A finding is silenced with \`// async-fix: ignore[${rule.id}]\` on the line before it.`);
  if (rule.id === 'unbounded-spawn') parts.push('', '`max-concurrency` (or `--max-concurrency N`, default 100) is the cap its fixes put on the tasks running at once.');
  parts.push('', 'Print this with `async-fix explain ' + rule.id + '`.', '');
  return parts.join('\n');
}
