//! The requests Kassa sends, from plain provider-level types.

use serde::{Deserialize, Serialize};

use super::body::*;
use super::CapillaryRequest;
use crate::domain::mobile::{CardNumber, MobileNumber};
use crate::domain::money::Money;
use crate::domain::quantity::Quantity;
use crate::domain::sale::LocalDateTime;

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

impl CustomerProfile {
    /// Whether the cashier typed something the member's record does not
    /// say (capillary-contract.md: after 1003, `customer/update` goes only
    /// then). A field left empty changes nothing: it never erases what the
    /// server knows.
    pub fn changes(&self, member: &super::answer::Member) -> bool {
        let differs = |typed: &str, known: &str| {
            let typed = typed.trim();
            !typed.is_empty() && typed != known.trim()
        };
        differs(&self.first_name, &member.first_name)
            || differs(&self.last_name, &member.last_name)
            || differs(
                self.email.as_deref().unwrap_or_default(),
                member.email.as_deref().unwrap_or_default(),
            )
    }
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
        if self.line_items.iter().map(|i| i.value).sum::<Money>() != self.gross_amount {
            return Err("gross_amount is not the sum of the line values");
        }
        if self
            .line_items
            .iter()
            .map(|i| i.discount_value)
            .sum::<Money>()
            != self.discount
        {
            return Err("discount is not the sum of the line discounts");
        }
        if self.gross_amount.checked_sub(self.discount) != Some(self.amount) {
            return Err("amount is not gross_amount − discount");
        }
        if self.payments.iter().map(|p| p.1).sum::<Money>() != self.amount {
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

#[cfg(test)]
mod profile_tests {
    use super::super::answer::Member;
    use super::*;

    fn member() -> Member {
        Member {
            mobile: MobileNumber::parse("998901234567").unwrap(),
            first_name: "Dilnoza".into(),
            last_name: "Rahimova".into(),
            email: Some("dilnoza@example.uz".into()),
            points: 6420,
            lifetime_points: None,
            tier: Some("Gold".into()),
        }
    }

    fn typed(first: &str, last: &str, email: &str) -> CustomerProfile {
        CustomerProfile {
            mobile: MobileNumber::parse("998901234567").unwrap(),
            first_name: first.into(),
            last_name: last.into(),
            email: Some(email.into()),
        }
    }

    #[test]
    fn only_a_typed_difference_is_a_change() {
        let known = member();
        assert!(!typed("Dilnoza", "Rahimova", "dilnoza@example.uz").changes(&known));
        assert!(
            !typed(" Dilnoza ", "", "").changes(&known),
            "blank fields erase nothing"
        );
        assert!(typed("Dilnoza", "Karimova", "").changes(&known));
        assert!(typed("", "", "new@example.uz").changes(&known));
        let without_email = Member {
            email: None,
            ..member()
        };
        assert!(typed("Dilnoza", "Rahimova", "d@example.uz").changes(&without_email));
        assert!(!typed("Dilnoza", "Rahimova", "").changes(&without_email));
    }
}
