//! The AppsPOS wire format, both ways: the 8 calls Kassa makes (exact
//! bytes) and the tolerant reading of the answers. The one place to correct
//! when the live server differs from `shared/spec/appspos-contract.md`
//! (the signature and the transport have their own modules, `sign` and
//! `transport`).
//!
//! A request is kept without the credentials ([`AppsPosRequest`]: the API
//! and its own fields), so a stored step never holds the API key; it is
//! signed when sent ([`AppsPosRequest::signed`]). Signing is deterministic,
//! so every retry with the shift's credentials sends identical bytes.
//!
//! `request.rs` builds the calls from plain types, `body.rs` holds the cart
//! element both sides read, `answer.rs` reads the answers.

use serde::{Deserialize, Serialize};

use super::credentials::Credentials;
use super::sign;

mod answer;
mod body;
mod request;

pub use answer::*;
pub use body::CartItem;
pub use request::*;

pub use crate::loyalty::aos::wire::Reply;

/// Kassa sends `en` whatever the UI language (contract).
pub const LANGUAGE_CODE: &str = "en";

/// The 8 calls of the vendor document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Api {
    /// `voucher_to_add_cart_from_pos`: the cart; the app applies vouchers.
    Order,
    /// `order_update_discount_svc_gst`: Kassa's bill figures.
    BillInfo,
    /// `order_to_release_payment`: the app may take payment.
    Release,
    /// `check_paid_status`: polled while the customer pays.
    PaidStatus,
    /// `payment_completed`: the sale is done.
    Complete,
    /// `cancel_transaction`.
    Cancel,
    /// `remove_voucher_from_pos`.
    RemoveVoucher,
    /// `refund`: a whole completed sale back.
    Refund,
}

impl Api {
    pub const ALL: [Api; 8] = [
        Api::Order,
        Api::BillInfo,
        Api::Release,
        Api::PaidStatus,
        Api::Complete,
        Api::Cancel,
        Api::RemoveVoucher,
        Api::Refund,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Api::Order => "voucher_to_add_cart_from_pos",
            Api::BillInfo => "order_update_discount_svc_gst",
            Api::Release => "order_to_release_payment",
            Api::PaidStatus => "check_paid_status",
            Api::Complete => "payment_completed",
            Api::Cancel => "cancel_transaction",
            Api::RemoveVoucher => "remove_voucher_from_pos",
            Api::Refund => "refund",
        }
    }

    pub fn from_name(name: &str) -> Option<Api> {
        Api::ALL.into_iter().find(|api| api.name() == name)
    }
}

/// A signed top-level field: the contract allows strings and integers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Text(String),
}

impl Scalar {
    fn canonical(&self) -> String {
        match self {
            Scalar::Int(value) => value.to_string(),
            Scalar::Text(text) => text.clone(),
        }
    }

    fn json(&self) -> String {
        match self {
            Scalar::Int(value) => value.to_string(),
            Scalar::Text(text) => json_string(text),
        }
    }
}

/// One call as stored: its own fields, in order, and the cart of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppsPosRequest {
    pub api: Api,
    pub fields: Vec<(String, Scalar)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<CartItem>>,
}

/// A request ready to go: the exact body, and the signature its answer
/// must be signed against.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    pub api: Api,
    pub body: String,
    pub request_signature: String,
}

impl std::fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The body carries the API key.
        f.debug_struct("SignedRequest")
            .field("api", &self.api)
            .finish_non_exhaustive()
    }
}

impl AppsPosRequest {
    fn new(api: Api, fields: Vec<(&str, Scalar)>) -> AppsPosRequest {
        AppsPosRequest {
            api,
            fields: fields
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
            data: None,
        }
    }

    /// The field `name`, if the request has it.
    pub fn field(&self, name: &str) -> Option<&Scalar> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The exact body with the shift's credentials: `api_key`,
    /// `branch_code`, `pos_name`, `language_code`, the call's fields, the
    /// cart, then `request_signature`.
    pub fn signed(&self, credentials: &Credentials) -> SignedRequest {
        let mut fields: Vec<(&str, Scalar)> = vec![
            ("api_key", Scalar::Text(credentials.api_key.clone())),
            ("branch_code", Scalar::Text(credentials.branch_code.clone())),
            ("pos_name", Scalar::Text(credentials.pos_name.clone())),
            ("language_code", Scalar::Text(LANGUAGE_CODE.to_owned())),
        ];
        fields.extend(
            self.fields
                .iter()
                .map(|(name, value)| (name.as_str(), value.clone())),
        );
        let canonical = sign::canonical(
            self.api.name(),
            fields
                .iter()
                .map(|(name, value)| (*name, value.canonical())),
        );
        let signature = sign::request_signature(&credentials.secret, &canonical);
        let mut members: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("{}:{}", json_string(name), value.json()))
            .collect();
        if let Some(data) = &self.data {
            members.push(format!("\"data\":{}", body::cart_json(data)));
        }
        members.push(format!("\"request_signature\":{}", json_string(&signature)));
        SignedRequest {
            api: self.api,
            body: format!("{{{}}}", members.join(",")),
            request_signature: signature,
        }
    }

    /// The request as an outbox step's body.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored step's request; `None` for a damaged record.
    pub fn from_stored(stored: &str) -> Option<AppsPosRequest> {
        serde_json::from_str(stored).ok()
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}
