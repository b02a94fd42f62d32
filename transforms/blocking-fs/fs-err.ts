import { FS_SWAPS } from '../../src/analysis/blocking.js';
import type { FsErrDep } from '../../src/analysis/crate.js';
import type { FileAnalysis, ResolvedCall } from '../../src/analysis/file-analysis.js';
import type { AsyncSwap } from '../../src/analysis/fix-builders.js';
import type { SyntaxNode } from '../../src/engine/parse.js';

/**
 * fs-err (lib `fs_err`) mirrors `std::fs` with the same signatures, its
 * errors naming the path: `fs_err::X` blocks exactly as `std::fs::X` does,
 * and blocking-fs treats one as the other. Its `tokio` feature adds
 * `fs_err::tokio`, an async mirror with the same errors, which never blocks
 * (no path under it is one of the mirrors asked for here).
 */

/** A blocking file-system call: std::fs's own, or fs-err's mirror of one. */
export interface FsCall extends ResolvedCall {
  /** The std::fs path it is or mirrors: `std::fs::read` for `fs_err::read`. */
  std: string;
  /** The fs-err dependency it goes through; absent for std::fs itself. */
  fsErr?: FsErrDep;
}

/** What `fs_err` (however the package renames it) names in this package: the fs-err crate, or nothing (a local `mod fs_err` stays local). */
function fsErrCrate(file: FileAnalysis): FsErrDep | null {
  if (file.crate.fsErr) return file.crate.fsErr;
  // Without a Cargo.toml, a `fs_err::` path the file does not define is taken to be the crate; its features are unknown.
  return file.crate.manifestPath === null ? { path: 'fs_err', tokio: false, devOnly: false } : null;
}

/** fs-err as the code at `node` sees it: null where the package does not depend on it (or only for tests, and this is not test code). */
export function fsErrAt(file: FileAnalysis, node: SyntaxNode): FsErrDep | null {
  const dep = fsErrCrate(file);
  return dep && (!dep.devOnly || file.isTestCode(node)) ? dep : null;
}

const STD_FS = 'std::fs::';

/** fs-err's mirrors of `std` (std::fs paths) as this package names the crate, each with the std path it mirrors. */
function mirrors(file: FileAnalysis, std: ReadonlySet<string>): Map<string, string> | null {
  const dep = fsErrCrate(file);
  if (!dep) return null;
  return new Map([...std].filter((p) => p.startsWith(STD_FS)).map((p) => [`${dep.path}::${p.slice(STD_FS.length)}`, p]));
}

/** Every call of one of `std` (std::fs paths), or of its fs-err mirror where fs-err is the crate, in document order. */
export function fsCalls(file: FileAnalysis, std: ReadonlySet<string>): FsCall[] {
  // The crate model sees what this file does not: a `use super::*` bringing the crate's own `mod fs_err`.
  const crateItem = (c: ResolvedCall) => {
    const def = file.model?.callee(c.call);
    return !!def && file.model!.isOwn(def);
  };
  return withMirrors(file, std, (paths) => file.callsTo(paths), (c) => c.call, crateItem);
}

/** `FileAnalysis.pathReferences` for `std` (std::fs paths) and their fs-err mirrors. */
export function fsReferences(file: FileAnalysis, std: ReadonlySet<string>): { node: SyntaxNode; path: string; std: string; fsErr?: FsErrDep }[] {
  return withMirrors(file, std, (paths) => file.pathReferences(paths), (r) => r.node);
}

/** What `find` finds for `std`, and for fs-err's mirrors where the code at `at` sees the crate (and `crateItem` does not say it names one of the package's own), in document order. */
function withMirrors<T extends { path: string }>(
  file: FileAnalysis,
  std: ReadonlySet<string>,
  find: (paths: ReadonlySet<string>) => T[],
  at: (found: T) => SyntaxNode,
  crateItem: (found: T) => boolean = () => false,
): (T & { std: string; fsErr?: FsErrDep })[] {
  const out: (T & { std: string; fsErr?: FsErrDep })[] = find(std).map((f) => ({ ...f, std: f.path }));
  const mirror = mirrors(file, std);
  if (!mirror) return out;
  for (const f of find(new Set(mirror.keys()))) {
    const fsErr = fsErrAt(file, at(f));
    if (fsErr && !crateItem(f)) out.push({ ...f, std: mirror.get(f.path)!, fsErr });
  }
  return out.sort((a, b) => at(a).start - at(b).start);
}

/** Said in a fix's title when an fs-err call becomes a `tokio::fs` one. */
export const LOSES_PATH = "errors no longer name the path, as fs-err's do";

/**
 * What replaces a free fn call, with the tokio features it needs: `tokio::fs::X`
 * for std::fs, `fs_err::tokio::X` where fs-err has its `tokio` feature (the
 * path stays in the errors), else `tokio::fs::X`, whose signature is the same
 * and whose errors do not name the path (`losesPath`).
 */
export function asyncTwin(file: FileAnalysis, c: FsCall): { tokioItem: AsyncSwap['tokioItem']; features: string[]; losesPath: boolean } {
  const item = FS_SWAPS.get(c.std)!;
  if (c.fsErr?.tokio) return { tokioItem: { path: `${file.cratePath(c.fsErr.path)}::tokio::${item.slice('fs::'.length)}` }, features: [], losesPath: false };
  return { tokioItem: item, features: ['fs'], losesPath: !!c.fsErr };
}

/** The async module a message points to instead of the blocking one: `tokio::fs`, or `fs_err::tokio` where fs-err has it. */
export function asyncModule(fsErr: FsErrDep | null | undefined): string {
  return fsErr?.tokio ? `${fsErr.path}::tokio` : 'tokio::fs';
}

/** fs-err's `PathExt` methods on `Path` (`path.fs_err_metadata()`): each blocks like the fs-err fn it wraps. */
export const PATH_EXT: ReadonlySet<string> = new Set(['fs_err_try_exists', 'fs_err_metadata', 'fs_err_symlink_metadata', 'fs_err_canonicalize', 'fs_err_read_link', 'fs_err_read_dir']);
