import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { NotReadable, readRegular } from '../engine/regular-file.js';
import { DEFAULT_MAX_CONCURRENCY } from './options.js';

/**
 * The project's async-fix settings: an `async-fix.toml`, or a
 * `[package.metadata.async-fix]` / `[workspace.metadata.async-fix]` table in
 * a Cargo.toml. Keys are kebab-case, like Cargo's.
 */
export interface Config {
  /** Absolute path of the file the settings came from; null when none was found (the defaults). */
  file: string | null;
  /** The Cargo.toml table holding them (`package.metadata.async-fix`); null for an async-fix.toml. */
  table: string | null;
  /** How output names the source: `async-fix.toml`, `crates/api/Cargo.toml [package.metadata.async-fix]`. */
  label: string | null;
  /** Run only these rules; null means every rule. */
  enable: string[] | null;
  /** Do not run these rules. */
  disable: string[];
  maxConcurrency: number;
  /** `preview = true`: also run the rules of the preview tier (see `Rule.tier`). */
  preview: boolean;
  /** `include-tests = true`: also report findings in test code for the rules that leave it out (see `Rule.testCodeOptIn`). */
  includeTests: boolean;
  /** gitignore-style patterns, relative to the config file's directory; matching files are not scanned. */
  exclude: string[];
  /** Files passed over while looking for the configuration (a FIFO named async-fix.toml), for the user to hear of. */
  warnings?: string[];
}

export const CONFIG_FILE = 'async-fix.toml';
export const KNOWN_KEYS = ['enable', 'disable', 'max-concurrency', 'preview', 'include-tests', 'exclude'] as const;
const METADATA_TABLES = ['package', 'workspace'].map((top) => [top, 'metadata', 'async-fix']);

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  file: null,
  table: null,
  label: null,
  enable: null,
  disable: [],
  maxConcurrency: DEFAULT_MAX_CONCURRENCY,
  preview: false,
  includeTests: false,
  exclude: [],
});

/** A configuration that cannot be used; the message names the file (and table) and the key. */
export class ConfigError extends Error {}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TomlDate);

interface Found {
  file: string;
  table: string | null;
  settings: Table;
}

export interface ConfigRequest {
  /** The PATH arguments: discovery starts at the first one. */
  paths: readonly string[];
  /** `--config FILE`: use this file and skip discovery. */
  explicit?: string;
  cwd: string;
  /** Every rule id this build knows, to check `enable` and `disable`. */
  ruleIds: readonly string[];
}

/**
 * Finds and reads the configuration. `--config` names the file; otherwise,
 * from the first PATH (its directory if it is a file) upward, the nearest
 * directory with an `async-fix.toml` or a Cargo.toml holding an async-fix
 * metadata table wins; in one directory `async-fix.toml` beats Cargo.toml,
 * and `[package.metadata.async-fix]` beats `[workspace.metadata.async-fix]`.
 * Nothing found means the defaults. Throws ConfigError for a bad file.
 */
export function loadConfig(req: ConfigRequest): Config {
  const display = (file: string) => path.relative(req.cwd, file) || path.basename(file);
  const warnings: string[] = [];
  const found = req.explicit !== undefined ? readExplicit(path.resolve(req.cwd, req.explicit), display) : discover(startDir(req.paths[0] ?? '.', req.cwd), display, warnings);
  if (!found) return { ...DEFAULT_CONFIG, warnings };
  return { ...validate(found, display(found.file), req.ruleIds), warnings };
}

function startDir(arg: string, cwd: string): string {
  const abs = path.resolve(cwd, arg);
  try {
    return fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  } catch {
    return abs; // a missing PATH is reported later; look for a config above it all the same
  }
}

function discover(start: string, display: (file: string) => string, warnings: string[]): Found | null {
  // Only regular files are read: opening a FIFO named async-fix.toml would block for ever.
  const isFile = (file: string) => {
    const kind = fileKind(file);
    if (kind !== 'file' && kind !== null) warnings.push(`${display(file)}: ${kind}, not a regular file; not read`);
    return kind === 'file';
  };
  for (let dir = start; ; dir = path.dirname(dir)) {
    const own = path.join(dir, CONFIG_FILE);
    if (isFile(own)) return { file: own, table: null, settings: parseFile(own, display) };
    const manifest = path.join(dir, 'Cargo.toml');
    // Only a manifest that mentions async-fix can hold our table; others are not parsed
    // here (a broken one is the crate loader's to report, file by file).
    if (fileKind(manifest) === 'file' && readText(manifest, display).includes('async-fix')) {
      const found = metadataTable(manifest, parseFile(manifest, display), display);
      if (found) return found;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function readExplicit(file: string, display: (file: string) => string): Found {
  const settings = parseFile(file, display);
  if (path.basename(file) !== 'Cargo.toml') return { file, table: null, settings };
  const found = metadataTable(file, settings, display);
  if (!found) throw new ConfigError(`${display(file)}: no [package.metadata.async-fix] or [workspace.metadata.async-fix] table to read the settings from`);
  return found;
}

function metadataTable(file: string, manifest: Table, display: (file: string) => string): Found | null {
  for (const keys of METADATA_TABLES) {
    let value: unknown = manifest;
    for (const k of keys) value = isTable(value) ? value[k] : undefined;
    if (value === undefined) continue;
    const table = keys.join('.');
    if (!isTable(value)) throw new ConfigError(`${display(file)}: \`${table}\` must be a table, found ${show(value)}`);
    return { file, table, settings: value };
  }
  return null;
}

/** 'file' for a regular file, null for nothing there, else what it is ('a FIFO (named pipe)', ...). */
function fileKind(file: string): 'file' | string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  if (st.isFile()) return 'file';
  return st.isDirectory() ? null : st.isFIFO() ? 'a FIFO (named pipe)' : 'a special file';
}

function readText(file: string, display: (file: string) => string): string {
  try {
    return readRegular(file).bytes.toString('utf8');
  } catch (e) {
    const why = e instanceof NotReadable ? e.message : String(e);
    throw new ConfigError(`${display(file)}: cannot read the config file: ${why.replace(/; skipped$/, '')}`);
  }
}

function parseFile(file: string, display: (file: string) => string): Table {
  const text = readText(file, display);
  try {
    // Integers as BigInt, so `max-concurrency = 10.0` (a float) can be told from `10`.
    return parseToml(text, { integersAsBigInt: true }) as Table;
  } catch (e) {
    const err = e as Error;
    const what = err.message.split('\n', 1)[0].replace(/^Invalid TOML document:\s*/, '');
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : '';
    throw new ConfigError(`${display(file)}: invalid TOML${where}: ${what}`);
  }
}

function validate(found: Found, name: string, ruleIds: readonly string[]): Config {
  const fail = (message: string): never => {
    throw new ConfigError(`${name}: ${found.table ? `[${found.table}] ` : ''}${message}`);
  };
  const config: Config = {
    ...DEFAULT_CONFIG,
    file: found.file,
    table: found.table,
    label: found.table ? `${name} [${found.table}]` : name,
  };
  const strings = (key: string, value: unknown, what: string): string[] => {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`${key} must be an array of ${what}, found ${show(value)}`);
    return value as string[];
  };
  const rules = (key: string, value: unknown): string[] => {
    const ids = strings(key, value, 'rule ids (strings)');
    const unknown = ids.find((id) => !ruleIds.includes(id));
    if (unknown !== undefined) fail(`${key}: unknown rule \`${unknown}\` (known rules: ${ruleIds.join(', ')})`);
    return ids;
  };
  for (const [key, value] of Object.entries(found.settings)) {
    switch (key) {
      case 'enable':
        config.enable = rules(key, value);
        break;
      case 'disable':
        config.disable = rules(key, value);
        break;
      case 'max-concurrency': {
        const n = typeof value === 'bigint' && value > 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
        if (n === null) fail(`max-concurrency must be a positive integer, found ${show(value)}`);
        config.maxConcurrency = n!;
        break;
      }
      case 'exclude':
        config.exclude = strings(key, value, 'gitignore-style patterns (strings)');
        break;
      case 'preview':
      case 'include-tests':
        if (typeof value !== 'boolean') fail(`${key} must be true or false, found ${show(value)}`);
        if (key === 'preview') config.preview = value as boolean;
        else config.includeTests = value as boolean;
        break;
      default: {
        const near = KNOWN_KEYS.find((k) => k === key.toLowerCase().replace(/_/g, '-'));
        fail(`unknown key \`${key}\`${near ? `; did you mean \`${near}\`?` : ''} (known keys: ${KNOWN_KEYS.join(', ')})`);
      }
    }
  }
  return config;
}

/** A TOML value as the user wrote it, for "found ..." in messages. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return Number.isInteger(v) ? v.toFixed(1) : String(v);
  }
  if (v instanceof TomlDate) return `the date ${v.toISOString()}`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return 'a table';
}

/**
 * The `exclude` patterns as a predicate over absolute paths, matched like a
 * .gitignore in the config file's directory; null when there are none.
 * Paths outside that directory are never excluded.
 */
export function excludeMatcher(config: Config): ((absolute: string, isDir: boolean) => boolean) | null {
  if (!config.file || config.exclude.length === 0) return null;
  const base = path.dirname(config.file);
  const ig = ignore().add(config.exclude);
  return (absolute, isDir) => {
    const rel = path.relative(base, absolute).split(path.sep).join('/');
    if (!rel || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return false;
    return ig.ignores(isDir ? `${rel}/` : rel);
  };
}
