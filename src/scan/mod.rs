//! Reading the customer's QR code from camera frames.
//!
//! `decode` is pure: a frame of 8-bit luma in, payload texts out. It compiles
//! natively, where the scan lab (`tests/scan-lab`) measures it on generated
//! and shared corpora, and for wasm32, where it runs in a Web Worker off the
//! page's thread. What turns a payload into a customer is
//! `domain::customer`, not this module.

pub mod decode;
