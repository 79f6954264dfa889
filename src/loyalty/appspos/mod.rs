//! AppsPOS (see `shared/spec/appspos-contract.md`, which is binding): the
//! customer's vouchers on the cart, then payment inside the customer's app
//! while the till polls.
//!
//! The signature (`sign.rs`) and the transport (`transport.rs`) are
//! provisional, each in one small module, to be corrected when AppsPOS's
//! real rules are known; everything else follows the vendor document.

#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod credentials;
pub mod payment;
pub mod plan;
pub mod rules;
pub mod sign;
pub mod transport;
pub mod wire;

/// The demo branch's credentials (and the sandbox's): the rules' seed
/// accepts them.
pub const DEMO_API_KEY: &str = "kassa-demo-key";
pub const DEMO_SECRET: &str = "kassa-demo-secret";
pub const DEMO_BRANCH_CODE: &str = "B1";
