//! QR decoding of one camera frame: `decode` shows rqrr 0.11 a few views of
//! the frame, the cheapest and likeliest first, and stops at the first view
//! that yields a code, so a code held up well costs one rqrr pass.
//!
//! # The views, and the figures that kept each
//! Always, cheapest first:
//! 1. The whole frame at half resolution (`Stages::coarse_first`).
//! 2. The whole frame. Frames with a side over 1280 px are shrunk by a
//!    whole factor first: a bound on a 4K frame's cost, not a measured stage.
//! 3. The whole frame at half resolution, luma inverted: dark-mode phones
//!    show light modules on black, which rqrr never looks for (`invert`).
//!
//! Then, only if one of those saw two finder patterns (`gate`; a frame with
//! no code in view stops here), until one yields a code:
//! 4. The centred square of 3/4 of the shorter side (`centre_first`).
//! 5. That square with luma squared, which deepens every contrast: glare,
//!    blur, a dim screen (`contrast`).
//! 6. The whole frame unsharp-masked (`sharpen`): blur.
//! 7. The whole frame inverted at full resolution (`invert`).
//! 8. The whole view enlarged twice, bilinearly, where its longer side is at
//!    most 480 px, else a centre square of at most 480 enlarged (`zoom`):
//!    rqrr places corners to the pixel, a large share of a 2–4 px module.
//! 9. That enlarged view inverted (`zoom` and `invert`), then squared
//!    (`zoom` and `contrast`).
//!
//! rqrr itself carries Kassa patches (`vendor/rqrr/KASSA-PATCH.md`): a
//! block-wise binarizer after zxing's hybrid one, a finder test that keeps
//! modules of 1–2 px and cross-checks the column, the capstone count the
//! gate needs, a grid fitted from the centres of capstones and alignment
//! pattern (rqrr's fit from corners as the fallback, which `guard` tries
//! where the first grid does not decode), capstones grouped by their
//! centres too, and a scan of every other row.
//!
//! Measured by `tests/scan-lab` (`cargo run --profile lab -p
//! kassa-scan-lab --bin accuracy`, exact counts): the generated corpus is
//! 192 frames, 24 per category, half 640×480 and half 1280×720, seed
//! 20261124; the shared corpus is zxing's 179 blackbox images.
//!
//! | step (cumulative) | generated | shared |
//! |---|---:|---:|
//! | before issue 18: row binarizer, five views | 158 | 123 |
//! | block binarizer (range 24) | 168 | 131 |
//! | flat-block range 12 | 172 | 134 |
//! | finder test in quarter modules | 177 | 137 |
//! | vertical cross-check, gate, row-built views | 177 | 136 |
//! | zoomed retry | 182 | 144 |
//! | full-resolution and zoomed inversion retries | 187 | 144 |
//! | zoomed contrast retry | 187 | 146 |
//! | issue 18, second session: grid fit from centres, corner fit behind | 187 | 153 |
//! | finder cross-check on the top edge (no quiet zone) | 187 | 158 |
//! | groups by centres, fit without an alignment pattern | 187 | 159 |
//! | sharpened retry | 191 | 159 |
//! | groups by centres with sides within 40 % | 191 | 160 |
//! | faster binarizer and scan, every other row, gate at two capstones | 191 | 160 |
//! | each group's grid fitted once, not twice | 191 | 160 |
//!
//! Of the shared corpus, 12 more codes are read bit-exact but hold
//! Shift_JIS text, which `decode` shows as lossy UTF-8 (172 bit-exact): a
//! customer code is ASCII, and a charset table is not worth its bytes.
//!
//! # Time
//! Counted in instructions (`valgrind --tool=callgrind` on the lab's
//! `cost` example at opt-level 3; the machine is shared, so wall times are
//! noise). A 640×480 frame without a code costs a median 22M instructions
//! (three views, no retries; 8 background frames, the most 24M), and 32
//! generated frames with a code 888M. Before this second session,
//! built the same way (opt-level 3, no LTO): 47M, with two of the eight
//! frames at 230M (a lone false capstone ran every retry), and 2040M; the
//! first session had brought them from 106M and 2182M. Of a codeless
//! frame, binarizing is now about half and the capstone scan the other.
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

mod code128;
mod frame;
#[cfg(test)]
mod fuzz;
mod guard;
mod pipeline;
mod sharpen;
mod view;

pub use code128::read_code128;
pub use frame::{FrameError, LumaFrame, MAX_PIXELS};
pub use pipeline::{decode, decode_bytes_with, decode_raw, decode_with, Stages};
