import { FileAnalysis } from '../analysis/file-analysis.js';
import type { CrateFacts } from '../analysis/crate.js';
import type { ManifestChange } from '../analysis/file-analysis.js';
import { SourceText } from '../analysis/source.js';
import type { FindingTier, Fix, Rule, RuleFinding } from '../rule.js';
import { applyEdits, OffsetMap, selectCompatible } from './edits.js';
import { collectGarbage } from './memory.js';
import type { MacroRegion } from './macro-bodies.js';
import { mayHoldFindings } from './prefilter.js';
import { parseRust, WORKER_PARSE_CHARS, type ParsedFile, type SyntaxNode } from './parse.js';
import { applySuppressions } from './suppress.js';
import type { RuleOptions } from '../config/options.js';
import type { CrateModel } from '../model/crate-model.js';

/** Which fixes a run applies: none (report), safe ones, or safe and unsafe. */
export type FixMode = 'none' | 'safe' | 'unsafe';

/** One finding from one pass, positioned in that pass's text. */
export interface PassFinding {
  rule: string;
  start: number;
  end: number;
  message: string;
  /** The fixes offered, preferred first; empty when there is none. */
  fixes: Fix[];
  noFixReason?: string;
  tier: FindingTier;
}

/** A range of the file as it was read: offsets, and 1-based positions (columns in characters). */
export interface ReportedRange {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A finding as reported to the user: positioned in the file as it was read. */
export interface ReportedFinding extends ReportedRange {
  rule: string;
  /** Outside the default output when not `default`: a preview rule's, or in test code shown by `--include-tests`. */
  tier: FindingTier;
  message: string;
  /** The preferred fix's safety, or once a fix is applied, that fix's. */
  fix: 'safe' | 'unsafe' | 'none';
  fixTitle?: string;
  /** The fixes other than the one `fix` describes (the other form of a rewrite). */
  alternatives?: { fix: 'safe' | 'unsafe'; title: string }[];
  /** The Cargo.toml change this finding's fix carries, if any. */
  manifestChange?: ManifestChange;
  /**
   * The text edits of the fix `fix` describes, positioned in the file as it
   * was read, for other tools to apply (JSON, SARIF). Only for a finding of
   * the first pass whose fix needs no Cargo.toml change: later passes'
   * edits are positioned in text earlier fixes wrote.
   */
  edits?: ReportedEdit[];
  /** True when this run's resulting text contains the fix (the CLI decides whether it is written). */
  applied: boolean;
  /** Why no fix is offered, or why an offered fix was not applied. */
  note?: string;
  /** Internal: the rule offered a fix here again after applying one (reported once as an error). */
  reoffered?: boolean;
}

/** An edit as reported: a range of the original text and the text that replaces it. */
export interface ReportedEdit extends ReportedRange {
  text: string;
}

export interface FileOutcome {
  findings: ReportedFinding[];
  text: string;
  newText: string;
  /** File-level problems: rule crashes, a refused rewrite, no fixed point. */
  errors: string[];
  passes: number;
  /** Cargo.toml changes the applied fixes need, one per fix that needs one. */
  manifestChanges: ManifestChange[];
}

export const MAX_PASSES = 10;

/** One file for phase 2: its path and text, its package's Cargo facts and crate model, the rule options. */
export interface FileInput {
  path: string;
  text: string;
  crate: CrateFacts;
  options?: RuleOptions;
  /** The package's crate model (phase 1's summaries merged); without one the file is a crate of its own. */
  model?: CrateModel;
}

/** Runs every rule once over `text` (`parsed`: its tree, when the caller has parsed it already). Pure: same input (the crate model included), same output. */
export function runRules(
  path: string,
  text: string,
  crate: CrateFacts,
  rules: readonly Rule[],
  ruleOptions?: RuleOptions,
  model?: CrateModel,
  parsed: ParsedFile = parseRust(text),
) {
  const analysis = new FileAnalysis(path, text, parsed.root, crate, ruleOptions, model);
  const findings: PassFinding[] = [];
  const errors: string[] = [];
  for (const rule of rules) {
    try {
      for (const f of rule.check(analysis)) {
        const inTests = !!rule.testCodeOptIn && analysis.isTestCode(nodeOf(f.node, analysis.root));
        if (inTests && !ruleOptions?.includeTests) continue;
        if (f.preview && !ruleOptions?.preview) continue;
        // Test code is the more particular reason: it is shown only because --include-tests asked for it.
        const tier: FindingTier = inTests ? 'tests' : rule.tier === 'preview' || f.preview ? 'preview' : 'default';
        const offered = [...(f.fix ? [f.fix] : []), ...(f.alternatives ?? [])];
        const touched = offered.map((fix) => macroTokensChanged(fix, parsed.macros.regions));
        const fixes = offered.filter((_, i) => !touched[i]);
        const noFixReason = f.noFixReason ?? (offered.length && !fixes.length ? macroReason(touched[0]!) : undefined);
        const message = f.preview ? `${f.message} (preview: ${f.preview})` : f.message;
        findings.push({ rule: rule.id, start: f.node.start, end: f.node.end, message, fixes, noFixReason, tier });
      }
    } catch (e) {
      errors.push(`internal error in rule ${rule.id}: ${(e as Error).stack ?? e}`);
    }
  }
  // `// async-fix: ignore[..]` drops findings; a clippy allow/expect takes their fix away.
  errors.push(...applySuppressions(analysis, findings, rules));
  const order = new Map(rules.map((r, i) => [r.id, i]));
  findings.sort((a, b) => a.start - b.start || order.get(a.rule)! - order.get(b.rule)! || b.end - a.end);
  return { findings, errors, errorCount: parsed.errorCount, macrosSkipped: parsed.macros.skipped };
}

/** A finding's node, or for a range the innermost node holding its start. */
function nodeOf(at: RuleFinding['node'], root: SyntaxNode): SyntaxNode {
  if ('type' in at) return at;
  let n = root;
  for (;;) {
    const next = n.children.find((c) => c.start <= at.start && at.start < c.end);
    if (!next) return n;
    n = next;
  }
}

/**
 * A fix may change a macro body only inside the pieces parsed as code (an
 * argument, a select! future or handler); anywhere else in the token tree it
 * would change the macro's own syntax (a pattern, a separator), which the
 * macro may not accept. Moving or replacing the whole invocation is fine.
 */
function macroTokensChanged(fix: Fix, regions: readonly MacroRegion[]): MacroRegion | null {
  for (const e of fix.edits) {
    for (const r of regions) {
      const touches = e.start === e.end ? e.start > r.start && e.start < r.end : e.start < r.end && e.end > r.start;
      if (!touches || (e.start <= r.start && e.end >= r.end)) continue;
      if (!r.editable.some((p) => p.start <= e.start && e.end <= p.end)) return r;
    }
  }
  return null;
}

function macroReason(r: MacroRegion): string {
  return `no fix: it would change the \`${r.name}!\` macro's own tokens (outside its arguments), which the macro may not accept`;
}

export function fixAllowed(fix: Fix, mode: FixMode): boolean {
  return mode === 'unsafe' || (mode === 'safe' && fix.safety === 'safe');
}

/** A finding with fixes offered in one pass; `key` stays the same across passes for the same finding. */
export interface Candidate {
  key: string;
  finding: PassFinding;
  reported: ReportedFinding;
  /** The fixes this run's mode allows, preferred first (never empty). */
  fixes: Fix[];
}

/** The driver's answer to a pass: for each accepted candidate's key, the index of the chosen fix in `fixes`. */
export type Choices = ReadonlyMap<string, number>;

export interface PassOptions {
  rules: readonly Rule[];
  fixMode: FixMode;
  maxPasses?: number;
  /** False: parse and check the file even when its text cannot hold a finding (`--no-prefilter`). */
  prefilter?: boolean;
}

/**
 * The fix loop shared by every mode. Each pass parses the current text, runs
 * the rules, and yields the allowed fixes that do not overlap (overlapping
 * ones wait for a later pass). The driver answers with the keys it accepts;
 * a fix not accepted is never offered again. Accepted fixes are applied, and
 * the loop repeats until no fix is left, so one run reaches a fixed point.
 * A pass whose result parses with more errors than the original is not kept.
 */
export function* fixPasses(
  input: FileInput,
  options: PassOptions,
): Generator<{ text: string; candidates: Candidate[] }, FileOutcome, Choices> {
  if (options.prefilter !== false && !mayHoldFindings(input.text, options.rules)) {
    return { findings: [], text: input.text, newText: input.text, errors: [], passes: 0, manifestChanges: [] };
  }
  const original = new SourceText(input.text);
  const maxPasses = options.maxPasses ?? MAX_PASSES;
  const maps: OffsetMap[] = [];
  /** Where an offset of the current text was in the original, and whether a fix wrote the text there. */
  const toOriginal = (offset: number) => {
    let inserted = false;
    for (let i = maps.length - 1; i >= 0; i--) {
      const r = maps[i].toOld(offset);
      offset = r.offset;
      inserted ||= r.inserted;
    }
    return { offset, inserted };
  };
  const reported = new Map<string, ReportedFinding>();
  const refused = new Set<string>();
  const errors: string[] = [];
  let text = input.text;
  // The parse that checked the last pass's result is the next pass's tree.
  let parsed: ParsedFile | undefined;
  let baseErrors = -1;
  let baseSkipped = 0;
  let passes = 0;

  for (;;) {
    passes++;
    const pass = runRules(input.path, text, input.crate, options.rules, input.options, input.model, parsed);
    parsed = undefined; // one tree alive at a time: a large file's takes hundreds of MB
    if (baseErrors < 0) {
      baseErrors = pass.errorCount;
      baseSkipped = pass.macrosSkipped;
    }
    // A rule that crashes crashes again each pass, with a stack that can differ: report it once.
    const firstLine = (e: string) => e.split('\n', 1)[0];
    errors.push(...pass.errors.filter((e) => !errors.some((x) => firstLine(x) === firstLine(e))));
    const keyed = pass.findings.map((finding) => {
      const { offset: start, inserted: startsInserted } = toOriginal(finding.start);
      // A finding lying wholly in text a fix wrote has no place of its own in
      // the original: key it by this pass's position. One that only starts
      // there (a call whose callee was renamed) is the same finding as before.
      const inserted = startsInserted && toOriginal(Math.max(finding.start, finding.end - 1)).inserted;
      const key = inserted ? `${finding.rule}@${start}+${passes}:${finding.start}` : `${finding.rule}@${start}`;
      if (!reported.has(key)) reported.set(key, report(finding, start, Math.max(start, toOriginal(finding.end).offset), original, passes === 1));
      const fixes = finding.fixes.filter((f) => fixAllowed(f, options.fixMode));
      return { key, finding, reported: reported.get(key)!, fixes };
    });
    for (const c of keyed) {
      if (c.reported.applied && c.finding.fixes.length && !c.reported.reoffered) {
        c.reported.reoffered = true;
        errors.push(`rule ${c.finding.rule} offered a fix again at ${c.reported.line}:${c.reported.column} after its fix there was applied; its fix does not converge`);
      }
    }
    const allowed = keyed.filter((c) => c.fixes.length && !refused.has(c.key) && !c.reported.applied);
    if (allowed.length === 0) break;
    if (passes > maxPasses) {
      errors.push(`fixes did not settle after ${maxPasses} passes; the last pass was not applied`);
      break;
    }
    // Whichever fix the driver picks must not overlap another's: check them all.
    const { accepted: compatible, deferred } = selectCompatible(allowed.map((c) => ({ ...c, edits: c.fixes.flatMap((f) => f.edits) })));
    for (const d of deferred) d.fix.reported.note = `its fix overlaps the ${d.blockedBy.finding.rule} fix at the same place`;
    const offered: Candidate[] = compatible.map(({ key, finding, reported, fixes }) => ({ key, finding, reported, fixes }));
    const choices = yield { text, candidates: offered };
    const accepted = offered.flatMap((c) => {
      const chosen = c.fixes[choices.get(c.key) ?? -1];
      return chosen ? [{ ...c, chosen }] : [];
    });
    const acceptedKeys = new Set(accepted.map((a) => a.key));
    for (const c of offered) if (!acceptedKeys.has(c.key)) refused.add(c.key);
    if (accepted.length === 0) continue;
    const next = applyEdits(text, accepted.flatMap((a) => a.chosen.edits));
    if (next.length >= WORKER_PARSE_CHARS) collectGarbage();
    parsed = parseRust(next);
    const reparsed = parsed.errorCount;
    // A macro body that parsed as code before and not after has a syntax error the outer parse cannot see.
    const unparsed = parsed.macros.skipped - baseSkipped;
    if (reparsed > baseErrors || unparsed > 0) {
      const what = reparsed > baseErrors ? `${reparsed - baseErrors} new syntax error(s)` : `${unparsed} macro bod${unparsed === 1 ? 'y' : 'ies'} that no longer parse`;
      errors.push(`the fixes (${[...new Set(accepted.map((a) => a.finding.rule))].join(', ')}) would leave ${what}; no fix was applied to this file`);
      for (const r of reported.values()) r.applied = false;
      text = input.text;
      break;
    }
    for (const a of accepted) {
      Object.assign(a.reported, describeFixes(a.chosen, a.finding.fixes));
      // Applied in the first pass, its edits are in original positions; in a later one, in text earlier fixes wrote: then none are reported.
      if (passes === 1 && a.reported.edits) a.reported.edits = reportedEdits(a.chosen, original);
      else delete a.reported.edits;
      a.reported.applied = true;
      delete a.reported.note;
    }
    maps.push(new OffsetMap(accepted.flatMap((a) => a.chosen.edits)));
    text = next;
  }
  const findings = [...reported.values()].sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  const manifestChanges = findings.filter((f) => f.applied && f.manifestChange).map((f) => f.manifestChange!);
  return { findings, text: input.text, newText: text, errors, passes, manifestChanges };
}

/**
 * The per-file pipeline for bulk modes: path + text + crate facts in,
 * findings + new text out. Pure. Each finding gets the first fix its mode
 * allows (the preferred one), unless `choose` picks another.
 */
export function processFile(
  input: FileInput,
  options: PassOptions,
  choose: (candidate: Candidate) => number = () => 0,
): FileOutcome {
  const loop = fixPasses(input, options);
  let step = loop.next(new Map());
  while (!step.done) step = loop.next(new Map(step.value.candidates.map((c) => [c.key, choose(c)])));
  return step.value;
}

function report(f: PassFinding, start: number, end: number, source: SourceText, firstPass: boolean): ReportedFinding {
  const s = source.position(start);
  const e = source.position(end);
  const edits = firstPass && f.fixes.length ? reportedEdits(f.fixes[0], source) : undefined;
  return {
    rule: f.rule,
    tier: f.tier,
    start,
    end,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    message: f.message,
    ...(f.fixes.length ? describeFixes(f.fixes[0], f.fixes) : { fix: 'none' as const }),
    applied: false,
    note: f.noFixReason,
    ...(edits ? { edits } : {}),
  };
}

/** A fix's edits in original positions; undefined for one that needs a Cargo.toml change (its text edits alone do not build). */
function reportedEdits(fix: Fix, source: SourceText): ReportedEdit[] | undefined {
  if (fix.manifestChange) return undefined;
  return [...fix.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => {
      const s = source.position(e.start);
      const t = source.position(e.end);
      return { start: e.start, end: e.end, line: s.line, column: s.column, endLine: t.line, endColumn: t.column, text: e.text };
    });
}

/** How a report names `fix`, one of `fixes`, and the others. */
function describeFixes(fix: Fix, fixes: Fix[]): Pick<ReportedFinding, 'fix' | 'fixTitle' | 'manifestChange' | 'alternatives'> {
  const others = fixes.filter((f) => f !== fix).map((f) => ({ fix: f.safety, title: f.title }));
  return { fix: fix.safety, fixTitle: fix.title, manifestChange: fix.manifestChange, alternatives: others.length ? others : undefined };
}
