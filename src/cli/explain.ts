import type { Colors } from 'picocolors/types.js';
import type { Rule } from '../rule.js';

const indent = (text: string) => text.split('\n').map((l) => (l ? '    ' + l : l)).join('\n');

/** The text of `async-fix explain <rule>`, laid out like clippy's lint docs. */
export function renderExplain(rule: Rule, c: Colors): string {
  const d = rule.docs;
  const parts = [
    `${c.bold(rule.id)} (fix: ${rule.fixSafety})`,
    rule.summary,
    '',
    c.bold('What it does'),
    indent(d.whatItDoes),
    '',
    c.bold('Why is this bad'),
    indent(d.whyIsThisBad),
    '',
    c.bold('Example'),
    indent(d.example),
    '',
    c.bold('Use instead'),
    indent(d.useInstead),
  ];
  if (d.notes) parts.push('', c.bold('Notes'), indent(d.notes));
  return parts.join('\n') + '\n';
}

export function renderRuleList(rules: readonly Rule[], enabled: ReadonlySet<string>, c: Colors): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const state = enabled.has(r.id) ? c.green('enabled ') : c.dim('disabled');
    return `${r.id.padEnd(width)}  ${state}  fix: ${r.fixSafety.padEnd(6)}  ${r.summary}`;
  });
  return lines.join('\n') + '\n';
}
