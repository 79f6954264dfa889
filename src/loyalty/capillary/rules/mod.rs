//! The Capillary server's rules, as `capillary-contract.md` fixes them: one
//! implementation, behind one HTTP-shaped entry point, used by the
//! in-browser demo backend and by the test sandbox, so both behave alike.
//!
//! Item codes of ours where the contract names none: 1004 invalid customer
//! data, 620 a malformed or inconsistent bill, 612 a return without its
//! original bill, 701 an unknown coupon, 703/815 a redeem for a bill that was
//! never added. Refusals come with `status.code` 500 as Capillary's do, a
//! malformed request with 400, a bill number taken by a different bill with
//! 409 (see `wire`).

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

use super::auth::Authorization;
use super::wire::{CapillaryRequest, Method, Reply, TransactionAdd};
use crate::domain::mobile::MobileNumber;
use answer::status_only;

mod answer;
mod bills;
mod coupons;
mod customers;
mod points;
mod seed;

pub use seed::{Account, Coupon, Seed, Tier, TillCredentials};

/// An added bill, as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillRecord {
    pub id: String,
    /// `regular`, `not_interested` or `return`.
    pub kind: String,
    pub number: String,
    pub mobile: Option<String>,
    pub amount: String,
    pub points_earned: i64,
    pub points_deducted: i64,
}

/// A redemption of points or of a coupon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedemptionRecord {
    pub redemption_id: String,
    pub bill_number: String,
    pub mobile: String,
    /// Points redeemed, or 0 for a coupon.
    pub points: i64,
    /// The coupon code, or "" for points.
    pub coupon: String,
}

#[derive(Debug, Clone)]
struct Otp {
    points: i64,
    code: String,
}

/// The state of one Capillary server.
#[derive(Debug, Clone)]
pub struct CapillaryServer {
    authorizations: Vec<Authorization>,
    ratio: Decimal,
    tiers: Vec<Tier>,
    customers: Vec<Account>,
    coupons: Vec<Coupon>,
    otps: HashMap<String, Otp>,
    bills: Vec<BillRecord>,
    redemptions: Vec<RedemptionRecord>,
    /// Bill key → the bill first added and the answer given.
    seen_bills: HashMap<String, (TransactionAdd, Value)>,
    /// (bill number, points) → the answer given.
    seen_point_redeems: HashMap<(String, i64), Value>,
    /// (bill number, coupon code) → the answer given.
    seen_coupon_redeems: HashMap<(String, String), Value>,
    issued: u64,
}

impl CapillaryServer {
    pub fn new(seed: Seed) -> CapillaryServer {
        CapillaryServer {
            authorizations: seed
                .tills
                .iter()
                .map(|till| Authorization::new(&till.till_code, &till.password))
                .collect(),
            ratio: seed.points_currency_ratio,
            tiers: seed.tiers,
            customers: seed.customers,
            coupons: seed.coupons,
            otps: HashMap::new(),
            bills: Vec::new(),
            redemptions: Vec::new(),
            seen_bills: HashMap::new(),
            seen_point_redeems: HashMap::new(),
            seen_coupon_redeems: HashMap::new(),
            issued: 0,
        }
    }

    pub fn customers(&self) -> &[Account] {
        &self.customers
    }

    pub fn coupons(&self) -> &[Coupon] {
        &self.coupons
    }

    pub fn bills(&self) -> &[BillRecord] {
        &self.bills
    }

    pub fn redemptions(&self) -> &[RedemptionRecord] {
        &self.redemptions
    }

    /// The customer with this mobile (twelve digits), if a member.
    pub fn account(&self, mobile: &str) -> Option<&Account> {
        self.customers.iter().find(|a| a.mobile == mobile)
    }

    /// The one-time code last issued to `mobile` and not yet used: what the
    /// customer's SMS would say.
    pub fn last_otp(&self, mobile: &str) -> Option<&str> {
        let mobile = MobileNumber::parse(mobile).ok()?;
        self.otps.get(mobile.as_str()).map(|otp| otp.code.as_str())
    }

    /// Answers one request as the server would. `authorization` is the
    /// request's `Authorization` header.
    pub fn handle(&mut self, request: &CapillaryRequest, authorization: Option<&str>) -> Reply {
        let known = authorization.is_some_and(|value| {
            self.authorizations
                .iter()
                .any(|auth| auth.header_value() == value)
        });
        if !known {
            return Reply {
                status: 401,
                body: json!({ "response": status_only(401, "Unauthorized: invalid till credentials") })
                    .to_string(),
            };
        }
        if request.param("format") != Some("json") {
            // Without `format=json` Capillary answers in XML.
            return Reply {
                status: 200,
                body: "<response><status><code>200</code></status></response>".into(),
            };
        }
        let body = request.body.as_deref().unwrap_or_default();
        let answer = match (request.method, request.path.as_str()) {
            (Method::Get, "/v1.1/customer/get") => self.customer_get(request),
            (Method::Post, "/v1.1/customer/add") => self.customer_add(body),
            (Method::Post, "/v1.1/customer/update") => self.customer_update(body),
            (Method::Get, "/v1.1/points/isredeemable") => self.points_isredeemable(request),
            (Method::Get, "/v1.1/coupon/isredeemable") => self.coupon_isredeemable(request),
            (Method::Post, "/v1.1/transaction/add") => self.transaction_add(body),
            (Method::Post, "/v1.1/points/redeem") => self.points_redeem(body),
            (Method::Post, "/v1.1/coupon/redeem") => self.coupon_redeem(body),
            _ => {
                return Reply {
                    status: 404,
                    body: json!({ "response": status_only(404, "no such API") }).to_string(),
                }
            }
        };
        Reply {
            status: 200,
            body: json!({ "response": answer }).to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
