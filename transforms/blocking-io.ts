import { COMMAND_RUNS, localOrigin, methodCall, ENTRY_NOTE, previewWhereOnlyEntryStalls, unwrapped } from '../src/analysis/blocking.js';
import { callName } from '../src/model/crate-index.js';
import type { FileAnalysis } from '../src/analysis/file-analysis.js';
import { dropUnusedImports, type FixDraft } from '../src/analysis/imports.js';
import { receiverType } from '../src/analysis/receivers.js';
import { descendants, field, namedChildren } from '../src/analysis/syntax.js';
import type { SyntaxNode } from '../src/engine/parse.js';
import type { Rule, RuleFinding } from '../src/rule.js';

/** Builder methods of `std::process::Command` that `tokio::process::Command` has too, with the same signature. */
const COMMAND_BUILDERS = new Set(['arg', 'args', 'env', 'envs', 'env_remove', 'env_clear', 'current_dir', 'stdin', 'stdout', 'stderr']);

/** Blocking calls with no drop-in async twin: the advice to give for each. */
const REPORT_ONLY: ReadonlyMap<string, string> = new Map([
  ['std::net::TcpStream::connect', 'use `tokio::net::TcpStream::connect(..).await`'],
  ['std::net::TcpStream::connect_timeout', 'use `tokio::time::timeout(d, tokio::net::TcpStream::connect(..)).await`'],
  ['std::net::UdpSocket::bind', 'use `tokio::net::UdpSocket::bind(..).await`; its `send`/`recv` are async'],
  ['reqwest::blocking::get', 'use the async `reqwest::get(..).await`'],
  ['reqwest::blocking::Client::new', 'use the async `reqwest::Client`'],
  ['reqwest::blocking::Client::builder', 'use the async `reqwest::Client::builder()`'],
  ['reqwest::blocking::ClientBuilder::new', 'use the async `reqwest::ClientBuilder`'],
  ['futures::executor::block_on', 'it blocks the worker thread until the future completes, and deadlocks if that future needs this thread; `.await` the future instead'],
  ['tokio::runtime::Handle::block_on', 'it panics inside a runtime ("Cannot start a runtime from within a runtime"); `.await` the future instead'],
]);

/** Methods whose receiver, traced to its constructor, blocks: constructor path -> methods. */
const BLOCKING_METHODS: readonly { root: string; type: string; methods: ReadonlySet<string>; noArgs?: boolean; advice: string }[] = [
  { root: 'std::net::TcpListener::bind', type: 'std::net::TcpListener', methods: new Set(['accept', 'incoming']), advice: 'use `tokio::net::TcpListener` and `accept().await`' },
  // `join()` with no argument: `Path::join` and `[T]::join` take one.
  { root: 'std::thread::spawn', type: 'std::thread::JoinHandle', methods: new Set(['join']), noArgs: true, advice: 'run the work with `tokio::task::spawn_blocking` and `.await` its handle' },
  {
    root: 'std::io::stdin',
    type: 'std::io::Stdin',
    methods: new Set(['read_line', 'read_to_string', 'read_to_end', 'read', 'lines']),
    advice: 'use `tokio::io::stdin()` with `tokio::io::AsyncBufReadExt`, or read it in `tokio::task::spawn_blocking`',
  },
];

export const blockingIo: Rule = {
  id: 'blocking-io',
  tier: 'preview',
  testCodeOptIn: true,
  summary: 'Blocking process, network, channel and runtime calls in async code',
  fixSafety: 'safe',
  docs: {
    whatItDoes:
      'Finds calls in async code that wait on the OS or another thread: `std::process::Command` run with `.output()`/`.status()`, `std::net` connects and accepts, reading `std::io::stdin()`, `std::sync::mpsc::Receiver::recv`, `reqwest::blocking`, `block_on`, `std::thread::JoinHandle::join`, and calls to sync helper fns of the same file that block.',
    whyIsThisBad:
      'Each of these parks the worker thread until something outside the program happens, stalling every task on that thread. `block_on` inside a runtime is worse: `Handle::block_on` panics, and `futures::executor::block_on` deadlocks when the future needs the thread it blocks.',
    example: 'async fn version() -> io::Result<Output> {\n    std::process::Command::new("git").arg("--version").output()\n}',
    useInstead: 'async fn version() -> io::Result<Output> {\n    tokio::process::Command::new("git").arg("--version").output().await\n}',
    notes:
      'Only `Command` has a fix (safe: `tokio::process::Command` has the same builder API and returns the same `Output`/`ExitStatus`; adds tokio\'s `process` feature when missing). The rest are reported with the async API to use. A sync helper that does std::fs or sleeps is reported where async code calls it ("blocking via helper `write_cache`"): make it async or call it in `spawn_blocking`.' + ENTRY_NOTE,
  },
  check(file) {
    const findings: RuleFinding[] = [];
    const drafts: FixDraft[] = [];
    for (const call of file.nodesOfType('call_expression')) {
      if (!file.reportsBlocking(call)) continue;
      const finding = commandFinding(file, call, drafts) ?? reportOnly(file, call) ?? helperFinding(file, call);
      if (finding) findings.push(finding);
    }
    dropUnusedImports(file, drafts);
    return previewWhereOnlyEntryStalls(file, findings);
  },
};

/**
 * A call to a sync fn of the crate (this file or another, a free fn, an
 * associated fn or a method) that blocks, directly or through other sync
 * fns: the crate model's effect summary gives the chain down to the
 * blocking API, for the message.
 */
function helperFinding(file: FileAnalysis, call: SyntaxNode): RuleFinding | null {
  const model = file.model;
  const callee = model?.callee(call);
  if (!model || !callee || callee.kind === 'external' || callee.kind === 'module') return null;
  const chain = model.blocking(callee);
  if (!chain) return null;
  const name = callName(callee);
  const via = chain.length > 1 ? ` (${[name, ...chain].join(' -> ')})` : '';
  return {
    node: call,
    message: `blocking via helper \`${name}\`: it calls \`${chain[chain.length - 1]}\`${via}, which blocks the executor thread in async code`,
    noFixReason: `no fix: make \`${name}\` async (with \`tokio::fs\`/\`tokio::time::sleep\`), or call it in \`tokio::task::spawn_blocking\``,
  };
}

/** `Command::new(..)...output()` (or through a `let cmd = Command::new(..)`) becomes `tokio::process::Command` and `.await`. */
function commandFinding(file: FileAnalysis, call: SyntaxNode, drafts: FixDraft[]): RuleFinding | null {
  const run = methodCall(call, COMMAND_RUNS, file);
  if (!run) return null;
  let root: SyntaxNode | null = builderRoot(run.receiver, file);
  let viaLocal: string | null = null;
  if (root?.type === 'identifier') {
    viaLocal = file.text(root);
    const origin = localOrigin(viaLocal, root, file);
    root = origin?.kind === 'let' && origin.value && !origin.type ? builderRoot(unwrapped(origin.value, file), file) : null;
  }
  const callee = root?.type === 'call_expression' ? field(root, 'function') : undefined;
  if (!callee || file.qualifiedName(callee) !== 'std::process::Command::new') return null;
  const method = file.text(run.method);
  const message = `\`std::process::Command::${method}()\` blocks the executor thread until the process exits; use \`tokio::process::Command\` and \`.await\``;
  const tokio = file.tokio(['process'], call);
  if (!tokio.usable) return { node: call, message, noFixReason: `no fix: ${tokio.reason}` };
  if (viaLocal && !onlyBuilderUses(file, viaLocal, call, root!)) {
    return { node: call, message, noFixReason: `no fix: \`${viaLocal}\` is used for more than building and running once here; switch it to \`tokio::process::Command\` by hand` };
  }
  const fix = {
    safety: 'safe' as const,
    title: 'Use `tokio::process::Command` and `.await`',
    edits: [
      { start: callee.start, end: callee.end, text: `${tokio.path}::process::Command::new` },
      { start: call.end, end: call.end, text: '.await' },
    ],
    manifestChange: tokio.manifestChange,
  };
  drafts.push({ fix, paths: [callee] });
  return { node: call, message, fix };
}

/** The start of a builder chain: `Command::new("x")` in `Command::new("x").arg("y")`. */
function builderRoot(expr: SyntaxNode, file: FileAnalysis): SyntaxNode {
  let e = expr;
  for (let m = methodCall(e, COMMAND_BUILDERS, file); e.type === 'call_expression' && m; m = methodCall(e, COMMAND_BUILDERS, file)) e = m.receiver;
  return e;
}

/** Every other mention of `name` in its fn is a builder call: nothing else sees the std type. */
function onlyBuilderUses(file: FileAnalysis, name: string, run: SyntaxNode, constructor: SyntaxNode): boolean {
  let body: SyntaxNode | null = run;
  while (body && body.type !== 'function_item' && body.type !== 'closure_expression') body = body.parent;
  if (!body) return false;
  for (const n of descendants(body)) {
    if (n.type !== 'identifier' || file.text(n) !== name || n.field === 'field' || n.start < constructor.end) continue;
    if (n.start >= run.start && n.end <= run.end) continue;
    const use = n.parent?.type === 'field_expression' ? n.parent.parent : null;
    if (!use || !methodCall(use, COMMAND_BUILDERS, file)) return false;
  }
  return true;
}

function reportOnly(file: FileAnalysis, call: SyntaxNode): RuleFinding | null {
  const callee = field(call, 'function');
  const path = callee && callee.type !== 'field_expression' ? file.qualifiedName(callee) : null;
  const advice = path ? REPORT_ONLY.get(path) : undefined;
  if (path && advice) {
    return { node: call, message: `\`${path}\` blocks the executor thread in async code`, noFixReason: `no fix: ${advice}` };
  }
  const blockOn = methodCall(call, new Set(['block_on']), file);
  if (blockOn) {
    return {
      node: call,
      message: '`block_on` inside async code blocks the worker thread on another future',
      noFixReason: 'no fix: a runtime `block_on` panics inside a runtime and an executor `block_on` can deadlock; `.await` the future instead',
    };
  }
  const recv = methodCall(call, new Set(['recv', 'recv_timeout']), file);
  if (recv && receiverType(file, recv.receiver) === 'std::sync::mpsc::Receiver') {
    return {
      node: call,
      message: '`std::sync::mpsc::Receiver::recv` blocks the executor thread until a message arrives',
      noFixReason: 'no fix: use a `tokio::sync::mpsc` channel and `recv().await`, or receive in `tokio::task::spawn_blocking`',
    };
  }
  for (const { root, type, methods, noArgs, advice } of BLOCKING_METHODS) {
    const m = methodCall(call, methods, file);
    if (!m || (noArgs && namedChildren(field(call, 'arguments')!).length !== 0) || rootCallPath(m.receiver, file) !== root) continue;
    return { node: call, message: `\`${file.text(m.method)}()\` on a \`${type}\` blocks the executor thread in async code`, noFixReason: `no fix: ${advice}` };
  }
  return null;
}

const LOCK = new Set(['lock']);

/** The qualified path of the call a value comes from, through `?`, `.unwrap()`, `.lock()` and a `let`. */
function rootCallPath(expr: SyntaxNode, file: FileAnalysis): string | null {
  let e = unwrapped(expr, file);
  for (let lock = methodCall(e, LOCK, file); lock; lock = methodCall(e, LOCK, file)) e = unwrapped(lock.receiver, file);
  if (e.type === 'identifier') {
    const origin = localOrigin(file.text(e), e, file);
    if (origin?.kind !== 'let' || !origin.value) return null;
    e = unwrapped(origin.value, file);
  }
  const callee = e.type === 'call_expression' ? field(e, 'function') : undefined;
  return callee && callee.type !== 'field_expression' ? file.qualifiedName(callee) : null;
}
