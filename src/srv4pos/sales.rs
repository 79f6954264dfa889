//! What a till writes to srv4pos: sales and refunds, the printed-receipt
//! confirmation, cash in and out. The shapes are **ours**
//! (srv4pos-contract.md): amounts in integer minor units, quantities in
//! integer thousandths, field order as the contract lists them.

use serde::{Deserialize, Serialize};

use super::address::escape_segment;
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::payment::Tender;
use crate::domain::quantity::Quantity;
use crate::domain::refund::Refund;
use crate::domain::report::{CashMovement, CashMovementKind};
use crate::domain::sale::Sale;

/// Money in tiyin: exact, as `Money` always holds two decimals.
pub fn minor_of(money: Money) -> i64 {
    let mut amount = money.amount();
    amount.rescale(2);
    // Money is at most 10¹² sum, so its tiyin fit an i64.
    i64::try_from(amount.mantissa()).unwrap_or(i64::MAX)
}

/// A quantity in thousandths: `1.5` kg is `1500`.
pub fn thousandths_of(quantity: Quantity) -> i64 {
    let mut value = quantity.value();
    value.rescale(3);
    i64::try_from(value.mantissa()).unwrap_or(i64::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PaymentType {
    Cash,
    Card,
    /// Paid by a loyalty program (cashback spent, points).
    Loyalty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalePayment {
    #[serde(rename = "type")]
    pub kind: PaymentType,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLine {
    /// The product's identifier, or null for an item typed by hand.
    pub product: Option<String>,
    pub name: String,
    pub quantity: i64,
    /// Gross unit price.
    pub price: i64,
    pub discount: i64,
    pub vat: u8,
    /// Line total: price × quantity − discount.
    pub amount: i64,
}

impl SaleLine {
    pub fn new(line: &Line, product: Option<String>) -> SaleLine {
        SaleLine {
            product,
            name: line.name().to_owned(),
            quantity: thousandths_of(line.quantity()),
            price: minor_of(line.unit_price()),
            discount: minor_of(line.discount()),
            vat: line.vat_percent(),
            amount: minor_of(line.total()),
        }
    }
}

/// The body of `POST /sales`. Its identifier, minted at finalize, is the
/// idempotency key: the same bytes go on every retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleBody {
    pub identifier: String,
    pub cash_register_name: String,
    pub receipt_number: String,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub date: String,
    pub cashier: String,
    pub refund: bool,
    /// The refunded sale's identifier (refunds only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    pub lines: Vec<SaleLine>,
    pub payments: Vec<SalePayment>,
}

impl SaleBody {
    /// The body for a finalized sale; `product_of` names the catalog
    /// product a line sold, if any.
    pub fn of_sale(
        sale: &Sale,
        identifier: &str,
        register: &str,
        product_of: impl Fn(&Line) -> Option<String>,
    ) -> SaleBody {
        let at = sale.finalized_at();
        let mut payments: Vec<SalePayment> = sale
            .settlement()
            .payments
            .iter()
            .map(|payment| SalePayment {
                kind: match payment.tender {
                    Tender::Cash => PaymentType::Cash,
                    Tender::Card => PaymentType::Card,
                },
                amount: minor_of(payment.amount),
            })
            .collect();
        let bonus = sale.totals().bonus;
        if !bonus.is_zero() {
            payments.push(SalePayment {
                kind: PaymentType::Loyalty,
                amount: minor_of(bonus),
            });
        }
        SaleBody {
            identifier: identifier.to_owned(),
            cash_register_name: register.to_owned(),
            receipt_number: sale.number().0.clone(),
            date: format!("{}T{}", at.date(), at.time()),
            cashier: sale.cashier().to_owned(),
            refund: false,
            original: None,
            lines: sale
                .lines()
                .iter()
                .map(|line| SaleLine::new(line, product_of(line)))
                .collect(),
            payments,
        }
    }

    /// The body for a finalized refund: a sale with `"refund": true` naming
    /// the refunded sale's `original` identifier, the returned lines with
    /// positive quantities, and what is paid back per tender (the loyalty
    /// tenders' shares as `LOYALTY`).
    pub fn of_refund(
        refund: &Refund,
        identifier: &str,
        original: &str,
        register: &str,
        product_of: impl Fn(&Line) -> Option<String>,
    ) -> SaleBody {
        let at = refund.finalized_at();
        let tenders = refund.tenders();
        let payments = [
            (PaymentType::Cash, tenders.cash),
            (PaymentType::Card, tenders.card),
            (PaymentType::Loyalty, tenders.loyalty()),
        ]
        .into_iter()
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(kind, amount)| SalePayment {
            kind,
            amount: minor_of(amount),
        })
        .collect();
        SaleBody {
            identifier: identifier.to_owned(),
            cash_register_name: register.to_owned(),
            receipt_number: refund.number().0.clone(),
            date: format!("{}T{}", at.date(), at.time()),
            cashier: refund.cashier().to_owned(),
            refund: true,
            original: Some(original.to_owned()),
            lines: refund
                .lines()
                .iter()
                .map(|l| SaleLine::new(&l.line, product_of(&l.line)))
                .collect(),
            payments,
        }
    }

    /// The exact bytes sent, kept in the outbox so every retry is identical.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// `POST /sales`.
pub const SALES_PATH: &str = "/sales";

/// `POST /sales/{identifier}/receipt`: the receipt was printed (204; a
/// second time 422 `RECEIPT_IS_PRINTED_ALREADY`, which is done too).
pub fn receipt_path(identifier: &str) -> String {
    format!("/sales/{}/receipt", escape_segment(identifier))
}

/// The 201 (or replayed 200) answer to `POST /sales`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleAccepted {
    pub identifier: String,
    #[serde(default)]
    pub day_id: String,
    #[serde(default)]
    pub version: Option<u64>,
}

impl SaleAccepted {
    pub fn read(body: &str) -> Option<SaleAccepted> {
        serde_json::from_str(body).ok()
    }
}

/// The body of `POST /registrations/{name}/balance`: cash in (positive) or
/// out (negative), idempotent by identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceBody {
    pub amount: i64,
    pub reason: String,
    pub identifier: String,
}

impl BalanceBody {
    pub fn of_movement(movement: &CashMovement, identifier: &str) -> BalanceBody {
        let amount = minor_of(movement.amount());
        BalanceBody {
            amount: match movement.kind() {
                CashMovementKind::In => amount,
                CashMovementKind::Out => -amount,
            },
            reason: movement.reason().to_owned(),
            identifier: identifier.to_owned(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn minor_units_and_thousandths_are_exact() {
        assert_eq!(
            minor_of(Money::new(Decimal::new(1_234_567, 2)).unwrap()),
            1_234_567
        );
        assert_eq!(minor_of(Money::sum(5)), 500);
        assert_eq!(minor_of(Money::ZERO), 0);
        assert_eq!(
            thousandths_of(Quantity::new(Decimal::new(15, 1)).unwrap()),
            1500
        );
        assert_eq!(thousandths_of(Quantity::ONE), 1000);
        assert_eq!(
            thousandths_of(Quantity::new(Decimal::new(1, 3)).unwrap()),
            1
        );
    }

    #[test]
    fn the_receipt_path_escapes_the_identifier() {
        assert_eq!(receipt_path("a/b c"), "/sales/a%2Fb%20c/receipt");
    }

    #[test]
    fn the_sale_answer_is_read_tolerantly() {
        let accepted = SaleAccepted::read(
            r#"{"identifier": "u1", "dayId": "d7", "version": 1235, "extra": 1}"#,
        )
        .unwrap();
        assert_eq!(
            (accepted.day_id.as_str(), accepted.version),
            ("d7", Some(1235))
        );
        assert!(SaleAccepted::read("<html>").is_none());
    }
}
