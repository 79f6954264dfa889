#!/usr/bin/env bash
# Soak: N sales (default 500) against the sandbox with injected faults, then
# the local receipts are compared with the sandbox ledger. Not part of CI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
"$KASSA_ROOT/scripts/build.sh"
cargo build -p kassa-sandbox --locked
step "soak: ${1:-500} sales"
node tests/soak/soak.mjs "${1:-500}"
