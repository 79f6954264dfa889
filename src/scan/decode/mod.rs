//! QR decoding of one camera frame: `decode` shows rqrr 0.11 a few views of
//! the frame, the cheapest and likeliest first, and stops at the first view
//! that yields a code, so a code held up well costs one rqrr pass.
//!
//! # The views, and the figures that kept each
//! 1. The whole frame at half resolution (`Stages::coarse_first`).
//! 2. The centred square of 3/4 of the shorter side, full resolution
//!    (`centre_first`).
//! 3. The whole frame. Frames with a side over 1280 px are shrunk by a
//!    whole factor first: a bound on a 4K frame's cost, not a measured stage.
//! 4. The whole frame at half resolution, luma inverted: dark-mode phones
//!    show light modules on black, which rqrr never looks for (`invert`).
//! 5. The centre square with luma squared, which deepens every contrast
//!    ratio against rqrr's "dark below 95 % of the local mean" threshold:
//!    glare, blur, a dim screen (`contrast`).
//!
//! Measured by `tests/scan-lab` (`cargo run --profile lab -p
//! kassa-scan-lab --bin accuracy`): the generated corpus is 192 frames, 24
//! per category (clean, perspective, blur, noise, glare, inverted, moiré,
//! small), half 640×480 and half 1280×720, seed 20261124; the shared corpus
//! is zxing's 179 blackbox images. Times are native, release profile
//! (opt-level z, before the rqrr patch below), fastest of three runs per frame on a 2-core
//! machine that was doing other work too, so compare rows, not decimals.
//!
//! | stages | generated | shared | median ms 640×480 | median ms 1280×720 | no code, ms 640×480 |
//! |---|---:|---:|---:|---:|---:|
//! | whole frame only (as plain rqrr) | 119 | 101 | 8.95 | 24.16 | 6.58 |
//! | all but coarse first | 156 | 121 | 9.75 | 19.65 | 14.76 |
//! | all but centre first | 157 | 118 | 13.94 | 15.21 | 8.83 |
//! | all but invert | 139 | 124 | 7.61 | 10.20 | 9.67 |
//! | all but contrast | 147 | 119 | 7.93 | 10.53 | 9.07 |
//! | all (`decode`) | 158 | 124 | 7.77 | 10.75 | 11.02 |
//!
//! Each stage earns codes (coarse +2 generated, +3 shared, and halves the
//! 1280×720 median; centre +1 and +6; invert +19 inverted frames, 0 of 24
//! without it; contrast +11 and +5). Coarse first and centre first also
//! cut the median, being smaller views tried before the whole frame; invert
//! and contrast come last and cost only the frames that reach them. That
//! cost is paid in full by frames without a code, which run all five views:
//! about 11 ms at 640×480 against 6.6 for plain rqrr.
//!
//! Tried and dropped (same corpora): inverting at full resolution (+5 of
//! 192, but +3.5 ms on every codeless 640×480 frame and +10 ms at
//! 1280×720); squaring the whole frame instead of the centre (3 fewer codes
//! and 3 ms more per codeless frame); cubing instead of squaring (worse on
//! noise and moiré: 107 against 123 codes as a single view); a centre of
//! 2/3 (77 against 95 codes as a single view); shrinking 1280×720 frames
//! without a full-resolution retry (−13 codes).
//!
//! # Time
//! Choosing views cannot reach the 5 ms goal for a 640×480 frame: rqrr
//! spends most of a read fitting the grid of each code it finds
//! (`Perspective::map`, `round` and `fitness_cell`), whatever the view's
//! size. The stages cut only the pixel-bound part: the native median over
//! frames read fell from 8.8 to 7.3 ms at 640×480 and from 16.6 to 9.7 ms
//! at 1280×720 (`scripts/bench-decode.sh`). Two changes to rqrr itself
//! (`vendor/rqrr/KASSA-PATCH.md`: rounding without a libm call, and no
//! grid jiggling once a fit is 97.5 % of perfect), and the worker's own
//! `opt-level = 3` profile, bring the wasm median in Chromium to about
//! 5 ms, twice as fast as jsQR (`scripts/bench-scan.sh`; README).
//!
//! # Panics
//! rqrr 0.11 asserted on some images: `geometry.rs:55` (`Perspective::map`
//! of a degenerate fit) on shared `qrcode-6/7.png` — removed by our patch —
//! and in debug builds its integer arithmetic overflows on noise. No cheap check of ours predicts
//! these, so every rqrr call is wrapped in `catch_unwind` (`guard`): a panic
//! in detection loses that view, one in decoding loses that code, and
//! native callers never see it (the default panic hook still prints it; it
//! is global, so it is left alone). The wasm release profile is
//! `panic = "abort"`, where `catch_unwind` cannot help: a panic traps the
//! wasm instance, which is why the decoder runs in its own Web Worker that
//! the page restarts after a trap.
//!
//! # Payloads
//! Payloads that are not UTF-8 are decoded lossily, not dropped: a customer
//! code is ASCII, so such a payload is some other code, and the cashier is
//! better told "not a customer code" than shown nothing. Empty payloads are
//! dropped.

mod frame;
#[cfg(test)]
mod fuzz;
mod guard;
mod pipeline;
mod view;

pub use frame::{FrameError, LumaFrame, MAX_PIXELS};
pub use pipeline::{decode, decode_bytes_with, decode_raw, decode_with, Stages};
