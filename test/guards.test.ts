import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../src/engine/edits.js';
import { awaitingMacros } from '../src/analysis/flow.js';
import { guardValue, heldAcrossAwait } from '../src/analysis/guards.js';
import { SourceText } from '../src/analysis/source.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

/** Whether the guard from the first `m.lock()` in `body` is held across an await, and how. */
function held(body: string) {
  const text = `async fn f(m: &std::sync::Mutex<Vec<u8>>) {\n${body}\n}\n`;
  const source = new SourceText(text);
  const acquire = [...descendants(parseRust(text).root)].find((n) => n.type === 'call_expression' && source.of(n) === 'm.lock()')!;
  return { text, result: heldAcrossAwait(guardValue(acquire, source), source), source };
}

describe('guards held across an await', () => {
  it('sees a let-bound guard held across a later await and scopes it in a block', () => {
    const { text, result, source } = held('    let mut g = m.lock().unwrap();\n    g.push(1);\n\n    g.push(2); // two\n    tick().await;\n    done();');
    expect(result?.binding?.name).toBe('g');
    expect(result?.usedAfterAwait).toBe(false);
    expect(source.of(result!.await)).toBe('tick().await');
    const edits = 'edits' in result!.scopeFix ? result!.scopeFix.edits : [];
    expect(applyEdits(text, edits)).toBe(
      'async fn f(m: &std::sync::Mutex<Vec<u8>>) {\n    {\n        let mut g = m.lock().unwrap();\n        g.push(1);\n\n        g.push(2); // two\n    }\n    tick().await;\n    done();\n}\n',
    );
  });

  it('gives no scoping edit when the guard, or a value declared under it, is used after the await', () => {
    const used = held('    let g = m.lock().unwrap();\n    tick().await;\n    g.len();').result!;
    expect(used.usedAfterAwait).toBe(true);
    expect('reason' in used.scopeFix).toBe(true);
    const escaping = held('    let g = m.lock().unwrap();\n    let n = g.len();\n    tick().await;\n    use_it(n);').result!;
    expect(escaping.usedAfterAwait).toBe(false);
    expect('reason' in escaping.scopeFix && escaping.scopeFix.reason).toMatch(/`n`/);
    const underscore = held('    let _g = m.lock().unwrap();\n    tick().await;').result!;
    expect('reason' in underscore.scopeFix && underscore.scopeFix.reason).toMatch(/`_g`/);
    const span = held('    let g = m.lock().unwrap();\n    let _enter = g.len();\n    tick().await;').result!;
    expect('reason' in span.scopeFix && span.scopeFix.reason).toMatch(/`_enter`/);
  });

  it('ends a guard at drop(g), at its block and at the end of a temporary statement', () => {
    expect(held('    let g = m.lock().unwrap();\n    drop(g);\n    tick().await;').result).toBeNull();
    expect(held('    {\n        let g = m.lock().unwrap();\n    }\n    tick().await;').result).toBeNull();
    expect(held('    let n = m.lock().unwrap().len();\n    tick().await;').result).toBeNull();
    expect(held('    let _ = m.lock().unwrap();\n    tick().await;').result).toBeNull();
    expect(held('    if m.lock().unwrap().is_empty() {\n        tick().await;\n    }').result).toBeNull();
  });

  it('holds temporaries of the awaited statement, a match scrutinee and a while-let condition', () => {
    for (const body of [
      '    send(m.lock().unwrap().len()).await;',
      '    match m.lock().unwrap().first() {\n        Some(_) => tick().await,\n        None => {}\n    }',
      '    while let Some(x) = m.lock().unwrap().pop() {\n        work(x).await;\n    }',
      '    if let Some(x) = m.lock().unwrap().pop() {\n        work(x).await;\n    }',
    ]) {
      const r = held(body).result;
      expect(r?.binding, body).toBeNull();
      expect(r && 'reason' in r.scopeFix, body).toBe(true);
    }
  });

  it('ignores awaits of nested async blocks and closures', () => {
    expect(held('    let g = m.lock().unwrap();\n    let fut = async { tick().await };\n    g.len();').result).toBeNull();
  });

  it('counts a select! or join! as an await point: they await the futures they are given', () => {
    const r = held('    let g = m.lock().unwrap();\n    tokio::select! {\n        _ = tick() => {}\n    }\n    g.len();').result;
    expect(r?.binding?.name).toBe('g');
    expect(r?.await.type).toBe('macro_invocation');
    const joined = held('    let g = m.lock().unwrap();\n    futures::join!(tick(), tick());\n    g.len();').result;
    expect(joined?.await.type).toBe('macro_invocation');
  });

  it('counts an await written inside a macro call as an await point', () => {
    const r = held('    let g = m.lock().unwrap();\n    assert!(ready().await);\n    other();').result;
    expect(r?.binding?.name).toBe('g');
    // The macro's body parses as code: the await point is the `.await` itself, inside it.
    expect(r?.await.type).toBe('await_expression');
    expect(r?.await.parent?.type).toBe('macro_body');
    const src = 'async fn f() { assert!(a().await); println!("{}", 1); let c = async { b().await }; }';
    const root = parseRust(src).root;
    const body = [...descendants(root)].find((n) => n.type === 'block')!;
    expect(awaitingMacros(body, src).map((n) => src.slice(n.start, n.end))).toEqual(['assert!(a().await)']);
  });
});
