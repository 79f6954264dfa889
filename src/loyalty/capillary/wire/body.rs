//! The request bodies as they are on the wire, both ways: written by
//! `request.rs`, read back by the server rules.

use serde::{Deserialize, Serialize};

use super::request::{LineItem, PaymentMode, ReturnType, TransactionAdd, TransactionKind};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Money;
use crate::domain::quantity::Quantity;
use crate::domain::sale::LocalDateTime;
use crate::loyalty::flex::Number;
//
// Shared with the server rules, which read what Kassa sends.

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct Root<T> {
    pub root: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct CustomerRoot {
    pub customer: Vec<CustomerBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct CustomerBody {
    pub mobile: String,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct CustomerRef {
    pub mobile: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct TransactionRoot {
    pub transaction: Vec<TransactionBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct TransactionBody {
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
pub(in crate::loyalty::capillary) struct PaymentDetails {
    pub payment: Vec<PaymentBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct PaymentBody {
    pub mode: PaymentMode,
    pub value: WireMoney,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct LineItems {
    pub line_item: Vec<LineItemBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct LineItemBody {
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
pub(in crate::loyalty::capillary) struct RedeemRoot {
    pub redeem: Vec<RedeemBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct RedeemBody {
    pub points_redeemed: i64,
    pub transaction_number: String,
    pub customer: CustomerRef,
    pub validation_code: String,
    pub redemption_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct CouponRoot {
    pub coupon: Vec<CouponBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct CouponBody {
    pub code: String,
    pub customer: CustomerRef,
    pub transaction: Vec<CouponBill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::loyalty::capillary) struct CouponBill {
    pub number: String,
    pub amount: WireMoney,
}

/// Money as a JSON string with its two decimals (`"125205.10"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::loyalty::capillary) struct WireMoney(pub Money);

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
pub(in crate::loyalty::capillary) struct WireQuantity(pub Quantity);

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
    pub(in crate::loyalty::capillary) fn to_bill(&self) -> Result<TransactionAdd, &'static str> {
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
