//! The AOS wire format and its mapping to and from Kassa's domain: the one
//! place to correct when the live server is seen to differ from the contract.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::domain::customer::{Customer, CustomerCode, CustomerId};
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::payment::Tender;
use crate::domain::refund::Refund;
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

/// The body of `POST /transactions/refund` (aos-contract.md §3, ours),
/// fields in the contract's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundBody {
    pub filial: String,
    /// The refund's own number: its idempotency key.
    pub r_number: String,
    #[serde(rename = "originalRNumber")]
    pub original_r_number: String,
    pub r_date: String,
    pub r_time: String,
    pub c_employee: String,
    pub client: String,
    /// Σ (price × amount − discount) of the returned items.
    #[serde(with = "json_number")]
    pub r_total: Decimal,
    /// Cashback given back: the refund's share of what the sale spent.
    #[serde(with = "json_number")]
    pub bonus_returned: Decimal,
    pub items: Vec<TransactionItem>,
    /// What is paid back in cash and card: rTotal − bonusReturned.
    pub payments: Vec<TransactionPayment>,
}

impl RefundBody {
    /// The body for a finalized refund of a sale with an AOS customer.
    pub fn new(refund: &Refund, filial: &str, labels: &PaymentLabels) -> RefundBody {
        let tenders = refund.tenders();
        let payments = [(&labels.cash, tenders.cash), (&labels.card, tenders.card)]
            .into_iter()
            .filter(|(_, amount)| !amount.is_zero())
            .map(|(item, total)| TransactionPayment {
                item: item.clone(),
                total: total.amount(),
            })
            .collect();
        RefundBody {
            filial: filial.to_owned(),
            r_number: refund.number().0.clone(),
            original_r_number: refund.original().0.clone(),
            r_date: refund.finalized_at().date(),
            r_time: refund.finalized_at().time(),
            c_employee: refund.cashier().to_owned(),
            client: refund
                .customer()
                .map_or(String::new(), |c| c.id.as_str().to_owned()),
            r_total: refund.total().amount(),
            bonus_returned: tenders.cashback.amount(),
            items: refund
                .lines()
                .iter()
                .map(|l| TransactionItem::new(&l.line))
                .collect(),
            payments,
        }
    }

    /// The exact bytes sent, kept in the outbox so every retry is identical.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the server says about a refund (all figures optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RefundAccepted {
    pub bonus_returned: Option<Money>,
    pub bonus_taken_back: Option<Money>,
    pub balance: Option<Money>,
    /// 404/405: the server has no refund endpoint. The refund stands in
    /// the journal; the loyalty balance was not changed, and asking again
    /// would not change it.
    pub not_offered: bool,
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

/// Reads the answer to `POST /transactions/refund`. A 404 or 405 is a
/// server without the endpoint (a definite outcome, not an error); other
/// classes as for a transaction.
pub fn read_refund(reply: &Reply) -> Result<RefundAccepted, LoyaltyError> {
    if matches!(reply.status, 404 | 405) {
        return Ok(RefundAccepted {
            not_offered: true,
            ..RefundAccepted::default()
        });
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct RefundRecord {
        #[serde(default, deserialize_with = "optional_number")]
        bonus_returned: Option<Decimal>,
        #[serde(default, deserialize_with = "optional_number")]
        bonus_taken_back: Option<Decimal>,
        #[serde(default, deserialize_with = "optional_number")]
        balance: Option<Decimal>,
    }
    let record = match read_success::<RefundRecord>(reply) {
        Err(LoyaltyError::UnexpectedAnswer) if (200..300).contains(&reply.status) => {
            return Ok(RefundAccepted::default())
        }
        other => other?,
    };
    let money = |value: Option<Decimal>| value.and_then(|v| Money::new(v).ok());
    Ok(RefundAccepted {
        bonus_returned: money(record.bonus_returned),
        bonus_taken_back: money(record.bonus_taken_back),
        balance: money(record.balance),
        not_offered: false,
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
    fn reads_a_refund_and_a_server_without_refunds() {
        let refund = |status: u16, body: &str| {
            read_refund(&Reply {
                status,
                body: body.into(),
            })
        };
        let accepted = refund(
            200,
            r#"{"data": {"success": true, "bonusReturned": "107.3", "bonusTakenBack": 232.02, "balance": 48875.28}}"#,
        )
        .unwrap();
        assert_eq!(accepted.bonus_returned.unwrap().to_string(), "107.30");
        assert_eq!(accepted.bonus_taken_back.unwrap().to_string(), "232.02");
        assert_eq!(accepted.balance.unwrap().to_string(), "48875.28");
        assert!(!accepted.not_offered);
        for status in [404, 405] {
            let missing = refund(status, "<html>Not Found</html>").unwrap();
            assert!(missing.not_offered, "{status}");
            assert_eq!(missing.balance, None);
        }
        assert_eq!(refund(201, "not json"), Ok(RefundAccepted::default()));
        assert_eq!(
            refund(422, r#"{"message": "refund exceeds what is left"}"#),
            Err(LoyaltyError::Rejected("refund exceeds what is left".into()))
        );
        assert_eq!(refund(409, ""), Err(LoyaltyError::Conflict(String::new())));
        assert_eq!(refund(503, ""), Err(LoyaltyError::Unreachable));
        assert_eq!(refund(401, ""), Err(LoyaltyError::TokenRejected));
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
