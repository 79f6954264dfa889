//! The demo backend: the AOS server's rules (`aos::rules`), Capillary's
//! (`capillary::rules`) and AppsPOS's (`appspos::rules`), seeded with
//! sample customers and codes, running in a Web Worker of its own wasm.
//! The page asks it what it would ask a real server
//! and reads the answers through the same wire mapping, so the rest of Kassa
//! cannot tell the two apart; and a tablet working against a real server
//! never downloads the demo.

#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod protocol;
pub mod server;
#[cfg(target_arch = "wasm32")]
pub mod worker;

/// The branch token of the demo shift.
pub const DEMO_BRANCH_TOKEN: &str = "demo-branch";
