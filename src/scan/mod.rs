//! Reading codes: the customer's QR code from camera frames, and telling a
//! keyboard-wedge barcode scanner's typing from a person's (`wedge`).
//!
//! `decode` is pure: a frame of 8-bit luma in, payload texts out. It compiles
//! natively, where the scan lab (`tests/scan-lab`) measures it on generated
//! and shared corpora, and for wasm32, where it runs in a Web Worker off the
//! page's thread. What turns a payload into a customer is
//! `domain::customer`, not this module.

pub mod decode;
pub mod fit;
pub mod gate;
pub mod problem;
pub mod wedge;

// The browser side: camera, frames, and the worker that runs `decode`.
#[cfg(target_arch = "wasm32")]
pub mod camera;
#[cfg(target_arch = "wasm32")]
pub mod decoder;
#[cfg(target_arch = "wasm32")]
pub mod frames;
#[cfg(target_arch = "wasm32")]
pub mod message;
#[cfg(target_arch = "wasm32")]
pub mod worker;
