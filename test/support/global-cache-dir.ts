import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every CLI run of the suite shares one cache directory of its own, made
 * here and removed at the end: the suite leaves nothing in the user's cache
 * dir, and each test that runs the CLI twice over the same text (the
 * second-run-changes-nothing checks) goes through the cache's hits too.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-fix-test-cache-'));
  process.env.ASYNC_FIX_CACHE_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
