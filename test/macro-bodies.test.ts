import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import type { Edit, Rule } from '../src/rule.js';
import { allRules } from '../transforms/index.js';
import { runCli, tempDir, TOKIO_MANIFEST, writeTree } from './support/cli.js';
import { TOKIO_FULL as CRATE } from './support/crates.js';

/**
 * The parser side of macro bodies (src/engine/macro-bodies.ts): which
 * bodies are parsed again as code, the nodes hung under the invocation and
 * their offsets in the file, what is left alone, and the engine's guards
 * around fixes there (src/engine/pipeline.ts).
 */

beforeAll(async () => {
  await initParser();
});

const wrap = (body: string) => `async fn f() {\n${body}\n}\n`;

/** The invocations of `src` in source order (nested ones too), each with its parsed body, if any. */
function invocations(src: string) {
  const parsed = parseRust(src);
  const found = [...descendants(parsed.root)].filter((n) => n.type === 'macro_invocation').sort((a, b) => a.start - b.start);
  return { parsed, found: found.map((n) => ({ node: n, body: n.children.find((c) => c.type === 'macro_body') ?? null })) };
}

/** The body of the only (or `nth`) invocation named `name`. */
function bodyOf(src: string, name: string, nth = 0): SyntaxNode {
  const { found } = invocations(src);
  const named = found.filter((f) => src.slice(f.node.start, f.node.end).split('!')[0].split('::').at(-1) === name);
  const body = named[nth]?.body;
  if (!body) throw new Error(`no parsed body for ${name}! #${nth}`);
  return body;
}

/** A node as [type, field, text, start, end]. */
const shape = (src: string, n: SyntaxNode) => [n.type, n.field, src.slice(n.start, n.end), n.start, n.end] as const;

/** The expected shape of the piece written as `text` (its `nth` occurrence in `src`). */
function at(src: string, type: string, fieldName: string | null, text: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = src.indexOf(text, start + 1);
  if (start < 0) throw new Error(`no ${text} in source`);
  return [type, fieldName, text, start, start + text.length] as const;
}

describe('select! arms', () => {
  const src = wrap(
    [
      '    tokio::select! {',
      '        biased;',
      '        // a comment between arms',
      '        Some(job) = jobs.recv(), if !paused => { run(job).await; }',
      '        _ = &mut stop => break,',
      '        res = tokio::time::sleep(d) => std::thread::sleep(d),',
      '        else => { idle() }',
      '    }',
    ].join('\n'),
  );

  it('hangs one select_arm per arm under a macro_body, after the token tree, with pattern/value/condition/body fields', () => {
    const body = bodyOf(src, 'select');
    const invocation = body.parent!;
    expect(body.field).toBe('expansion');
    expect(invocation.children.at(-1)).toBe(body);
    const tokens = invocation.children.find((c) => c.type === 'token_tree')!;
    expect([body.start, body.end]).toEqual([tokens.start, tokens.end]);
    // `biased;` and the comment are the macro's own tokens: no node for them.
    expect(body.children.map((c) => c.type)).toEqual(['select_arm', 'select_arm', 'select_arm', 'select_arm']);
    const [first, second, third, last] = body.children;
    expect(first.children.map((c) => shape(src, c))).toEqual([
      at(src, 'tuple_struct_pattern', 'pattern', 'Some(job)'),
      at(src, 'call_expression', 'value', 'jobs.recv()'),
      at(src, 'unary_expression', 'condition', '!paused'),
      at(src, 'block', 'body', '{ run(job).await; }'),
    ]);
    expect(shape(src, first)).toEqual(at(src, 'select_arm', null, 'Some(job) = jobs.recv(), if !paused => { run(job).await; }'));
    // `_` is an unnamed token of the pattern, taken as the pattern all the same.
    expect(second.children.map((c) => shape(src, c))).toEqual([
      at(src, '_', 'pattern', '_'),
      at(src, 'reference_expression', 'value', '&mut stop'),
      at(src, 'break_expression', 'body', 'break'),
    ]);
    // A handler that is one expression ends before the arm's comma.
    expect(third.children.map((c) => shape(src, c))).toEqual([
      at(src, 'identifier', 'pattern', 'res'),
      at(src, 'call_expression', 'value', 'tokio::time::sleep(d)'),
      at(src, 'call_expression', 'body', 'std::thread::sleep(d)'),
    ]);
    // `else =>` has a handler and nothing else.
    expect(last.children.map((c) => shape(src, c))).toEqual([at(src, 'block', 'body', '{ idle() }')]);
    // The parsed nodes belong to the file's tree: parents lead back to the fn.
    const call = third.children[2];
    expect(call.parent).toBe(third);
    expect(third.parent).toBe(body);
    expect([...ancestorTypes(call)].slice(-3)).toEqual(['block', 'function_item', 'source_file']);
  });

  it('records where fixes may edit: futures, guards and handlers, never patterns or separators', () => {
    const { parsed } = invocations(src);
    expect(parsed.macros).toMatchObject({ analyzed: 1, skipped: 0 });
    const [region] = parsed.macros.regions;
    expect(region.name).toBe('select');
    expect(src.slice(region.start, region.end)).toMatch(/^\{\n {8}biased;[^]*\}$/);
    expect(region.editable.map((e) => src.slice(e.start, e.end))).toEqual([
      'jobs.recv()',
      '!paused',
      '{ run(job).await; }',
      '&mut stop',
      'break',
      'tokio::time::sleep(d)',
      'std::thread::sleep(d)',
      '{ idle() }',
    ]);
  });

  it("parses futures::select!'s `complete =>` and `default =>` arms like `else =>`, and select_biased!", () => {
    const fsrc = wrap('    futures::select! {\n        x = a.next() => x,\n        complete => break,\n        default => nap(d),\n    }\n    futures::select_biased! { y = b => y }');
    const body = bodyOf(fsrc, 'select');
    expect(body.children.map((arm) => arm.children.map((c) => [c.field, fsrc.slice(c.start, c.end)]))).toEqual([
      [['pattern', 'x'], ['value', 'a.next()'], ['body', 'x']],
      [['body', 'break']],
      [['body', 'nap(d)']],
    ]);
    expect(bodyOf(fsrc, 'select_biased').children.map((arm) => arm.children.map((c) => c.field))).toEqual([['pattern', 'value', 'body']]);
    expect(parseRust(fsrc).macros).toMatchObject({ analyzed: 2, skipped: 0 });
  });

  it('skips, whole, a select! with an arm it cannot read', () => {
    for (const bad of ['_ = a() b()', 'x => y', '= a() => {}', '_ = a(), if => {}', '_ = => {}', '_ = a() =>']) {
      const s = wrap(`    tokio::select! { ${bad} }`);
      const { parsed, found } = invocations(s);
      expect(found[0].body, bad).toBeNull();
      expect(parsed.macros, bad).toMatchObject({ analyzed: 0, skipped: 1, regions: [] });
    }
  });
});

describe('comma-separated expressions', () => {
  it('join!/try_join!/futures::join!: one node per future, at its offsets, a trailing comma allowed', () => {
    const src = wrap('    let (a, b) = tokio::join!(load(1), async { nap(d); 2 });\n    tokio::try_join!(x(), y(),)?;\n    futures::join!(z());');
    expect(bodyOf(src, 'join').children.map((c) => shape(src, c))).toEqual([
      at(src, 'call_expression', null, 'load(1)'),
      at(src, 'async_block', null, 'async { nap(d); 2 }'),
    ]);
    expect(bodyOf(src, 'try_join').children.map((c) => shape(src, c))).toEqual([at(src, 'call_expression', null, 'x()'), at(src, 'call_expression', null, 'y()')]);
    expect(bodyOf(src, 'join', 1).children.map((c) => shape(src, c))).toEqual([at(src, 'call_expression', null, 'z()')]);
  });

  it('join! in braces is still a list of futures, not a block', () => {
    const src = wrap('    tokio::join! { a(), b() };');
    expect(bodyOf(src, 'join').children.map((c) => c.type)).toEqual(['call_expression', 'call_expression']);
  });

  it('format, write and assert macros: every argument, the format string included, as an expression', () => {
    const src = wrap('    write!(out, "{x} {}", fs::read(p)?.len())?;\n    assert_eq!(a(), 2, "at {}", p.display());\n    debug_assert!(!ok);');
    expect(bodyOf(src, 'write').children.map((c) => shape(src, c))).toEqual([
      at(src, 'identifier', null, 'out'),
      at(src, 'string_literal', null, '"{x} {}"'),
      at(src, 'call_expression', null, 'fs::read(p)?.len()'),
    ]);
    expect(bodyOf(src, 'assert_eq').children.map((c) => src.slice(c.start, c.end))).toEqual(['a()', '2', '"at {}"', 'p.display()']);
    expect(bodyOf(src, 'debug_assert').children.map((c) => shape(src, c))).toEqual([at(src, 'unary_expression', null, '!ok')]);
  });

  it('vec![x; n]: the element and the count; vec![a, b]: both elements', () => {
    const src = wrap('    let a = vec![read(p)?; 2];\n    let b = vec![one(), two()];');
    expect(bodyOf(src, 'vec').children.map((c) => shape(src, c))).toEqual([at(src, 'try_expression', null, 'read(p)?'), at(src, 'integer_literal', null, '2')]);
    expect(bodyOf(src, 'vec', 1).children.map((c) => src.slice(c.start, c.end))).toEqual(['one()', 'two()']);
  });

  it('matches!: the scrutinee only; the pattern and its guard are the macro\'s own', () => {
    const src = wrap('    let ok = matches!(meta(p), Ok(m) if m.len() > 0);');
    const body = bodyOf(src, 'matches');
    expect(body.children.map((c) => shape(src, c))).toEqual([at(src, 'call_expression', null, 'meta(p)')]);
    const [region] = parseRust(src).macros.regions;
    expect(region.editable.map((e) => src.slice(e.start, e.end))).toEqual(['meta(p)']);
  });

  it("log and tracing: the values, not `target:`, field names (`name =`, `a.b =`, `\"a\" =`) or the `%`/`?` sigils", () => {
    const src = wrap(
      [
        '    log::warn!(target: "cfg", "old {}", old(p));',
        '    tracing::info!(target: "cfg", generation, size = len(p), "done");',
        '    tracing::debug!(path = %p.display(), body = ?read(p), %id, ?id, "x");',
        '    tracing::warn!(config.len = n(), "quoted" = q(), parent: None, "y");',
        '    let s = tracing::info_span!("reload", bytes = b());',
      ].join('\n'),
    );
    const values = (name: string, nth = 0) => bodyOf(src, name, nth).children.map((c) => src.slice(c.start, c.end));
    expect(values('warn')).toEqual(['"old {}"', 'old(p)']);
    expect(values('info')).toEqual(['generation', 'len(p)', '"done"']);
    expect(values('debug')).toEqual(['p.display()', 'read(p)', 'id', 'id', '"x"']);
    expect(values('warn', 1)).toEqual(['n()', 'q()', '"y"']);
    expect(values('info_span')).toEqual(['"reload"', 'b()']);
    // The pieces start after the sigil: `%p.display()` is edited as `p.display()`.
    const debug = bodyOf(src, 'debug');
    expect(src[debug.children[0].start - 1]).toBe('%');
    expect(src[debug.children[1].start - 1]).toBe('?');
  });

  it('project macros: comma-separated expressions (wrap_err!, allow_err!, log_err!)', () => {
    const src = wrap('    wrap_err!(fs::write(&p, b))?;\n    allow_err!(tx.send(msg).await);\n    let v = log_err!("read back", fs::read(&p));');
    expect(bodyOf(src, 'wrap_err').children.map((c) => shape(src, c))).toEqual([at(src, 'call_expression', null, 'fs::write(&p, b)')]);
    expect(bodyOf(src, 'allow_err').children.map((c) => shape(src, c))).toEqual([at(src, 'await_expression', null, 'tx.send(msg).await')]);
    expect(bodyOf(src, 'log_err').children.map((c) => shape(src, c))).toEqual([
      at(src, 'string_literal', null, '"read back"'),
      at(src, 'call_expression', null, 'fs::read(&p)'),
    ]);
  });
});

describe('blocks', () => {
  it('a body in braces that parses as statements is one block, spanning the braces', () => {
    const src = wrap('    timed! {\n        let x = a();\n        nap(d);\n    }\n    tokio::pin! {\n        let later = async { 1 };\n    }');
    const body = bodyOf(src, 'timed');
    expect(body.children.map((c) => shape(src, c))).toEqual([at(src, 'block', null, '{\n        let x = a();\n        nap(d);\n    }')]);
    expect(body.children[0].children.filter((c) => c.named).map((c) => c.type)).toEqual(['let_declaration', 'expression_statement']);
    expect(bodyOf(src, 'pin').children.map((c) => c.type)).toEqual(['block']);
  });

  it('a block in parentheses is one expression', () => {
    const src = wrap('    timed!({ nap(d) });');
    expect(bodyOf(src, 'timed').children.map((c) => shape(src, c))).toEqual([at(src, 'block', null, '{ nap(d) }')]);
  });
});

describe('nesting', () => {
  it('parses a macro inside a parsed body, at its offsets, with regions for both', () => {
    const src = wrap('    println!("{:?}", vec![format!("{}", read(p)?), s]);');
    const outer = bodyOf(src, 'println');
    const vec = outer.children[1];
    expect(shape(src, vec)).toEqual(at(src, 'macro_invocation', null, 'vec![format!("{}", read(p)?), s]'));
    const vecBody = vec.children.find((c) => c.type === 'macro_body')!;
    const format = vecBody.children[0];
    expect(format.type).toBe('macro_invocation');
    const formatBody = format.children.find((c) => c.type === 'macro_body')!;
    expect(formatBody.children.map((c) => shape(src, c))).toEqual([at(src, 'string_literal', null, '"{}"'), at(src, 'try_expression', null, 'read(p)?')]);
    expect(formatBody.children[1].parent).toBe(formatBody);
    const { macros } = parseRust(src);
    expect(macros).toMatchObject({ analyzed: 3, skipped: 0 });
    expect(macros.regions.map((r) => r.name)).toEqual(['println', 'vec', 'format']);
  });

  it('a select! handler and a join! future hold macros of their own', () => {
    const src = wrap('    tokio::select! {\n        _ = tokio::join!(a(), b()) => { log::info!("{}", c()); }\n    }');
    const { macros } = parseRust(src);
    expect(macros.regions.map((r) => r.name).sort()).toEqual(['info', 'join', 'select']);
    expect(macros.analyzed).toBe(3);
  });
});

describe('left alone', () => {
  it('never parses a macro_rules! body, nor the invocations inside it, and counts neither', () => {
    const src = 'macro_rules! nap {\n    ($d:expr) => {\n        println!("{:?}", std::thread::sleep($d));\n        tokio::select! { _ = a() => {} }\n    };\n}\n' + wrap('    macro_rules! inner { () => { format!("{}", x()) }; }');
    const { parsed } = invocations(src);
    expect(parsed.macros).toEqual({ regions: [], analyzed: 0, skipped: 0 });
    expect([...descendants(parsed.root)].some((n) => n.type === 'macro_body')).toBe(false);
  });

  it('skips, silently, bodies that are not expressions, arms or a block (or have a token missing); their token trees stay as they were', () => {
    const src = wrap(
      [
        '    every!(Duration::from_millis(5) => nap(d));',
        '    retry!(3 times { nap(d); });',
        '    steps! { settle: nap(d); cool: nap(d); }',
        '    weird!(a b c);',
        '    log_err!("x", read(p) +);',
        '    println!("ok {}", ok());',
      ].join('\n'),
    );
    const { parsed, found } = invocations(src);
    expect(found.map((f) => f.body !== null)).toEqual([false, false, false, false, false, true]);
    expect(parsed.macros).toMatchObject({ analyzed: 1, skipped: 5 });
    expect(parsed.macros.regions.map((r) => r.name)).toEqual(['println']);
    const every = found[0].node;
    expect(every.children.map((c) => c.type)).toEqual(['identifier', '!', 'token_tree']);
  });

  it('skips macros whose body is another language or the crate model\'s (quote!, json!, lazy_static!), and parses items at module level', () => {
    const src = 'lazy_static::lazy_static! { static ref X: u8 = 1; }\nitems! { fn g() {} }\n' + wrap('    let q = quote::quote!(a + b);\n    let j = serde_json::json!({ "a": a() });');
    const { parsed } = invocations(src);
    // `items! { .. }` at module level is items (tokio's `cfg_rt! { .. }`); the opaque ones are skipped.
    expect(parsed.macros).toMatchObject({ analyzed: 1, skipped: 3 });
    const body = [...descendants(parsed.root)].find((n) => n.type === 'macro_body')!;
    expect(body.children.map((c) => c.type)).toEqual(['declaration_list']);
    const fn = body.children[0].children.find((c) => c.type === 'function_item')!;
    expect(src.slice(fn.start, fn.end)).toBe('fn g() {}');
  });

  it('does not crash on odd bodies: empty, unbalanced inside strings, only separators, deeply nested', () => {
    for (const body of ['m!()', 'm!(,)', 'm!(;)', 'vec![;]', 'tokio::select! {}', 'tokio::select! { biased; }', 'matches!()', 'log::info!(target: "x")']) {
      const src = wrap(`    ${body};`);
      expect(parseRust(src).macros, body).toMatchObject({ analyzed: 0, skipped: 1, regions: [] });
    }
    // A delimiter inside a string is text: the body is one string.
    expect(parseRust(wrap('    m!(")");')).macros).toMatchObject({ analyzed: 1, skipped: 0 });
    // Nested invocations are parsed six levels deep; the rest stay tokens.
    const nested = wrap(`    ${'f!('.repeat(12)}x${')'.repeat(12)};`);
    expect(parseRust(nested).macros).toMatchObject({ analyzed: 6, skipped: 0 });
  });
});

/** A rule that offers one fix with the given edits at the first node of `type` inside a macro body (written as `text`, if given). */
function editingRule(type: string, edits: (src: string, node: SyntaxNode) => Edit[], text?: string): Rule {
  return {
    id: 'test-macro-edit',
    summary: 'test',
    fixSafety: 'safe',
    docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '' },
    check(file) {
      // Once its fix is in (`.await` after the call), a node is not offered again.
      const node = file.nodesOfType(type).find((n) => [...ancestorTypes(n)].includes('macro_body') && n.parent?.type !== 'await_expression' && (text === undefined || file.text(n) === text));
      return node ? [{ node, message: 'test', fix: { safety: 'safe', title: 'test', edits: edits(file.source.text, node) } }] : [];
    },
  };
}

describe('fixes in macro bodies (the engine)', () => {
  const src = wrap('    tokio::select! {\n        Some(job) = jobs.recv() => std::thread::sleep(d),\n    }');

  it('applies an edit inside a parsed piece', () => {
    const rule = editingRule('call_expression', (_, n) => [{ start: n.end, end: n.end, text: '.await' }], 'jobs.recv()');
    const out = processFile({ path: 't.rs', text: src, crate: CRATE }, { rules: [rule], fixMode: 'safe' });
    expect(out.errors).toEqual([]);
    expect(out.findings.map((f) => f.applied)).toEqual([true]);
    expect(out.newText).toContain('Some(job) = jobs.recv().await => std::thread::sleep(d),');
  });

  it("refuses a fix that changes the macro's own tokens (a select! pattern), with the reason", () => {
    const rule = editingRule('tuple_struct_pattern', (s, n) => [{ start: n.start, end: n.end, text: s.slice(n.start, n.end).replace('job', 'next') }]);
    const out = processFile({ path: 't.rs', text: src, crate: CRATE }, { rules: [rule], fixMode: 'safe' });
    expect(out.errors).toEqual([]);
    expect(out.newText).toBe(src);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ applied: false, fix: 'none' });
    expect(out.findings[0].note).toBe("no fix: it would change the `select!` macro's own tokens (outside its arguments), which the macro may not accept");
  });

  it('refuses an edit that reaches from a piece into the separators, and one in a format macro\'s `name =` or sigil', () => {
    const straddle = editingRule('call_expression', (s, n) => [{ start: n.start, end: s.indexOf('=>', n.end) + 2, text: 'x =>' }]);
    expect(processFile({ path: 't.rs', text: src, crate: CRATE }, { rules: [straddle], fixMode: 'safe' }).findings[0].note).toMatch(/`select!` macro's own tokens/);
    const log = wrap('    tracing::info!(size = %len(p), "x");');
    const sigil = editingRule('call_expression', (_, n) => [{ start: n.start - 1, end: n.start, text: '?' }]);
    const out = processFile({ path: 't.rs', text: log, crate: CRATE }, { rules: [sigil], fixMode: 'safe' });
    expect(out.newText).toBe(log);
    expect(out.findings[0].note).toMatch(/`info!` macro's own tokens/);
  });

  it('allows an edit that replaces the whole invocation', () => {
    const rule = editingRule('call_expression', (_, n) => {
      const inv = [...ancestors(n)].find((a) => a.type === 'macro_invocation')!;
      return [{ start: inv.start, end: inv.end, text: 'idle().await' }];
    });
    const out = processFile({ path: 't.rs', text: src, crate: CRATE }, { rules: [rule], fixMode: 'safe' });
    expect(out.errors).toEqual([]);
    expect(out.newText).toBe(wrap('    idle().await'));
  });

  it('refuses, for the whole file, a fix that leaves a parsed body unparsable', () => {
    const rule = editingRule('call_expression', (_, n) => [{ start: n.end, end: n.end, text: ' +' }]);
    const text = wrap('    log_err!("x", fs::read(p));\n    std::thread::sleep(d);');
    const out = processFile({ path: 't.rs', text, crate: CRATE }, { rules: [rule, ...allRules.filter((r) => r.id === 'blocking-sleep')], fixMode: 'safe' });
    expect(out.newText).toBe(text);
    expect(out.findings.every((f) => !f.applied)).toBe(true);
    expect(out.errors).toEqual(['the fixes (test-macro-edit, blocking-sleep) would leave 1 macro body that no longer parse; no fix was applied to this file']);
  });
});

describe('the CLI over macro bodies', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('fixes inside a select! handler and a project macro, and leaves unparsable bodies alone without a word', () => {
    const root = tempDir();
    dirs.push(root);
    const lib = [
      'use std::path::Path;',
      'use std::time::Duration;',
      '',
      'macro_rules! wrap_err { ($e:expr) => { $e.map_err(|e| e) }; }',
      'macro_rules! every { ($d:expr => $b:expr) => { $b }; }',
      '',
      'pub async fn run(p: &Path, b: &[u8], mut rx: tokio::sync::mpsc::Receiver<u64>, d: Duration) -> std::io::Result<()> {',
      '    wrap_err!(std::fs::write(p, b))?;',
      '    every!(d => std::thread::sleep(d));',
      '    tokio::select! {',
      '        Some(_) = rx.recv() => std::thread::sleep(d),',
      '        else => {}',
      '    }',
      '    Ok(())',
      '}',
      '',
    ].join('\n');
    writeTree(root, { 'Cargo.toml': TOKIO_MANIFEST, 'src/lib.rs': lib });
    // blocking-fs is a preview rule: `--preview` runs it.
    const r = runCli(['--yes', '--preview', '--format', 'json', '.'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files[0].findings.map((f: { rule: string; line: number; applied: boolean }) => [f.rule, f.line, f.applied])).toEqual([
      ['blocking-fs', 8, true],
      ['blocking-sleep', 11, true],
    ]);
    const fixed = fs.readFileSync(path.join(root, 'src/lib.rs'), 'utf8');
    expect(fixed).toContain('    wrap_err!(tokio::fs::write(p, b).await)?;\n');
    expect(fixed).toContain('    every!(d => std::thread::sleep(d));\n');
    expect(fixed).toContain('        Some(_) = rx.recv() => tokio::time::sleep(d).await,\n');
  });
});

function* ancestors(n: SyntaxNode): Generator<SyntaxNode> {
  for (let p = n.parent; p; p = p.parent) yield p;
}

function* ancestorTypes(n: SyntaxNode): Generator<string> {
  for (const a of ancestors(n)) yield a.type;
}
