// Content hashes of a directory tree, to tell which files a run changed, and
// the parse-error check a changed Rust file must pass.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file under `dir`: sha256 of its content (a symlink: its target); plus .rs counts. */
export function snapshot(dir) {
  const hashes = new Map();
  let rsFiles = 0;
  let rsLines = 0;
  let rsBytes = 0;
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(r);
        continue;
      }
      if (e.isSymbolicLink()) {
        hashes.set(r, 'symlink:' + fs.readlinkSync(path.join(dir, r)));
        continue;
      }
      const buf = fs.readFileSync(path.join(dir, r));
      hashes.set(r, crypto.createHash('sha256').update(buf).digest('hex'));
      if (e.name.endsWith('.rs')) {
        rsFiles++;
        rsBytes += buf.length;
        let n = 0;
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
        if (buf.length && buf[buf.length - 1] !== 10) n++;
        rsLines += n;
      }
    }
  };
  walk('');
  return { hashes, rsFiles, rsLines, rsBytes };
}

/** Files changed, added and removed between two snapshots, each list sorted. */
export function compare(a, b) {
  const changed = [];
  const added = [];
  const removed = [];
  for (const [f, h] of b.hashes) {
    if (!a.hashes.has(f)) added.push(f);
    else if (a.hashes.get(f) !== h) changed.push(f);
  }
  for (const f of a.hashes.keys()) if (!b.hashes.has(f)) removed.push(f);
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort() };
}

/** `diff.changed`, `diff.added`, `diff.removed` as `changed x` lines. */
export const describeDiff = (diff) => [
  ...diff.changed.map((f) => `changed ${f}`),
  ...diff.added.map((f) => `added ${f}`),
  ...diff.removed.map((f) => `removed ${f}`),
];

/** The `.rs` files among `files` that have more tree-sitter parse errors under `afterDir` than under `beforeDir`. */
export function parseErrorGains(parseRust, files, beforeDir, afterDir) {
  const gained = [];
  for (const f of files.filter((x) => x.endsWith('.rs'))) {
    const old = parseRust(fs.readFileSync(path.join(beforeDir, f), 'utf8')).errorCount;
    const now = parseRust(fs.readFileSync(path.join(afterDir, f), 'utf8')).errorCount;
    if (now > old) gained.push(`${f}: ${old} -> ${now} parse errors`);
  }
  return gained;
}
