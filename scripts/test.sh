#!/usr/bin/env bash
# Runs every check and test of Kassa, installing what is missing first.
set -euo pipefail
"$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (wasm32)"
wasm cargo clippy --target wasm32-unknown-unknown --locked -- -D warnings

step "cargo test (native)"
cargo test --workspace --locked

step "AOS sandbox and fake-camera video maker for the end-to-end tests"
cargo build -p kassa-sandbox -p kassa-scan-lab --locked

"$KASSA_ROOT/scripts/build.sh"

step "end-to-end tests (Playwright, headless Chromium; deploy.spec.js over the reference Caddy)"
npx playwright test
