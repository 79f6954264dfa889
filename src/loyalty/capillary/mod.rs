//! Capillary InTouch v1.1 (see `shared/spec/capillary-contract.md`, which
//! is binding): points redeemed with a one-time code, coupons, enrolment.

pub mod auth;
mod flex;
pub mod wire;
