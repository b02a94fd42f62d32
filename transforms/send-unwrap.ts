import type { FileAnalysis } from '../src/analysis/file-analysis.js';
import { enclosingBody, enclosingLoop, loopLabel, ownNodes, returnTypeOf } from '../src/analysis/flow.js';
import { senderKind, type SenderKind } from '../src/analysis/receivers.js';
import { field, namedChildren, ofType } from '../src/analysis/syntax.js';
import type { SyntaxNode } from '../src/engine/parse.js';
import type { Rule, RuleFinding } from '../src/rule.js';

/** Senders whose `send(v)` is a future (tokio bounded, futures' `SinkExt::send`, async-channel). */
const ASYNC_SEND = new Set<SenderKind>(['tokio-mpsc', 'futures-mpsc', 'futures-unbounded', 'async-channel']);
/** Senders whose `send(v)` (or `unbounded_send(v)`) returns the Result at once. */
const SYNC_SEND: Record<string, ReadonlySet<SenderKind>> = {
  send: new Set(['tokio-unbounded']),
  unbounded_send: new Set(['futures-unbounded', 'futures-mpsc']),
};

interface SendUnwrap {
  /** `tx.send(v).await.unwrap()` */
  unwrap: SyntaxNode;
  /** `tx.send(v).await` or `tx.send(v)` */
  result: SyntaxNode;
  sender: SyntaxNode;
  awaited: boolean;
  method: string;
}

function sendUnwraps(file: FileAnalysis): SendUnwrap[] {
  const out: SendUnwrap[] = [];
  for (const unwrap of file.nodesOfType('call_expression')) {
    const f = field(unwrap, 'function');
    const m = f?.type === 'field_expression' ? field(f, 'field') : undefined;
    if (!f || !m || !['unwrap', 'expect'].includes(file.text(m))) continue;
    const result = field(f, 'value');
    if (!result) continue;
    const awaited = result.type === 'await_expression';
    const send = awaited ? namedChildren(result)[0] : result;
    const sf = send?.type === 'call_expression' ? field(send, 'function') : undefined;
    const method = sf?.type === 'field_expression' ? field(sf, 'field') : undefined;
    const sender = sf && field(sf, 'value');
    const args = send && namedChildren(field(send, 'arguments') ?? send);
    // A `send()` without an argument is a request builder, not a channel.
    if (!method || !sender || args?.length !== 1) continue;
    const name = file.text(method);
    if (name === 'send' || (name === 'unbounded_send' && !awaited)) out.push({ unwrap, result, sender, awaited, method: name });
  }
  return out;
}

/** How the enclosing code can stop when the channel is closed, or why it cannot. */
function exitFor(file: FileAnalysis, at: SyntaxNode, channel: string): { text: string } | { reason: string } {
  const loop = enclosingLoop(at);
  if (loop) {
    // `let x = loop { .. break v; }`: a bare `break` would not type-check.
    const valued = ofType(loop, 'break_expression').some((b) => namedChildren(b).some((c) => c.type !== 'label'));
    if (valued) return { reason: 'the enclosing `loop` breaks with a value' };
    const label = loopLabel(loop, file.source.text);
    return { text: label ? `break ${label};` : 'break;' };
  }
  const rt = returnTypeOf(at, file.source.text);
  if (!rt) {
    const body = enclosingBody(at);
    return body?.type === 'async_block' && returnsUnit(body)
      ? { text: 'return;' }
      : { reason: 'the enclosing async block or closure does not visibly return `()`' };
  }
  if (rt.owner.type === 'closure_expression') return { reason: 'inside a closure, whose return type is inferred' };
  if (rt.text === null) return { text: 'return;' };
  return errorReturn(file, field(rt.owner, 'return_type')!, channel);
}

/** An async block that ends in a statement and never returns a value or uses `?` evaluates to `()`. */
function returnsUnit(body: SyntaxNode): boolean {
  const block = namedChildren(body).find((c) => c.type === 'block');
  const last = block && namedChildren(block).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment').at(-1);
  if (!block || (last && !['expression_statement', 'let_declaration', 'empty_statement'].includes(last.type))) return false;
  // Closures, async blocks and fns inside have their own `?` and `return`.
  return !ownNodes(block).some((n) => n.type === 'try_expression' || (n.type === 'return_expression' && namedChildren(n).length > 0));
}

/**
 * The policy for a fn returning `Result`: an error its error type accepts
 * (anyhow, `io::Error`, `Box<dyn Error>`), or `Ok(())` when the fn returns
 * `Result<(), E>` with another `E`; otherwise no fix.
 */
function errorReturn(file: FileAnalysis, type: SyntaxNode, channel: string): { text: string } | { reason: string } {
  const msg = `"channel ${channel} closed: receiver dropped"`;
  const base = type.type === 'generic_type' ? field(type, 'type') : type;
  const args = type.type === 'generic_type' ? namedChildren(field(type, 'type_arguments') ?? type) : [];
  const path = base ? file.qualifiedName(base) ?? file.text(base) : null;
  const err = path === 'anyhow::Result' ? 'anyhow' : path === 'std::io::Result' ? 'io' : /^(?:std::result::)?Result$/.test(path ?? '') && args[1] ? errorKind(file, args[1]) : null;
  if (err === 'anyhow') return { text: `return Err(anyhow::anyhow!(${msg}));` };
  if (err === 'io') return { text: `return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, ${msg}));` };
  if (err === 'box') return { text: `return Err(${msg}.into());` };
  if (args[0]?.type === 'unit_type' && /Result$/.test(path ?? '')) return { text: 'return Ok(());' };
  return { reason: `the fn returns \`${file.text(type)}\`, and no error of that type can be written for a closed channel` };
}

function errorKind(file: FileAnalysis, t: SyntaxNode): 'anyhow' | 'io' | 'box' | null {
  if (t.type === 'generic_type' && file.text(field(t, 'type') ?? t) === 'Box') {
    const inner = namedChildren(field(t, 'type_arguments') ?? t)[0];
    return inner && /^dyn\s+(?:(?:::)?std::error::)?Error\b/.test(file.text(inner)) ? 'box' : null;
  }
  const p = t.type === 'type_identifier' || t.type === 'scoped_type_identifier' ? file.qualifiedName(t) : null;
  return p === 'anyhow::Error' ? 'anyhow' : p === 'std::io::Error' ? 'io' : null;
}

/** `tracing` or `log`, when the file already uses one: the fix adds one line naming the channel. */
function logger(file: FileAnalysis): string | null {
  for (const n of file.nodesOfType('identifier')) {
    if (n.field !== 'path' && n.parent?.type !== 'use_declaration') continue;
    const name = file.text(n);
    if (name === 'tracing' || name === 'log') return name;
  }
  return null;
}

export const sendUnwrap: Rule = {
  id: 'send-unwrap',
  tier: 'preview',
  // A sync `send(..).unwrap()` on a channel a task receives from is reported too, in sync code.
  prefilter: /send|async|await/,
  summary: '`tx.send(v).await.unwrap()` panics the task when the receiver is gone',
  fixSafety: 'safe',
  docs: {
    whatItDoes:
      'Finds `send(v).await.unwrap()` / `.expect(..)` on a channel sender (tokio mpsc, futures mpsc via `SinkExt::send`, async-channel) and `send(v).unwrap()` on a tokio unbounded sender.',
    whyIsThisBad:
      'Sending fails only when every receiver is gone, which is what happens at shutdown or when the consumer task has ended. `unwrap()` turns that normal event into a panic of the producing task, with a backtrace in the logs that looks like a bug.',
    example: 'for job in jobs {\n    tx.send(job).await.unwrap();\n}',
    useInstead: 'for job in jobs {\n    if tx.send(job).await.is_err() {\n        break;\n    }\n}',
    notes:
      'Test code (`#[test]`, `#[tokio::test]`, `#[cfg(test)]` modules, `tests/`) is left alone: there the panic is the assertion. Inside a loop the fix breaks out of it (a labelled loop by its label); otherwise it returns: `return;` from a fn returning `()`, and from a fn returning `Result` an error its type accepts: `anyhow::anyhow!(..)`, `std::io::Error::new(ErrorKind::BrokenPipe, ..)`, `"..".into()` for `Box<dyn Error>`, or `Ok(())` when the fn returns `Result<(), E>` with another error type. When the file uses `tracing` or `log`, one `debug!` line naming the channel is added. `send(..).await?` is left alone. When the sender\'s type cannot be seen (not bound from a channel constructor, parameter or field type in this file) the same fix is offered as unsafe.',
  },
  check(file) {
    const findings: RuleFinding[] = [];
    let log: string | null | undefined;
    for (const s of sendUnwraps(file)) {
      // In a test, the panic is the assertion that the receiver is still there.
      if (file.isTestCode(s.unwrap)) continue;
      const kind = senderKind(file, s.sender);
      if (kind === 'other') continue;
      if (!s.awaited && (kind === null || !SYNC_SEND[s.method]?.has(kind))) continue;
      if (s.awaited && kind !== null && !ASYNC_SEND.has(kind)) continue;
      const channel = file.text(s.sender);
      const named = /^[\w.]+$/.test(channel) ? `\`${channel}\`` : '';
      const message = `\`${file.text(field(field(s.unwrap, 'function')!, 'field')!)}()\` on a channel send panics when the receiver is gone; handle the closed channel${kind === null ? ' (the sender\'s type is not visible here)' : ''}`;
      const exit = exitFor(file, s.unwrap, named || 'the channel');
      const place = placement(s.unwrap);
      if ('reason' in exit || 'reason' in place) {
        findings.push({ node: s.unwrap, message, noFixReason: `no fix: ${'reason' in exit ? exit.reason : (place as { reason: string }).reason}; handle the \`Err\` of \`send\` explicitly` });
        continue;
      }
      log ??= logger(file);
      const eol = file.source.eol;
      const indent = file.source.indentAt(s.unwrap.start);
      const inner = place.wrap ? `${indent}    ` : indent;
      const lines = [`if ${file.text(s.result)}.is_err() {`];
      if (log && named) lines.push(`    ${log}::debug!("${named.replace(/\\/g, '\\\\').replace(/"/g, '\\"')} closed: receiver dropped");`);
      lines.push(`    ${exit.text}`, '}');
      let text = lines.join(`${eol}${inner}`);
      if (place.wrap) text = `{${eol}${inner}${text}${eol}${indent}}`;
      findings.push({
        node: s.unwrap,
        message,
        fix: {
          safety: kind === null ? 'unsafe' : 'safe',
          title: `Stop with \`${exit.text.replace(/;$/, '')}\` when the channel is closed`,
          edits: [{ start: s.unwrap.start, end: place.end, text }],
        },
      });
    }
    return findings;
  },
};

/** Where the `if` can replace the expression: a statement (its `;` goes too), a block's tail, or a match or select! arm (wrapped in a block). */
function placement(unwrap: SyntaxNode): { end: number; wrap: boolean } | { reason: string } {
  const p = unwrap.parent;
  if (p?.type === 'expression_statement') return { end: p.end, wrap: false };
  if (p?.type === 'block') return { end: unwrap.end, wrap: false };
  if (p?.type === 'match_arm' && unwrap.field === 'value') return { end: unwrap.end, wrap: true };
  // A select! handler (macro-bodies.ts) is the arm's value, in the enclosing code, as in a match.
  if (p?.type === 'select_arm' && unwrap.field === 'body') return { end: unwrap.end, wrap: true };
  return { reason: 'its value is used here' };
}
