import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceText } from '../src/analysis/source.js';
import { initParser, parseRust } from '../src/engine/parse.js';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { mixedFile } from '../scripts/lib/scaling-inputs.mjs';
import { binPath, tempDir, TOKIO_MANIFEST, withoutPermissionOverride, writeTree } from './support/cli.js';

/**
 * Files the whole pipeline must survive without losing a byte, all in one
 * run next to an ordinary fixable file: each problem gets a message naming
 * its file and nothing else in the run is affected.
 */
const SLEEP = 'std::thread::sleep(std::time::Duration::ZERO)';
const FIXED = 'tokio::time::sleep(std::time::Duration::ZERO).await';
const fixable = (name: string) => `pub async fn ${name}() {\n    ${SLEEP};\n}\n`;

const root = tempDir('async-fix-hostile-');
const src = path.join(root, 'src');
const hash = (p: string) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

/** 5 MB: every 20th fn fixable, the rest small sync helpers (parsed in a worker, see src/engine/parse-in-worker.ts). */
const bigFile = (): string => mixedFile(5 * 1024 * 1024);

const files: Record<string, string | Buffer> = {
  'Cargo.toml': TOKIO_MANIFEST,
  'src/normal.rs': fixable('normal'),
  'src/empty.rs': '',
  'src/comments.rs': '// only a comment\n/* and a block\n   comment */\n//! inner doc\n',
  'src/crlf.rs': fixable('crlf').replace(/\n/g, '\r\n'),
  'src/bom.rs': '\uFEFF' + fixable('bom'),
  'src/latin1.rs': Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\n' + fixable('latin'))]),
  'src/binary.rs': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]),
  'src/big.rs': bigFile(),
  'src/deep.rs': `pub async fn deep() {\n${'{'.repeat(10_000)}${SLEEP};${'}'.repeat(10_000)}\n}\n`,
  'src/broken.rs': `pub fn broken( {\n}\n\n${fixable('next_to_error')}`,
  'src/unreadable.rs': fixable('unreadable'),
  'empty-dir/README.md': 'no Rust here\n',
};

let run: { code: number; stdout: string; stderr: string };
const before: Record<string, string> = {};

beforeAll(async () => {
  await initParser();
  writeTree(root, files);
  fs.symlinkSync(src, path.join(src, 'loop'));
  for (const rel of Object.keys(files)) before[rel] = hash(path.join(root, rel));
  fs.chmodSync(path.join(src, 'unreadable.rs'), 0o000);
  // Root reads any file: drop that power (not the uid, which may be the only one that can read the checkout).
  const cmd = [...withoutPermissionOverride(), process.execPath, binPath, '--yes', '--format', 'json', 'src', 'empty-dir', 'no-such-path'];
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  run = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}, 600_000);

describe('hostile input, one run', () => {
  it('exits 2 for the missing path, naming it, after doing the rest', () => {
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: no-such-path: no such file or directory');
    expect(read('src/normal.rs')).toBe(fixable('normal').replace(SLEEP, FIXED));
  });

  it('prints exactly one JSON document', () => {
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('skips invalid UTF-8, binary and unreadable files with their names and reasons, bytes untouched', () => {
    const doc = JSON.parse(run.stdout);
    expect(doc.skipped).toEqual(
      expect.arrayContaining([
        { path: 'src/latin1.rs', reason: expect.stringContaining('not valid UTF-8') },
        { path: 'src/binary.rs', reason: expect.stringContaining('binary file') },
        { path: 'src/unreadable.rs', reason: expect.stringContaining('permission denied') },
      ]),
    );
    for (const name of ['latin1.rs', 'binary.rs', 'unreadable.rs']) expect(run.stderr).toContain(`warning: src/${name}:`);
    fs.chmodSync(path.join(src, 'unreadable.rs'), 0o644);
    for (const rel of ['src/latin1.rs', 'src/binary.rs', 'src/unreadable.rs']) expect(hash(path.join(root, rel))).toBe(before[rel]);
  });

  it('leaves empty and comment-only files alone', () => {
    for (const rel of ['src/empty.rs', 'src/comments.rs']) expect(hash(path.join(root, rel))).toBe(before[rel]);
  });

  it('keeps CRLF and the BOM byte for byte outside the edit', () => {
    expect(read('src/crlf.rs')).toBe((files['src/crlf.rs'] as string).replace(SLEEP, FIXED));
    const bom = fs.readFileSync(path.join(src, 'bom.rs'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString('utf8')).toBe((files['src/bom.rs'] as string).replace(SLEEP, FIXED));
  });

  it('fixes every sleep in a 5 MB file and nothing else', () => {
    const original = files['src/big.rs'] as string;
    expect(original.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(read('src/big.rs')).toBe(original.split(SLEEP).join(FIXED));
  });

  it('handles 10,000 levels of nesting', () => {
    expect(read('src/deep.rs')).toBe((files['src/deep.rs'] as string).replace(SLEEP, FIXED));
  });

  it('fixes next to a syntax error without adding parse errors', () => {
    const original = files['src/broken.rs'] as string;
    const after = read('src/broken.rs');
    expect(after).toBe(original.replace(SLEEP, FIXED));
    expect(parseRust(after).errorCount).toBeLessThanOrEqual(parseRust(original).errorCount);
    expect(parseRust(original).errorCount).toBeGreaterThan(0);
  });

  it('walks through a symlink loop once and names a directory with no Rust files', () => {
    const doc = JSON.parse(run.stdout);
    const paths = doc.files.map((f: { path: string }) => f.path);
    expect(paths.filter((p: string) => p.includes('loop'))).toEqual([]);
    expect(new Set(paths).size).toBe(paths.length);
    expect(run.stderr).toContain('warning: empty-dir: no Rust (.rs) files found');
  });

  it('reports positions in a BOM file as rustc would (the BOM is not a column)', () => {
    const text = files['src/bom.rs'] as string;
    expect(new SourceText(text).position(text.indexOf('std::'))).toEqual({ line: 2, column: 5 });
    expect(new SourceText(text).position(1)).toEqual({ line: 1, column: 1 });
  });
});
