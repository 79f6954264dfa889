#!/usr/bin/env bash
# Benchmark of the QR decoder, natively: median and p95 milliseconds per
# frame of plain rqrr and of Kassa's pipeline on the generated corpus, at
# 640×480 and 1280×720, with and without a code in view. Prints a markdown
# table. Accuracy per category: `cargo run --profile lab -p kassa-scan-lab
# --bin accuracy`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
step "cargo bench -p kassa-scan-lab --bench decode"
cargo bench -p kassa-scan-lab --bench decode "$@"
