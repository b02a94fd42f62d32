#!/usr/bin/env node
// How much of a corpus sits in macro bodies, and what async-fix finds there.
// For every .rs file under each DIR it parses the text as the CLI does and
// counts the macro bodies parsed as code (src/engine/macro-bodies.ts) and
// those left alone; with --findings it also runs the CLI over each DIR
// (`--dry-run --unsafe-fixes --preview --include-tests --format json`: every
// tier) and counts, per rule, the
// findings that start inside a parsed macro body.
//
// Usage: node scripts/macro-bodies.mjs [--findings] DIR...   (after npm run build)
// Prints one table row per DIR and a total.

import fs from 'node:fs';
import path from 'node:path';
import { loadBuiltParser, runAsyncFix } from './lib/async-fix-cli.mjs';

const args = process.argv.slice(2);
const withFindings = args.includes('--findings');
const dirs = args.filter((a) => a !== '--findings');
if (!dirs.length) {
  console.error('usage: node scripts/macro-bodies.mjs [--findings] DIR...');
  process.exit(2);
}
const parseRust = await loadBuiltParser('build');

function* rustFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'target' && !entry.name.startsWith('.')) yield* rustFiles(full);
    else if (entry.isFile() && entry.name.endsWith('.rs')) yield full;
  }
}

const lineCount = (text, start, end) => text.slice(start, end).split('\n').length;
const total = { files: 0, analyzed: 0, skipped: 0, lines: 0, inside: {}, findings: 0 };
console.log('dir\tfiles\tbodies parsed\tleft alone\tlines in parsed bodies\tfindings\tof them in macro bodies (per rule)');
for (const dir of dirs) {
  const row = { files: 0, analyzed: 0, skipped: 0, lines: 0, inside: {}, findings: 0 };
  const regionsByFile = new Map();
  for (const file of rustFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseRust(text);
    row.files++;
    row.analyzed += parsed.macros.analyzed;
    row.skipped += parsed.macros.skipped;
    // Nested bodies lie inside outer ones: count the lines of outermost regions only.
    let lastEnd = -1;
    for (const r of [...parsed.macros.regions].sort((a, b) => a.start - b.start)) {
      if (r.start < lastEnd) continue;
      row.lines += lineCount(text, r.start, r.end);
      lastEnd = r.end;
    }
    regionsByFile.set(path.relative(dir, file), { text, regions: parsed.macros.regions });
  }
  if (withFindings) {
    const run = runAsyncFix(['--dry-run', '--unsafe-fixes', '--preview', '--include-tests'], '.', { cwd: dir });
    if (!run.doc) throw new Error(`async-fix gave no JSON for ${dir}: ${run.parseError}\n${run.stderr}`);
    const report = run.doc;
    for (const f of report.files) {
      const known = regionsByFile.get(f.path);
      const lineStarts = known ? [0, ...[...known.text.matchAll(/\n/g)].map((m) => m.index + 1)] : [];
      for (const x of f.findings) {
        row.findings++;
        const offset = known ? lineStarts[x.line - 1] + x.column - 1 : -1;
        if (known?.regions.some((r) => r.editable.some((p) => p.start <= offset && offset < p.end))) row.inside[x.rule] = (row.inside[x.rule] ?? 0) + 1;
      }
    }
  }
  for (const k of ['files', 'analyzed', 'skipped', 'lines', 'findings']) total[k] += row[k];
  for (const [rule, n] of Object.entries(row.inside)) total.inside[rule] = (total.inside[rule] ?? 0) + n;
  print(path.basename(dir), row);
}
if (dirs.length > 1) print('total', total);

function print(name, r) {
  const inside = Object.entries(r.inside).sort().map(([rule, n]) => `${rule} ${n}`).join(', ') || '-';
  console.log([name, r.files, r.analyzed, r.skipped, r.lines, withFindings ? r.findings : '-', withFindings ? inside : '-'].join('\t'));
}
