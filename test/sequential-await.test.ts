import { beforeAll, describe, expect, it } from 'vitest';
import { NO_MANIFEST, type CrateFacts } from '../src/analysis/crate.js';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { sequentialAwait } from '../transforms/sequential-await/index.js';
import { TOKIO_FULL as TOKIO } from './support/crates.js';

beforeAll(async () => {
  await initParser();
});

const run = (text: string, crate: CrateFacts = TOKIO) => processFile({ path: 'x.rs', text, crate }, { rules: [sequentialAwait], fixMode: 'unsafe' });

describe('sequential-await', () => {
  it('keeps CRLF line endings in the join and the kept statements', () => {
    const text = 'async fn f() -> Option<u8> {\r\n    let a = x().await?;\r\n    let b = y().await;\r\n    Some(a + b)\r\n}\r\n';
    expect(run(text).newText).toBe('async fn f() -> Option<u8> {\r\n    let (a, b) = tokio::join!(x(), y());\r\n    let a = a?;\r\n    Some(a + b)\r\n}\r\n');
  });

  it('joins statements that share a line without breaking it', () => {
    const text = 'async fn f() -> u8 { let a = x().await; let b = y().await; a + b }\n';
    expect(run(text).newText).toBe('async fn f() -> u8 { let (a, b) = tokio::join!(x(), y()); a + b }\n');
  });

  it('keeps a comment written inside a statement by keeping the statement', () => {
    const text = 'async fn f() -> u8 {\n    let a /* first */ = x().await;\n    let b = y().await;\n    a + b\n}\n';
    expect(run(text).newText).toBe('async fn f() -> u8 {\n    let (a, b) = tokio::join!(x(), y());\n    let a /* first */ = a;\n    a + b\n}\n');
  });

  it('ends a run at a comment line above a statement the join would delete, so the comment is not stranded', () => {
    // Found on hyper's decode.rs tests: a join across `// Invalid hex digit` left that comment after the join!.
    const text = 'async fn f() {\n    a().await;\n    b().await; // trailing\n    // the next group\n    c().await;\n    d().await;\n}\n';
    expect(run(text).newText).toBe('async fn f() {\n    tokio::join!(a(), b());\n    // trailing\n    // the next group\n    tokio::join!(c(), d());\n}\n');
    // Above a statement the join keeps (it has a `?`), the comment stays with it and the run goes on.
    const kept = 'async fn f() -> Option<u8> {\n    let a = x().await?;\n    // b is checked\n    let b = y().await?;\n    Some(a + b)\n}\n';
    expect(run(kept).newText).toBe('async fn f() -> Option<u8> {\n    let (a, b) = tokio::join!(x(), y());\n    let a = a?;\n    // b is checked\n    let b = b?;\n    Some(a + b)\n}\n');
  });

  it('names the joined awaits and the caveat in the message', () => {
    const [finding] = run('async fn f() { let a = x(1).await; let b = y(2).await; }\n').findings;
    expect(finding.message).toMatch(/^`x\(1\)` and `y\(2\)` are awaited one after another/);
    expect(finding.message).toContain('runs both to completion even if one fails');
    expect(finding.fix).toBe('unsafe');
  });

  it('uses futures::join! without tokio when futures is there, and reports without a fix when neither is', () => {
    const text = 'async fn f() -> u8 { let a = x().await; let b = y().await; a + b }\n';
    const noTokio: CrateFacts = { ...NO_MANIFEST, manifestPath: '/p/Cargo.toml', tokio: { status: 'unusable', reason: 'tokio is not a dependency of p' } };
    expect(run(text, { ...noTokio, futures: { path: 'futures' } }).newText).toContain('let (a, b) = futures::join!(x(), y());');
    const bare = run(text, noTokio);
    expect(bare.newText).toBe(text);
    expect(bare.findings).toMatchObject([{ fix: 'none', note: 'no fix: tokio is not a dependency of p' }]);
  });

  it('asks for the macros feature and carries the Cargo.toml change on the fix', () => {
    const declaredIn = { manifestPath: '/p/Cargo.toml', table: ['dependencies'], key: 'tokio' };
    const crate: CrateFacts = { ...NO_MANIFEST, manifestPath: '/p/Cargo.toml', packageRoot: '/p', tokio: { status: 'usable', path: 'tokio', features: ['rt'], declaredIn } };
    const out = run('async fn f() { let a = x().await; let b = y().await; }\n', crate);
    expect(out.manifestChanges).toEqual([{ ...declaredIn, addFeatures: ['macros'] }]);
  });

  it('leaves sync code, a single await and awaits split by another statement alone', () => {
    for (const text of [
      'fn f() { let a = x(); let b = y(); }\n',
      'async fn f() { let a = x().await; }\n',
      'async fn f() { let a = x().await; log(); let b = y().await; }\n',
      'async fn f() { let a = x().await; let b = y(a).await; }\n',
    ]) {
      expect(run(text).findings).toEqual([]);
    }
  });

  it('survives deeply nested future expressions', () => {
    const deep = `${'g('.repeat(5000)}1${')'.repeat(5000)}`;
    const out = run(`async fn f() { let a = ${deep}.await; let b = y().await; }\n`);
    expect(out.errors).toEqual([]);
    expect(out.findings).toHaveLength(1);
  });
});
