#!/usr/bin/env bash
# Serves Kassa on http://127.0.0.1:8080, rebuilding on every change.
set -euo pipefail
"$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KASSA_ROOT"
step "trunk serve on http://127.0.0.1:8080"
wasm trunk serve --skip-version-check "$@"
