import { beforeAll, describe, expect, it } from 'vitest';
import { SourceText } from '../src/analysis/source.js';
import { initParser, parseRust } from '../src/engine/parse.js';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { enclosingFnPath, findingKeys, offsetOf } from '../scripts/lib/finding-key.mjs';

/** The ecosystem ledger's finding keys (scripts/lib/finding-key.mjs): what they survive and what tells them apart. */

const SAMPLE = `use std::time::Duration;

struct Server;

impl Server {
    async fn run(&self) {
        std::thread::sleep(Duration::from_millis(5));
        std::thread::sleep(Duration::from_millis(5));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

mod jobs {
    async fn tick() {
        std::thread::sleep(Duration::from_millis(5));
    }
}
`;

const SLEEP = 'std::thread::sleep(Duration::from_millis(5))';

/** A finding over each `needle` in `text`, positioned the way the CLI's JSON reports it. */
function findingsOver(text: string, needle: string, rule = 'blocking-sleep') {
  const source = new SourceText(text);
  const out = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    const s = source.position(i);
    const e = source.position(i + needle.length);
    out.push({ rule, line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
  }
  return out;
}

const keysOf = (text: string, findings = findingsOver(text, SLEEP)) => findingKeys(text, parseRust(text).root, findings);

beforeAll(async () => {
  await initParser();
});

describe('finding keys', () => {
  it('name the enclosing fn with its impl, trait impl or module', () => {
    expect(keysOf(SAMPLE).map((k: { fnPath: string }) => k.fnPath)).toEqual(['Server::run', 'Server::run', '<Server as Drop>::drop', 'jobs::tick']);
  });

  it('are 16 hex digits and #k, the k-th identical finding of the file', () => {
    const keys = keysOf(SAMPLE).map((k: { key: string }) => k.key);
    expect(keys.every((k: string) => /^[0-9a-f]{16}#[1-9]\d*$/.test(k))).toBe(true);
    expect(keys[0].replace(/#\d+$/, '')).toBe(keys[1].replace(/#\d+$/, ''));
    expect([keys[0].endsWith('#1'), keys[1].endsWith('#2')]).toEqual([true, true]);
    expect(new Set(keys).size).toBe(4);
  });

  it('stay the same when lines are inserted above, or the code is re-indented', () => {
    const shifted = '// a header\n\nuse std::sync::Arc;\n' + SAMPLE.replace('    async fn run', '    fn other() {}\n\n    async fn run').replaceAll('\n    ', '\n  ');
    expect(keysOf(shifted).map((k: { key: string }) => k.key)).toEqual(keysOf(SAMPLE).map((k: { key: string }) => k.key));
  });

  it('differ for another rule, another text, or another fn', () => {
    const [base] = keysOf(SAMPLE);
    const [otherRule] = keysOf(SAMPLE, findingsOver(SAMPLE, SLEEP, 'blocking-io'));
    const changed = SAMPLE.replace('from_millis(5)', 'from_millis(6)');
    const [otherText] = keysOf(changed, findingsOver(changed, SLEEP.replace('5', '6')));
    const [renamed] = keysOf(SAMPLE.replace('async fn run', 'async fn serve'));
    for (const k of [otherRule, otherText, renamed]) expect(k.key).not.toBe(base.key);
  });

  it('are numbered in source order whatever order the findings come in', () => {
    const findings = findingsOver(SAMPLE, SLEEP);
    const reversed = keysOf(SAMPLE, [...findings].reverse()).reverse();
    expect(reversed).toEqual(keysOf(SAMPLE, findings));
  });

  it('locate columns the way the CLI counts them: characters, not UTF-16 units, and no BOM', () => {
    const text = '\ufefffn a() {}\nlet s = "é😀"; x();\n';
    const source = new SourceText(text);
    for (const offset of [1, 3, text.indexOf('x()'), text.indexOf(';')]) {
      const { line, column } = source.position(offset);
      expect(offsetOf(text, line, column)).toBe(offset);
    }
  });

  it('give code outside any fn an empty fn path', () => {
    const text = 'static X: u8 = 1;\n';
    expect(enclosingFnPath(parseRust(text).root, text, 10)).toBe('');
  });
});
