// How every script and test here builds Rust offline: crates.io is not
// reachable, so Debian's librust-*-dev sources stand in for it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './repo.mjs';

export { REPO };
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

/**
 * `cargo check --message-format=json` in `cwd` with a given target dir.
 * Returns rustc's error messages (each once: a lib and its test build report
 * the same error twice), or `spawnError` when cargo could not run at all.
 */
export function cargoCheckJson(cwd, targetDir, extraArgs = []) {
  const t0 = Date.now();
  const r = spawnSync('cargo', ['check', ...extraArgs, '--message-format=json', '--quiet'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Scratch paths change every run; incremental caches for them would only pile up.
    env: { ...process.env, CARGO_TARGET_DIR: targetDir, CARGO_INCREMENTAL: '0' },
  });
  if (r.error) return { spawnError: r.error.message };
  return { ok: r.status === 0, errors: compilerErrors(r.stdout), stderr: r.stderr, seconds: (Date.now() - t0) / 1000 };
}

/** rustc's error messages in cargo's `--message-format=json` output, each once. */
export function compilerErrors(stdout) {
  const errors = [];
  const seen = new Set();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      continue;
    }
    const m = msg.reason === 'compiler-message' ? msg.message : null;
    if (!m || !m.level.startsWith('error') || /^aborting due to/.test(m.message)) continue;
    const rendered = m.rendered ?? m.message;
    if (seen.has(rendered)) continue;
    seen.add(rendered);
    errors.push({ rendered, message: m });
  }
  return errors;
}
