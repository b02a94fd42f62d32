import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { initParser } from '../engine/parse.js';
import { processFile, type FileOutcome } from '../engine/pipeline.js';
import { dirtyFiles } from '../engine/git.js';
import { writeVerified } from '../engine/verify.js';
import { writeFileAtomic } from '../engine/write.js';
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import type { Rule } from '../rule.js';
import { ConfigError, excludeMatcher, loadConfig, type Config } from '../config/config.js';
import type { RuleOptions } from '../config/options.js';
import { resolveRuleOptions, ruleStates, type RuleState } from '../config/select.js';
import { allRules, findRule } from '../../transforms/index.js';
import { renderExplain, renderRuleList } from './explain.js';
import { loadFiles, type LoadedFile } from './load.js';
import { manifestReports } from './manifests.js';
import { ReviewSession } from './review.js';
import type { FileReport, RunReport } from './types.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

interface Options {
  dryRun?: boolean;
  check?: boolean;
  yes?: boolean;
  unsafeFixes?: boolean;
  rule?: string;
  skip?: string;
  config?: string;
  maxConcurrency?: string;
  listRules?: boolean;
  format: 'text' | 'json';
  allowDirty?: boolean;
  verify?: boolean;
  color: 'auto' | 'always' | 'never';
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let exit = EXIT_OK;
  const program = new Command('async-fix')
    .description('Find and fix async Rust (tokio) pitfalls in place, with a diff you approve.')
    .argument('[paths...]', 'files or directories to check', ['.'])
    .option('--dry-run', 'show the diff and the findings; write nothing')
    .option('--check', 'like --dry-run, but exit 1 when there is any finding (for CI)')
    .option('-y, --yes', 'apply every safe fix without asking')
    .option('--unsafe-fixes', 'also apply (or show) fixes that change concurrency behaviour')
    .option('--rule <ids>', 'run only these rules (comma-separated)')
    .option('--skip <ids>', 'do not run these rules (comma-separated)')
    .option('--config <file>', 'read settings from this file (an async-fix.toml, or a Cargo.toml with [package.metadata.async-fix]) instead of looking for one')
    .option('--max-concurrency <n>', 'how many tasks a fix may let run at once (default: the config\'s max-concurrency, or 100)')
    .option('--list-rules', 'list the rules and whether they are enabled')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--allow-dirty', 'fix files even if they have uncommitted changes in git')
    .option('--verify', 'after writing, `cargo check` each changed package and roll back fixes that break its build')
    .addOption(new Option('--color <when>', 'when to color the output').choices(['auto', 'always', 'never']).default('auto'))
    .showHelpAfterError('(run `async-fix --help` for usage)')
    .exitOverride()
    .action(async (paths: string[], opts: Options) => {
      exit = await run(paths, opts);
    });
  program
    .command('explain')
    .description('explain a rule: what it finds, why it matters, and the fix')
    .argument('<rule>', 'rule id, e.g. blocking-sleep')
    .action((id: string) => {
      const rule = findRule(id);
      if (!rule) throw new UsageError(`unknown rule \`${id}\`; run \`async-fix --list-rules\` to see them`);
      process.stdout.write(renderExplain(rule, colors('auto')));
    });
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`internal error: ${(e as Error).stack ?? e}\nPlease report this with the file that triggered it.\n`);
    return EXIT_ERROR;
  }
}

function colors(when: Options['color']): Colors {
  if (when === 'always') return pc.createColors(true);
  if (when === 'never') return pc.createColors(false);
  return pc.createColors(pc.isColorSupported && !!process.stdout.isTTY);
}

function selectRules(opts: Options, config: Config): RuleState[] {
  const parse = (list?: string) => (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const only = parse(opts.rule);
  const skip = parse(opts.skip);
  for (const id of [...only, ...skip]) {
    if (!findRule(id)) throw new UsageError(`unknown rule \`${id}\`; run \`async-fix --list-rules\` to see them`);
  }
  return ruleStates(allRules, config, { only, skip });
}

async function run(paths: string[], opts: Options): Promise<number> {
  const c = colors(opts.color);
  const config = loadConfig({ paths, explicit: opts.config, cwd: process.cwd(), ruleIds: allRules.map((r) => r.id) });
  const states = selectRules(opts, config);
  const rules = states.filter((s) => s.enabled).map((s) => s.rule);
  const ruleOptions = resolveRuleOptions(config, opts.maxConcurrency);
  if (opts.listRules) {
    process.stdout.write(renderRuleList(states, c, config.label));
    return EXIT_OK;
  }
  const modes = [opts.dryRun && '--dry-run', opts.check && '--check', opts.yes && '--yes'].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be used together`);
  const mode: RunReport['mode'] = opts.dryRun ? 'dry-run' : opts.check ? 'check' : opts.yes ? 'yes' : 'review';
  if (mode === 'review' && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw new UsageError(
      'the interactive review needs a terminal; pass --dry-run to see the changes, --check to gate CI, or --yes to apply the safe fixes',
    );
  }
  if (mode === 'review' && opts.format === 'json') throw new UsageError('--format json needs --dry-run, --check or --yes');

  const started = performance.now();
  await initParser();
  const cwd = process.cwd();
  const loaded = loadFiles(paths, cwd, excludeMatcher(config));
  for (const m of loaded.missing) process.stderr.write(`error: ${m}: no such file or directory\n`);
  for (const s of loaded.skipped) process.stderr.write(`warning: ${s.path}: ${s.reason}\n`);
  for (const d of loaded.empty) process.stderr.write(`warning: ${d}: no Rust (.rs) files found; nothing to check there\n`);
  const report: RunReport = { mode, unsafeFixes: !!opts.unsafeFixes, files: [], skipped: loaded.skipped, declined: 0, seconds: 0 };

  if (mode === 'review') {
    const code = await reviewAll(loaded.files, rules, opts, c, report, ruleOptions);
    if (code !== EXIT_OK) return code;
  } else {
    const fixMode = opts.unsafeFixes ? 'unsafe' : 'safe';
    const changes: ManifestNeed[] = [];
    for (const f of loaded.files) {
      const outcome = processFile({ path: f.absolute, text: f.text, crate: f.crate, options: ruleOptions }, { rules, fixMode });
      report.files.push(outcomeReport(f, outcome, changes));
    }
    report.files.push(...manifestReports(changes, cwd));
    if (mode === 'yes') {
      const changed = report.files.filter((f) => f.newText !== f.text);
      if (!opts.allowDirty && refuseDirty(changed.map((f) => f.absolute), cwd)) return EXIT_ERROR;
    }
  }
  const rolledBack = mode === 'yes' || mode === 'review' ? writeAll(report, loaded.files, !!opts.verify) : 0;
  report.seconds = (performance.now() - started) / 1000;
  process.stdout.write(opts.format === 'json' ? renderJson(report) : renderText(report, c));
  if (loaded.missing.length || report.files.some((f) => f.errors.length && !f.rolledBack)) return EXIT_ERROR;
  if (rolledBack > 0) return EXIT_FINDINGS;
  if (mode === 'check' && report.files.some((f) => f.findings.length)) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** Writes every changed file; with --verify, per package, keeping only fixes that still build. Returns the rolled-back file count. */
function writeAll(report: RunReport, loaded: LoadedFile[], verify: boolean): number {
  const changed = report.files.filter((f) => f.newText !== f.text);
  if (!verify) {
    for (const f of changed) write(f);
    return 0;
  }
  const manifestOf = new Map<string, string | null>(loaded.map((f) => [f.absolute, f.crate.manifestPath]));
  for (const f of changed) if (f.manifestOwner) manifestOf.set(f.absolute, f.manifestOwner);
  const byPackage = new Map<string, FileReport[]>();
  for (const f of changed) {
    const manifest = manifestOf.get(f.absolute);
    if (!manifest) {
      write(f);
      f.errors.push('not verified: no Cargo.toml was found for this file');
      continue;
    }
    byPackage.set(manifest, [...(byPackage.get(manifest) ?? []), f]);
  }
  const byFile = new Map(changed.map((f) => [f.absolute, f]));
  const outcomes = writeVerified(
    [...byPackage].map(([manifestPath, files]) => ({ manifestPath, files })),
    (file, text) => {
      const f = byFile.get(file)!;
      writeFileAtomic(file, text);
      f.written = text === f.newText;
    },
  );
  let rolledBack = 0;
  for (const o of outcomes) {
    const files = byPackage.get(o.manifestPath)!;
    const manifest = path.relative(process.cwd(), o.manifestPath);
    if (o.status === 'kept') continue;
    if (o.status === 'not-building-before') {
      process.stderr.write(`warning: ${manifest}: the package did not build before async-fix ran, so the fixes were written unverified; cargo's first error:\n${o.firstError}\n`);
      continue;
    }
    for (const f of files) {
      rolledBack++;
      f.rolledBack = true;
      if (f.manifestOwner) {
        f.newText = f.text; // restored with the fixes it served
        continue;
      }
      const fixes = f.findings.filter((x) => x.applied);
      f.errors.push(`rolled back ${fixes.length} fix${fixes.length === 1 ? '' : 'es'} (${[...new Set(fixes.map((x) => x.rule))].join(', ')}): cargo check failed after the fixes:\n${o.firstError}`);
      for (const x of fixes) x.applied = false;
      f.newText = f.text;
    }
  }
  return rolledBack;
}

async function reviewAll(files: LoadedFile[], rules: Rule[], opts: Options, c: Colors, report: RunReport, ruleOptions: RuleOptions): Promise<number> {
  // Refuse before the first question, not after the user has answered them.
  const all = new Map(files.map((f) => [f, processFile({ path: f.absolute, text: f.text, crate: f.crate, options: ruleOptions }, { rules, fixMode: 'unsafe' })]));
  const fixable = files.filter((f) => all.get(f)!.newText !== f.text);
  const mayChange = [...fixable.map((f) => f.absolute), ...new Set([...all.values()].flatMap((o) => o.manifestChanges.map((m) => m.manifestPath)))];
  if (!opts.allowDirty && refuseDirty(mayChange, process.cwd())) return EXIT_ERROR;
  const session = new ReviewSession(rules, c, process.cwd());
  const changes: ManifestNeed[] = [];
  for (const f of files) {
    const outcome = fixable.includes(f) && !session.quitting
      ? await session.reviewFile(f, ruleOptions)
      : processFile({ path: f.absolute, text: f.text, crate: f.crate, options: ruleOptions }, { rules, fixMode: 'none' });
    report.files.push(outcomeReport(f, outcome, changes));
  }
  report.files.push(...manifestReports(changes, process.cwd()));
  report.declined = session.declined;
  return EXIT_OK;
}

type ManifestNeed = Parameters<typeof manifestReports>[0][number];

/** A source file's report; the Cargo.toml changes its applied fixes need are collected into `changes`. */
function outcomeReport(f: LoadedFile, outcome: FileOutcome, changes: ManifestNeed[]): FileReport {
  for (const change of outcome.manifestChanges) changes.push({ change, owner: f.crate.manifestPath ?? change.manifestPath });
  return { ...fileReport(f), findings: outcome.findings, newText: outcome.newText, errors: outcome.errors };
}

function fileReport(f: LoadedFile): FileReport {
  return { absolute: f.absolute, relative: f.relative, display: f.display, findings: [], text: f.text, newText: f.text, written: false, errors: [] };
}

function write(f: FileReport): void {
  try {
    writeFileAtomic(f.absolute, f.newText);
    f.written = true;
  } catch (e) {
    f.errors.push(`could not write the fixes (${(e as Error).message}); file left unchanged`);
  }
}

function refuseDirty(files: string[], cwd: string): boolean {
  const dirty = dirtyFiles(files);
  if (dirty.length === 0) return false;
  process.stderr.write(
    `error: ${dirty.length} file${dirty.length === 1 ? '' : 's'} that async-fix would change ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes:\n` +
      dirty.map((d) => `  * ${path.relative(cwd, d.file)} (${d.state})\n`).join('') +
      'Commit or stash them first so the fixes can be reviewed and reverted, or pass --allow-dirty.\n',
  );
  return true;
}
