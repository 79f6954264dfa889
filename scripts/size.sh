#!/usr/bin/env bash
# Prints the size of what a browser downloads: the .wasm, .js and .css of dist/,
# raw and brotli-compressed (quality 11, as a static host would serve them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
step "bundle size"
node scripts/size.mjs dist
