#!/usr/bin/env node
// Writes docs/rules/<id>.md for every rule from the rule modules (dist's
// build of them), and removes pages of rules that no longer exist.
// `--check` writes nothing and exits 1 when a page is missing or differs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './lib/repo.mjs';

const load = (rel) => import(pathToFileURL(path.join(REPO, 'dist', rel)).href);
const { allRules } = await load('transforms/index.js');
const { renderRuleMarkdown, ruleDocPath } = await load('src/report/rule-docs.js');
const check = process.argv.includes('--check');
const dir = path.join(REPO, 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
let stale = 0;
const wanted = new Set();
for (const rule of allRules) {
  const file = path.join(REPO, ruleDocPath(rule.id));
  wanted.add(path.basename(file));
  const text = renderRuleMarkdown(rule);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
  stale++;
  if (check) console.error(`rule-docs: ${ruleDocPath(rule.id)} is out of date`);
  else fs.writeFileSync(file, text);
}
for (const name of fs.readdirSync(dir)) {
  if (wanted.has(name)) continue;
  stale++;
  if (check) console.error(`rule-docs: docs/rules/${name} names no rule`);
  else fs.rmSync(path.join(dir, name));
}
console.log(`rule-docs: ${allRules.length} rules, ${stale} page(s) ${check ? 'out of date' : 'written or removed'}`);
process.exitCode = check && stale ? 1 : 0;
