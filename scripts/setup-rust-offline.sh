#!/usr/bin/env bash
# Installs the Rust crate sources that `npm run test:compile` builds against.
# crates.io is unreachable here, so Debian's librust-*-dev packages stand in:
# they unpack crate sources into /usr/share/cargo/registry, which
# scripts/compile-check.mjs uses as a cargo directory source.
# Idempotent: apt is touched only when a crate dir (or a tool) is missing.
#
# Usage: setup-rust-offline.sh [--corpus]
#   --corpus  also install the real-world corpus that `npm run sweep`
#             (scripts/sweep.mjs) runs async-fix over: the CORPUS list below
#             plus everything apt pulls in with it.
set -euo pipefail

with_corpus=0
for arg in "$@"; do
  case "$arg" in
    --corpus) with_corpus=1 ;;
    *) echo "setup-rust-offline: unknown option $arg; usage: setup-rust-offline.sh [--corpus]" >&2; exit 2 ;;
  esac
done

REGISTRY=/usr/share/cargo/registry

# The one package list. Each entry is "<crate dir prefix> <debian package>".
# Feature-named packages (librust-X+feat-dev) are virtual: apt resolves them to
# the real package, and fails loudly if Debian ever stops providing that
# feature, which is what we want.
CRATES=(
  "tokio         librust-tokio+full-dev"
  "tokio-macros  librust-tokio-macros-dev"
  "futures       librust-futures-dev"
  "anyhow        librust-anyhow-dev"
  "thiserror     librust-thiserror-dev"
  "tracing       librust-tracing-dev"
  "log           librust-log-dev"
  "parking_lot   librust-parking-lot-dev"
  "async-channel librust-async-channel-dev"
  "lazy_static   librust-lazy-static-dev"
)
# The sweep corpus (only with --corpus), on top of CRATES: async crates people
# build services from. apt installs their dependencies too (http, rustls,
# openssl, regex, web-sys, bindgen, ... about 190 packages, clang among them);
# every crate in $REGISTRY is swept. Debian bookworm versions: hyper 0.14.19, reqwest 0.11.13,
# tokio-util 0.7.3, tower 0.4.13, h2 0.3.13, async-trait 0.1.56,
# tokio-stream 0.1.9, tracing-subscriber 0.3.16.
CORPUS=(
  "hyper              librust-hyper-dev"
  "reqwest            librust-reqwest-dev"
  "tokio-util         librust-tokio-util-dev"
  "tower              librust-tower-dev"
  "h2                 librust-h2-dev"
  "async-trait        librust-async-trait-dev"
  "tokio-stream       librust-tokio-stream-dev"
  "tracing-subscriber librust-tracing-subscriber-dev"
)
if [ "$with_corpus" -eq 1 ]; then
  CRATES+=("${CORPUS[@]}")
fi
# Not crates, each "<command> <debian package>": the review-loop test drives the CLI
# inside tmux; the reliability test edits a file the moment the CLI has read it (inotifywait).
TOOLS=(
  "tmux        tmux"
  "inotifywait inotify-tools"
)

missing=()
for entry in "${CRATES[@]}"; do
  read -r crate pkg <<<"$entry"
  # Crate dirs are "<name>-<version>"; the digit keeps "tokio" from matching "tokio-macros-1.7.0".
  if ! compgen -G "$REGISTRY/$crate-[0-9]*/Cargo.toml" >/dev/null; then
    missing+=("$pkg")
  fi
done
missing_tools=()
for entry in "${TOOLS[@]}"; do
  read -r tool pkg <<<"$entry"
  command -v "$tool" >/dev/null || missing_tools+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_tools[@]} -eq 0 ]; then
  echo "setup-rust-offline: all crates present in $REGISTRY"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  all=("${missing[@]}" "${missing_tools[@]}")
  echo "setup-rust-offline: missing: ${all[*]}" >&2
  echo "setup-rust-offline: run this script as root (it uses apt-get), or: sudo apt-get install ${all[*]}" >&2
  # Without the tools only the tests that drive them suffer; the compile check can go on.
  [ ${#missing[@]} -eq 0 ] && exit 0
  exit 1
fi

missing+=("${missing_tools[@]}")
echo "setup-rust-offline: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt run (unattended-upgrades, a parallel setup) may hold the dpkg lock: wait for it.
APT_WAIT=(-o DPkg::Lock::Timeout=300)
apt-get "${APT_WAIT[@]}" update -qq
apt-get "${APT_WAIT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-rust-offline: done"
