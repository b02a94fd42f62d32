import { FileAnalysis } from '../analysis/file-analysis.js';
import type { CrateFacts } from '../analysis/crate.js';
import { SourceText } from '../analysis/source.js';
import type { Fix, Rule } from '../rule.js';
import { applyEdits, OffsetMap, selectCompatible } from './edits.js';
import { parseRust } from './parse.js';

/** Which fixes a run applies: none (report), safe ones, or safe and unsafe. */
export type FixMode = 'none' | 'safe' | 'unsafe';

/** One finding from one pass, positioned in that pass's text. */
export interface PassFinding {
  rule: string;
  start: number;
  end: number;
  message: string;
  fix?: Fix;
  noFixReason?: string;
}

/** A finding as reported to the user: positioned in the file as it was read. */
export interface ReportedFinding {
  rule: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fix: 'safe' | 'unsafe' | 'none';
  fixTitle?: string;
  /** True when this run's resulting text contains the fix (the CLI decides whether it is written). */
  applied: boolean;
  /** Why no fix is offered, or why an offered fix was not applied. */
  note?: string;
}

export interface FileOutcome {
  findings: ReportedFinding[];
  text: string;
  newText: string;
  /** File-level problems: rule crashes, a refused rewrite, no fixed point. */
  errors: string[];
  passes: number;
}

export const MAX_PASSES = 10;

/** Runs every rule once over `text`. Pure: same input, same output. */
export function runRules(path: string, text: string, crate: CrateFacts, rules: readonly Rule[]) {
  const parsed = parseRust(text);
  const analysis = new FileAnalysis(path, text, parsed.root, crate);
  const findings: PassFinding[] = [];
  const errors: string[] = [];
  for (const rule of rules) {
    try {
      for (const f of rule.check(analysis)) {
        findings.push({ rule: rule.id, start: f.node.start, end: f.node.end, message: f.message, fix: f.fix, noFixReason: f.noFixReason });
      }
    } catch (e) {
      errors.push(`internal error in rule ${rule.id}: ${(e as Error).stack ?? e}`);
    }
  }
  const order = new Map(rules.map((r, i) => [r.id, i]));
  findings.sort((a, b) => a.start - b.start || order.get(a.rule)! - order.get(b.rule)! || b.end - a.end);
  return { findings, errors, errorCount: parsed.errorCount };
}

export function fixAllowed(fix: Fix | undefined, mode: FixMode): fix is Fix {
  return !!fix && (mode === 'unsafe' || (mode === 'safe' && fix.safety === 'safe'));
}

/**
 * The per-file pipeline: path + text + crate facts in, findings + new text out.
 * Applies the allowed fixes, re-parses and re-runs until nothing changes, so a
 * second run over the result finds nothing left to fix. A pass whose result
 * parses with more errors than the original is not kept.
 */
export function processFile(
  input: { path: string; text: string; crate: CrateFacts },
  options: { rules: readonly Rule[]; fixMode: FixMode; maxPasses?: number; accept?: (f: PassFinding) => boolean },
): FileOutcome {
  const original = new SourceText(input.text);
  const maxPasses = options.maxPasses ?? MAX_PASSES;
  const maps: OffsetMap[] = [];
  const toOriginal = (offset: number) => maps.reduceRight((o, m) => m.toOld(o), offset);
  const reported = new Map<string, ReportedFinding>();
  const errors: string[] = [];
  let text = input.text;
  let baseErrors = -1;
  let passes = 0;

  for (;;) {
    passes++;
    const pass = runRules(input.path, text, input.crate, options.rules);
    if (baseErrors < 0) baseErrors = pass.errorCount;
    errors.push(...pass.errors.filter((e) => !errors.includes(e)));
    const keyed = pass.findings.map((f) => {
      const start = toOriginal(f.start);
      const key = `${f.rule}@${start}`;
      if (!reported.has(key)) reported.set(key, report(f, start, Math.max(start, toOriginal(f.end)), original));
      return { f, key };
    });
    const candidates = keyed.filter(({ f }) => fixAllowed(f.fix, options.fixMode) && (options.accept?.(f) ?? true));
    if (candidates.length === 0) break;
    if (passes > maxPasses) {
      errors.push(`fixes did not settle after ${maxPasses} passes; the last pass was not applied`);
      break;
    }
    const { accepted, deferred } = selectCompatible(candidates.map((c) => ({ ...c, edits: c.f.fix!.edits })));
    const next = applyEdits(text, accepted.flatMap((a) => a.edits));
    const reparsed = parseRust(next).errorCount;
    if (reparsed > baseErrors) {
      errors.push(
        `the fixes (${[...new Set(accepted.map((a) => a.f.rule))].join(', ')}) would leave ${reparsed - baseErrors} new syntax error(s); ` +
          'no fix was applied to this file',
      );
      for (const r of reported.values()) r.applied = false;
      text = input.text;
      break;
    }
    for (const a of accepted) reported.get(a.key)!.applied = true;
    for (const d of deferred) {
      const r = reported.get(d.fix.key)!;
      if (!r.applied) r.note = `its fix overlaps the ${d.blockedBy.f.rule} fix at the same place; rerun to apply it`;
    }
    maps.push(new OffsetMap(accepted.flatMap((a) => a.edits)));
    text = next;
  }
  for (const r of reported.values()) if (r.applied && r.note?.startsWith('its fix overlaps')) delete r.note;
  const findings = [...reported.values()].sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return { findings, text: input.text, newText: text, errors, passes };
}

function report(f: PassFinding, start: number, end: number, source: SourceText): ReportedFinding {
  const s = source.position(start);
  const e = source.position(end);
  return {
    rule: f.rule,
    start,
    end,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    message: f.message,
    fix: f.fix ? f.fix.safety : 'none',
    fixTitle: f.fix?.title,
    applied: false,
    note: f.noFixReason,
  };
}
