# Sourced by the other scripts: decides how to build for wasm32 on this
# machine and puts the project's tools on PATH. Prints nothing.
#
# Two routes:
# - rustup: the usual developer machine, where `rustup target add
#   wasm32-unknown-unknown` worked. Nothing special.
# - debian: rustup cannot download the wasm32 target (CI). Debian's
#   rustc-web/cargo-web (in /usr/bin, with the std source) rebuild std for
#   wasm32 with build-std, which needs RUSTC_BOOTSTRAP on a stable compiler.

KASSA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export KASSA_ROOT

if command -v rustup >/dev/null 2>&1 &&
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  KASSA_WASM_ROUTE=rustup
else
  KASSA_WASM_ROUTE=debian
  # One compiler for native and wasm builds, so their shared build artefacts
  # are reused; rustfmt still comes from rustup (Debian has none).
  export PATH="/usr/bin:$PATH"
fi
export KASSA_WASM_ROUTE

CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$KASSA_ROOT/node_modules/.bin:$PATH:$CARGO_HOME/bin"

# The compiler flags of every wasm32 build, kept here and nowhere else (a
# RUSTFLAGS variable replaces .cargo/config.toml rustflags, so both in use
# would silently drop one). They keep the first load within issue 8's
# 200 KB brotli; README "Bundle" has the figures of each.
# - both routes: `--cfg erase_components` makes Leptos type-erase each
#   component's view, so views are no longer monomorphized per nested type.
# - debian route only, as they need unstable options and a rebuilt std:
#   `-Cpanic=immediate-abort` (a panic is a bare wasm trap, with no message
#   formatting linked in; panics must never happen, and a trapped decoder
#   worker is replaced as before), `-Zlocation-detail=none` (no file/line
#   strings for panics that no longer print) and `-Zfmt-debug=none` (`{:?}`
#   prints nothing; no cashier-facing text uses Debug), and std rebuilt
#   with its `optimize_for_size` feature (smaller sort and formatting code;
#   1.8 KB brotli).
KASSA_WASM_RUSTFLAGS="--cfg erase_components"
KASSA_WASM_RUSTFLAGS_DEBIAN="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort $KASSA_WASM_RUSTFLAGS"

# Runs a command that builds for wasm32 (trunk, cargo --target wasm32-...).
wasm() {
  if [ "$KASSA_WASM_ROUTE" = debian ]; then
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
      RUSTFLAGS="$KASSA_WASM_RUSTFLAGS_DEBIAN" "$@"
  else
    RUSTFLAGS="$KASSA_WASM_RUSTFLAGS" "$@"
  fi
}

# Prints a step heading, so a long log shows where it is.
step() {
  printf '\n\033[1m==> %s\033[0m\n' "$*"
}
