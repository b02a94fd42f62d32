import { spawnSync } from 'node:child_process';
import path from 'node:path';

export type CheckResult = { ok: true } | { ok: false; firstError: string };

/**
 * `cargo check` for one package, with the user's own cargo configuration
 * (offline, vendored, a source replacement: whatever they set up). async-fix
 * never writes cargo configuration. `--all-targets` so fixes in tests and
 * examples are checked too.
 */
export function cargoCheck(manifestPath: string): CheckResult {
  const r = spawnSync('cargo', ['check', '--all-targets', '--message-format=json', '--manifest-path', manifestPath], {
    cwd: path.dirname(manifestPath),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) return { ok: false, firstError: `could not run cargo: ${r.error.message}` };
  if (r.status === 0) return { ok: true };
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const msg = JSON.parse(line);
      if (msg.reason === 'compiler-message' && msg.message?.level === 'error') {
        return { ok: false, firstError: String(msg.message.rendered ?? msg.message.message).trimEnd() };
      }
    } catch {
      // not a JSON message line
    }
  }
  const stderr = r.stderr.split('\n').filter((l) => /^error/.test(l.trim()));
  return { ok: false, firstError: (stderr[0] ?? r.stderr.trim().split('\n').slice(-1)[0] ?? `cargo exited with ${r.status}`).trim() };
}

export interface PackageChange {
  manifestPath: string;
  files: { absolute: string; text: string; newText: string }[];
}

export type VerifyOutcome =
  | { manifestPath: string; status: 'kept' }
  /** The writer refused or failed (it reports why); nothing of the package was written. */
  | { manifestPath: string; status: 'not-written' }
  | { manifestPath: string; status: 'rolled-back'; firstError: string }
  /** It did not build before the run: written unverified with `brokenCode`, else not written. */
  | { manifestPath: string; status: 'not-building-before'; firstError: string; written: boolean };

/**
 * Writes each package's fixes and keeps them only if the package still
 * builds. A package that did not build before the run cannot be verified:
 * it is not written (like `cargo fix` without `--broken-code`), or with
 * `brokenCode` written and reported as unverified. `write`
 * replaces a package's files all or nothing (`restore`: puts the originals
 * back over the fixes) and says whether it did.
 */
export function writeVerified(
  changes: PackageChange[],
  write: (pkg: PackageChange, direction: 'fix' | 'restore') => boolean,
  check: (manifestPath: string) => CheckResult = cargoCheck,
  { brokenCode = false }: { brokenCode?: boolean } = {},
): VerifyOutcome[] {
  const out: VerifyOutcome[] = [];
  for (const pkg of changes) {
    const before = check(pkg.manifestPath);
    if (!before.ok && !brokenCode) {
      out.push({ manifestPath: pkg.manifestPath, status: 'not-building-before', firstError: before.firstError, written: false });
      continue;
    }
    if (!write(pkg, 'fix')) {
      out.push({ manifestPath: pkg.manifestPath, status: 'not-written' });
      continue;
    }
    if (!before.ok) {
      out.push({ manifestPath: pkg.manifestPath, status: 'not-building-before', firstError: before.firstError, written: true });
      continue;
    }
    const after = check(pkg.manifestPath);
    if (after.ok) {
      out.push({ manifestPath: pkg.manifestPath, status: 'kept' });
      continue;
    }
    write(pkg, 'restore');
    out.push({ manifestPath: pkg.manifestPath, status: 'rolled-back', firstError: after.firstError });
  }
  return out;
}
