import { beforeAll, describe, expect, it } from 'vitest';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { dropUnusedImports, removeClauses, type FixDraft } from '../src/analysis/imports.js';
import { descendants, field } from '../src/analysis/syntax.js';
import { applyEdits, selectCompatible } from '../src/engine/edits.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';
import { TOKIO_FULL as TOKIO } from './support/crates.js';


beforeAll(async () => {
  await initParser();
});

const analyse = (text: string) => new FileAnalysis('t.rs', text, parseRust(text).root, TOKIO);

/** A draft that renames every callee written as `from` to `to` (one draft per call). */
function drafts(file: FileAnalysis, from: string, to: string): FixDraft[] {
  const out: FixDraft[] = [];
  for (const n of descendants(file.root)) {
    const callee = n.type === 'call_expression' ? field(n, 'function') : undefined;
    if (!callee || file.text(callee) !== from) continue;
    out.push({ fix: { safety: 'safe', title: 't', edits: [{ start: callee.start, end: callee.end, text: to }, { start: n.end, end: n.end, text: '.await' }] }, paths: [callee] });
  }
  return out;
}

/** Applies every draft's edits the way the engine does: non-conflicting ones together. */
function applyAll(text: string, ds: FixDraft[]): { text: string; deferred: number } {
  const { accepted, deferred } = selectCompatible(ds.map((d) => ({ edits: d.fix.edits })));
  return { text: applyEdits(text, accepted.flatMap((a) => a.edits)), deferred: deferred.length };
}

function useDecl(file: FileAnalysis, index = 0): SyntaxNode {
  return file.root.children.filter((c) => c.type === 'use_declaration')[index];
}

describe('dropUnusedImports', () => {
  it('removes the whole `use` line when the only use is rewritten', () => {
    const src = 'use std::fs;\nuse std::io;\n\nasync fn f() -> io::Result<()> { fs::write("a", "b") }\n';
    const file = analyse(src);
    const ds = drafts(file, 'fs::write', 'tokio::fs::write');
    dropUnusedImports(file, ds);
    expect(applyAll(src, ds).text).toBe('use std::io;\n\nasync fn f() -> io::Result<()> { tokio::fs::write("a", "b").await }\n');
  });

  it('narrows a grouped import, unwrapping a single remaining item, and removes an alias', () => {
    const src = 'use std::{fs, time::Duration};\nuse std::thread::sleep as nap;\nasync fn f(d: Duration) { fs::read("a"); nap(d); }\n';
    const file = analyse(src);
    const ds = [...drafts(file, 'fs::read', 'tokio::fs::read'), ...drafts(file, 'nap', 'tokio::time::sleep')];
    dropUnusedImports(file, ds);
    expect(applyAll(src, ds).text).toBe('use std::time::Duration;\nasync fn f(d: Duration) { tokio::fs::read("a").await; tokio::time::sleep(d).await; }\n');
  });

  it('keeps an import whose name appears anywhere else: other code, macro tokens, doc links', () => {
    for (const rest of ['fn g() { fs::read("b"); }', 'fn g() { println!("{:?}", fs::read("b")); }', '/// See [fs::read].\nfn g() {}']) {
      const src = `use std::fs;\nasync fn f() { fs::read("a"); }\n${rest}\n`;
      const file = analyse(src);
      const ds = drafts(file, 'fs::read', 'tokio::fs::read');
      dropUnusedImports(file, ds);
      expect(ds[0].fix.edits, rest).toHaveLength(2);
    }
  });

  it('in a macro body parsed as code, reads its nodes, not its tokens: `tokio::fs::read` there does not use `fs`', () => {
    const src = 'use std::fs;\nasync fn f() {\n    println!("{:?}", tokio::fs::read("b").await);\n    log_err!("x", fs::read("a"));\n}\n';
    const file = analyse(src);
    const ds = drafts(file, 'fs::read', 'tokio::fs::read');
    expect(ds).toHaveLength(1);
    dropUnusedImports(file, ds);
    expect(applyAll(src, ds).text).toBe('async fn f() {\n    println!("{:?}", tokio::fs::read("b").await);\n    log_err!("x", tokio::fs::read("a").await);\n}\n');
    // A body that is not parsed is only tokens, and its `fs` keeps the import.
    const opaque = src.replace('println!("{:?}", tokio::fs::read("b").await)', 'every!(5 => fs::read("b"))');
    const file2 = analyse(opaque);
    const ds2 = drafts(file2, 'fs::read', 'tokio::fs::read');
    dropUnusedImports(file2, ds2);
    expect(ds2[0].fix.edits).toHaveLength(2);
  });

  it('never touches `pub use`, attributed or glob imports', () => {
    for (const decl of ['pub use std::fs;', '#[cfg(unix)]\nuse std::fs;']) {
      const src = `${decl}\nasync fn f() { fs::read("a"); }\n`;
      const file = analyse(src);
      const ds = drafts(file, 'fs::read', 'tokio::fs::read');
      dropUnusedImports(file, ds);
      expect(ds[0].fix.edits, decl).toHaveLength(2);
    }
  });

  it('with several uses, holds one fix back a pass so that it alone removes the import', () => {
    const src = 'use std::fs;\nasync fn f() { fs::read("a"); fs::read("b"); }\n';
    const file = analyse(src);
    const ds = drafts(file, 'fs::read', 'tokio::fs::read');
    dropUnusedImports(file, ds);
    const first = applyAll(src, ds);
    expect(first.deferred).toBe(1);
    expect(first.text).toBe('use std::fs;\nasync fn f() { tokio::fs::read("a").await; fs::read("b"); }\n');
    // Next pass: the held-back call is the last use, and its fix removes the import.
    const again = analyse(first.text);
    const ds2 = drafts(again, 'fs::read', 'tokio::fs::read');
    dropUnusedImports(again, ds2);
    expect(applyAll(first.text, ds2).text).toBe('async fn f() { tokio::fs::read("a").await; tokio::fs::read("b").await; }\n');
  });

  it('does not remove an import a fix writes again', () => {
    const src = 'use std::fs;\nasync fn f() { fs::read("a"); }\n';
    const file = analyse(src);
    const ds = drafts(file, 'fs::read', 'fs::read_to_string');
    dropUnusedImports(file, ds);
    expect(ds[0].fix.edits).toHaveLength(2);
  });
});

describe('removeClauses', () => {
  it('keeps the layout of a multi-line list and removes nested `self`', () => {
    const src = 'use std::{\n    fs,\n    io::{self, Read},\n    thread,\n};\n';
    const file = analyse(src);
    const decl = useDecl(file);
    const named = (text: string) => [...descendants(decl)].find((n) => n.named && file.text(n) === text)!;
    expect(applyEdits(src, [removeClauses(file, decl, new Set([named('fs')]))])).toBe('use std::{\n    io::{self, Read},\n    thread,\n};\n');
    expect(applyEdits(src, [removeClauses(file, decl, new Set([named('thread')]))])).toBe('use std::{\n    fs,\n    io::{self, Read},\n};\n');
    const self = [...descendants(decl)].find((n) => n.type === 'self')!;
    expect(applyEdits(src, [removeClauses(file, decl, new Set([self]))])).toBe('use std::{\n    fs,\n    io::Read,\n    thread,\n};\n');
    expect(applyEdits(src, [removeClauses(file, decl, new Set([named('fs'), named('io::{self, Read}'), named('thread')]))])).toBe('');
  });
});
