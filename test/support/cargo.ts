import path from 'node:path';
// @ts-expect-error: a plain .mjs helper shared with scripts/, no type declarations
import { CARGO_CONFIG } from '../../scripts/lib/debian-cargo.mjs';
import { repoRoot, writeTree } from './cli.js';

/** One target dir for every test crate, so tokio is compiled once per machine, not once per test. */
export const cargoEnv = { CARGO_TARGET_DIR: path.join(repoRoot, 'target', 'test-cargo') };

/** Makes `root` a crate the way a user with an offline cargo setup (Debian's crate sources) would have it. */
export function offlineCrate(root: string, files: Record<string, string>): void {
  writeTree(root, { '.cargo/config.toml': CARGO_CONFIG as string, ...files });
}
