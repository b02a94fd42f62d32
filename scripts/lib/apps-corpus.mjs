// The apps corpus of the ecosystem check: a tarball of real tokio
// applications, one top directory per repository (`mini-redis-3d93b42/`),
// kept next to the repository (../shared/corpus) and never committed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './repo.mjs';
import { trouble } from './harness.mjs';

export const CORPUS_ENV = 'ASYNC_FIX_APPS_CORPUS';
const TARBALL = 'apps.tar.gz';
const UNPACK_TIMEOUT_MS = 5 * 60 * 1000;

/** The corpus directory: $ASYNC_FIX_APPS_CORPUS, else ../shared/corpus beside the repository. */
export function corpusDir() {
  return path.resolve(REPO, process.env[CORPUS_ENV] ?? path.join('..', 'shared', 'corpus'));
}

/** Unpacks the tarball into `dest` (created) and returns the app directory names, sorted. */
export function unpackApps(dest) {
  const tarball = path.join(corpusDir(), TARBALL);
  if (!fs.existsSync(tarball)) trouble(`${tarball} not found; set ${CORPUS_ENV} to the directory that holds ${TARBALL}`);
  fs.mkdirSync(dest, { recursive: true });
  const r = spawnSync('tar', ['-xzf', tarball, '-C', dest], { encoding: 'utf8', timeout: UNPACK_TIMEOUT_MS });
  if (r.error) trouble(`cannot unpack ${tarball}: ${r.error.message}`);
  if (r.status !== 0) trouble(`tar -xzf ${tarball} failed: ${r.stderr.trim()}`);
  const apps = fs.readdirSync(dest, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  if (!apps.length) trouble(`${tarball} holds no app directories`);
  return { tarball, apps };
}
