import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { allRules } from '../transforms/index.js';
import { repoRoot, runCli, sleepyCrate } from './support/cli.js';

/**
 * `--format sarif` against the SARIF 2.1.0 JSON schema. The schema comes
 * from a registry package that ships it (@microsoft/jest-sarif's copy of
 * the schemastore schema, draft-04), so nothing is downloaded at test time.
 */
const require = createRequire(import.meta.url);
const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

function validator() {
  // The schema's `language` pattern has a stray `]`, valid only as a non-unicode regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  return ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
}

describe('--format sarif', () => {
  it('is a valid SARIF 2.1.0 log: every rule, every finding with its place, fixes as replacements', () => {
    const example = path.join(repoRoot, 'examples', 'legacy-service');
    const r = runCli(['--dry-run', '--preview', '--unsafe-fixes', '--format', 'sarif', '--no-cache', '.'], example);
    expect(r.code, r.stderr).toBe(0);
    const log = JSON.parse(r.stdout);
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema bites: a wrong version or a line 0 is rejected.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(broken)).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(allRules.map((x) => x.id));
    const json = JSON.parse(runCli(['--dry-run', '--preview', '--unsafe-fixes', '--format', 'json', '--no-cache', '.'], example).stdout);
    const findings = json.files.flatMap((f: { path: string; findings: { rule: string; line: number; column: number; edits?: unknown[] }[] }) => f.findings.map((x) => ({ ...x, path: f.path })));
    expect(run.results).toHaveLength(findings.length);
    for (const [i, x] of findings.entries()) {
      const res = run.results[i];
      expect(res.ruleId).toBe(x.rule);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(x.rule);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe(x.path);
      expect(res.locations[0].physicalLocation.region).toMatchObject({ startLine: x.line, startColumn: x.column });
      expect(res.fixes?.[0].artifactChanges[0].replacements.length ?? 0).toBe(x.edits?.length ?? 0);
    }
    expect(run.results.filter((x: { fixes?: unknown }) => x.fixes).length).toBeGreaterThan(3);
  });

  it('a replacement applied to the file gives the fixed text', () => {
    const { root, lib } = sleepyCrate(1);
    const log = JSON.parse(runCli(['--dry-run', '--format', 'sarif', '--no-cache', '.'], root).stdout);
    const [result] = log.runs[0].results;
    const lines = fs.readFileSync(lib, 'utf8').split('\n');
    // Apply the replacements from the last to the first, columns in characters.
    const reps = [...result.fixes[0].artifactChanges[0].replacements].reverse();
    for (const { deletedRegion: d, insertedContent } of reps) {
      expect(d.startLine).toBe(d.endLine);
      const line = lines[d.startLine - 1];
      lines[d.startLine - 1] = line.slice(0, d.startColumn - 1) + insertedContent.text + line.slice(d.endColumn - 1);
    }
    expect(lines.join('\n')).toContain('    tokio::time::sleep(Duration::from_millis(1)).await;');
    expect(validator()(log)).toBe(true);
  });
});
