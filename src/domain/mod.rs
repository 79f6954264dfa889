//! Pure business rules of a point of sale: no browser, no network, no storage.
//! Everything here is tested natively with `cargo test`.

pub mod shift;
