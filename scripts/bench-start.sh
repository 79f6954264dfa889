#!/usr/bin/env bash
# Cold start to login and to the demo checkout on screen on a cheap tablet's
# profile (CPU 4× slower, 1.6 Mbit/s, 150 ms RTT, no cache), served by the
# reference Caddy configuration and by python's http.server: medians as a
# markdown table. Not a test; a figure. Noisy while the machine builds.
# Environment: COLD_START_ROUNDS (default 5), KASSA_BENCH_PORT (8385, python),
# KASSA_BENCH_TLS_PORT (8447, Caddy; the next port for its HTTP redirect).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
if [ ! -f dist/index.html.br ]; then
  "$KASSA_ROOT/scripts/build.sh"
fi
step "cold start in Chromium"
node tests/bench/cold-start.mjs
