#!/usr/bin/env bash
# The release build into dist/, followed by its size report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
step "trunk build --release"
wasm trunk build --release --skip-version-check
"$KASSA_ROOT/scripts/size.sh"
