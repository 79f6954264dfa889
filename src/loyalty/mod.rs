//! Loyalty providers: how Kassa's domain maps onto each provider's wire
//! format, and (in the browser) the clients that talk to them.

pub mod aos;
mod json_number;
