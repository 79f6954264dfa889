#!/usr/bin/env bash
# Benchmarks of the pure domain, natively: how long recomputing a receipt's
# totals takes for 10, 100 and 1000 lines. Extra arguments go to the bench
# (e.g. `scripts/bench.sh -- --quick`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
step "cargo bench --bench receipt_totals"
cargo bench --bench receipt_totals "$@"
