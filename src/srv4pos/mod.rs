//! srv4pos, the store server: the catalog a till sells from, and the sales,
//! cash movements and days it reports to. Pure wire mapping and sync rules
//! here (see `../shared/spec/srv4pos-contract.md`); the one place to correct
//! when a live server differs from the contract.

pub mod address;
pub mod articles;
#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod compare;
pub mod days;
pub mod error;
#[cfg(target_arch = "wasm32")]
pub mod http;
pub mod plan;
pub mod register;
pub mod sales;
pub mod sample;
pub mod sync;
