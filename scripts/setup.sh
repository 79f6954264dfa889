#!/usr/bin/env bash
# Installs whatever Kassa's build and tests need and is missing. Idempotent:
# a second run checks versions and returns within seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"

TRUNK_VERSION=0.22.1

have_packages() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || return 1
  done
}

apt_install() {
  if have_packages "$@"; then return; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install these packages (or their equivalent): $*" >&2
    return
  fi
  step "apt-get install $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The Rust toolchain for wasm32.
if [ "$KASSA_WASM_ROUTE" = debian ]; then
  apt_install rustc-web cargo-web rust-web-src rust-web-clippy lld-22
fi
# A browser for the end-to-end tests (Playwright drives the system Chromium).
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  apt_install chromium chromium-driver
fi
# The reference web server configuration (deploy/Caddyfile), which
# tests/e2e/deploy.spec.js runs over the release build. nginx's reference
# configuration is not run by the tests, so it is not installed.
if ! command -v caddy >/dev/null 2>&1; then
  apt_install caddy
fi

# trunk: cold install takes long on 2 cores; fat LTO of trunk itself is most of
# it and buys nothing for a build tool, so it is turned off.
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (slow the first time)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked --ignore-rust-version trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; read it from
# Cargo.lock so a `cargo update` cannot drift from the CLI. Not --locked: its
# own lockfile pins a crate version the registry mirror lacks.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen_version\$"; then
  step "cargo install wasm-bindgen-cli $bindgen_version"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# Leptos' wasm splitter (scripts/split-app.mjs), at the version of the split
# helpers the app links (Cargo.lock): the two agree on the format of the
# split points. It has no --version; cargo's install list says what is there.
split_version=$(awk '/^name = "wasm_split_helpers"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if ! cargo install --list | grep -qx "wasm_split_cli_support v$split_version:"; then
  step "cargo install wasm_split_cli_support $split_version"
  cargo install wasm_split_cli_support --version "$split_version" --features build-binary
fi

# Node tools: Playwright (using the system Chromium, never its own download)
# and binaryen's wasm-opt.
if [ ! -x node_modules/.bin/playwright ] || [ ! -x node_modules/.bin/wasm-opt ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

# Trunk builds offline, so every crate (std's wasm-only ones too) must be local.
wasm cargo fetch --target wasm32-unknown-unknown --quiet
