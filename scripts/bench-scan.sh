#!/usr/bin/env bash
# Our wasm QR decoder against jsQR and zxing-wasm in Chromium, on the same
# generated frames (640×480 and 1280×720): median/p95 ms per frame, decode
# rate and per-category counts, and the cost of frames with no code in view,
# as markdown tables. Not a test; a figure.
# Environment: SCAN_BENCH_PER_CATEGORY (frames per category, default 16),
# SCAN_BENCH_CODELESS (frames without a code per size, default 8),
# SCAN_BENCH_ROUNDS (timed rounds, default 5), KASSA_BENCH_PORT (8383).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"

per_category="${SCAN_BENCH_PER_CATEGORY:-16}"
codeless="${SCAN_BENCH_CODELESS:-8}"
rounds="${SCAN_BENCH_ROUNDS:-5}"
port="${KASSA_BENCH_PORT:-8383}"
frames=target/scan-bench

if [ ! -f dist/scan_worker.js ]; then
  "$KASSA_ROOT/scripts/build.sh"
fi

step "frames into $frames"
cargo run -q -p kassa-scan-lab --release --bin frames -- "$frames" --per-category "$per_category" --codeless "$codeless"

step "serving the repository on 127.0.0.1:$port"
# Cross-origin isolation gives performance.now() 5 µs steps instead of 100.
python3 - "$port" <<'PY' &
import http.server, sys

class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
server=$!
trap 'kill "$server"' EXIT

step "benchmark in Chromium ($rounds rounds)"
node scripts/bench-scan.mjs \
  "http://127.0.0.1:$port/tests/bench/scan/index.html?frames=/$frames/&rounds=$rounds" \
  "$frames/result.json"
