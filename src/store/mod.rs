//! Persistence: what must survive a closed tab — the open shift, the receipt
//! sequence and the outbox of sales not yet confirmed.

pub mod outbox;
