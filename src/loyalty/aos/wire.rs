//! The AOS wire format and its mapping to and from Kassa's domain: the one
//! place to correct when the live server is seen to differ from the contract.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::domain::customer::{Customer, CustomerCode, CustomerId};
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::payment::Tender;
use crate::domain::sale::Sale;
use crate::loyalty::error::LoyaltyError;
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
/// Equality is by value (`10000` equals `10000.00`), which is what the
/// server's idempotency check compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            client: customer.map_or(String::new(), |c| c.id.as_str().to_owned()),
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

/// An HTTP answer, as received (or as produced by the demo backend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// What the server says about an accepted transaction (all optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TransactionAccepted {
    pub bonus_used: Option<Money>,
    pub bonus_added: Option<Money>,
    pub balance: Option<Money>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileRecord {
    name: String,
    #[serde(with = "json_number")]
    balance: Decimal,
    #[serde(default, deserialize_with = "optional_number")]
    percent: Option<Decimal>,
    #[serde(default)]
    card_type: Option<String>,
    #[serde(default)]
    phone: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AcceptedRecord {
    #[serde(default, deserialize_with = "optional_number")]
    bonus_used: Option<Decimal>,
    #[serde(default, deserialize_with = "optional_number")]
    bonus_added: Option<Decimal>,
    #[serde(default, deserialize_with = "optional_number")]
    balance: Option<Decimal>,
}

fn optional_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    json_number::deserialize(d).map(Some)
}

/// Reads the answer to `GET /store/customers/profile`.
pub fn read_profile(code: &CustomerCode, reply: &Reply) -> Result<Customer, LoyaltyError> {
    if reply.status == 404 {
        return Err(LoyaltyError::CustomerNotFound);
    }
    let record: ProfileRecord = read_success(reply)?;
    let unexpected = |_| LoyaltyError::UnexpectedAnswer;
    Ok(Customer {
        id: CustomerId::AosCode(code.clone()),
        name: record.name,
        phone: record.phone,
        balance: Money::new(record.balance).map_err(unexpected)?,
        percent: record.percent.unwrap_or_default(),
        card_type: record.card_type.unwrap_or_else(|| "static".to_owned()),
        points: None,
        tier: None,
    })
}

/// Reads the answer to `POST /transactions`. Any 2xx means accepted: its
/// body is informative only (every field optional), so a body that cannot be
/// read yields an acceptance without figures rather than an error.
pub fn read_transaction(reply: &Reply) -> Result<TransactionAccepted, LoyaltyError> {
    // Unknown customer on a transaction: a definite no, like a 422.
    if reply.status == 404 {
        return Err(LoyaltyError::Rejected(error_message(&reply.body)));
    }
    let record = match read_success::<AcceptedRecord>(reply) {
        Err(LoyaltyError::UnexpectedAnswer) if (200..300).contains(&reply.status) => {
            return Ok(TransactionAccepted::default())
        }
        other => other?,
    };
    let money = |value: Option<Decimal>| value.and_then(|v| Money::new(v).ok());
    Ok(TransactionAccepted {
        bonus_used: money(record.bonus_used),
        bonus_added: money(record.bonus_added),
        balance: money(record.balance),
    })
}

/// Maps the status classes of the contract, then reads a 2xx body, with or
/// without a `{"data": …}` envelope.
fn read_success<T: for<'de> Deserialize<'de>>(reply: &Reply) -> Result<T, LoyaltyError> {
    match reply.status {
        200..=299 => {}
        401 | 403 => return Err(LoyaltyError::TokenRejected),
        400 | 422 => return Err(LoyaltyError::Rejected(error_message(&reply.body))),
        409 => return Err(LoyaltyError::Conflict(error_message(&reply.body))),
        500..=599 => return Err(LoyaltyError::Unreachable),
        _ => return Err(LoyaltyError::UnexpectedAnswer),
    }
    #[derive(Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        data: Option<&'a RawValue>,
    }
    let inner = match serde_json::from_str::<Envelope>(&reply.body) {
        Ok(Envelope { data: Some(data) }) if data.get().trim_start().starts_with('{') => data.get(),
        _ => reply.body.as_str(),
    };
    serde_json::from_str(inner).map_err(|_| LoyaltyError::UnexpectedAnswer)
}

/// The server's own words from an error body (`message`, `error` or
/// `detail`), or nothing when the body is not such JSON (an HTML page).
fn error_message(body: &str) -> String {
    #[derive(Deserialize)]
    struct ErrorBody {
        message: Option<String>,
        error: Option<String>,
        detail: Option<String>,
    }
    serde_json::from_str::<ErrorBody>(body)
        .ok()
        .and_then(|e| e.message.or(e.error).or(e.detail))
        .map(|text| text.chars().take(300).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> CustomerCode {
        CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap()
    }

    fn profile(status: u16, body: &str) -> Result<Customer, LoyaltyError> {
        read_profile(
            &code(),
            &Reply {
                status,
                body: body.into(),
            },
        )
    }

    #[test]
    fn reads_the_contract_profile() {
        let customer = profile(
            200,
            r#"{"client": "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11", "name": "Dilnoza Rahimova",
                "phone": "+998901234567", "balance": 125000.5, "percent": 5, "cardType": "static"}"#,
        )
        .unwrap();
        assert_eq!(customer.name, "Dilnoza Rahimova");
        assert_eq!(customer.balance.to_string(), "125000.50");
        assert_eq!(customer.percent, Decimal::from(5));
    }

    #[test]
    fn tolerates_what_the_contract_says_to_tolerate() {
        let enveloped = profile(
            200,
            r#"{"data": {"name": "A", "balance": "10.5", "extra": [1]}}"#,
        )
        .unwrap();
        assert_eq!(enveloped.balance.to_string(), "10.50");
        assert_eq!(enveloped.percent, Decimal::ZERO);
        assert_eq!(enveloped.card_type, "static");
    }

    #[test]
    fn every_malformed_answer_is_a_typed_error() {
        for body in [
            r#"{"balance": 10}"#,
            r#"{"name": "A"}"#,
            r#"{"name": "A", "balance": "ten"}"#,
            r#"{"name": null, "balance": 1}"#,
            r#"{"name": "A", "balance": -5}"#,
            r#"{"name": "A", "balance": 1e400}"#,
            "<html><body>Bad gateway</body></html>",
            "",
            "[]",
            r#"{"data": []}"#,
        ] {
            assert_eq!(
                profile(200, body),
                Err(LoyaltyError::UnexpectedAnswer),
                "{body}"
            );
        }
    }

    #[test]
    fn statuses_map_to_the_contract_classes() {
        assert_eq!(profile(404, ""), Err(LoyaltyError::CustomerNotFound));
        assert_eq!(profile(401, ""), Err(LoyaltyError::TokenRejected));
        assert_eq!(profile(403, "<html>"), Err(LoyaltyError::TokenRejected));
        assert_eq!(profile(503, "<html>"), Err(LoyaltyError::Unreachable));
        let rejected = read_transaction(&Reply {
            status: 422,
            body: r#"{"detail": "bonus exceeds balance"}"#.into(),
        });
        assert_eq!(
            rejected,
            Err(LoyaltyError::Rejected("bonus exceeds balance".into()))
        );
        let conflict = read_transaction(&Reply {
            status: 409,
            body: "<html>".into(),
        });
        assert_eq!(conflict, Err(LoyaltyError::Conflict(String::new())));
    }

    #[test]
    fn reads_an_accepted_transaction() {
        let accepted = read_transaction(&Reply {
            status: 201,
            body: r#"{"success": true, "rNumber": "1", "bonusUsed": 10000, "bonusAdded": 5750.25, "balance": 120750.75}"#.into(),
        })
        .unwrap();
        assert_eq!(accepted.bonus_added.unwrap().to_string(), "5750.25");
        assert_eq!(accepted.balance.unwrap().to_string(), "120750.75");
        let bare = read_transaction(&Reply {
            status: 200,
            body: "{}".into(),
        })
        .unwrap();
        assert_eq!(bare, TransactionAccepted::default());
    }
}
