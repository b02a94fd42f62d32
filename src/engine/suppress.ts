import type { FileAnalysis } from '../analysis/file-analysis.js';
import { innermostSpanning, precedingAttributes } from '../analysis/syntax.js';
import type { Rule } from '../rule.js';
import { allRules } from '../../transforms/index.js';
import type { SyntaxNode } from './parse.js';
import type { PassFinding } from './pipeline.js';

/**
 * What the code says about its own findings, applied to one pass's findings
 * in place:
 *
 * - `// async-fix: ignore` on its own line before a finding's first line
 *   (other comment lines may sit between), or at the end of that line,
 *   drops the finding; `// async-fix: ignore[rule-a, rule-b]` drops only
 *   those rules' findings. Text after the directive is a free-form reason.
 * - For a rule that declares `clippyLints`, an `#[allow(clippy::<lint>)]` or
 *   `#[expect(clippy::<lint>)]` on an enclosing item, statement or match arm
 *   (or an inner `#![allow(..)]` of an enclosing module, fn body or the file)
 *   keeps the finding but takes its fix away: the code's author has already
 *   decided about this spot. A nearer `warn`/`deny`/`forbid` wins over it.
 *
 * Returns errors for `async-fix:` comments that name an unknown rule or are
 * not a directive at all (so a typo does not silently suppress nothing).
 */
export function applySuppressions(file: FileAnalysis, findings: PassFinding[], rules: readonly Rule[]): string[] {
  const errors: string[] = [];
  const text = file.source.text;
  if (text.includes('async-fix:')) {
    const directives = readDirectives(file, rules, errors);
    if (directives.size) {
      const kept = findings.filter((f) => {
        const d = directives.get(file.source.position(f.start).line);
        return !d || (d.rules !== null && !d.rules.has(f.rule));
      });
      findings.splice(0, findings.length, ...kept);
    }
  }
  const lintsOf = new Map(rules.filter((r) => r.clippyLints?.length).map((r) => [r.id, r.clippyLints!]));
  for (const f of findings) {
    const lints = lintsOf.get(f.rule);
    if (!lints || !f.fixes.length) continue;
    const allowed = clippyAllowed(innermostSpanning(file.root, f.start, f.end), lints, file);
    if (!allowed) continue;
    f.fixes = [];
    f.noFixReason = `reported without a fix: \`${allowed}\` applies here`;
  }
  return errors;
}

interface Directive {
  /** null: every rule. */
  rules: Set<string> | null;
}

const PREFIX = /^\/\/\s*async-fix:/;
const DIRECTIVE = /^\/\/\s*async-fix:\s*ignore(?:\s*\[([^\]]*)\])?(?=\s|$)/;

/** The `// async-fix: ignore` comments, by the 1-based line they cover. */
function readDirectives(file: FileAnalysis, rules: readonly Rule[], errors: string[]): Map<number, Directive> {
  const text = file.source.text;
  const comments: { node: SyntaxNode; line: number; ownLine: boolean }[] = [];
  for (const n of file.nodesOfType('line_comment')) {
    const lineStart = text.lastIndexOf('\n', n.start - 1) + 1;
    comments.push({ node: n, line: file.source.position(n.start).line, ownLine: /^[\s\uFEFF]*$/.test(text.slice(lineStart, n.start)) });
  }
  const commentOnly = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  const known = new Set([...allRules, ...rules].map((r) => r.id));
  const out = new Map<number, Directive>();
  for (const c of comments) {
    const body = file.text(c.node).trimEnd();
    if (!PREFIX.test(body)) continue;
    const where = `\n  --> line ${c.line}`;
    const quoted = `\`${body.length > 80 ? body.slice(0, 77) + '...' : body}\``;
    const m = DIRECTIVE.exec(body);
    if (!m) {
      errors.push(`${quoted} is not an async-fix directive; write \`// async-fix: ignore\` or \`// async-fix: ignore[rule-id, ...]\`${where}`);
      continue;
    }
    let ruleSet: Set<string> | null = null;
    if (m[1] !== undefined) {
      const ids = m[1].split(',').map((s) => s.trim()).filter(Boolean);
      if (ids.length === 0) errors.push(`${quoted} names no rule, so it suppresses nothing; name one, or drop the brackets to suppress every rule${where}`);
      for (const id of ids.filter((i) => !known.has(i))) {
        errors.push(`${quoted} names an unknown rule \`${id}\`, which suppresses nothing (known rules: ${[...known].join(', ')})${where}`);
      }
      ruleSet = new Set(ids.filter((i) => known.has(i)));
    }
    let line = c.line;
    if (c.ownLine) do line++; while (commentOnly.has(line));
    const existing = out.get(line);
    // Two directives covering one line: the union of what they suppress.
    if (existing) existing.rules = existing.rules && ruleSet ? new Set([...existing.rules, ...ruleSet]) : null;
    else out.set(line, { rules: ruleSet });
  }
  return out;
}

const CONTAINERS = new Set(['source_file', 'declaration_list', 'block']);
const LINT_ATTRIBUTE = /^(allow|expect|warn|deny|forbid)\s*\(([\s\S]*)\)\s*$/;

/**
 * `#[allow(clippy::<lint>)]` (or expect, inner or outer) that governs `node`
 * for one of `lints`, written as the source would say it; null when none
 * does or a nearer attribute sets the lint back to warn, deny or forbid.
 */
function clippyAllowed(node: SyntaxNode, lints: readonly string[], file: FileAnalysis): string | null {
  const wanted = new Set(lints.map((l) => `clippy::${l}`));
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    // Nearest first: the scope's inner attributes, then the node's own attributes, last written first.
    const attrs: SyntaxNode[] = [];
    if (CONTAINERS.has(n.type)) attrs.push(...n.children.filter((c) => c.type === 'inner_attribute_item').reverse());
    else {
      // Attributes that are children of the node itself (a match arm's).
      const own: SyntaxNode[] = [];
      for (const c of n.children) {
        if (c.type === 'attribute_item') own.push(c);
        else if (c.type !== 'line_comment' && c.type !== 'block_comment') break;
      }
      attrs.push(...own.reverse());
    }
    attrs.push(...precedingAttributes(n).reverse());
    for (const a of attrs) {
      const attribute = a.children.find((c) => c.type === 'attribute');
      const m = attribute && LINT_ATTRIBUTE.exec(file.text(attribute));
      if (!m) continue;
      const args = m[2].replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\s+/g, '').split(',');
      const lint = args.find((x) => wanted.has(x));
      if (!lint) continue;
      if (m[1] !== 'allow' && m[1] !== 'expect') return null;
      return `#${a.type === 'inner_attribute_item' ? '!' : ''}[${m[1]}(${lint})]`;
    }
  }
  return null;
}
