//! AOS cashback (see `shared/spec/aos-contract.md`, which is binding).

pub mod rules;
pub mod wire;
