import path from 'node:path';
import { writeVerified, type PackageChange } from '../engine/verify.js';
import { digest } from '../engine/regular-file.js';
import { writeGroup, type GroupOutcome } from '../engine/write.js';
import type { Interrupt } from './interrupt.js';
import type { LoadedFile } from './load.js';
import type { FileReport, RunReport } from './types.js';

export interface WriteSettings {
  verify: boolean;
  /** With verify: write the fixes of a package that did not build before the run, unverified. */
  brokenCode?: boolean;
  allowReadOnly: boolean;
  interrupt: Interrupt;
  cwd: string;
}

/**
 * Writes every changed file, in groups that are written all or nothing: a
 * source file with the Cargo.toml files its fixes need (and, through a
 * shared manifest, the other sources that need it); with --verify, a whole
 * package, kept only if it still builds. Returns the rolled-back file count,
 * or null when a signal stopped the writes (the files not reached are as
 * they were).
 */
export async function writeReports(report: RunReport, loaded: LoadedFile[], settings: WriteSettings): Promise<number | null> {
  const changed = report.files.filter((f) => f.newText !== f.text);
  settings.interrupt.startWriting();
  if (!settings.verify) {
    for (const group of connectedGroups(changed)) {
      if (await settings.interrupt.poll()) return null;
      writeTogether(group, 'fix', settings);
    }
    return 0;
  }
  return verifiedWrites(changed, loaded, settings);
}

/** Sources joined to the manifests they need; two sources needing one manifest are one group. */
function connectedGroups(changed: FileReport[]): FileReport[][] {
  const byPath = new Map(changed.map((f) => [f.absolute, f]));
  const parent = new Map<FileReport, FileReport>(changed.map((f) => [f, f]));
  const find = (f: FileReport): FileReport => {
    while (parent.get(f) !== f) f = parent.get(f)!;
    return f;
  };
  for (const f of changed) {
    for (const m of f.needs ?? []) {
      const manifest = byPath.get(m);
      if (manifest) parent.set(find(f), find(manifest));
    }
  }
  const groups = new Map<FileReport, FileReport[]>();
  for (const f of changed) groups.set(find(f), [...(groups.get(find(f)) ?? []), f]);
  return [...groups.values()];
}

/** Writes one group (or restores its originals); on failure every file of it says why and what state it is in. */
function writeTogether(group: FileReport[], direction: 'fix' | 'restore', settings: WriteSettings): boolean {
  // A manifest edit that could not be made fails the fixes that need it.
  const broken = group.find((f) => f.manifestOwner && f.errors.length);
  const outcome: GroupOutcome = broken
    ? { ok: false, culprit: broken.absolute, reason: 'its tokio features could not be added', notRestored: [] }
    : writeGroup(
        group.map((f) => (direction === 'fix' ? { file: f.absolute, expected: f.digest, text: f.newText } : { file: f.absolute, expected: digest(f.newText), text: f.text })),
        { allowReadOnly: settings.allowReadOnly },
      );
  if (outcome.ok) {
    for (const f of group) f.written = direction === 'fix';
    return true;
  }
  const name = (file: string) => path.relative(settings.cwd, file) || file;
  const culprit = group.find((f) => f.absolute === outcome.culprit)!;
  const others = group.filter((f) => f !== culprit);
  for (const f of group) {
    const kept = outcome.notRestored.includes(f.absolute);
    f.written = direction === 'fix' ? kept : !kept;
    if (f === culprit) {
      if (!f.errors.length || !f.manifestOwner) {
        const alsoNot = others.length ? ` (nor ${others.map((o) => name(o.absolute)).join(', ')}, which go${others.length === 1 ? 'es' : ''} with it)` : '';
        f.errors.push(`${outcome.reason}; not written${alsoNot}`);
      }
    } else {
      f.errors.push(
        kept
          ? `holds its fixes although ${name(culprit.absolute)} could not be written (${outcome.reason}) and putting the original back failed too`
          : `not written: its fixes go with ${name(culprit.absolute)}, which could not be written (${outcome.reason})`,
      );
    }
  }
  return false;
}

async function verifiedWrites(changed: FileReport[], loaded: LoadedFile[], settings: WriteSettings): Promise<number | null> {
  const manifestOf = new Map<string, string | null>(loaded.map((f) => [f.absolute, f.crate.manifestPath]));
  for (const f of changed) if (f.manifestOwner) manifestOf.set(f.absolute, f.manifestOwner);
  const byPackage = new Map<string, FileReport[]>();
  for (const f of changed) {
    const manifest = manifestOf.get(f.absolute);
    if (!manifest) {
      if (await settings.interrupt.poll()) return null;
      if (writeTogether([f], 'fix', settings)) f.errors.push('not verified: no Cargo.toml was found for this file');
      continue;
    }
    byPackage.set(manifest, [...(byPackage.get(manifest) ?? []), f]);
  }
  const packages: PackageChange[] = [...byPackage].map(([manifestPath, files]) => ({ manifestPath, files }));
  const outcomes = [];
  for (const pkg of packages) {
    if (await settings.interrupt.poll()) return null;
    outcomes.push(...writeVerified([pkg], (p, direction) => writeTogether(byPackage.get(p.manifestPath)!, direction, settings), undefined, { brokenCode: settings.brokenCode }));
  }
  let rolledBack = 0;
  for (const o of outcomes) {
    const files = byPackage.get(o.manifestPath)!;
    const manifest = path.relative(settings.cwd, o.manifestPath);
    if (o.status === 'kept' || o.status === 'not-written') continue;
    if (o.status === 'not-building-before' && o.written) {
      process.stderr.write(`warning: ${manifest}: the package did not build before async-fix ran, so the fixes were written unverified (--broken-code); cargo's first error:\n${o.firstError}\n`);
      continue;
    }
    if (o.status === 'not-building-before') {
      for (const f of files) {
        if (!f.manifestOwner) f.errors.push(`not written: the package (${manifest}) did not build before async-fix ran, so --verify cannot check the fixes; pass --broken-code to write them unverified. cargo's first error:\n${o.firstError}`);
        for (const x of f.findings) x.applied = false;
        f.newText = f.text;
      }
      continue;
    }
    for (const f of files) {
      rolledBack++;
      f.rolledBack = true;
      if (f.manifestOwner) {
        f.newText = f.text; // restored with the fixes it served
        continue;
      }
      const fixes = f.findings.filter((x) => x.applied);
      f.errors.push(`rolled back ${fixes.length} fix${fixes.length === 1 ? '' : 'es'} (${[...new Set(fixes.map((x) => x.rule))].join(', ')}): cargo check failed after the fixes:\n${o.firstError}`);
      for (const x of fixes) x.applied = false;
      f.newText = f.text;
    }
  }
  return rolledBack;
}
