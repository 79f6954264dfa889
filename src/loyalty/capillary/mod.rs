//! Capillary InTouch v1.1 (see `shared/spec/capillary-contract.md`, which
//! is binding): points redeemed with a one-time code, coupons, enrolment.

pub mod auth;
#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod plan;
pub mod rules;
pub mod wire;

/// The till credentials of the demo shift (and of the sandbox): `rules`'
/// seed accepts them.
pub const DEMO_TILL_CODE: &str = "kassa-demo";
pub const DEMO_PASSWORD: &str = "demo-2026";
