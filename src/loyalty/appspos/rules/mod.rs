//! The AppsPOS server's rules, as `appspos-contract.md` fixes them: one
//! implementation behind one HTTP-shaped entry point ([`AppsPosServer::handle`]),
//! used by the in-browser demo backend and by the test sandbox, so both
//! behave alike.
//!
//! Each call is idempotent by the transaction's state, not by a cache of
//! bodies: polls are the same body every time and must see the payment
//! move on. A release of a released or paid transaction changes nothing; a
//! poll of a paid one answers the same payment; a second completion,
//! cancel or refund answers success without a second effect.
//!
//! Amounts in answers are decimal strings (the contract lets either form
//! through; a `serde_json::Value` could only carry them as `f64`).

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::HashMap;

use super::sign::{self, SigningSecret};
use super::transport;
use super::wire::{Api, CartItem, Reply};
use crate::domain::money::Money;
use crate::loyalty::flex::Number;
use answer::Answer;

mod answer;
mod calls;
mod seed;

pub use seed::{Branch, Code, Seed};

/// A payment taken in the app: what the sandbox's ledger counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChargeRecord {
    pub transaction_qrcode: String,
    pub invoice_no: String,
    pub transaction_id: String,
    pub refund_id: String,
    pub amount: String,
}

/// A refunded payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundRecord {
    pub refund_id: String,
    pub transaction_qrcode: String,
    pub amount: String,
}

/// Where a transaction is on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TransactionState {
    Ordered,
    Released,
    Paid,
    Failed,
    Completed,
    Cancelled,
    Refunded,
}

/// One transaction code's conversation with a till.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transaction {
    pub transaction_qrcode: String,
    pub invoice_no: String,
    pub state: TransactionState,
    pub cart_total: String,
    pub voucher: String,
    /// After the bill info.
    pub total_payable: Option<String>,
    pub voucher_removed: bool,
    pub unique_number: String,
    /// Polls answered "in process" since the last release.
    pub polls: u32,
    /// Index into the charges, once paid.
    #[serde(skip)]
    charge: Option<usize>,
}

/// The state of one AppsPOS server.
#[derive(Debug, Clone)]
pub struct AppsPosServer {
    branches: Vec<(Branch, SigningSecret)>,
    codes: Vec<Code>,
    in_process_polls: u32,
    transactions: HashMap<String, Transaction>,
    charges: Vec<ChargeRecord>,
    refunds: Vec<RefundRecord>,
    cancels: u64,
    /// Answers given: the server clock ticks a second per call.
    ticks: u64,
    issued: u64,
}

/// A call whose signature checked: its top-level fields, and their raw
/// tokens (amounts are read from those, never through `f64`).
pub(super) struct Call<'a> {
    pub fields: &'a Map<String, Value>,
    pub raw: &'a HashMap<String, Box<RawValue>>,
}

impl Call<'_> {
    /// A text field (numbers taken as their digits); "" when absent.
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .and_then(sign::field_text)
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// An amount given as text or number, at most two decimals.
    pub fn money(&self, name: &str) -> Option<Decimal> {
        let Number(value) = serde_json::from_str(self.raw.get(name)?.get()).ok()?;
        (value.normalize().scale() <= 2).then_some(value)
    }

    /// The cart of an order.
    pub fn cart(&self) -> Option<Vec<CartItem>> {
        serde_json::from_str(self.raw.get("data")?.get()).ok()
    }
}

impl AppsPosServer {
    pub fn new(seed: Seed) -> AppsPosServer {
        AppsPosServer {
            branches: seed
                .branches
                .into_iter()
                .map(|branch| {
                    let secret = SigningSecret::new(branch.secret.clone());
                    (branch, secret)
                })
                .collect(),
            codes: seed.codes,
            in_process_polls: seed.in_process_polls,
            transactions: HashMap::new(),
            charges: Vec::new(),
            refunds: Vec::new(),
            cancels: 0,
            ticks: 0,
            issued: 0,
        }
    }

    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    pub fn charges(&self) -> &[ChargeRecord] {
        &self.charges
    }

    pub fn refunds(&self) -> &[RefundRecord] {
        &self.refunds
    }

    /// Cancels that ended a transaction.
    pub fn cancels(&self) -> u64 {
        self.cancels
    }

    /// Every transaction, by code.
    pub fn transactions(&self) -> Vec<&Transaction> {
        let mut all: Vec<&Transaction> = self.transactions.values().collect();
        all.sort_by(|a, b| a.transaction_qrcode.cmp(&b.transaction_qrcode));
        all
    }

    pub fn transaction(&self, qr: &str) -> Option<&Transaction> {
        self.transactions.get(qr)
    }

    /// A code a customer's app now shows (a test hook: every sale needs a
    /// fresh one). A code already known is left as it is.
    pub fn add_code(&mut self, code: Code) {
        if !self.codes.iter().any(|known| known.code == code.code) {
            self.codes.push(code);
        }
    }

    /// How many polls after a release answer "in process" (a test hook).
    pub fn set_in_process_polls(&mut self, polls: u32) {
        self.in_process_polls = polls;
    }

    pub fn in_process_polls(&self) -> u32 {
        self.in_process_polls
    }

    /// Answers one request as the server would: `path` follows the base URL
    /// (`/check_paid_status`), `body` is the JSON posted.
    pub fn handle(&mut self, path: &str, body: &str) -> Reply {
        let Some(api) = transport::api_of_path(path) else {
            return Reply {
                status: 404,
                body: "{}".into(),
            };
        };
        self.ticks += 1;
        let time = self.server_time();
        let (Ok(fields), Ok(raw)) = (
            serde_json::from_str::<Map<String, Value>>(body),
            serde_json::from_str::<HashMap<String, Box<RawValue>>>(body),
        ) else {
            return ok_reply(Answer::refused("Malformed request").body(&time, None));
        };
        let api_key = fields.get("api_key").and_then(Value::as_str).unwrap_or("");
        let Some((branch, secret)) = self
            .branches
            .iter()
            .find(|(branch, _)| branch.api_key == api_key)
            .cloned()
        else {
            return ok_reply(Answer::refused("Unauthorized").body(&time, None));
        };
        let given = fields
            .get("request_signature")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let signed = (&secret, given.as_str());
        let texts: Option<Vec<(&str, String)>> = fields
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "data" | "request_signature"))
            .map(|(name, value)| sign::field_text(value).map(|text| (name.as_str(), text)))
            .collect();
        let Some(texts) = texts else {
            return ok_reply(Answer::refused("Malformed request").body(&time, Some(signed)));
        };
        let canonical = sign::canonical(api.name(), texts);
        if !sign::verify_request(&secret, &canonical, &given) {
            return ok_reply(Answer::refused("Invalid signature").body(&time, Some(signed)));
        }
        let call = Call {
            fields: &fields,
            raw: &raw,
        };
        let answer = if call.text("branch_code") != branch.branch_code {
            Answer::refused("Unknown branch")
        } else {
            match api {
                Api::Order => self.order(&call),
                Api::BillInfo => self.bill_info(&call),
                Api::Release => self.release(&call),
                Api::PaidStatus => self.paid_status(&call),
                Api::Complete => self.complete(&call),
                Api::Cancel => self.cancel(&call),
                Api::RemoveVoucher => self.remove_voucher(&call),
                Api::Refund => self.refund(&call),
            }
        };
        ok_reply(answer.body(&time, Some(signed)))
    }

    /// `YYYY-MM-DD HH:MM:SS`, a second later for every call.
    fn server_time(&self) -> String {
        let seconds = 10 * 3600 + self.ticks % (14 * 3600);
        format!(
            "2026-12-01 {:02}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }

    fn next_id(&mut self) -> u64 {
        self.issued += 1;
        self.issued
    }
}

fn ok_reply(body: String) -> Reply {
    Reply { status: 200, body }
}

fn money_text(value: Decimal) -> String {
    Money::round(value).to_string()
}

#[cfg(test)]
mod tests;
