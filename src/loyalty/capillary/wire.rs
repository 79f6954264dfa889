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
//!   [`LoyaltyError::Conflict`]. Item code 604 under any other status is the
//!   replay of an identical bill: the success it means.
//! - A definite success is the item code (1000, 600, 800, 700); the figures
//!   around it are optional, so a success is never turned into an error
//!   (and then retried) because the server left out a balance.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::flex::{Flag, Int, Number, OneOrMany, Text};
use crate::domain::mobile::{CardNumber, MobileNumber};
use crate::domain::money::{Money, MONEY_LIMIT};
use crate::domain::quantity::Quantity;
use crate::domain::sale::LocalDateTime;
use crate::loyalty::error::LoyaltyError;

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

// ---------------------------------------------------------------- requests

/// How the cashier named the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerId {
    Mobile(MobileNumber),
    Card(CardNumber),
}

/// `GET /v1.1/customer/get?format=json&mobile=…` (or `&card_number=…`).
pub fn customer_get(id: &CustomerId) -> CapillaryRequest {
    let (name, value) = match id {
        CustomerId::Mobile(mobile) => ("mobile", mobile.as_str()),
        CustomerId::Card(card) => ("card_number", card.as_str()),
    };
    CapillaryRequest::get("customer/get", &[(name, value)])
}

/// What enrolment and an update send about a customer. Names are trimmed;
/// an empty email is left out rather than sent as "".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerProfile {
    pub mobile: MobileNumber,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
}

/// `POST /v1.1/customer/add`.
pub fn customer_add(profile: &CustomerProfile) -> CapillaryRequest {
    CapillaryRequest::post("customer/add", &customer_body(profile))
}

/// `POST /v1.1/customer/update`: the mobile selects the customer.
pub fn customer_update(profile: &CustomerProfile) -> CapillaryRequest {
    CapillaryRequest::post("customer/update", &customer_body(profile))
}

fn customer_body(profile: &CustomerProfile) -> Root<CustomerRoot> {
    let email = profile
        .email
        .as_deref()
        .map(str::trim)
        .filter(|email| !email.is_empty());
    Root {
        root: CustomerRoot {
            customer: vec![CustomerBody {
                mobile: profile.mobile.as_str().to_owned(),
                firstname: profile.first_name.trim().to_owned(),
                lastname: profile.last_name.trim().to_owned(),
                email: email.map(str::to_owned),
            }],
        },
    }
}

/// `GET /v1.1/points/isredeemable?…&issue_otp=true`: also makes the server
/// send the customer a one-time code.
pub fn points_isredeemable(mobile: &MobileNumber, points: i64) -> CapillaryRequest {
    let points = points.to_string();
    CapillaryRequest::get(
        "points/isredeemable",
        &[
            ("mobile", mobile.as_str()),
            ("points", &points),
            ("issue_otp", "true"),
        ],
    )
}

/// `GET /v1.1/coupon/isredeemable?…&details=true`. The code is trimmed.
pub fn coupon_isredeemable(mobile: &MobileNumber, code: &str) -> CapillaryRequest {
    CapillaryRequest::get(
        "coupon/isredeemable",
        &[
            ("mobile", mobile.as_str()),
            ("code", code.trim()),
            ("details", "true"),
        ],
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransactionKind {
    /// A sale to a member.
    Regular { mobile: MobileNumber },
    /// A sale without a member: no customer is sent.
    NotInterested,
    /// A refund of the past bill `number` (the transaction's own number).
    Return {
        mobile: MobileNumber,
        return_type: ReturnType,
        /// The original bill's `billing_time`.
        purchase_time: LocalDateTime,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnType {
    Full,
    LineItem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PaymentMode {
    Cash,
    Card,
    Points,
}

/// A bill as `transaction/add` carries it. The figures are the caller's:
/// `gross_amount` = Σ value, `discount` = Σ discount_value (a coupon's
/// share included), `amount` = gross − discount, payments add up to
/// `amount`. [`TransactionAdd::check`] says whether they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionAdd {
    pub kind: TransactionKind,
    /// The bill number: minted before the first request, reused on retries.
    pub number: String,
    pub billing_time: LocalDateTime,
    pub gross_amount: Money,
    pub discount: Money,
    pub amount: Money,
    pub payments: Vec<(PaymentMode, Money)>,
    pub line_items: Vec<LineItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineItem {
    /// 1, 2, … in receipt order.
    pub serial: u32,
    /// The barcode, or "" for an item typed by hand.
    pub item_code: String,
    pub description: String,
    pub qty: Quantity,
    /// Unit price.
    pub rate: Money,
    /// rate × qty, rounded once.
    pub value: Money,
    pub discount_value: Money,
    /// value − discount_value.
    pub amount: Money,
}

/// `POST /v1.1/transaction/add`.
pub fn transaction_add(bill: &TransactionAdd) -> CapillaryRequest {
    CapillaryRequest::post("transaction/add", &transaction_body(bill))
}

fn transaction_body(bill: &TransactionAdd) -> Root<TransactionRoot> {
    let (kind, return_type, purchase_time, mobile) = match &bill.kind {
        TransactionKind::Regular { mobile } => ("regular", None, None, Some(mobile)),
        TransactionKind::NotInterested => ("not_interested", None, None, None),
        TransactionKind::Return {
            mobile,
            return_type,
            purchase_time,
        } => (
            "return",
            Some(match return_type {
                ReturnType::Full => "FULL",
                ReturnType::LineItem => "LINE_ITEM",
            }),
            Some(wire_time(purchase_time)),
            Some(mobile),
        ),
    };
    Root {
        root: TransactionRoot {
            transaction: vec![TransactionBody {
                kind: kind.to_owned(),
                return_type: return_type.map(str::to_owned),
                number: bill.number.clone(),
                billing_time: wire_time(&bill.billing_time),
                purchase_time,
                gross_amount: WireMoney(bill.gross_amount),
                discount: WireMoney(bill.discount),
                amount: WireMoney(bill.amount),
                customer: mobile.map(customer_ref),
                payment_details: PaymentDetails {
                    payment: bill
                        .payments
                        .iter()
                        .map(|&(mode, value)| PaymentBody {
                            mode,
                            value: WireMoney(value),
                        })
                        .collect(),
                },
                line_items: LineItems {
                    line_item: bill.line_items.iter().map(line_item_body).collect(),
                },
            }],
        },
    }
}

fn line_item_body(item: &LineItem) -> LineItemBody {
    LineItemBody {
        serial: item.serial,
        item_code: item.item_code.clone(),
        description: item.description.clone(),
        qty: WireQuantity(item.qty),
        rate: WireMoney(item.rate),
        value: WireMoney(item.value),
        discount_value: WireMoney(item.discount_value),
        amount: WireMoney(item.amount),
    }
}

impl TransactionAdd {
    /// The contract's arithmetic: Kassa never sends a bill that fails it,
    /// and the demo and sandbox refuse one (a client bug).
    pub fn check(&self) -> Result<(), &'static str> {
        let sum = |values: &mut dyn Iterator<Item = Money>| values.sum::<Money>();
        if self.line_items.is_empty() {
            return Err("a bill has line items");
        }
        for item in &self.line_items {
            if Money::round(item.rate.amount() * item.qty.value()) != item.value {
                return Err("a line's value is not rate × qty");
            }
            if item.value.checked_sub(item.discount_value) != Some(item.amount) {
                return Err("a line's amount is not value − discount");
            }
        }
        if sum(&mut self.line_items.iter().map(|i| i.value)) != self.gross_amount {
            return Err("gross_amount is not the sum of the line values");
        }
        if sum(&mut self.line_items.iter().map(|i| i.discount_value)) != self.discount {
            return Err("discount is not the sum of the line discounts");
        }
        if self.gross_amount.checked_sub(self.discount) != Some(self.amount) {
            return Err("amount is not gross_amount − discount");
        }
        if sum(&mut self.payments.iter().map(|p| p.1)) != self.amount {
            return Err("payments do not add up to amount");
        }
        let member = !matches!(self.kind, TransactionKind::NotInterested);
        if !member && self.payments.iter().any(|p| p.0 == PaymentMode::Points) {
            return Err("points paid without a member");
        }
        Ok(())
    }

    /// The points tendered on this bill.
    pub fn points_paid(&self) -> Money {
        self.payments
            .iter()
            .filter(|p| p.0 == PaymentMode::Points)
            .map(|p| p.1)
            .sum()
    }
}

/// `POST /v1.1/points/redeem`, after the bill's `transaction/add`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsRedeem {
    pub mobile: MobileNumber,
    pub points: i64,
    pub bill_number: String,
    /// The one-time code the customer read out.
    pub otp: String,
    pub redemption_time: LocalDateTime,
}

pub fn points_redeem(redeem: &PointsRedeem) -> CapillaryRequest {
    let body = Root {
        root: RedeemRoot {
            redeem: vec![RedeemBody {
                points_redeemed: redeem.points,
                transaction_number: redeem.bill_number.clone(),
                customer: customer_ref(&redeem.mobile),
                validation_code: redeem.otp.trim().to_owned(),
                redemption_time: wire_time(&redeem.redemption_time),
            }],
        },
    };
    CapillaryRequest::post("points/redeem", &body)
}

/// `POST /v1.1/coupon/redeem`, after the bill's `transaction/add`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponRedeem {
    pub mobile: MobileNumber,
    pub code: String,
    pub bill_number: String,
    /// The bill's `amount` (after discounts), as in `transaction/add`.
    pub bill_amount: Money,
}

pub fn coupon_redeem(redeem: &CouponRedeem) -> CapillaryRequest {
    let body = Root {
        root: CouponRoot {
            coupon: vec![CouponBody {
                code: redeem.code.trim().to_owned(),
                customer: customer_ref(&redeem.mobile),
                transaction: vec![CouponBill {
                    number: redeem.bill_number.clone(),
                    amount: WireMoney(redeem.bill_amount),
                }],
            }],
        },
    };
    CapillaryRequest::post("coupon/redeem", &body)
}

/// `YYYY-MM-DD HH:MM:SS`.
pub fn wire_time(at: &LocalDateTime) -> String {
    format!("{} {}", at.date(), at.time())
}

fn customer_ref(mobile: &MobileNumber) -> CustomerRef {
    CustomerRef {
        mobile: mobile.as_str().to_owned(),
    }
}

// ------------------------------------------------- request bodies on the wire
//
// Shared with the server rules, which read what Kassa sends.

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Root<T> {
    pub root: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CustomerRoot {
    pub customer: Vec<CustomerBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CustomerBody {
    pub mobile: String,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CustomerRef {
    pub mobile: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct TransactionRoot {
    pub transaction: Vec<TransactionBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct TransactionBody {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_type: Option<String>,
    pub number: String,
    pub billing_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_time: Option<String>,
    pub gross_amount: WireMoney,
    pub discount: WireMoney,
    pub amount: WireMoney,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<CustomerRef>,
    pub payment_details: PaymentDetails,
    pub line_items: LineItems,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct PaymentDetails {
    pub payment: Vec<PaymentBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct PaymentBody {
    pub mode: PaymentMode,
    pub value: WireMoney,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct LineItems {
    pub line_item: Vec<LineItemBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct LineItemBody {
    pub serial: u32,
    pub item_code: String,
    pub description: String,
    pub qty: WireQuantity,
    pub rate: WireMoney,
    pub value: WireMoney,
    pub discount_value: WireMoney,
    pub amount: WireMoney,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct RedeemRoot {
    pub redeem: Vec<RedeemBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct RedeemBody {
    pub points_redeemed: i64,
    pub transaction_number: String,
    pub customer: CustomerRef,
    pub validation_code: String,
    pub redemption_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CouponRoot {
    pub coupon: Vec<CouponBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CouponBody {
    pub code: String,
    pub customer: CustomerRef,
    pub transaction: Vec<CouponBill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CouponBill {
    pub number: String,
    pub amount: WireMoney,
}

/// Money as a JSON string with its two decimals (`"125205.10"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WireMoney(pub Money);

impl Serialize for WireMoney {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for WireMoney {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<WireMoney, D::Error> {
        let Number(value) = Number::deserialize(deserializer)?;
        Money::new(value)
            .map(WireMoney)
            .map_err(serde::de::Error::custom)
    }
}

/// A quantity as a JSON string without trailing zeros (`"0.75"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WireQuantity(pub Quantity);

impl Serialize for WireQuantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for WireQuantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<WireQuantity, D::Error> {
        let Number(value) = Number::deserialize(deserializer)?;
        Quantity::new(value)
            .map(WireQuantity)
            .map_err(serde::de::Error::custom)
    }
}

impl TransactionBody {
    /// The bill back from its wire form (the server's view of it).
    pub(super) fn to_bill(&self) -> Result<TransactionAdd, &'static str> {
        let mobile = || {
            self.customer
                .as_ref()
                .and_then(|c| MobileNumber::parse(&c.mobile).ok())
                .ok_or("a member's bill needs the customer's mobile")
        };
        let time = |text: &str| parse_wire_time(text).ok_or("a time is not YYYY-MM-DD HH:MM:SS");
        let kind = match self.kind.as_str() {
            "regular" => TransactionKind::Regular { mobile: mobile()? },
            "not_interested" => TransactionKind::NotInterested,
            "return" => TransactionKind::Return {
                mobile: mobile()?,
                return_type: match self.return_type.as_deref() {
                    Some("FULL") => ReturnType::Full,
                    Some("LINE_ITEM") => ReturnType::LineItem,
                    _ => return Err("return_type is FULL or LINE_ITEM"),
                },
                purchase_time: time(self.purchase_time.as_deref().unwrap_or_default())?,
            },
            _ => return Err("unknown transaction type"),
        };
        Ok(TransactionAdd {
            kind,
            number: self.number.clone(),
            billing_time: time(&self.billing_time)?,
            gross_amount: self.gross_amount.0,
            discount: self.discount.0,
            amount: self.amount.0,
            payments: self
                .payment_details
                .payment
                .iter()
                .map(|p| (p.mode, p.value.0))
                .collect(),
            line_items: self
                .line_items
                .line_item
                .iter()
                .map(|i| LineItem {
                    serial: i.serial,
                    item_code: i.item_code.clone(),
                    description: i.description.clone(),
                    qty: i.qty.0,
                    rate: i.rate.0,
                    value: i.value.0,
                    discount_value: i.discount_value.0,
                    amount: i.amount.0,
                })
                .collect(),
        })
    }
}

/// `YYYY-MM-DD HH:MM:SS` back to a moment; `None` unless exactly that shape.
pub fn parse_wire_time(text: &str) -> Option<LocalDateTime> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b' ',
            13 | 16 => *b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let field = |from: usize, to: usize| text[from..to].parse::<u16>().ok();
    let at = LocalDateTime {
        year: field(0, 4)?,
        month: u8::try_from(field(5, 7)?).ok()?,
        day: u8::try_from(field(8, 10)?).ok()?,
        hour: u8::try_from(field(11, 13)?).ok()?,
        minute: u8::try_from(field(14, 16)?).ok()?,
        second: u8::try_from(field(17, 19)?).ok()?,
    };
    let valid = (1..=12).contains(&at.month)
        && (1..=31).contains(&at.day)
        && at.hour < 24
        && at.minute < 60
        && at.second < 60;
    valid.then_some(at)
}

// ----------------------------------------------------------------- answers

/// A member as `customer/get` describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The identifier every later call uses: the server's own record of the
    /// mobile, or the one looked up by when the server's cannot be read.
    pub mobile: MobileNumber,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// Points available now.
    pub points: i64,
    pub lifetime_points: Option<i64>,
    /// `current_slab`, the tier name.
    pub tier: Option<String>,
}

/// What `customer/add` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enrolment {
    /// A new member (with the server's `user_id` when given).
    Enrolled { user_id: Option<String> },
    /// 1003: the mobile is a member already; show them as found.
    AlreadyMember,
}

/// The answer to `points/isredeemable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsCheck {
    pub redeemable: bool,
    pub points: i64,
    /// points × ratio, rounded down to the tiyin (zero when not redeemable).
    pub value: Money,
    /// Sum per point (`points_currency_ratio`).
    pub ratio: Decimal,
    /// The server's words, for a refusal.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouponDiscount {
    /// ABS: this amount off the bill.
    Amount(Money),
    /// PERC: this percent (0 < p ≤ 100) of the bill.
    Percent(Decimal),
}

/// The answer to `coupon/isredeemable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponCheck {
    pub code: String,
    pub redeemable: bool,
    /// Always present when `redeemable`.
    pub discount: Option<CouponDiscount>,
    pub message: String,
}

/// The answer to `transaction/add` (600, or 604 on an identical replay).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransactionAdded {
    pub id: Option<String>,
    pub points_earned: Option<i64>,
    /// The customer's balance after the bill.
    pub points_balance: Option<i64>,
    /// On a return: points earned on the returned part, taken back.
    pub points_deducted: Option<i64>,
    /// 604: the bill was already there (a retry of a bill that had arrived).
    pub replayed: bool,
}

/// The answer to `points/redeem` (800).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PointsRedeemed {
    /// Kept with the sale: a refund needs it.
    pub redemption_id: Option<String>,
    pub points: Option<i64>,
    pub value: Option<Money>,
    pub balance: Option<i64>,
}

/// The answer to `coupon/redeem` (700).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CouponRedeemed {
    pub redemption_id: Option<String>,
    pub value: Option<Money>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Status {
    pub success: Option<Flag>,
    pub code: Option<Int>,
    pub message: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ItemStatus {
    pub success: Option<Flag>,
    pub code: Option<Int>,
    pub message: Option<Text>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CustomerAnswer {
    status: Option<Status>,
    customers: Option<CustomerList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CustomerList {
    customer: Option<OneOrMany<CustomerRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CustomerRecord {
    item_status: Option<ItemStatus>,
    user_id: Option<Text>,
    mobile: Option<Text>,
    firstname: Option<Text>,
    lastname: Option<Text>,
    email: Option<Text>,
    loyalty_points: Option<Int>,
    lifetime_points: Option<Int>,
    current_slab: Option<Text>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PointsCheckAnswer {
    status: Option<Status>,
    points: Option<PointsCheckList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PointsCheckList {
    redeemable: Option<OneOrMany<PointsCheckRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PointsCheckRecord {
    item_status: Option<ItemStatus>,
    points: Option<Int>,
    is_redeemable: Option<Flag>,
    points_currency_ratio: Option<Number>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CouponCheckAnswer {
    status: Option<Status>,
    coupons: Option<CouponCheckList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CouponCheckList {
    redeemable: Option<OneOrMany<CouponCheckRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CouponCheckRecord {
    item_status: Option<ItemStatus>,
    code: Option<Text>,
    is_redeemable: Option<Flag>,
    series_info: Option<SeriesInfo>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SeriesInfo {
    discount_type: Option<Text>,
    discount_value: Option<Number>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TransactionAnswer {
    status: Option<Status>,
    transactions: Option<TransactionList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TransactionList {
    transaction: Option<OneOrMany<TransactionRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TransactionRecord {
    item_status: Option<ItemStatus>,
    id: Option<Text>,
    customer: Option<BalanceRecord>,
    side_effects: Option<SideEffects>,
    points_deducted: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct BalanceRecord {
    loyalty_points: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SideEffects {
    effect: Option<OneOrMany<Effect>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Effect {
    #[serde(rename = "type")]
    kind: Option<Text>,
    awarded_points: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PointsRedeemAnswer {
    status: Option<Status>,
    responses: Option<PointsRedeemList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PointsRedeemList {
    points: Option<OneOrMany<PointsRedeemRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PointsRedeemRecord {
    item_status: Option<ItemStatus>,
    redemption_id: Option<Text>,
    points_redeemed: Option<Int>,
    redeemed_value: Option<Number>,
    balance: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CouponRedeemAnswer {
    status: Option<Status>,
    coupons: Option<CouponRedeemList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CouponRedeemList {
    coupon: Option<OneOrMany<CouponRedeemRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CouponRedeemRecord {
    item_status: Option<ItemStatus>,
    redemption_id: Option<Text>,
    coupon_value: Option<Number>,
}

/// Reads the answer to `customer/get`. `asked` is the mobile looked up by,
/// if it was one.
pub fn read_member(reply: &Reply, asked: &CustomerId) -> Result<Member, LoyaltyError> {
    let answer: CustomerAnswer = parse(reply)?;
    let record = answer
        .customers
        .as_ref()
        .and_then(|c| c.customer.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    match item_code(reply, answer.status.as_ref(), item_status)? {
        code::CUSTOMER_OK => {}
        code::CUSTOMER_NOT_FOUND | code::CUSTOMER_NOT_FOUND_ALT => {
            return Err(LoyaltyError::CustomerNotFound)
        }
        _ => return Err(refusal(answer.status.as_ref(), item_status)),
    }
    let record = record.ok_or(LoyaltyError::UnexpectedAnswer)?;
    let mobile = record
        .mobile
        .as_ref()
        .and_then(|m| MobileNumber::parse(&m.0).ok())
        .or_else(|| match asked {
            CustomerId::Mobile(mobile) => Some(mobile.clone()),
            CustomerId::Card(_) => None,
        })
        .ok_or(LoyaltyError::UnexpectedAnswer)?;
    let text = |t: &Option<Text>| {
        t.as_ref()
            .map(|t| t.0.trim().to_owned())
            .unwrap_or_default()
    };
    Ok(Member {
        mobile,
        first_name: text(&record.firstname),
        last_name: text(&record.lastname),
        email: Some(text(&record.email)).filter(|e| !e.is_empty()),
        points: record
            .loyalty_points
            .ok_or(LoyaltyError::UnexpectedAnswer)?
            .0,
        lifetime_points: record.lifetime_points.map(|p| p.0),
        tier: Some(text(&record.current_slab)).filter(|t| !t.is_empty()),
    })
}

/// Reads the answer to `customer/add`.
pub fn read_enrolment(reply: &Reply) -> Result<Enrolment, LoyaltyError> {
    let answer: CustomerAnswer = parse(reply)?;
    let record = answer
        .customers
        .as_ref()
        .and_then(|c| c.customer.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    match item_code(reply, answer.status.as_ref(), item_status)? {
        code::CUSTOMER_OK => Ok(Enrolment::Enrolled {
            user_id: record
                .and_then(|r| r.user_id.as_ref())
                .map(|id| id.0.clone()),
        }),
        code::CUSTOMER_EXISTS => Ok(Enrolment::AlreadyMember),
        _ => Err(refusal(answer.status.as_ref(), item_status)),
    }
}

/// Reads the answer to `customer/update`.
pub fn read_update(reply: &Reply) -> Result<(), LoyaltyError> {
    let answer: CustomerAnswer = parse(reply)?;
    let item_status = answer
        .customers
        .as_ref()
        .and_then(|c| c.customer.as_ref())
        .and_then(OneOrMany::first)
        .and_then(|r| r.item_status.as_ref());
    match item_code(reply, answer.status.as_ref(), item_status)? {
        code::CUSTOMER_OK => Ok(()),
        code::CUSTOMER_NOT_FOUND | code::CUSTOMER_NOT_FOUND_ALT => {
            Err(LoyaltyError::CustomerNotFound)
        }
        _ => Err(refusal(answer.status.as_ref(), item_status)),
    }
}

/// Sum per point is never more than this: anything larger is a broken answer.
const RATIO_LIMIT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Reads the answer to `points/isredeemable` for `points` asked.
pub fn read_points_check(reply: &Reply, points: i64) -> Result<PointsCheck, LoyaltyError> {
    let answer: PointsCheckAnswer = parse(reply)?;
    let record = answer
        .points
        .as_ref()
        .and_then(|p| p.redeemable.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    let code = item_code(reply, answer.status.as_ref(), item_status)?;
    if !(800..900).contains(&code) {
        return Err(refusal(answer.status.as_ref(), item_status));
    }
    let record = record.ok_or(LoyaltyError::UnexpectedAnswer)?;
    let points = record.points.map_or(points, |p| p.0);
    let redeemable =
        code == code::POINTS_OK && record.is_redeemable.is_none_or(|flag| flag.0) && points > 0;
    let message = message(answer.status.as_ref(), item_status);
    if !redeemable {
        return Ok(PointsCheck {
            redeemable,
            points,
            value: Money::ZERO,
            ratio: record.points_currency_ratio.map_or(Decimal::ZERO, |r| r.0),
            message,
        });
    }
    let ratio = record
        .points_currency_ratio
        .map(|r| r.0)
        .filter(|r| !r.is_sign_negative() && *r <= RATIO_LIMIT)
        .ok_or(LoyaltyError::UnexpectedAnswer)?;
    Ok(PointsCheck {
        redeemable,
        points,
        value: points_value(points, ratio).ok_or(LoyaltyError::UnexpectedAnswer)?,
        ratio,
        message,
    })
}

/// points × ratio, rounded down to the tiyin (contract: the value of points).
pub fn points_value(points: i64, ratio: Decimal) -> Option<Money> {
    let value = Decimal::from(points)
        .checked_mul(ratio)?
        .round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity);
    (value <= MONEY_LIMIT).then_some(())?;
    Money::new(value).ok()
}

/// Reads the answer to `coupon/isredeemable` for the `code` asked.
pub fn read_coupon_check(reply: &Reply, code: &str) -> Result<CouponCheck, LoyaltyError> {
    let answer: CouponCheckAnswer = parse(reply)?;
    let record = answer
        .coupons
        .as_ref()
        .and_then(|c| c.redeemable.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    let item = item_code(reply, answer.status.as_ref(), item_status)?;
    if !(700..800).contains(&item) {
        return Err(refusal(answer.status.as_ref(), item_status));
    }
    let record = record.ok_or(LoyaltyError::UnexpectedAnswer)?;
    let code = record
        .code
        .as_ref()
        .map_or_else(|| code.trim().to_owned(), |c| c.0.clone());
    let message = message(answer.status.as_ref(), item_status);
    let redeemable = item == code::COUPON_OK && record.is_redeemable.is_none_or(|flag| flag.0);
    if !redeemable {
        return Ok(CouponCheck {
            code,
            redeemable,
            discount: None,
            message,
        });
    }
    let series = record
        .series_info
        .as_ref()
        .ok_or(LoyaltyError::UnexpectedAnswer)?;
    let value = series
        .discount_value
        .ok_or(LoyaltyError::UnexpectedAnswer)?
        .0;
    let kind = series
        .discount_type
        .as_ref()
        .map(|t| t.0.trim().to_ascii_uppercase());
    let discount = match kind.as_deref() {
        Some("ABS") => Money::new(value)
            .ok()
            .filter(|v| !v.is_zero())
            .map(CouponDiscount::Amount),
        Some("PERC") => (value > Decimal::ZERO && value <= Decimal::ONE_HUNDRED)
            .then_some(CouponDiscount::Percent(value.normalize())),
        _ => None,
    }
    .ok_or(LoyaltyError::UnexpectedAnswer)?;
    Ok(CouponCheck {
        code,
        redeemable,
        discount: Some(discount),
        message,
    })
}

/// Reads the answer to `transaction/add`.
pub fn read_transaction_added(reply: &Reply) -> Result<TransactionAdded, LoyaltyError> {
    let answer: TransactionAnswer = parse(reply)?;
    let record = answer
        .transactions
        .as_ref()
        .and_then(|t| t.transaction.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    let status_code = answer.status.as_ref().and_then(|s| s.code).map(|c| c.0);
    let replayed = match item_code(reply, answer.status.as_ref(), item_status)? {
        code::TRANSACTION_OK => false,
        code::BILL_NUMBER_EXISTS if status_code != Some(409) && reply.status != 409 => true,
        code::BILL_NUMBER_EXISTS => {
            return Err(LoyaltyError::Conflict(message(
                answer.status.as_ref(),
                item_status,
            )))
        }
        _ => return Err(refusal(answer.status.as_ref(), item_status)),
    };
    let Some(record) = record else {
        return Ok(TransactionAdded {
            replayed,
            ..TransactionAdded::default()
        });
    };
    let awarded: Vec<i64> = record
        .side_effects
        .as_ref()
        .and_then(|s| s.effect.as_ref())
        .map(|effects| {
            effects
                .0
                .iter()
                .filter(|e| {
                    e.kind
                        .as_ref()
                        .is_some_and(|k| k.0.eq_ignore_ascii_case("points"))
                })
                .filter_map(|e| e.awarded_points.map(|p| p.0))
                .collect()
        })
        .unwrap_or_default();
    let points_earned = if awarded.is_empty() {
        None
    } else {
        awarded.iter().try_fold(0i64, |sum, p| sum.checked_add(*p))
    };
    Ok(TransactionAdded {
        id: record.id.as_ref().map(|id| id.0.clone()),
        points_earned,
        points_balance: record
            .customer
            .as_ref()
            .and_then(|c| c.loyalty_points)
            .map(|p| p.0),
        points_deducted: record.points_deducted.map(|p| p.0),
        replayed,
    })
}

/// Reads the answer to `points/redeem`: 811 (wrong or expired code, too
/// many points) is a definite no.
pub fn read_points_redeemed(reply: &Reply) -> Result<PointsRedeemed, LoyaltyError> {
    let answer: PointsRedeemAnswer = parse(reply)?;
    let record = answer
        .responses
        .as_ref()
        .and_then(|r| r.points.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    if item_code(reply, answer.status.as_ref(), item_status)? != code::POINTS_OK {
        return Err(refusal(answer.status.as_ref(), item_status));
    }
    Ok(
        record.map_or_else(PointsRedeemed::default, |r| PointsRedeemed {
            redemption_id: r.redemption_id.as_ref().map(|id| id.0.clone()),
            points: r.points_redeemed.map(|p| p.0),
            value: r.redeemed_value.and_then(|v| Money::new(v.0).ok()),
            balance: r.balance.map(|b| b.0),
        }),
    )
}

/// Reads the answer to `coupon/redeem`: 702 (used elsewhere) is a definite no.
pub fn read_coupon_redeemed(reply: &Reply) -> Result<CouponRedeemed, LoyaltyError> {
    let answer: CouponRedeemAnswer = parse(reply)?;
    let record = answer
        .coupons
        .as_ref()
        .and_then(|c| c.coupon.as_ref())
        .and_then(OneOrMany::first);
    let item_status = record.and_then(|r| r.item_status.as_ref());
    if item_code(reply, answer.status.as_ref(), item_status)? != code::COUPON_OK {
        return Err(refusal(answer.status.as_ref(), item_status));
    }
    Ok(
        record.map_or_else(CouponRedeemed::default, |r| CouponRedeemed {
            redemption_id: r.redemption_id.as_ref().map(|id| id.0.clone()),
            value: r.coupon_value.and_then(|v| Money::new(v.0).ok()),
        }),
    )
}

/// The body as `T`, with or without the `{"response": …}` wrapper. A body
/// that is not such JSON (an HTML error page) says nothing, so the HTTP
/// status decides: 5xx, 408 and 429 are worth retrying, the rest is not.
fn parse<T: DeserializeOwned>(reply: &Reply) -> Result<T, LoyaltyError> {
    if matches!(reply.status, 401 | 403) {
        return Err(LoyaltyError::TokenRejected);
    }
    #[derive(Deserialize)]
    struct Wrapper<'a> {
        #[serde(borrow)]
        response: Option<&'a RawValue>,
    }
    let inner = match serde_json::from_str::<Wrapper>(&reply.body) {
        Ok(Wrapper {
            response: Some(inner),
        }) if inner.get().trim_start().starts_with('{') => inner.get(),
        _ => reply.body.as_str(),
    };
    serde_json::from_str(inner).map_err(|_| no_answer(reply.status))
}

fn no_answer(http_status: u16) -> LoyaltyError {
    match http_status {
        408 | 429 | 500..=599 => LoyaltyError::Unreachable,
        _ => LoyaltyError::UnexpectedAnswer,
    }
}

/// The item's code; without one, the outcome class the status gives.
fn item_code(
    reply: &Reply,
    status: Option<&Status>,
    item: Option<&ItemStatus>,
) -> Result<i64, LoyaltyError> {
    let status_code = status.and_then(|s| s.code).map(|c| c.0);
    if status_code == Some(401) {
        return Err(LoyaltyError::TokenRejected);
    }
    if let Some(code) = item.and_then(|i| i.code) {
        return Ok(code.0);
    }
    Err(match status_code {
        Some(409) => LoyaltyError::Conflict(message(status, item)),
        Some(500..=599) => LoyaltyError::Unreachable,
        Some(400) => LoyaltyError::Rejected(message(status, item)),
        _ => no_answer(reply.status),
    })
}

/// A definite no, in the server's words.
fn refusal(status: Option<&Status>, item: Option<&ItemStatus>) -> LoyaltyError {
    LoyaltyError::Rejected(message(status, item))
}

/// The item's message, else the status's; at most 300 characters.
fn message(status: Option<&Status>, item: Option<&ItemStatus>) -> String {
    item.and_then(|i| i.message.as_ref())
        .or(status.and_then(|s| s.message.as_ref()))
        .map(|text| text.0.trim().chars().take(300).collect())
        .unwrap_or_default()
}
