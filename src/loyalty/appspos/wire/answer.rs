//! The answers Kassa reads, and the outcome class of each.
//!
//! Every answer is `{status, show_status, message, server_time, data}`,
//! with `data.response_signature` over the request's signature, the server
//! time and the status. Decisions of ours where the contract is silent:
//! - A success ("1") or an in-process ("2") whose signature does not check
//!   is [`LoyaltyError::UnexpectedAnswer`]: nothing it says is believed.
//! - A refusal ("0") whose signature does not check (or that has none) is
//!   [`LoyaltyError::TokenRejected`]: the server cannot have checked ours
//!   either — an unknown API key or a wrong secret — so the cashier must log
//!   in again. A forged refusal could at worst pause the till, never move
//!   money.
//! - A checked refusal is [`LoyaltyError::Rejected`] with the server's words
//!   when `show_status` is "1", else with none (the cashier sees a generic
//!   text); for `check_paid_status` it is the payment's failure.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Reply, SignedRequest};
use crate::domain::bill_discount::{BillDiscount, DiscountSource};
use crate::domain::money::Money;
use crate::domain::transaction_qr::TransactionQr;
use crate::loyalty::appspos::sign::{self, SigningSecret};
use crate::loyalty::appspos::transport;
use crate::loyalty::error::LoyaltyError;
use crate::loyalty::flex::{Flag, Number, Text};

/// The answer to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderAccepted {
    /// What the app will charge after the vouchers the customer chose.
    pub total_final_amount: Money,
    /// The vouchers cover everything: there is nothing to pay in the app.
    pub zero_dollar_pay: bool,
    /// `last_pos_request_unique_number`, kept with the sale.
    pub unique_number: Option<String>,
}

impl OrderAccepted {
    /// The voucher as a bill discount of the cart worth `cart_total`: the
    /// difference, `None` when the customer chose none. An app that would
    /// charge more than the cart is an unexpected answer.
    pub fn voucher(
        &self,
        qr: &TransactionQr,
        cart_total: Money,
    ) -> Result<Option<BillDiscount>, LoyaltyError> {
        let amount = cart_total
            .checked_sub(self.total_final_amount)
            .ok_or(LoyaltyError::UnexpectedAnswer)?;
        Ok((!amount.is_zero()).then(|| BillDiscount {
            source: DiscountSource::Voucher {
                id: self
                    .unique_number
                    .clone()
                    .unwrap_or_else(|| qr.as_str().to_owned()),
                name: String::new(),
            },
            amount,
        }))
    }
}

/// A payment as `check_paid_status` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaidStatus {
    /// "2": the customer has not finished yet.
    InProcess,
    /// "1".
    Paid(Paid),
    /// "0": the payment failed, in the server's words (possibly none).
    Failed { message: String },
}

/// A finished payment, with what completing and refunding it need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paid {
    pub paid_amount: Money,
    pub transaction_id: String,
    pub refund_id: String,
}

/// Reads the answer to an order.
pub fn read_order(
    reply: &Reply,
    sent: &SignedRequest,
    secret: &SigningSecret,
) -> Result<OrderAccepted, LoyaltyError> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Data {
        total_final_amount: Option<Number>,
        is_zero_dollar_pay: Option<Flag>,
        last_pos_request_unique_number: Option<Text>,
    }
    let data: Data = done(reply, sent, secret)?;
    let total = data
        .total_final_amount
        .and_then(|n| Money::new(n.0).ok())
        .ok_or(LoyaltyError::UnexpectedAnswer)?;
    let flagged = data.is_zero_dollar_pay.is_some_and(|f| f.0);
    if flagged && !total.is_zero() {
        return Err(LoyaltyError::UnexpectedAnswer);
    }
    Ok(OrderAccepted {
        total_final_amount: total,
        zero_dollar_pay: total.is_zero(),
        unique_number: data
            .last_pos_request_unique_number
            .map(|t| t.0.trim().to_owned())
            .filter(|t| !t.is_empty()),
    })
}

/// Reads the answer to the bill info: `calculation_details.total_payable`.
pub fn read_total_payable(
    reply: &Reply,
    sent: &SignedRequest,
    secret: &SigningSecret,
) -> Result<Money, LoyaltyError> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Details {
        total_payable: Option<Number>,
    }
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Data {
        calculation_details: Option<Details>,
    }
    let data: Data = done(reply, sent, secret)?;
    data.calculation_details
        .and_then(|d| d.total_payable)
        .and_then(|n| Money::new(n.0).ok())
        .ok_or(LoyaltyError::UnexpectedAnswer)
}

/// Reads the answer to a release, a completion, a cancel, a voucher
/// removal or a refund: a success says nothing more.
pub fn read_done(
    reply: &Reply,
    sent: &SignedRequest,
    secret: &SigningSecret,
) -> Result<(), LoyaltyError> {
    #[derive(Default, Deserialize)]
    struct Nothing {}
    done::<Nothing>(reply, sent, secret).map(|_| ())
}

/// Reads the answer to `check_paid_status`.
pub fn read_paid_status(
    reply: &Reply,
    sent: &SignedRequest,
    secret: &SigningSecret,
) -> Result<PaidStatus, LoyaltyError> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Data {
        paid_amount: Option<Number>,
        transaction_id: Option<Text>,
        refund_id: Option<Text>,
    }
    let opened = open(reply, sent, secret)?;
    match opened.status {
        Status::InProcess => Ok(PaidStatus::InProcess),
        Status::Refused => Ok(PaidStatus::Failed {
            message: opened.message,
        }),
        Status::Success => {
            let data: Data = opened.data()?;
            let id = |text: Option<Text>| {
                text.map(|t| t.0.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .ok_or(LoyaltyError::UnexpectedAnswer)
            };
            Ok(PaidStatus::Paid(Paid {
                paid_amount: data
                    .paid_amount
                    .and_then(|n| Money::new(n.0).ok())
                    .ok_or(LoyaltyError::UnexpectedAnswer)?,
                transaction_id: id(data.transaction_id)?,
                refund_id: id(data.refund_id)?,
            }))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Refused,
    Success,
    InProcess,
}

struct Opened {
    status: Status,
    message: String,
    data: Option<Box<RawValue>>,
}

impl Opened {
    fn data<T: DeserializeOwned + Default>(&self) -> Result<T, LoyaltyError> {
        match &self.data {
            Some(raw) if raw.get().trim_start().starts_with('{') => {
                serde_json::from_str(raw.get()).map_err(|_| LoyaltyError::UnexpectedAnswer)
            }
            // `[]` or nothing for a call that answers no figures.
            _ => Ok(T::default()),
        }
    }
}

/// A success's data; a refusal is an error, "2" is unexpected here.
fn done<T: DeserializeOwned + Default>(
    reply: &Reply,
    sent: &SignedRequest,
    secret: &SigningSecret,
) -> Result<T, LoyaltyError> {
    let opened = open(reply, sent, secret)?;
    match opened.status {
        Status::Success => opened.data(),
        Status::Refused => Err(LoyaltyError::Rejected(opened.message)),
        Status::InProcess => Err(LoyaltyError::UnexpectedAnswer),
    }
}

/// The envelope read and its signature checked.
fn open(
    reply: &Reply,
    sent: &SignedRequest,
    secret: &SigningSecret,
) -> Result<Opened, LoyaltyError> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Envelope {
        status: Option<Text>,
        show_status: Option<Text>,
        message: Option<Text>,
        server_time: Option<Text>,
        data: Option<Box<RawValue>>,
    }
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Signed {
        response_signature: Option<Text>,
    }
    let body = transport::answered(reply)?;
    let envelope: Envelope =
        serde_json::from_str(body).map_err(|_| LoyaltyError::UnexpectedAnswer)?;
    let status_text = envelope
        .status
        .map(|s| s.0.trim().to_owned())
        .unwrap_or_default();
    let status = match status_text.as_str() {
        "0" => Status::Refused,
        "1" => Status::Success,
        "2" => Status::InProcess,
        _ => return Err(LoyaltyError::UnexpectedAnswer),
    };
    let signature = envelope
        .data
        .as_ref()
        .filter(|raw| raw.get().trim_start().starts_with('{'))
        .and_then(|raw| serde_json::from_str::<Signed>(raw.get()).ok())
        .and_then(|signed| signed.response_signature);
    let server_time = envelope.server_time.map(|t| t.0).unwrap_or_default();
    let verified = signature.is_some_and(|given| {
        sign::verify_response(
            secret,
            &sent.request_signature,
            &server_time,
            &status_text,
            &given.0,
        )
    });
    if !verified {
        return Err(match status {
            Status::Refused => LoyaltyError::TokenRejected,
            Status::Success | Status::InProcess => LoyaltyError::UnexpectedAnswer,
        });
    }
    let shown = envelope.show_status.is_some_and(|s| s.0.trim() == "1");
    let message = if shown {
        envelope
            .message
            .map(|m| m.0.trim().chars().take(300).collect())
            .unwrap_or_default()
    } else {
        String::new()
    };
    Ok(Opened {
        status,
        message,
        data: envelope.data,
    })
}
