//! AOS cashback (see `shared/spec/aos-contract.md`, which is binding).

#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod rules;
pub mod wire;
