//! Pure business rules of a point of sale: no browser, no network, no storage.
//! Everything here is tested natively with `cargo test`.

pub mod bill_discount;
pub mod cart;
pub mod cashback;
pub mod catalog;
pub mod customer;
pub mod customer_view;
pub mod date_style;
pub mod line;
pub mod loyalty_tender;
pub mod mobile;
pub mod money;
pub mod number_input;
pub mod payment;
pub mod provider;
pub mod quantity;
pub mod receipt;
pub mod refund;
pub mod report;
pub mod sale;
pub mod scale_barcode;
pub mod shift;
pub mod shift_glance;
pub mod supervisor;
pub mod transaction_qr;
