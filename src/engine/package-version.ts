import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version in the nearest package.json named `name` at or above `from`
 * (a directory), or, when `from` is not given, above the entry point of the
 * installed package `name`; '?' when none is found.
 */
export function packageVersion(name: string, from?: string): string {
  try {
    let dir = from ?? path.dirname(createRequire(import.meta.url).resolve(name));
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
  } catch {
    // not resolvable from here
  }
  return '?';
}

/** This build's own version (from the sources or from dist/). */
export const ownVersion = () => packageVersion('async-fix', path.dirname(fileURLToPath(import.meta.url)));
