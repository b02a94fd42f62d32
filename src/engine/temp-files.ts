import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Names of the temp files async-fix stages next to the files it writes:
 * `.<name>.async-fix-<pid>-<hex>.tmp`. The pid says whose a temp file is, so
 * a later run can tell one left by a killed run (its process is gone) from
 * one a concurrent run is still using.
 */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.async-fix-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

const CURRENT = /^\..+\.async-fix-(\d+)-[0-9a-f]{12}\.tmp$/;
/** The naming of async-fix 0.1.0, which carried no pid. */
const LEGACY = /^\..+\.async-fix-[0-9a-f]{12}\.tmp$/;

/** True for a temp file of ours whose run is over (killed before it could clean up). */
export function isStaleTempFile(name: string): boolean {
  if (LEGACY.test(name)) return true;
  const m = CURRENT.exec(name);
  return !!m && !processAlive(Number(m[1]));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
