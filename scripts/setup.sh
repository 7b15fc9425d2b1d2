#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Idempotent: each
# step checks first and does nothing when the right version is already there.
# Works as root on a fresh Debian machine (uses sudo otherwise). Network: only the
# package registries (crates.io, npm, Debian) and rustup's own server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14
WASM_TARGET=wasm32-unknown-unknown

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi

# --- Debian packages: Chromium + chromedriver (browser tests), poppler, Node.js, Slurm + munge if absent ---
apt_packages=()
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt_packages+=(chromium chromium-driver)
fi
# poppler-utils: the end-to-end tests read the briefing's PDF (pdfinfo, pdftotext, pdftoppm).
if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v pdfinfo >/dev/null; then
  apt_packages+=(poppler-utils)
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_packages+=(nodejs npm)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "apt-get install ${apt_packages[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt_packages[@]}"
fi
# Slurm and munge: the sharded-run test starts a private single-node cluster
# (scripts/slurm-local.sh). --no-install-recommends: the daemons and clients only (no
# MPI, no mail server); the packages start no service here (the test starts its own).
slurm_packages=()
for package in slurmctld slurmd slurm-client munge; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    slurm_packages+=("$package")
done
if [ ${#slurm_packages[@]} -gt 0 ]; then
  log "apt-get install --no-install-recommends ${slurm_packages[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${slurm_packages[@]}"
fi

# --- Rust toolchain pinned by rust-toolchain.toml, with the wasm32 target ---
command -v rustup >/dev/null || die "rustup is required (https://rustup.rs), then re-run"
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
[ -n "$channel" ] || die "no channel in rust-toolchain.toml"
if ! rustup run "$channel" rustc --version >/dev/null 2>&1; then
  log "rustup toolchain install $channel"
  rustup toolchain install "$channel" --profile minimal \
    --component rustfmt,clippy --target "$WASM_TARGET"
fi
if ! rustup target list --installed --toolchain "$channel" | grep -qx "$WASM_TARGET"; then
  log "rustup target add $WASM_TARGET"
  rustup target add --toolchain "$channel" "$WASM_TARGET"
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed --toolchain "$channel" | grep -q "^$component"; then
    log "rustup component add $component"
    rustup component add --toolchain "$channel" "$component"
  fi
done

# --- trunk ---
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- wasm-bindgen-cli: exactly the wasm-bindgen version locked in Cargo.lock ---
# (no --locked: one of its locked dependencies is not on crates.io any more)
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$bindgen_version" ] || die "wasm-bindgen not found in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $bindgen_version" ]; then
  log "cargo install wasm-bindgen-cli $bindgen_version (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# --- npm: playwright-core (never downloads a browser), binaryen's wasm-opt, axe-core,
# workbox-build (generates the offline service worker in the Trunk post-build hook) ---
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
  touch node_modules/.package-lock.json
fi

log "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
