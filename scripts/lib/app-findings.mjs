// One app's findings as the ecosystem check tracks them: flattened out of
// the CLI's JSON, keyed (finding-key.mjs), and told which fix the default
// mode shows for each.
import fs from 'node:fs';
import path from 'node:path';
import { findingKeys } from './finding-key.mjs';

const CONTEXT_LINES = 3;
// The CLI's JSON gives each finding's tier: `preview` (a preview rule's) and `tests` (test code shown by
// --include-tests) are outside the default output; a finding without one is default output.
const DEFAULT_TIER = 'default';

/** `path:line:col` plus rule, the identity of a finding within one run. */
const positionId = (f) => `${f.path}:${f.line}:${f.column}:${f.rule}`;

/** The findings of a `--format json` document, each with its file's path. */
export function flattenFindings(doc) {
  return (doc?.files ?? []).flatMap((file) => (file.findings ?? []).map((f) => ({ path: file.path, ...f })));
}

/** `CONTEXT_LINES` lines either side of `line` (1-based), each `  42 | text`. */
function contextAround(lines, line) {
  const from = Math.max(1, line - CONTEXT_LINES);
  const to = Math.min(lines.length, line + CONTEXT_LINES);
  const width = String(to).length;
  const out = [];
  for (let l = from; l <= to; l++) out.push(`${String(l).padStart(width)} | ${lines[l - 1]}`);
  return out;
}

/**
 * The findings of one app's all-fixes run (`allDoc`), keyed from the files in
 * `appDir`, with `defaultFix`/`defaultFixTitle` from the default-mode run
 * (`defaultDoc`). Also returns the findings only one of the runs has, which
 * would mean the fix mode changes what is found.
 */
export function collectAppFindings(app, appDir, allDoc, defaultDoc, parseRust) {
  const shownByDefault = new Map(flattenFindings(defaultDoc).map((f) => [positionId(f), f]));
  const byFile = new Map();
  for (const f of flattenFindings(allDoc)) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  const findings = [];
  for (const [file, list] of byFile) {
    const text = fs.readFileSync(path.join(appDir, file), 'utf8');
    const lines = text.split(/\r?\n/);
    const keys = findingKeys(text, parseRust(text).root, list);
    list.forEach((f, i) => {
      const shown = shownByDefault.get(positionId(f));
      shownByDefault.delete(positionId(f));
      // `applied` is always false in a dry run, and the Cargo.toml change is the fix's business, not the verdict's.
      const { applied, cargoToml, ...reported } = f;
      findings.push({
        app,
        ...reported,
        tier: f.tier ?? DEFAULT_TIER,
        defaultFix: shown?.fix ?? null,
        ...(shown?.fixTitle ? { defaultFixTitle: shown.fixTitle } : {}),
        key: keys[i].key,
        fn: keys[i].fnPath,
        context: contextAround(lines, f.line),
      });
    });
  }
  // The default run must show exactly the default tier: anything else means the tiers and the selection disagree.
  const onlyInAll = findings.filter((f) => f.defaultFix === null && f.tier === DEFAULT_TIER).map(positionId);
  const leaked = findings.filter((f) => f.defaultFix !== null && f.tier !== DEFAULT_TIER).map((f) => `${positionId(f)} (tier ${f.tier})`);
  return { findings, onlyInAll, onlyInDefault: [...shownByDefault.keys(), ...leaked] };
}

export const isDefaultOutput = (f) => f.tier === DEFAULT_TIER;
