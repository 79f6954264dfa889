//! Loyalty providers: how Kassa's domain maps onto each provider's wire
//! format, the server-side rules shared by the demo backend and the test
//! sandbox, and (in the browser) the clients that talk to them.

pub mod aos;
pub mod appspos;
#[cfg(target_arch = "wasm32")]
pub mod backend;
pub mod capillary;
pub mod demo;
pub mod error;
mod flex;
#[cfg(target_arch = "wasm32")]
mod http;
pub(crate) mod json_number;
pub mod refund_plan;
