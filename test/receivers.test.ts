import { beforeAll, describe, expect, it } from 'vitest';
import { NO_MANIFEST } from '../src/analysis/crate.js';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { isRefCell, lockKind, receiverType, senderKind, valueType } from '../src/analysis/receivers.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

/** The analysis of `src` and the receiver of the last `.<method>(` call in it. */
function receiverOf(src: string, method: string) {
  const file = new FileAnalysis('t.rs', src, parseRust(src).root, NO_MANIFEST);
  const calls = [...descendants(file.root)].filter((n) => n.type === 'field_expression' && file.text(n).endsWith(`.${method}`));
  const f = calls.at(-1)!;
  return { file, receiver: f.children.find((c) => c.field === 'value')! };
}

describe('receiver kinds', () => {
  it('reads a channel constructor tuple through use items and generic turbofish', () => {
    const { file, receiver } = receiverOf('use tokio::sync::mpsc;\nasync fn f() { let (tx, mut rx) = mpsc::channel::<u8>(8); tx.send(1).await.unwrap(); }', 'send');
    expect(receiverType(file, receiver)).toBe('tokio::sync::mpsc::Sender');
    expect(senderKind(file, receiver)).toBe('tokio-mpsc');
  });

  it('follows clones and tells the receiver half from the sender half', () => {
    const src = 'async fn f() { let (a, b) = async_channel::bounded(1); let c = a.clone(); c.send(1).await.unwrap(); b.send(2); }';
    expect(senderKind(...args(src, 'send', 0))).toBe('async-channel');
    const { file, receiver } = receiverOf(src, 'send');
    expect(receiverType(file, receiver)).toBe('async_channel::Receiver');
    expect(senderKind(file, receiver)).toBe('other');
  });

  it('reads parameter types and struct field types, looking through Arc and references', () => {
    const params = receiverOf('use std::sync::{Arc, Mutex};\nasync fn f(m: &Arc<Mutex<u8>>) { m.lock(); }', 'lock');
    expect(lockKind(params.file, params.receiver)).toBe('std');
    const field = receiverOf(
      'use parking_lot::Mutex;\nstruct S { m: std::sync::Arc<Mutex<u8>> }\nimpl S { async fn f(&self) { self.m.lock(); } }',
      'lock',
    );
    expect(lockKind(field.file, field.receiver)).toBe('parking_lot');
    const tokio = receiverOf('async fn f(m: std::sync::Arc<tokio::sync::Mutex<u8>>) { m.lock(); }', 'lock');
    expect(lockKind(tokio.file, tokio.receiver)).toBe('tokio');
  });

  it('reads constructors wrapped in Arc::new and RefCell bindings', () => {
    const m = receiverOf('use std::sync::{Arc, RwLock};\nasync fn f() { let m = Arc::new(RwLock::new(1)); m.write(); }', 'write');
    expect(lockKind(m.file, m.receiver)).toBe('std');
    const c = receiverOf('use std::cell::RefCell;\nuse std::rc::Rc;\nasync fn f() { let c = Rc::new(RefCell::new(1)); c.borrow_mut(); }', 'borrow_mut');
    expect(isRefCell(c.file, c.receiver)).toBe(true);
  });

  it('sees through a type alias (the crate model expands it)', () => {
    const { file, receiver } = receiverOf('type Tx = tokio::sync::mpsc::Sender<u8>;\nasync fn f(tx: Tx) { tx.send(1).await.unwrap(); }', 'send');
    expect(senderKind(file, receiver)).toBe('tokio-mpsc');
  });

  it('answers null when the tree does not tell (untyped closure params, unknown calls)', () => {
    for (const src of [
      'fn g() { let f = |tx| async move { tx.send(1).await.unwrap() }; }',
      'async fn f() { let tx = make(); tx.send(1).await.unwrap(); }',
    ]) {
      const { file, receiver } = receiverOf(src, 'send');
      expect(senderKind(file, receiver), src).toBeNull();
    }
  });

  it('valueType keeps the smart pointer that receiverType looks through', () => {
    const { file, receiver } = receiverOf('use std::rc::Rc;\nasync fn f() { let a = Rc::new(String::new()); let b = a.clone(); b.len(); }', 'len');
    expect(valueType(file, receiver)).toBe('std::rc::Rc');
    expect(receiverType(file, receiver)).toBe('String'); // prelude names resolve to themselves
  });

  it('uses the latest let that binds the name before the use', () => {
    const { file, receiver } = receiverOf(
      'async fn f() { let tx = tokio::sync::mpsc::unbounded_channel::<u8>().0; let (tx, _rx) = futures::channel::mpsc::channel::<u8>(1); tx.send(1); }',
      'send',
    );
    expect(senderKind(file, receiver)).toBe('futures-mpsc');
  });
});

function args(src: string, method: string, index: number): [FileAnalysis, ReturnType<typeof receiverOf>['receiver']] {
  const file = new FileAnalysis('t.rs', src, parseRust(src).root, NO_MANIFEST);
  const f = [...descendants(file.root)].filter((n) => n.type === 'field_expression' && file.text(n).endsWith(`.${method}`))[index];
  return [file, f.children.find((c) => c.field === 'value')!];
}
