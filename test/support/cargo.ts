import path from 'node:path';
import { repoRoot, writeTree } from './cli.js';

/** Debian's crate sources, installed by scripts/setup-rust-offline.sh (crates.io is not reachable). */
export const DEBIAN_CARGO_CONFIG =
  '[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "/usr/share/cargo/registry"\n\n[net]\noffline = true\n';

/** One target dir for every test crate, so tokio is compiled once per machine, not once per test. */
export const cargoEnv = { CARGO_TARGET_DIR: path.join(repoRoot, 'target', 'test-cargo') };

/** Makes `root` a crate the way a user with an offline cargo setup would have it. */
export function offlineCrate(root: string, files: Record<string, string>): void {
  writeTree(root, { '.cargo/config.toml': DEBIAN_CARGO_CONFIG, ...files });
}
