// How every script and test here builds Rust offline: crates.io is not
// reachable, so Debian's librust-*-dev sources stand in for it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REGISTRY = '/usr/share/cargo/registry';

/** A `.cargo/config.toml` for a scratch dir; the user's ~/.cargo is never touched. */
export const CARGO_CONFIG = `[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "${REGISTRY}"

[net]
offline = true
`;

/** Runs the idempotent installer; returns false when it failed. */
export function installCrateSources(...flags) {
  const r = spawnSync('bash', [path.join(REPO, 'scripts', 'setup-rust-offline.sh'), ...flags], { stdio: 'inherit' });
  return r.status === 0;
}
