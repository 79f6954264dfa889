//! Persistence: what must survive a closed tab — the open shift, the receipt
//! sequence and the outbox of sales not yet confirmed, and the catalog.

#[cfg(target_arch = "wasm32")]
pub mod catalog_db;
pub mod catalog_records;
#[cfg(target_arch = "wasm32")]
pub mod db;
pub mod in_app;
pub mod journal;
pub mod outbox;
pub mod records;
pub mod refund_journal;
pub mod retention;
#[cfg(target_arch = "wasm32")]
pub mod shift_hint;
pub mod step;
