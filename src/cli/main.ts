import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { initParser, keptTrees } from '../engine/parse.js';
import { processFile, type FileOutcome, type PassOptions } from '../engine/pipeline.js';
import { mayHoldFindings } from '../engine/prefilter.js';
import { ContentCache, defaultCacheDir } from '../engine/cache.js';
import { OutcomeStore } from '../engine/outcome-cache.js';
import { SummaryStore } from '../model/summary-store.js';
import { parseShard, shardFiles } from './shard.js';
import { Progress } from './progress.js';
import fs from 'node:fs';
import { dirtyFiles, GitStatusUnknown } from '../engine/git.js';
import { renderJson } from '../report/json.js';
import { mergeReports } from '../report/merge.js';
import { renderConcise } from '../report/concise.js';
import { renderGithub } from '../report/github.js';
import { renderStatistics } from '../report/statistics.js';
import { renderText } from '../report/text.js';
import type { Rule } from '../rule.js';
import { ConfigError, excludeMatcher, loadConfig, type Config } from '../config/config.js';
import type { RuleOptions } from '../config/options.js';
import { resolveRuleOptions, ruleStates, type RuleState } from '../config/select.js';
import { allRules, findRule } from '../../transforms/index.js';
import { renderExplain, renderRuleList } from './explain.js';
import { loadFiles, type LoadedFile } from './load.js';
import { loadStdin } from './stdin.js';
import { ownVersion } from '../engine/package-version.js';
import { renderSarif } from '../report/sarif.js';
import { buildModels, planModels, toSummarize } from './models.js';
import { POOL_MIN_FILES, summarizeInWorkers } from '../model/summary-pool.js';
import { manifestReports } from './manifests.js';
import { Interrupt } from './interrupt.js';
import { ReviewSession } from './review.js';
import type { FileReport, RunReport } from './types.js';
import { writeReports } from './write-reports.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
/** Ctrl-C, as a shell reports SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

interface Options {
  dryRun?: boolean;
  check?: boolean;
  exitZero?: boolean;
  yes?: boolean;
  unsafeFixes?: boolean;
  rule?: string;
  skip?: string;
  config?: string;
  maxConcurrency?: string;
  preview?: boolean;
  includeTests?: boolean;
  /** False with `--no-prefilter`. */
  prefilter: boolean;
  /** False with `--no-cache`. */
  cache: boolean;
  /** False with `--no-ignore`. */
  ignore: boolean;
  cacheDir?: string;
  shard?: string;
  jobs?: string;
  verbose?: boolean;
  quiet?: boolean;
  listRules?: boolean;
  format: 'text' | 'json' | 'concise' | 'github' | 'sarif';
  outputFile?: string;
  stdinFilename?: string;
  statistics?: boolean;
  allowDirty?: boolean;
  allowReadOnly?: boolean;
  verify?: boolean;
  brokenCode?: boolean;
  color: 'auto' | 'always' | 'never';
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let exit = EXIT_OK;
  const program = new Command('async-fix')
    .description('Find and fix async Rust (tokio) pitfalls in place, with a diff you approve.')
    .version(ownVersion(), '-V, --version', 'print the version')
    .argument('[paths...]', 'files or directories to check', ['.'])
    .option('--dry-run', 'show the diff and the findings; write nothing')
    .option('--check', 'like --dry-run, but exit 1 when there is any finding (for CI)')
    .option('--exit-zero', 'with --check: exit 0 even when there are findings (errors still exit 2)')
    .option('-y, --yes', 'apply every safe fix without asking')
    .option('--unsafe-fixes', 'also apply (or show) fixes that change concurrency behaviour')
    .option('--rule <ids>', 'run only these rules (comma-separated)')
    .option('--skip <ids>', 'do not run these rules (comma-separated)')
    .option('--config <file>', 'read settings from this file (an async-fix.toml, or a Cargo.toml with [package.metadata.async-fix]) instead of looking for one')
    .option('--max-concurrency <n>', 'how many tasks a fix may let run at once (default: the config\'s max-concurrency, or 100)')
    .option('--preview', 'also run the preview rules (off by default: their precision on real applications is below the bar; see --list-rules)')
    .option('--include-tests', 'also report findings in test code for the rules that leave it out by default')
    .option('--no-prefilter', 'parse and check every file, also those whose text cannot hold a finding (no `async`, no `await`); for checking the prefilter')
    .option('--no-ignore', 'check files that .gitignore, .ignore or git\'s excludes leave out')
    .option('--no-cache', 'neither read nor write the cache of per-file results')
    .option('--cache-dir <dir>', 'where the cache lives (default: $ASYNC_FIX_CACHE_DIR, else the user cache dir, e.g. ~/.cache/async-fix)')
    .option('-j, --jobs <n>', `worker threads for summarizing files (default: the available cores, ${os.availableParallelism()} here); 1 runs everything in one thread`)
    .option('--shard <i/n>', 'check only the i-th of n shares of the packages (1-based; for a CI matrix; outputs concatenate, see the README)')
    .option('-q, --quiet', 'no progress line on stderr')
    .option('-v, --verbose', 'print the time each phase took and the cache hits on stderr')
    .option('--list-rules', 'list the rules, whether they are enabled, and their measured precision')
    .addOption(new Option('--format <format>', 'output format: text (diffs and findings), json (one document), concise (a line per finding), github (Actions annotations), sarif (SARIF 2.1.0, for code scanning)').choices(['text', 'json', 'concise', 'github', 'sarif']).default('text'))
    .option('--stdin-filename <path>', 'read the source from stdin, as the file at PATH (for its crate and messages); with --yes, print the fixed source on stdout and the report on stderr')
    .option('-o, --output-file <file>', 'write the report to this file instead of stdout')
    .option('--statistics', 'print how many findings each rule has, and how many are fixable, instead of each finding')
    .option('--allow-dirty', 'fix files even if they have uncommitted changes in git')
    .option('--allow-read-only', 'write files that have no write permission for their owner (by default they are left alone)')
    .option('--verify', 'after writing, `cargo check` each changed package and roll back fixes that break its build; a package that did not build before is not written')
    .option('--broken-code', 'with --verify: write the fixes of a package that did not build before the run, unverified')
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
  program
    .command('merge')
    .description('merge the --format json reports of a sharded run (--shard i/n) into one, printed on stdout')
    .argument('<reports...>', 'report files, one per shard')
    .action((files: string[]) => {
      const docs = files.map((f) => {
        try {
          return JSON.parse(fs.readFileSync(f, 'utf8'));
        } catch (e) {
          throw new UsageError(`${f}: cannot read it as a JSON report (${(e as Error).message})`);
        }
      });
      try {
        process.stdout.write(JSON.stringify(mergeReports(docs), null, 2) + '\n');
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
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
  // The conventions of https://no-color.org and https://force-color.org: NO_COLOR wins, FORCE_COLOR colors a piped log (CI).
  if (process.env.NO_COLOR) return pc.createColors(false);
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return pc.createColors(true);
  return pc.createColors(pc.isColorSupported && !!process.stdout.isTTY);
}

function selectRules(opts: Options, config: Config): RuleState[] {
  const parse = (list?: string) => (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const only = parse(opts.rule);
  const skip = parse(opts.skip);
  for (const id of [...only, ...skip]) {
    if (!findRule(id)) throw new UsageError(`unknown rule \`${id}\`; run \`async-fix --list-rules\` to see them`);
  }
  return ruleStates(allRules, config, { only, skip, preview: !!opts.preview });
}

async function run(paths: string[], opts: Options): Promise<number> {
  const c = colors(opts.color);
  const config = loadConfig({ paths, explicit: opts.config, cwd: process.cwd(), ruleIds: allRules.map((r) => r.id) });
  const states = selectRules(opts, config);
  const rules = states.filter((s) => s.enabled).map((s) => s.rule);
  const ruleOptions = resolveRuleOptions(config, opts.maxConcurrency, !!opts.includeTests, !!opts.preview);
  const shard = opts.shard === undefined ? null : parseShard(opts.shard);
  if (shard instanceof Error) throw new UsageError(shard.message);
  const jobs = opts.jobs === undefined ? os.availableParallelism() : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of at least 1, not \`${opts.jobs}\``);
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
  if (opts.stdinFilename !== undefined) {
    if (mode === 'review') throw new UsageError('--stdin-filename needs --dry-run, --check or --yes (the review reads answers from the terminal)');
    if (paths.length !== 1 || paths[0] !== '.') throw new UsageError('--stdin-filename takes the source from stdin: give no PATH arguments');
  }
  if (mode === 'review' && opts.format !== 'text') throw new UsageError(`--format ${opts.format} needs --dry-run, --check or --yes`);
  if (opts.statistics && opts.format !== 'text') throw new UsageError('--statistics is a text report; it cannot be combined with --format');

  const started = performance.now();
  const interrupt = new Interrupt();
  try {
    return await runChecked(paths, opts, { c, config, rules, ruleOptions, mode, interrupt, started, shard, jobs });
  } finally {
    interrupt.dispose();
  }
}

interface RunSetup {
  c: Colors;
  config: Config;
  rules: Rule[];
  ruleOptions: RuleOptions;
  mode: RunReport['mode'];
  interrupt: Interrupt;
  started: number;
  shard: { index: number; count: number } | null;
  jobs: number;
}

async function runChecked(paths: string[], opts: Options, { c, config, rules, ruleOptions, mode, interrupt, started, shard, jobs }: RunSetup): Promise<number> {
  await initParser();
  const cwd = process.cwd();
  // From stdin, the fixed text goes to stdout: no file is written.
  const stdin = opts.stdinFilename !== undefined;
  const writes = !stdin && (mode === 'yes' || mode === 'review');
  const log = (msg: string) => opts.verbose && process.stderr.write(`async-fix: ${msg}\n`);
  for (const w of config.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  const loaded = stdin ? { ...loadStdin(opts.stdinFilename!, cwd), missing: [], empty: [], staleTemps: [] } : loadFiles(paths, cwd, excludeMatcher(config), { ignoreFiles: opts.ignore });
  // The other shards' files still say who calls this shard's fns, and where (run-context.ts): phase 1 plans over them all.
  const walked = loaded.files;
  if (shard) loaded.files = shardFiles(loaded.files, shard, cwd);
  const inShard = new Set(loaded.files);
  log(`read ${loaded.files.length} files in ${seconds(started)}`);
  // Review mode asks per fix: only its first look at every file (a bulk pass) goes through the cache, not the passes the answers steer.
  const cache = opts.cache ? new ContentCache(opts.cacheDir ? path.resolve(opts.cacheDir) : defaultCacheDir()) : null;
  const checked = (f: LoadedFile) => inShard.has(f) && (!opts.prefilter || mayHoldFindings(f.text, rules));
  const progress = new Progress(process.stderr, !opts.quiet && !opts.verbose && opts.format === 'text' && mode !== 'review');
  progress.phase('summarizing', 0);
  const phase1 = performance.now();
  const summaries = cache ? new SummaryStore(cache) : undefined;
  const plan = planModels(walked, cwd, { checked, crates: loaded.crates });
  const pending = toSummarize(plan, summaries);
  const tick = () => progress.tick();
  const pool = jobs > 1 && pending.length >= POOL_MIN_FILES ? await summarizeInWorkers(pending, jobs, tick) : undefined;
  const summarized = pool?.summarized;
  buildModels(plan, { cache: summaries, onSummary: summarized ? undefined : tick, summarized });
  const kept = keptTrees();
  log(
    `phase 1 (summaries) in ${seconds(phase1)}${summarized ? ` on ${jobs} worker threads (${pool!.failed ? `${pool!.failed} files of failed batches redone here` : 'none failed'})` : ''}${summaries ? `, cache ${summaries.hits} hits / ${summaries.misses} misses` : ''}; ` +
      `${kept.count} trees kept for phase 2 (${(kept.bytes / 1048576).toFixed(1)} MB)`,
  );
  for (const m of loaded.missing) process.stderr.write(`error: ${m}: no such file or directory\n`);
  // --check is a gate: a file it could not look at must not pass for a clean one.
  const uncheckedIsError = mode === 'check';
  for (const s of loaded.skipped) process.stderr.write(`${s.unchecked && uncheckedIsError ? 'error' : 'warning'}: ${s.path}: ${s.reason}\n`);
  for (const d of loaded.empty) process.stderr.write(`warning: ${d}: no Rust (.rs) files found; nothing to check there\n`);
  reportStaleTemps(loaded.staleTemps, writes, cwd);
  const report: RunReport = { mode, unsafeFixes: !!opts.unsafeFixes, files: [], skipped: loaded.skipped, declined: 0, seconds: 0 };

  if (mode === 'review') {
    const code = await reviewAll(loaded.files, rules, opts, c, report, ruleOptions, cache);
    if (code !== EXIT_OK) return code;
  } else {
    const fixMode = opts.unsafeFixes ? 'unsafe' : 'safe';
    const changes: ManifestNeed[] = [];
    const phase2 = performance.now();
    const passOptions = { rules, fixMode, prefilter: opts.prefilter } as const;
    const outcomes = cache ? new OutcomeStore(cache, passOptions, ruleOptions) : null;
    progress.phase('checking', loaded.files.length);
    for (const f of loaded.files) {
      await interrupt.poll(); // a signal stops the run here, before anything is written
      const outcome = checkFile(f, passOptions, ruleOptions, outcomes);
      report.files.push(outcomeReport(f, outcome, changes));
      progress.tick();
    }
    outcomes?.flush();
    progress.done();
    log(`phase 2 (rules) in ${seconds(phase2)}${outcomes ? `, cache ${outcomes.hits} hits / ${outcomes.misses} misses` : ''}`);
    report.files.push(...manifestReports(changes, cwd));
    if (mode === 'yes' && writes) {
      const changed = report.files.filter((f) => f.newText !== f.text);
      if (!opts.allowDirty && refuseDirty(changed.map((f) => f.absolute), cwd)) return EXIT_ERROR;
    }
  }
  let rolledBack: number | null = 0;
  if (writes) {
    rolledBack = await writeReports(report, loaded.files, { verify: !!opts.verify, brokenCode: !!opts.brokenCode, allowReadOnly: !!opts.allowReadOnly, interrupt, cwd });
    if (rolledBack === null) {
      const done = report.files.filter((f) => f.written).length;
      const todo = report.files.filter((f) => f.newText !== f.text).length;
      process.stderr.write(
        `\nasync-fix: interrupted (${interrupt.signal}) after writing ${done} of ${todo} changed files; ` +
          'each file is either as it was or has all its fixes, and no temp file is left\n',
      );
      return interrupt.exitCode;
    }
  }
  report.seconds = (performance.now() - started) / 1000;
  if (stdin && mode === 'yes') {
    // The fixed text is the output: the fixes are applied there.
    for (const f of report.files) f.written = f.newText !== f.text;
    process.stdout.write(report.files[0]?.newText ?? '');
    process.stderr.write(render(opts, report, c));
  } else emit(opts, render(opts, report, c));
  if (loaded.missing.length || report.files.some((f) => f.errors.length && !f.rolledBack)) return EXIT_ERROR;
  if (uncheckedIsError && loaded.skipped.some((s) => s.unchecked)) return EXIT_ERROR;
  if (rolledBack > 0) return EXIT_FINDINGS;
  if (mode === 'check' && !opts.exitZero && report.files.some((f) => f.findings.length)) return EXIT_FINDINGS;
  return EXIT_OK;
}

function render(opts: Options, report: RunReport, c: Colors): string {
  if (opts.statistics) return renderStatistics(report);
  if (opts.format === 'json') return renderJson(report);
  if (opts.format === 'concise') return renderConcise(report);
  if (opts.format === 'github') return renderGithub(report);
  if (opts.format === 'sarif') return renderSarif(report, allRules, ownVersion(), process.cwd());
  return renderText(report, c);
}

/** The report on stdout, or in `--output-file` (written whole: a file that cannot be written is a usage error). */
function emit(opts: Options, text: string): void {
  if (!opts.outputFile) {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(opts.outputFile, text);
  } catch (e) {
    throw new UsageError(`cannot write the report to ${opts.outputFile}: ${(e as Error).message}`);
  }
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(3)} s`;
}

/** Temp files a killed run left: removed by a run that writes, named by one that does not. */
function reportStaleTemps(temps: string[], writes: boolean, cwd: string): void {
  for (const t of temps) {
    const name = path.relative(cwd, t) || t;
    if (!writes) {
      process.stderr.write(`warning: ${name}: a temp file left by an interrupted async-fix run; a run that writes removes it (or delete it)\n`);
      continue;
    }
    try {
      fs.rmSync(t);
      process.stderr.write(`warning: removed ${name}, a temp file left by an interrupted async-fix run\n`);
    } catch (e) {
      process.stderr.write(`warning: ${name}: a temp file left by an interrupted async-fix run could not be removed (${(e as Error).message})\n`);
    }
  }
}

async function reviewAll(files: LoadedFile[], rules: Rule[], opts: Options, c: Colors, report: RunReport, ruleOptions: RuleOptions, cache: ContentCache | null): Promise<number> {
  // Refuse before the first question, not after the user has answered them.
  const passOptions = { rules, fixMode: 'unsafe', prefilter: opts.prefilter } as const;
  const outcomes = cache ? new OutcomeStore(cache, passOptions, ruleOptions) : null;
  const all = new Map(files.map((f) => [f, checkFile(f, passOptions, ruleOptions, outcomes)]));
  outcomes?.flush();
  const fixable = files.filter((f) => all.get(f)!.newText !== f.text);
  const mayChange = [...fixable.map((f) => f.absolute), ...new Set([...all.values()].flatMap((o) => o.manifestChanges.map((m) => m.manifestPath)))];
  if (!opts.allowDirty && refuseDirty(mayChange, process.cwd())) return EXIT_ERROR;
  const session = new ReviewSession(rules, c, process.cwd());
  const changes: ManifestNeed[] = [];
  const reportOnly = { rules, fixMode: 'none', prefilter: opts.prefilter } as const;
  const reported = cache ? new OutcomeStore(cache, reportOnly, ruleOptions) : null;
  const fixes = fixable.reduce((n, f) => n + all.get(f)!.findings.filter((x) => x.applied).length, 0);
  for (const f of files) {
    session.position = { fixes, file: fixable.indexOf(f) + 1, files: fixable.length };
    const outcome = fixable.includes(f) && !session.quitting ? await session.reviewFile(f, ruleOptions) : checkFile(f, reportOnly, ruleOptions, reported);
    report.files.push(outcomeReport(f, outcome, changes));
  }
  reported?.flush();
  if (session.aborted) {
    process.stderr.write('\nasync-fix: review aborted (Ctrl-C); nothing was written\n');
    return EXIT_INTERRUPTED;
  }
  if (session.tally.size) process.stdout.write(`\n${session.summary()}`);
  report.files.push(...manifestReports(changes, process.cwd()));
  report.declined = session.declined;
  return EXIT_OK;
}

/** Phase 2 for one loaded file in a bulk pass, through the cache when there is one; the crate model is built only on a miss. */
function checkFile(f: LoadedFile, options: PassOptions, ruleOptions: RuleOptions, outcomes: OutcomeStore | null): FileOutcome {
  const input = { path: f.absolute, text: f.text, crate: f.crate, options: ruleOptions, get model() { return f.model; } };
  return outcomes ? outcomes.process(input, options, f.crate.packageRoot ?? path.dirname(f.absolute), f.modelKey) : processFile(input, options);
}

type ManifestNeed = Parameters<typeof manifestReports>[0][number];

/** A source file's report; the Cargo.toml changes its applied fixes need are collected into `changes`. */
function outcomeReport(f: LoadedFile, outcome: FileOutcome, changes: ManifestNeed[]): FileReport {
  for (const change of outcome.manifestChanges) changes.push({ change, owner: f.crate.manifestPath ?? change.manifestPath });
  const needs = [...new Set(outcome.manifestChanges.map((m) => m.manifestPath))];
  return { ...fileReport(f), findings: outcome.findings, newText: outcome.newText, errors: outcome.errors, ...(needs.length ? { needs } : {}) };
}

function fileReport(f: LoadedFile): FileReport {
  return { absolute: f.absolute, relative: f.relative, display: f.display, findings: [], text: f.text, digest: f.digest, newText: f.text, written: false, errors: [] };
}

function refuseDirty(files: string[], cwd: string): boolean {
  let dirty: ReturnType<typeof dirtyFiles>;
  try {
    dirty = dirtyFiles(files);
  } catch (e) {
    if (!(e instanceof GitStatusUnknown)) throw e;
    process.stderr.write(`error: cannot learn the git status of the files async-fix would change: ${e.message}.\nNothing was written; fix that, or pass --allow-dirty to write without the check.\n`);
    return true;
  }
  if (dirty.length === 0) return false;
  process.stderr.write(
    `error: ${dirty.length} file${dirty.length === 1 ? '' : 's'} that async-fix would change ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes:\n` +
      dirty.map((d) => `  * ${path.relative(cwd, d.file)} (${d.state})\n`).join('') +
      'Commit or stash them first so the fixes can be reviewed and reverted, or pass --allow-dirty.\n',
  );
  return true;
}
