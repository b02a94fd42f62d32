import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleMarkdown, ruleDocPath } from '../src/report/rule-docs.js';
import { allRules } from '../transforms/index.js';
import { repoRoot, runCli } from './support/cli.js';

/** docs/rules/<id>.md: one page per rule, generated from the rule modules, never drifting from them or from `explain`. */
describe('rule pages', () => {
  it('exist for every rule and match what the rule module says (npm run docs:rules rewrites them)', () => {
    const dir = path.join(repoRoot, 'docs', 'rules');
    expect(fs.readdirSync(dir).sort()).toEqual(allRules.map((r) => `${r.id}.md`).sort());
    for (const rule of allRules) expect(fs.readFileSync(path.join(repoRoot, ruleDocPath(rule.id)), 'utf8'), rule.id).toBe(renderRuleMarkdown(rule));
  });

  it('are linked from the README rule table, and explain prints the same sections', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const rule of allRules) {
      expect(readme, rule.id).toContain(`| [\`${rule.id}\`](${ruleDocPath(rule.id)}) |`);
      const explained = runCli(['explain', rule.id], repoRoot).stdout;
      for (const section of [rule.docs.whatItDoes, rule.docs.whyIsThisBad, rule.docs.notes ?? '']) {
        expect(explained.replace(/\n {4}/g, '\n'), rule.id).toContain(section);
      }
    }
  });
});
