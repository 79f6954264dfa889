//! The AOS wire format and its mapping from Kassa's domain: the one place to
//! correct when the live server is seen to differ from the contract.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::line::Line;
use crate::domain::payment::Tender;
use crate::domain::sale::Sale;
use crate::loyalty::json_number;

/// The names under which payments are reported; configurable per deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLabels {
    pub cash: String,
    pub card: String,
}

impl Default for PaymentLabels {
    fn default() -> Self {
        PaymentLabels {
            cash: "Наличные".into(),
            card: "Пластик".into(),
        }
    }
}

/// The body of `POST /transactions`, fields in the order of the AOS guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionBody {
    pub r_time: String,
    pub r_date: String,
    pub filial: String,
    pub client: String,
    pub c_employee: String,
    pub r_number: String,
    #[serde(with = "json_number")]
    pub r_total: Decimal,
    #[serde(with = "json_number")]
    pub bonus: Decimal,
    pub items: Vec<TransactionItem>,
    pub payments: Vec<TransactionPayment>,
    pub card_type: String,
    #[serde(with = "json_number")]
    pub percent: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionItem {
    #[serde(with = "json_number")]
    pub discount: Decimal,
    #[serde(with = "json_number")]
    pub price: Decimal,
    pub barcode: String,
    #[serde(with = "json_number")]
    pub amount: Decimal,
    pub vat_percent: u8,
    #[serde(with = "json_number")]
    pub vat: Decimal,
    pub name: String,
    pub class_code: String,
    #[serde(with = "json_number")]
    pub other: Decimal,
    #[serde(rename = "commissionTIN")]
    pub commission_tin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransactionPayment {
    pub item: String,
    #[serde(with = "json_number")]
    pub total: Decimal,
}

impl TransactionBody {
    /// The body for a finalized sale. `filial` is the branch token.
    pub fn new(sale: &Sale, filial: &str, labels: &PaymentLabels) -> TransactionBody {
        let totals = sale.totals();
        let customer = sale.customer();
        TransactionBody {
            r_time: sale.finalized_at().time(),
            r_date: sale.finalized_at().date(),
            filial: filial.to_owned(),
            client: customer.map_or(String::new(), |c| c.code.as_str().to_owned()),
            c_employee: sale.cashier().to_owned(),
            r_number: sale.number().0.clone(),
            r_total: totals.total_before_bonus.amount(),
            bonus: totals.bonus.amount(),
            items: sale.lines().iter().map(TransactionItem::new).collect(),
            payments: sale
                .settlement()
                .payments
                .iter()
                .map(|payment| TransactionPayment {
                    item: match payment.tender {
                        Tender::Cash => labels.cash.clone(),
                        Tender::Card => labels.card.clone(),
                    },
                    total: payment.amount.amount(),
                })
                .collect(),
            card_type: customer.map_or("static".to_owned(), |c| c.card_type.clone()),
            percent: customer.map_or(Decimal::ZERO, |c| c.percent),
        }
    }

    /// The exact bytes sent, kept in the outbox so every retry is identical.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl TransactionItem {
    fn new(line: &Line) -> TransactionItem {
        TransactionItem {
            discount: line.discount().amount(),
            price: line.unit_price().amount(),
            barcode: line.barcode().to_owned(),
            amount: line.quantity().value(),
            vat_percent: line.vat_percent(),
            vat: line.vat().amount(),
            name: line.name().to_owned(),
            class_code: line.class_code().as_str().to_owned(),
            other: Decimal::ZERO,
            commission_tin: line.commission_tin().as_str().to_owned(),
        }
    }
}
