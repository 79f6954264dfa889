//! The AppsPOS payment under way at this till, as it is stored after every
//! change (before the next call goes): the step machine's state, the
//! receipt sequence reserved for it (its invoice number), the cart the
//! order was sent with, and the voucher the app applied. A reload resumes
//! from this record; finalizing the sale deletes it in the same
//! transaction that writes the sale.

use serde::{Deserialize, Serialize};

use super::journal::LineRecord;
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::number_input::parse_money;
use crate::loyalty::appspos::payment::{CancelReason, Payment, Phase, StopReason};
use crate::loyalty::appspos::wire::Paid;

/// The payment as the checkout holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InAppSale {
    pub payment: Payment,
    /// The receipt sequence taken for this sale when the order began.
    pub sequence: u32,
    /// The lines as the last order sent them: a cart that differs is
    /// ordered again.
    pub ordered: Vec<Line>,
    /// What the app's vouchers take off the cart (zero for none).
    pub voucher: Money,
}

impl InAppSale {
    /// The payment the app confirmed, once it did.
    pub fn paid(&self) -> Option<&Paid> {
        match &self.payment.phase {
            Phase::Paid { paid } => Some(paid),
            _ => None,
        }
    }

    /// The voucher counts on the receipt while the app has the order.
    pub fn voucher_applies(&self) -> bool {
        !matches!(
            self.payment.phase,
            Phase::Refused { .. } | Phase::Cancelling { .. } | Phase::Cancelled { .. }
        )
    }
}

/// Why an AppsPOS payment does not go on by itself; the cashier reads it
/// and decides (`i18n::errors` words it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InAppProblem {
    #[error("the app's figures were not agreed")]
    Stopped(StopReason),
    #[error("the app refused the order")]
    Refused,
    #[error("the payment failed in the app")]
    Failed,
    #[error("the payment was cancelled")]
    Cancelled(CancelReason),
    #[error("another tab of this till drives the payment")]
    OtherTab,
    #[error("an AppsPOS payment is under way")]
    UnderWay,
}

impl InAppSale {
    /// What stopped the payment, in its phase; the server's own words, if
    /// any, come beside it.
    pub fn problem(&self) -> Option<(InAppProblem, String)> {
        match &self.payment.phase {
            Phase::Stopped { reason } => {
                let words = match reason {
                    StopReason::Refused { message } => message.clone(),
                    StopReason::Mismatch { .. } => String::new(),
                };
                Some((InAppProblem::Stopped(reason.clone()), words))
            }
            Phase::Refused { message } => Some((InAppProblem::Refused, message.clone())),
            Phase::Failed { message } => Some((InAppProblem::Failed, message.clone())),
            Phase::Cancelling { reason, .. } | Phase::Cancelled { reason } => {
                Some((InAppProblem::Cancelled(*reason), String::new()))
            }
            _ => None,
        }
    }
}

/// [`InAppSale`] as written to storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InAppRecord {
    pub payment: Payment,
    pub sequence: u32,
    pub ordered: Vec<LineRecord>,
    pub voucher: String,
}

impl InAppRecord {
    pub fn new(sale: &InAppSale) -> InAppRecord {
        InAppRecord {
            payment: sale.payment.clone(),
            sequence: sale.sequence,
            ordered: sale.ordered.iter().map(LineRecord::of).collect(),
            voucher: sale.voucher.to_string(),
        }
    }

    /// The sale again; `None` for a damaged record.
    pub fn sale(&self) -> Option<InAppSale> {
        Some(InAppSale {
            payment: self.payment.clone(),
            sequence: self.sequence,
            ordered: self
                .ordered
                .iter()
                .map(LineRecord::line)
                .collect::<Option<Vec<Line>>>()?,
            voucher: parse_money(&self.voucher).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line::LineDraft;
    use crate::domain::quantity::Quantity;
    use crate::domain::transaction_qr::TransactionQr;

    #[test]
    fn a_payment_under_way_survives_the_round_trip() {
        let qr = TransactionQr::parse("QR-20261201-A1B2-0000001").unwrap();
        let mut payment = Payment::new(qr, "T-S-000007");
        payment.phase = Phase::Paying {
            since: 1_000,
            next_poll_at: 3_000,
            in_process: 1,
            released: true,
            zero_dollar_pay: false,
        };
        let line = Line::new(LineDraft::product(
            "Rice",
            Money::round("12500.50".parse().unwrap()),
            Quantity::ONE,
            12,
        ))
        .unwrap();
        let sale = InAppSale {
            payment,
            sequence: 7,
            ordered: vec![line],
            voucher: Money::sum(2_000),
        };
        let json = serde_json::to_string(&InAppRecord::new(&sale)).unwrap();
        assert!(json.contains(r#""voucher":"2000.00""#), "{json}");
        let back: InAppRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.sale(), Some(sale.clone()));
        assert!(sale.voucher_applies() && sale.paid().is_none());
    }
}
