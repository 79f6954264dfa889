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
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::auth::Authorization;
use super::wire::{
    self, code, CapillaryRequest, CouponBody, CustomerBody, CustomerRoot, Method, RedeemBody,
    Reply, Root, TransactionAdd, TransactionBody, TransactionKind,
};
use crate::domain::mobile::{CardNumber, MobileNumber};
use crate::domain::money::Money;

/// Till credentials the server accepts.
#[derive(Debug, Clone, Deserialize)]
pub struct TillCredentials {
    pub till_code: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub name: String,
    /// Points per whole 1 000 sum paid other than in points.
    pub points_per_1000: i64,
}

/// A customer as the server stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user_id: String,
    pub mobile: String,
    #[serde(default)]
    pub card_number: String,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    #[serde(default)]
    pub email: String,
    pub points: i64,
    #[serde(default)]
    pub lifetime_points: i64,
    pub tier: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupon {
    pub code: String,
    /// `ABS` or `PERC`.
    pub discount_type: String,
    pub discount_value: String,
    pub valid_till: String,
    #[serde(default)]
    pub used: bool,
}

/// The seed: credentials, the points ratio, tiers, customers and coupons.
#[derive(Debug, Clone, Deserialize)]
pub struct Seed {
    pub tills: Vec<TillCredentials>,
    /// Sum per point.
    pub points_currency_ratio: Decimal,
    /// The first tier is the one a new member starts in.
    pub tiers: Vec<Tier>,
    pub customers: Vec<Account>,
    /// A mobile that is not a member, for showing enrolment.
    pub not_a_member: String,
    pub coupons: Vec<Coupon>,
}

impl Seed {
    /// The seed of the demo and the sandbox (`seed.json` beside this file).
    pub fn demo() -> Seed {
        serde_json::from_str(include_str!("seed.json")).unwrap_or_else(|_| Seed {
            tills: Vec::new(),
            points_currency_ratio: Decimal::ZERO,
            tiers: Vec::new(),
            customers: Vec::new(),
            not_a_member: String::new(),
            coupons: Vec::new(),
        })
    }
}

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

    fn customer_get(&self, request: &CapillaryRequest) -> Value {
        let by_mobile = request
            .param("mobile")
            .and_then(|m| MobileNumber::parse(m).ok());
        let by_card = request
            .param("card_number")
            .and_then(|c| CardNumber::parse(c).ok());
        let account = match (&by_mobile, &by_card) {
            (Some(mobile), _) => self.account(mobile.as_str()),
            (None, Some(card)) => self
                .customers
                .iter()
                .find(|a| !a.card_number.is_empty() && a.card_number == card.as_str()),
            (None, None) => return status_only(400, "a mobile or card_number is needed"),
        };
        match account {
            Some(account) => {
                let mut record = self.customer_record(account);
                record["item_status"] = item_status(code::CUSTOMER_OK, "Customer fetched");
                answer(200, "customers", "customer", json!([record]))
            }
            None => answer(
                500,
                "customers",
                "customer",
                json!([{
                    "mobile": by_mobile.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                    "item_status": item_status(code::CUSTOMER_NOT_FOUND, "Customer not found"),
                }]),
            ),
        }
    }

    fn customer_record(&self, account: &Account) -> Value {
        json!({
            "user_id": account.user_id,
            "mobile": account.mobile,
            "firstname": account.firstname,
            "lastname": account.lastname,
            "email": account.email,
            "card_number": account.card_number,
            "loyalty_points": account.points,
            "lifetime_points": account.lifetime_points,
            "current_slab": account.tier,
        })
    }

    fn customer_add(&mut self, body: &str) -> Value {
        let customer = match customer_body(body) {
            Ok(customer) => customer,
            Err(refusal) => return refusal,
        };
        let Ok(mobile) = MobileNumber::parse(&customer.mobile) else {
            return customer_refusal(1004, "Invalid mobile number");
        };
        if self.account(mobile.as_str()).is_some() {
            return answer(
                500,
                "customers",
                "customer",
                json!([{
                    "mobile": mobile.as_str(),
                    "item_status": item_status(code::CUSTOMER_EXISTS, "Customer already exists"),
                }]),
            );
        }
        self.issued += 1;
        let account = Account {
            user_id: format!("U{}", 5000 + self.issued),
            mobile: mobile.as_str().to_owned(),
            card_number: String::new(),
            firstname: customer.firstname.trim().to_owned(),
            lastname: customer.lastname.trim().to_owned(),
            email: customer.email.unwrap_or_default().trim().to_owned(),
            points: 0,
            lifetime_points: 0,
            tier: self
                .tiers
                .first()
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        };
        let mut record = self.customer_record(&account);
        record["item_status"] = item_status(code::CUSTOMER_OK, "Customer added");
        self.customers.push(account);
        answer(200, "customers", "customer", json!([record]))
    }

    fn customer_update(&mut self, body: &str) -> Value {
        let customer = match customer_body(body) {
            Ok(customer) => customer,
            Err(refusal) => return refusal,
        };
        let mobile = MobileNumber::parse(&customer.mobile).ok();
        let Some(account) =
            mobile.and_then(|m| self.customers.iter_mut().find(|a| a.mobile == m.as_str()))
        else {
            return customer_refusal(code::CUSTOMER_NOT_FOUND, "Customer not found");
        };
        account.firstname = customer.firstname.trim().to_owned();
        account.lastname = customer.lastname.trim().to_owned();
        if let Some(email) = customer.email {
            account.email = email.trim().to_owned();
        }
        let account = account.clone();
        let mut record = self.customer_record(&account);
        record["item_status"] = item_status(code::CUSTOMER_OK, "Customer updated");
        answer(200, "customers", "customer", json!([record]))
    }

    fn points_isredeemable(&mut self, request: &CapillaryRequest) -> Value {
        let mobile = request
            .param("mobile")
            .and_then(|m| MobileNumber::parse(m).ok());
        let points = request.param("points").and_then(|p| p.parse::<i64>().ok());
        let (Some(mobile), Some(points)) = (mobile, points) else {
            return status_only(400, "mobile and points are needed");
        };
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "points",
                "redeemable",
                json!({
                    "mobile": mobile.as_str(),
                    "points": points,
                    "is_redeemable": "false",
                    "item_status": item_status(code, message),
                }),
            )
        };
        let Some(account) = self.account(mobile.as_str()) else {
            return refused(816, "Customer not found");
        };
        if points <= 0 {
            return refused(812, "Points to redeem must be more than zero");
        }
        if points > account.points {
            return refused(code::POINTS_REFUSED, "Insufficient points balance");
        }
        let value = wire::points_value(points, self.ratio).unwrap_or(Money::ZERO);
        if request.param("issue_otp") == Some("true") {
            let code = self.next_otp();
            self.otps
                .insert(mobile.as_str().to_owned(), Otp { points, code });
        }
        answer(
            200,
            "points",
            "redeemable",
            json!({
                "mobile": mobile.as_str(),
                "points": points,
                "is_redeemable": "true",
                "points_redeem_value": value.to_string(),
                "points_currency_ratio": self.ratio.normalize().to_string(),
                "item_status": item_status(code::POINTS_OK, "Points can be redeemed"),
            }),
        )
    }

    /// Four digits that look random and are the same on every run.
    fn next_otp(&mut self) -> String {
        self.issued += 1;
        let mixed = self.issued.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
        format!("{:04}", mixed % 10_000)
    }

    fn coupon(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        self.coupons
            .iter()
            .position(|c| !code.is_empty() && c.code.eq_ignore_ascii_case(code))
    }

    fn coupon_isredeemable(&self, request: &CapillaryRequest) -> Value {
        let asked = request.param("code").unwrap_or_default();
        let mobile = request
            .param("mobile")
            .and_then(|m| MobileNumber::parse(m).ok());
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "coupons",
                "redeemable",
                json!({
                    "code": asked,
                    "is_redeemable": "false",
                    "item_status": item_status(code, message),
                }),
            )
        };
        if mobile.is_none_or(|m| self.account(m.as_str()).is_none()) {
            return refused(code::CUSTOMER_NOT_FOUND_ALT, "Customer not found");
        }
        let Some(at) = self.coupon(asked) else {
            return refused(701, "Coupon not found");
        };
        let coupon = &self.coupons[at];
        if coupon.used {
            return refused(code::COUPON_USED, "Coupon already redeemed");
        }
        answer(
            200,
            "coupons",
            "redeemable",
            json!({
                "code": coupon.code,
                "is_redeemable": "true",
                "item_status": item_status(code::COUPON_OK, "Coupon is redeemable"),
                "series_info": {
                    "discount_type": coupon.discount_type,
                    "discount_value": coupon.discount_value,
                    "discount_on": "BILL",
                    "valid_till": coupon.valid_till,
                },
            }),
        )
    }

    fn transaction_add(&mut self, body: &str) -> Value {
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "transactions",
                "transaction",
                json!([{ "item_status": item_status(code, message) }]),
            )
        };
        let Some(wire_bill) = serde_json::from_str::<Root<wire::TransactionRoot>>(body)
            .ok()
            .and_then(|root| root.root.transaction.into_iter().next())
        else {
            return status_only(400, "malformed transaction body");
        };
        let bill = match wire_bill.to_bill() {
            Ok(bill) => bill,
            Err(reason) => return refused(620, reason),
        };
        if let Err(reason) = bill.check() {
            return refused(620, reason);
        }
        let key = bill_key(&wire_bill);
        if let Some((first, reply)) = self.seen_bills.get(&key) {
            if *first != bill {
                return answer(
                    409,
                    "transactions",
                    "transaction",
                    json!([{
                        "number": bill.number,
                        "item_status": item_status(
                            code::BILL_NUMBER_EXISTS,
                            "bill number already used for a different bill",
                        ),
                    }]),
                );
            }
            let mut replay = reply.clone();
            if let Some(item) = replay.pointer_mut("/transactions/transaction/0") {
                item["item_status"] =
                    item_status(code::BILL_NUMBER_EXISTS, "Bill number already exists");
            }
            return replay;
        }
        let paid_in_points = bill.points_paid();
        let (mobile, earned, deducted) = match &bill.kind {
            TransactionKind::NotInterested => (None, 0, 0),
            TransactionKind::Regular { mobile } => {
                let Some(rate) = self.rate_of(mobile) else {
                    return refused(code::CUSTOMER_NOT_FOUND, "Customer not found");
                };
                let earned = thousands(bill.amount.saturating_sub(paid_in_points)) * rate;
                (Some(mobile.as_str().to_owned()), earned, 0)
            }
            TransactionKind::Return { mobile, .. } => {
                let Some(rate) = self.rate_of(mobile) else {
                    return refused(code::CUSTOMER_NOT_FOUND, "Customer not found");
                };
                let Some(left) = self.earned_left_on(&bill.number, mobile) else {
                    return refused(612, "The original bill was not found");
                };
                let deducted =
                    (thousands(bill.amount.saturating_sub(paid_in_points)) * rate).min(left);
                (Some(mobile.as_str().to_owned()), 0, deducted)
            }
        };
        let balance = mobile.as_deref().and_then(|m| {
            let account = self.customers.iter_mut().find(|a| a.mobile == m)?;
            account.points = account
                .points
                .saturating_add(earned)
                .saturating_sub(deducted);
            account.lifetime_points = account.lifetime_points.saturating_add(earned);
            Some(account.points)
        });
        self.issued += 1;
        let id = format!("{}", 77000 + self.issued);
        let mut record = json!({
            "id": id,
            "number": bill.number,
            "item_status": item_status(code::TRANSACTION_OK, "Transaction added successfully"),
        });
        if let (Some(mobile), Some(balance)) = (&mobile, balance) {
            record["customer"] = json!({ "mobile": mobile, "loyalty_points": balance });
        }
        match bill.kind {
            TransactionKind::Regular { .. } => {
                record["side_effects"] =
                    json!({ "effect": [{ "type": "points", "awarded_points": earned }] });
            }
            TransactionKind::Return { .. } => record["points_deducted"] = json!(deducted),
            TransactionKind::NotInterested => {}
        }
        self.bills.push(BillRecord {
            id,
            kind: wire_bill.kind.clone(),
            number: bill.number.clone(),
            mobile,
            amount: bill.amount.to_string(),
            points_earned: earned,
            points_deducted: deducted,
        });
        let reply = answer(200, "transactions", "transaction", json!([record]));
        self.seen_bills.insert(key, (bill, reply.clone()));
        reply
    }

    fn rate_of(&self, mobile: &MobileNumber) -> Option<i64> {
        let account = self.account(mobile.as_str())?;
        Some(
            self.tiers
                .iter()
                .find(|t| t.name == account.tier)
                .map_or(1, |t| t.points_per_1000),
        )
    }

    /// Points earned on the regular bill `number` of `mobile` and not yet
    /// taken back by a return.
    fn earned_left_on(&self, number: &str, mobile: &MobileNumber) -> Option<i64> {
        let mine =
            |b: &&BillRecord| b.number == number && b.mobile.as_deref() == Some(mobile.as_str());
        let earned = self
            .bills
            .iter()
            .filter(mine)
            .find(|b| b.kind == "regular")?
            .points_earned;
        let taken: i64 = self
            .bills
            .iter()
            .filter(mine)
            .map(|b| b.points_deducted)
            .sum();
        Some(earned.saturating_sub(taken).max(0))
    }

    fn has_bill(&self, number: &str, mobile: &str) -> bool {
        self.bills.iter().any(|b| {
            b.kind == "regular" && b.number == number && b.mobile.as_deref() == Some(mobile)
        })
    }

    fn points_redeem(&mut self, body: &str) -> Value {
        let Some(redeem) = serde_json::from_str::<Root<wire::RedeemRoot>>(body)
            .ok()
            .and_then(|root| root.root.redeem.into_iter().next())
        else {
            return status_only(400, "malformed redeem body");
        };
        let RedeemBody {
            points_redeemed: points,
            transaction_number: bill,
            customer,
            validation_code,
            ..
        } = redeem;
        let key = (bill.clone(), points);
        if let Some(reply) = self.seen_point_redeems.get(&key) {
            return reply.clone();
        }
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "responses",
                "points",
                json!({
                    "mobile": customer.mobile,
                    "points_redeemed": points,
                    "item_status": item_status(code, message),
                }),
            )
        };
        let Some(mobile) = MobileNumber::parse(&customer.mobile).ok() else {
            return refused(816, "Customer not found");
        };
        if !self.has_bill(&bill, mobile.as_str()) {
            return refused(815, "No such bill for this customer");
        }
        let otp_ok = self
            .otps
            .get(mobile.as_str())
            .is_some_and(|otp| otp.points == points && otp.code == validation_code.trim());
        if !otp_ok {
            return refused(code::POINTS_REFUSED, "Invalid or expired validation code");
        }
        let ratio = self.ratio;
        let Some(account) = self
            .customers
            .iter_mut()
            .find(|a| a.mobile == mobile.as_str())
        else {
            return refused(816, "Customer not found");
        };
        if points <= 0 || points > account.points {
            return refused(code::POINTS_REFUSED, "Insufficient points balance");
        }
        account.points -= points;
        let balance = account.points;
        self.otps.remove(mobile.as_str());
        self.issued += 1;
        let redemption_id = format!("PR-{}", self.issued);
        let value = wire::points_value(points, ratio).unwrap_or(Money::ZERO);
        self.redemptions.push(RedemptionRecord {
            redemption_id: redemption_id.clone(),
            bill_number: bill,
            mobile: mobile.as_str().to_owned(),
            points,
            coupon: String::new(),
        });
        let reply = answer(
            200,
            "responses",
            "points",
            json!({
                "mobile": mobile.as_str(),
                "redemption_id": redemption_id,
                "points_redeemed": points,
                "redeemed_value": value.to_string(),
                "balance": balance,
                "item_status": item_status(code::POINTS_OK, "Points redeemed successfully"),
            }),
        );
        self.seen_point_redeems.insert(key, reply.clone());
        reply
    }

    fn coupon_redeem(&mut self, body: &str) -> Value {
        let Some(redeem) = serde_json::from_str::<Root<wire::CouponRoot>>(body)
            .ok()
            .and_then(|root| root.root.coupon.into_iter().next())
        else {
            return status_only(400, "malformed coupon body");
        };
        let CouponBody {
            code: asked,
            customer,
            transaction,
        } = redeem;
        let Some(bill) = transaction.into_iter().next() else {
            return status_only(400, "a coupon redeem names its bill");
        };
        let key = (bill.number.clone(), asked.trim().to_ascii_uppercase());
        if let Some(reply) = self.seen_coupon_redeems.get(&key) {
            return reply.clone();
        }
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "coupons",
                "coupon",
                json!({ "code": asked, "item_status": item_status(code, message) }),
            )
        };
        let Some(mobile) = MobileNumber::parse(&customer.mobile).ok() else {
            return refused(816, "Customer not found");
        };
        if !self.has_bill(&bill.number, mobile.as_str()) {
            return refused(703, "No such bill for this customer");
        }
        let Some(at) = self.coupon(&asked) else {
            return refused(701, "Coupon not found");
        };
        if self.coupons[at].used {
            return refused(code::COUPON_USED, "Coupon already redeemed");
        }
        self.coupons[at].used = true;
        let coupon = self.coupons[at].clone();
        self.issued += 1;
        let redemption_id = format!("CR-{}", self.issued);
        self.redemptions.push(RedemptionRecord {
            redemption_id: redemption_id.clone(),
            bill_number: bill.number,
            mobile: mobile.as_str().to_owned(),
            points: 0,
            coupon: coupon.code.clone(),
        });
        let mut record = json!({
            "code": coupon.code,
            "redemption_id": redemption_id,
            "item_status": item_status(code::COUPON_OK, "Coupon redeemed successfully"),
        });
        // The value of a percent coupon is the bill's business, not the server's.
        if coupon.discount_type.eq_ignore_ascii_case("ABS") {
            record["coupon_value"] = json!(coupon.discount_value);
        }
        let reply = answer(200, "coupons", "coupon", record);
        self.seen_coupon_redeems.insert(key, reply.clone());
        reply
    }
}

/// Whole thousands of sum.
fn thousands(amount: Money) -> i64 {
    i64::try_from((amount.amount() / Decimal::ONE_THOUSAND).trunc()).unwrap_or(0)
}

/// Bills are unique per number; a return also per moment, so that a second
/// partial return of one bill is a new return, not a replay.
fn bill_key(bill: &TransactionBody) -> String {
    match bill.kind.as_str() {
        "return" => format!("return {} {}", bill.number, bill.billing_time),
        _ => format!("sale {}", bill.number),
    }
}

fn customer_body(body: &str) -> Result<CustomerBody, Value> {
    serde_json::from_str::<Root<CustomerRoot>>(body)
        .ok()
        .and_then(|root| root.root.customer.into_iter().next())
        .ok_or_else(|| status_only(400, "malformed customer body"))
}

fn customer_refusal(code: i64, message: &str) -> Value {
    answer(
        500,
        "customers",
        "customer",
        json!([{ "item_status": item_status(code, message) }]),
    )
}

fn item_status(code: i64, message: &str) -> Value {
    json!({
        "success": if (code % 100 == 0) || code == code::BILL_NUMBER_EXISTS { "true" } else { "false" },
        "code": code,
        "message": message,
    })
}

fn status(code: u16) -> Value {
    let message = match code {
        200 => "Success",
        400 => "Bad request",
        401 => "Unauthorized",
        409 => "Conflict",
        _ => "All requests have failed due to errors",
    };
    json!({ "success": if code == 200 { "true" } else { "false" }, "code": code, "message": message })
}

/// `{"status": …, entity: {item: items}}`.
fn answer(code: u16, entity: &str, item: &str, items: Value) -> Value {
    let mut inner = Map::new();
    inner.insert(item.to_owned(), items);
    let mut outer = Map::new();
    outer.insert("status".to_owned(), status(code));
    outer.insert(entity.to_owned(), Value::Object(inner));
    Value::Object(outer)
}

fn status_only(code: u16, message: &str) -> Value {
    let mut status = status(code);
    status["message"] = json!(message);
    json!({ "status": status })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sale::LocalDateTime;
    use crate::loyalty::capillary::wire::{LineItem, PaymentMode, PointsRedeem, ReturnType};
    use crate::loyalty::capillary::{DEMO_PASSWORD, DEMO_TILL_CODE};
    use crate::loyalty::error::LoyaltyError;

    const DILNOZA: &str = "998901234567";

    fn server() -> CapillaryServer {
        CapillaryServer::new(Seed::demo())
    }

    fn send(server: &mut CapillaryServer, request: &CapillaryRequest) -> Reply {
        let auth = Authorization::new(DEMO_TILL_CODE, DEMO_PASSWORD);
        server.handle(request, Some(auth.header_value()))
    }

    fn mobile(text: &str) -> MobileNumber {
        MobileNumber::parse(text).unwrap()
    }

    fn at(day: u8) -> LocalDateTime {
        LocalDateTime {
            year: 2026,
            month: 3,
            day,
            hour: 10,
            minute: 0,
            second: 0,
        }
    }

    fn bill(
        kind: TransactionKind,
        number: &str,
        day: u8,
        price: i64,
        points: i64,
    ) -> TransactionAdd {
        let price = Money::sum(price);
        let points = Money::sum(points);
        TransactionAdd {
            kind,
            number: number.into(),
            billing_time: at(day),
            gross_amount: price,
            discount: Money::ZERO,
            amount: price,
            payments: [
                (PaymentMode::Points, points),
                (PaymentMode::Cash, price - points),
            ]
            .into_iter()
            .filter(|p| !p.1.is_zero())
            .collect(),
            line_items: vec![LineItem {
                serial: 1,
                item_code: String::new(),
                description: "Rice".into(),
                qty: crate::domain::quantity::Quantity::ONE,
                rate: price,
                value: price,
                discount_value: Money::ZERO,
                amount: price,
            }],
        }
    }

    #[test]
    fn the_seed_reads_and_takes_the_demo_credentials() {
        let seed = Seed::demo();
        assert_eq!(seed.tills[0].till_code, DEMO_TILL_CODE);
        assert_eq!(seed.tills[0].password, DEMO_PASSWORD);
        assert_eq!(seed.points_currency_ratio, Decimal::new(5, 1));
        assert!(seed.customers.len() >= 3);
        assert!(seed.customers.iter().all(|c| c.mobile != seed.not_a_member));
        let mut server = server();
        let get = wire::customer_get(&wire::CustomerId::Mobile(mobile(DILNOZA)));
        assert_eq!(send(&mut server, &get).status, 200);
        assert_eq!(server.handle(&get, None).status, 401);
        let wrong = Authorization::new(DEMO_TILL_CODE, "guess");
        assert_eq!(server.handle(&get, Some(wrong.header_value())).status, 401);
    }

    #[test]
    fn without_format_json_the_answer_is_xml_and_unreadable() {
        let mut get = wire::customer_get(&wire::CustomerId::Mobile(mobile(DILNOZA)));
        get.query.remove(0);
        let reply = send(&mut server(), &get);
        assert_eq!(
            wire::read_member(&reply, &wire::CustomerId::Mobile(mobile(DILNOZA))),
            Err(LoyaltyError::UnexpectedAnswer)
        );
    }

    #[test]
    fn gold_earns_twice_per_thousand_paid_not_in_points() {
        let mut server = server();
        let sale = bill(
            TransactionKind::Regular {
                mobile: mobile(DILNOZA),
            },
            "B-1",
            4,
            48_999,
            2_000,
        );
        let added = wire::read_transaction_added(&send(&mut server, &wire::transaction_add(&sale)));
        // floor((48 999 − 2 000) / 1 000) × 2 = 46 × 2 = 92; 6 420 + 92.
        assert_eq!(added.as_ref().map(|a| a.points_earned), Ok(Some(92)));
        assert_eq!(added.map(|a| a.points_balance), Ok(Some(6512)));
    }

    #[test]
    fn returns_take_back_at_most_what_the_bill_earned() {
        let mut server = server();
        let dilnoza = || mobile(DILNOZA);
        let sale = bill(
            TransactionKind::Regular { mobile: dilnoza() },
            "B-2",
            4,
            10_500,
            0,
        );
        send(&mut server, &wire::transaction_add(&sale));
        assert_eq!(server.account(DILNOZA).map(|a| a.points), Some(6440));
        let give_back = |day: u8, price: i64| {
            bill(
                TransactionKind::Return {
                    mobile: dilnoza(),
                    return_type: ReturnType::LineItem,
                    purchase_time: at(4),
                },
                "B-2",
                day,
                price,
                0,
            )
        };
        let first = send(&mut server, &wire::transaction_add(&give_back(5, 6_000)));
        assert_eq!(
            wire::read_transaction_added(&first).map(|a| a.points_deducted),
            Ok(Some(12))
        );
        let second = send(&mut server, &wire::transaction_add(&give_back(6, 6_000)));
        assert_eq!(
            wire::read_transaction_added(&second).map(|a| a.points_deducted),
            Ok(Some(8))
        );
        assert_eq!(server.account(DILNOZA).map(|a| a.points), Some(6420));
        let unknown = send(
            &mut server,
            &wire::transaction_add(&bill(
                TransactionKind::Return {
                    mobile: dilnoza(),
                    return_type: ReturnType::Full,
                    purchase_time: at(4),
                },
                "B-404",
                6,
                1_000,
                0,
            )),
        );
        assert!(matches!(
            wire::read_transaction_added(&unknown),
            Err(LoyaltyError::Rejected(_))
        ));
    }

    #[test]
    fn a_one_time_code_serves_one_redeem() {
        let mut server = server();
        let check = wire::points_isredeemable(&mobile(DILNOZA), 100);
        send(&mut server, &check);
        let otp = server.last_otp("+998 90 123 45 67").unwrap().to_owned();
        assert_eq!(otp.len(), 4);
        for number in ["B-3", "B-4"] {
            let sale = bill(
                TransactionKind::Regular {
                    mobile: mobile(DILNOZA),
                },
                number,
                4,
                1_000,
                50,
            );
            send(&mut server, &wire::transaction_add(&sale));
        }
        let redeem = |number: &str| PointsRedeem {
            mobile: mobile(DILNOZA),
            points: 100,
            bill_number: number.into(),
            otp: otp.clone(),
            redemption_time: at(4),
        };
        let first = send(&mut server, &wire::points_redeem(&redeem("B-3")));
        assert!(wire::read_points_redeemed(&first).is_ok());
        assert_eq!(server.last_otp(DILNOZA), None);
        let again = send(&mut server, &wire::points_redeem(&redeem("B-4")));
        assert!(matches!(
            wire::read_points_redeemed(&again),
            Err(LoyaltyError::Rejected(_))
        ));
        assert_eq!(server.redemptions().len(), 1);
    }

    #[test]
    fn malformed_bodies_are_refused_without_panicking() {
        let mut server = server();
        for path in [
            "/v1.1/customer/add",
            "/v1.1/customer/update",
            "/v1.1/transaction/add",
            "/v1.1/points/redeem",
            "/v1.1/coupon/redeem",
        ] {
            for body in [
                "",
                "null",
                "{}",
                r#"{"root": {"x": []}}"#,
                "<xml/>",
                r#"{"root":{"transaction":[{"type":"regular"}]}}"#,
            ] {
                let request = CapillaryRequest {
                    method: Method::Post,
                    path: path.into(),
                    query: vec![("format".into(), "json".into())],
                    body: Some(body.into()),
                };
                let reply = send(&mut server, &request);
                assert_eq!(reply.status, 200, "{path} {body}");
                assert!(
                    reply.body.contains("\"code\":400"),
                    "{path} {body}: {}",
                    reply.body
                );
            }
        }
        assert!(server.bills().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_request_gets_an_answer(
            get in proptest::bool::ANY,
            path in proptest::sample::select(vec![
                "/v1.1/customer/get", "/v1.1/customer/add", "/v1.1/customer/update",
                "/v1.1/points/isredeemable", "/v1.1/coupon/isredeemable",
                "/v1.1/transaction/add", "/v1.1/points/redeem", "/v1.1/coupon/redeem", "/x",
            ]),
            query in proptest::collection::vec(("[a-z_]{1,12}", ".{0,16}"), 0..4),
            body in ".{0,200}",
        ) {
            let mut query: Vec<(String, String)> = query;
            query.insert(0, ("format".into(), "json".into()));
            let request = CapillaryRequest {
                method: if get { Method::Get } else { Method::Post },
                path: path.into(),
                query,
                body: Some(body),
            };
            let reply = send(&mut server(), &request);
            proptest::prop_assert!(reply.status == 200 || reply.status == 404);
        }
    }
}
