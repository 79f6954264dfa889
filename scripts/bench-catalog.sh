#!/usr/bin/env bash
# The catalog benchmark of issue 16 (tests/bench/catalog.mjs): sync, reload,
# difference, search per keystroke and memory with a generated store catalog
# in Chromium. Not a test; figures. CATALOG_BENCH_PRODUCTS (default 20000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
if [ ! -f dist/index.html ]; then
  "$KASSA_ROOT/scripts/build.sh"
fi
cargo build -q -p kassa-sandbox
node tests/bench/catalog.mjs
