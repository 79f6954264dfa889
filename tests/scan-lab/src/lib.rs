//! Kassa's QR lab: the corpora, tools and figures behind the choices in
//! `kassa::scan::decode`. Nothing here ships in the page.
//!
//! - `synth`: generated customer codes on phone screens, by category.
//! - `shared_corpus`: the zxing blackbox images in `shared/qr-corpus`.
//! - `y4m`: fake-camera videos for Chromium.
//! - `stats`: medians and percentiles of timings.
//! - `cli`: errors, usage and numbers of the tools' command lines.

pub mod cli;
pub mod shared_corpus;
pub mod stats;
pub mod synth;
pub mod y4m;
