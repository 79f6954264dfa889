//! The Capillary wire format, both ways: the requests Kassa sends (exact
//! bytes, path and query) and the tolerant reading of the answers. The one
//! place to correct when the live server differs from
//! `shared/spec/capillary-contract.md`.
//!
//! The types are the provider's, not Kassa's receipt: the sale is mapped
//! onto [`TransactionAdd`] and friends by the caller.
//!
//! Decisions of ours where the contract leaves a choice:
//! - Money and quantities are written as JSON strings with their exact
//!   digits (`"125205.10"`, `"0.75"`), as the contract's examples show.
//! - A bill number taken by a *different* bill is answered (by our demo and
//!   sandbox) with `status.code` 409 and item code 604; read as
//!   [`LoyaltyError::Conflict`](crate::loyalty::error::LoyaltyError::Conflict). Item code 604 under any other status is the
//!   replay of an identical bill: the success it means.
//! - A definite success is the item code (1000, 600, 800, 700); the figures
//!   around it are optional, so a success is never turned into an error
//!   (and then retried) because the server left out a balance.
//!
//! `request.rs` builds what Kassa sends, over the body shapes of `body.rs`
//! (which the server rules read too); `answer.rs` reads what comes back,
//! through the tolerant records of `records.rs`.

use serde::{Deserialize, Serialize};

mod answer;
mod body;
mod records;
mod request;

pub use answer::*;
pub use body::parse_wire_time;
pub(in crate::loyalty::capillary) use body::*;
pub use request::*;

pub use crate::loyalty::aos::wire::Reply;

/// Item codes of the contract.
pub mod code {
    pub const CUSTOMER_OK: i64 = 1000;
    pub const CUSTOMER_EXISTS: i64 = 1003;
    pub const CUSTOMER_NOT_FOUND: i64 = 1012;
    pub const CUSTOMER_NOT_FOUND_ALT: i64 = 816;
    pub const TRANSACTION_OK: i64 = 600;
    pub const BILL_NUMBER_EXISTS: i64 = 604;
    pub const POINTS_OK: i64 = 800;
    pub const POINTS_REFUSED: i64 = 811;
    pub const COUPON_OK: i64 = 700;
    pub const COUPON_USED: i64 = 702;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    Get,
    Post,
}

/// One request, without the credentials (which travel beside it, so that a
/// stored request never holds a secret). `path` follows the base URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapillaryRequest {
    pub method: Method,
    pub path: String,
    /// Always begins with `format=json`.
    pub query: Vec<(String, String)>,
    /// The exact JSON of a POST: kept so that every retry is identical.
    pub body: Option<String>,
}

impl CapillaryRequest {
    fn get(entity_method: &str, query: &[(&str, &str)]) -> CapillaryRequest {
        let mut pairs = vec![("format".to_owned(), "json".to_owned())];
        pairs.extend(
            query
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        CapillaryRequest {
            method: Method::Get,
            path: format!("/v1.1/{entity_method}"),
            query: pairs,
            body: None,
        }
    }

    fn post(entity_method: &str, body: &impl Serialize) -> CapillaryRequest {
        CapillaryRequest {
            method: Method::Post,
            path: format!("/v1.1/{entity_method}"),
            query: vec![("format".to_owned(), "json".to_owned())],
            body: Some(serde_json::to_string(body).unwrap_or_default()),
        }
    }

    /// The query parameter `name`, if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}
