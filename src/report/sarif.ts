import { pathToFileURL } from 'node:url';
import type { RunReport } from '../cli/types.js';
import type { ReportedEdit } from '../engine/pipeline.js';
import type { Rule } from '../rule.js';
import { renderRuleMarkdown } from './rule-docs.js';

/**
 * `--format sarif`: one SARIF 2.1.0 log with one run. The driver lists every
 * rule (id, summary, what it does, the rule's page as help); each finding is
 * a result at its place (paths relative to the working directory, under
 * `%SRCROOT%`; columns in characters, as the JSON output counts them), with
 * its fix's replacements where the JSON output has its edits. What GitHub
 * code scanning and other SARIF viewers read.
 */
export function renderSarif(run: RunReport, rules: readonly Rule[], version: string, cwd: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = run.files.flatMap((f) => {
    const uri = f.display.split('\\').join('/');
    const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
    return f.findings.map((x) => ({
      ruleId: x.rule,
      ...(index.has(x.rule) ? { ruleIndex: index.get(x.rule) } : {}),
      level: 'warning',
      message: { text: x.message },
      locations: [{ physicalLocation: { artifactLocation, region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn } } }],
      ...(x.edits?.length ? { fixes: [{ description: { text: `${x.fixTitle ?? 'Fix'} (${x.fix} fix)` }, artifactChanges: [{ artifactLocation, replacements: x.edits.map(replacement) }] }] } : {}),
      properties: { tier: x.tier, fix: x.fix },
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'async-fix',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.docs.whatItDoes },
              help: { text: `${r.docs.whyIsThisBad}\n\nUse instead:\n${r.docs.useInstead}`, markdown: renderRuleMarkdown(r) },
              defaultConfiguration: { level: 'warning', enabled: r.tier !== 'preview' },
              properties: { tier: r.tier ?? 'default', fix: r.fixSafety },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function replacement(e: ReportedEdit) {
  return { deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.text } };
}
