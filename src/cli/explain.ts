import { describePrecision } from '../config/precision.js';
import type { Colors } from 'picocolors/types.js';
import type { Rule } from '../rule.js';
import type { RuleState } from '../config/select.js';

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

/** `--list-rules`: each rule, whether it runs and what turned it off, its tier and its measured precision; the config in use on a first line. */
export function renderRuleList(states: readonly RuleState[], c: Colors, configLabel: string | null = null): string {
  const width = Math.max(...states.map((s) => s.rule.id.length));
  const label = (s: RuleState) => (s.enabled ? 'enabled' : `disabled (${s.disabledBy})`);
  const stateWidth = Math.max(...states.map((s) => label(s).length));
  const lines = states.map((s) => {
    const state = label(s).padEnd(stateWidth);
    const tier = (s.rule.tier ?? 'default').padEnd(7);
    return `${s.rule.id.padEnd(width)}  ${s.enabled ? c.green(state) : c.dim(state)}  ${tier}  fix: ${s.rule.fixSafety.padEnd(6)}  ${s.rule.summary}\n${' '.repeat(width + 2)}${c.dim(describePrecision(s.rule.id))}`;
  });
  if (configLabel) lines.unshift(`config: ${configLabel}`);
  return lines.join('\n') + '\n';
}
