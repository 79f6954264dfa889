//! Kassa: a browser point-of-sale for cashback loyalty programs.
//!
//! The module tree mirrors the architecture (see ARCHITECTURE.md): pure
//! modules (`domain`, `i18n`, wire mapping in `loyalty`, decoding in `scan`)
//! compile and test natively; browser-bound modules (`ui`) only exist for
//! wasm32, so a pure module cannot reach for the browser by accident.

pub mod domain;
pub mod i18n;
pub mod loyalty;
pub mod print;
pub mod scan;
pub mod srv4pos;
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
