//! The answers Kassa reads, and the outcome class of each.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::records::*;
use super::request::CustomerId;
use super::{code, Reply};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::{Money, MONEY_LIMIT};
use crate::loyalty::error::LoyaltyError;
use crate::loyalty::flex::{OneOrMany, Text};

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

/// A coupon's value: ABS an amount off the bill, PERC a percent of it (the
/// domain's bill discount value, which caps it at the bill).
pub use crate::domain::bill_discount::DiscountValue as CouponDiscount;

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
