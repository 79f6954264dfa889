//! The in-app payment as a pure step machine: order → released → paying →
//! paid | failed | cancelled, what to send after each answer, and how a
//! stored payment resumes after a reload or a crash.
//!
//! No clocks: time is a `u64` of milliseconds passed in. The caller stores
//! the [`Payment`] (it is serializable) with the pending sale after every
//! change, *before* acting on [`Payment::next`], so each decision survives.
//!
//! Crash rules ([`Payment::resume`]):
//! - a release decided but not known to have arrived is not sent again
//!   blindly: the payment polls, and only a "0" before any sign of the
//!   release (no answer to it, no "in process") sends it again — the server
//!   said it has none in effect;
//! - during polling it goes on polling, within the same 2-minute limit;
//! - once paid it only completes: no release, no poll, no cancel;
//! - once cancelled (or cancelling) it stays so.
//!
//! Paid leads to durable outbox steps, never to the machine again:
//! `payment_completed` and, for a refund, `refund` (`plan.rs`).

use serde::{Deserialize, Serialize};

use super::wire::{OrderAccepted, Paid, PaidStatus};
use crate::domain::money::Money;
use crate::domain::transaction_qr::TransactionQr;
use crate::loyalty::error::LoyaltyError;

/// `check_paid_status` every 2 s…
pub const POLL_EVERY_MS: u64 = 2_000;
/// …for at most 2 minutes; then the order is cancelled.
pub const POLL_LIMIT_MS: u64 = 120_000;
/// A cancel that got no answer is tried again after this long.
pub const CANCEL_RETRY_MS: u64 = 2_000;

/// One AppsPOS transaction at the till.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    #[serde(with = "qr_text")]
    pub qr: TransactionQr,
    /// Kassa's receipt number, minted at the first order and kept.
    pub invoice_no: String,
    pub phase: Phase,
}

/// Where the transaction is. Amounts are stored as decimal strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "phase",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Phase {
    /// The order (the cart) is to be sent; `again` after a cart change or
    /// a removed voucher, when the server already has an order.
    Ordering {
        again: bool,
    },
    /// The app took the order; Kassa's bill figures are to be sent.
    Ordered {
        #[serde(with = "money_text")]
        total_final_amount: Money,
        zero_dollar_pay: bool,
    },
    /// The app's total payable is Kassa's total due: the cashier may release.
    Agreed {
        #[serde(with = "money_text")]
        total_payable: Money,
        zero_dollar_pay: bool,
    },
    /// The app's figures do not match Kassa's, or it refused the bill info:
    /// the cashier changes the cart or cancels.
    Stopped {
        reason: StopReason,
    },
    /// The voucher is being removed; the order is re-sent after.
    RemovingVoucher,
    /// The release is decided (stored before it is sent).
    Releasing {
        zero_dollar_pay: bool,
        at: u64,
    },
    /// Released: polling until the app says paid or failed.
    Paying {
        /// When the release was decided: the 2 minutes run from here.
        since: u64,
        next_poll_at: u64,
        /// Polls answered "in process" so far.
        in_process: u32,
        /// The release was answered. Until it is, or a poll says "in
        /// process", a "0" may only mean the release never arrived: it is
        /// sent again instead of failing the payment.
        released: bool,
        zero_dollar_pay: bool,
    },
    /// A cancel was refused (the app may have been paid meanwhile): one
    /// more poll decides.
    Verifying {
        next_poll_at: u64,
        message: String,
    },
    Paid {
        #[serde(with = "paid_record")]
        paid: Paid,
    },
    /// The payment failed: the cashier may retry or take another tender.
    Failed {
        message: String,
    },
    /// The app refused the order (an unknown or used code): nothing exists
    /// on the server; the customer shows a new code.
    Refused {
        message: String,
    },
    /// A cancel is decided (stored before it is sent).
    Cancelling {
        reason: CancelReason,
        retry_at: u64,
    },
    Cancelled {
        reason: CancelReason,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum StopReason {
    /// `total_payable` differs from Kassa's total due.
    Mismatch {
        #[serde(with = "money_text")]
        total_payable: Money,
        #[serde(with = "money_text")]
        due: Money,
    },
    /// The server refused the bill info, in its words.
    Refused { message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CancelReason {
    ByCashier,
    /// Two minutes of polling without "paid".
    TimedOut,
}

/// What the till shows (`appspos-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Order,
    Released,
    Paying,
    Paid,
    Failed,
    Cancelled,
}

impl Status {
    /// The `appspos-status` text of the UI contract.
    pub fn code(self) -> &'static str {
        match self {
            Status::Order => "order",
            Status::Released => "released",
            Status::Paying => "paying",
            Status::Paid => "paid",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send `wire::order` with the cart as it is now.
    SendOrder,
    /// Send `wire::bill_info` with Kassa's figures.
    SendBillInfo,
    /// Send `wire::remove_voucher`.
    SendRemoveVoucher,
    /// The cashier decides: release, remove the voucher, change the cart,
    /// cancel (after a mismatch or a failure, retry or another tender).
    AwaitCashier,
    /// Send `wire::release`.
    SendRelease,
    /// Send `wire::paid_status` once `now` ≥ this.
    PollAt(u64),
    /// Send `wire::cancel` once `now` ≥ this.
    CancelAt(u64),
    /// Finalize the sale with this in-app tender and queue
    /// [`completion_step`]; the machine has nothing more to send.
    Finalize(Paid),
    /// Nothing more: cancelled, or refused at the order.
    Done,
}

/// A cashier's request the phase does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not possible at this point of the AppsPOS payment")]
pub struct NotNow;

impl Payment {
    pub fn new(qr: TransactionQr, invoice_no: &str) -> Payment {
        Payment {
            qr,
            invoice_no: invoice_no.to_owned(),
            phase: Phase::Ordering { again: false },
        }
    }

    pub fn status(&self) -> Status {
        match &self.phase {
            Phase::Ordering { .. }
            | Phase::Ordered { .. }
            | Phase::Agreed { .. }
            | Phase::Stopped { .. }
            | Phase::RemovingVoucher => Status::Order,
            Phase::Releasing { .. } | Phase::Paying { in_process: 0, .. } => Status::Released,
            Phase::Paying { .. } | Phase::Verifying { .. } => Status::Paying,
            Phase::Paid { .. } => Status::Paid,
            Phase::Failed { .. } | Phase::Refused { .. } => Status::Failed,
            Phase::Cancelling { .. } | Phase::Cancelled { .. } => Status::Cancelled,
        }
    }

    pub fn next(&self) -> Action {
        match &self.phase {
            Phase::Ordering { .. } => Action::SendOrder,
            Phase::Ordered { .. } => Action::SendBillInfo,
            Phase::RemovingVoucher => Action::SendRemoveVoucher,
            Phase::Agreed { .. } | Phase::Stopped { .. } | Phase::Failed { .. } => {
                Action::AwaitCashier
            }
            Phase::Releasing { .. } => Action::SendRelease,
            Phase::Paying { next_poll_at, .. } | Phase::Verifying { next_poll_at, .. } => {
                Action::PollAt(*next_poll_at)
            }
            Phase::Cancelling { retry_at, .. } => Action::CancelAt(*retry_at),
            Phase::Paid { paid } => Action::Finalize(paid.clone()),
            Phase::Refused { .. } | Phase::Cancelled { .. } => Action::Done,
        }
    }

    /// After a reload: a release whose answer is unknown becomes polling
    /// (never a second release); everything else goes on as stored.
    pub fn resume(&mut self, now: u64) {
        if let Phase::Releasing {
            at,
            zero_dollar_pay,
        } = self.phase
        {
            self.phase = Phase::Paying {
                since: at,
                next_poll_at: now,
                in_process: 0,
                released: false,
                zero_dollar_pay,
            };
        }
    }

    /// The order's answer. A refusal ends the transaction; no answer keeps
    /// the order to be sent again (the server keys it by invoice number).
    pub fn on_order(&mut self, answer: Result<OrderAccepted, LoyaltyError>) {
        if !matches!(self.phase, Phase::Ordering { .. }) {
            return;
        }
        match answer {
            Ok(accepted) => {
                self.phase = Phase::Ordered {
                    total_final_amount: accepted.total_final_amount,
                    zero_dollar_pay: accepted.zero_dollar_pay,
                }
            }
            Err(LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message)) => {
                self.phase = Phase::Refused { message }
            }
            Err(_) => {}
        }
    }

    /// The bill info's answer, checked against Kassa's `due`.
    pub fn on_bill_info(&mut self, answer: Result<Money, LoyaltyError>, due: Money) {
        let Phase::Ordered {
            zero_dollar_pay, ..
        } = self.phase
        else {
            return;
        };
        match answer {
            Ok(total_payable) if total_payable == due => {
                self.phase = Phase::Agreed {
                    total_payable,
                    zero_dollar_pay: zero_dollar_pay || total_payable.is_zero(),
                }
            }
            Ok(total_payable) => {
                self.phase = Phase::Stopped {
                    reason: StopReason::Mismatch { total_payable, due },
                }
            }
            Err(LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message)) => {
                self.phase = Phase::Stopped {
                    reason: StopReason::Refused { message },
                }
            }
            Err(_) => {}
        }
    }

    /// The cashier changed the cart: the order is sent again (only before
    /// the release).
    pub fn cart_changed(&mut self) -> Result<(), NotNow> {
        match self.phase {
            Phase::Ordering { again } => {
                self.phase = Phase::Ordering { again };
                Ok(())
            }
            Phase::Ordered { .. } | Phase::Agreed { .. } | Phase::Stopped { .. } => {
                self.phase = Phase::Ordering { again: true };
                Ok(())
            }
            _ => Err(NotNow),
        }
    }

    /// The customer pays without the voucher (only before the release).
    pub fn remove_voucher(&mut self) -> Result<(), NotNow> {
        match self.phase {
            Phase::Ordered { .. } | Phase::Agreed { .. } | Phase::Stopped { .. } => {
                self.phase = Phase::RemovingVoucher;
                Ok(())
            }
            _ => Err(NotNow),
        }
    }

    /// The removal's answer: the order goes again. A refusal leaves the
    /// voucher as it was, so the order is re-sent all the same and its
    /// answer says what the app now charges.
    pub fn on_remove_voucher(&mut self, answer: Result<(), LoyaltyError>) {
        if self.phase != Phase::RemovingVoucher {
            return;
        }
        match answer {
            Ok(()) | Err(LoyaltyError::Rejected(_) | LoyaltyError::Conflict(_)) => {
                self.phase = Phase::Ordering { again: true }
            }
            Err(_) => {}
        }
    }

    /// The cashier asks the app to take payment (also after a failure: a
    /// retry).
    pub fn release(&mut self, now: u64) -> Result<(), NotNow> {
        match self.phase {
            Phase::Agreed {
                zero_dollar_pay, ..
            } => {
                self.phase = Phase::Releasing {
                    zero_dollar_pay,
                    at: now,
                };
                Ok(())
            }
            Phase::Failed { .. } => {
                self.phase = Phase::Releasing {
                    zero_dollar_pay: false,
                    at: now,
                };
                Ok(())
            }
            _ => Err(NotNow),
        }
    }

    /// The release's answer: polling starts (at once for a zero-dollar pay,
    /// which the app settles without the customer). A refusal is a failed
    /// payment; no answer is polled as well, since the release may have
    /// arrived.
    pub fn on_release(&mut self, answer: Result<(), LoyaltyError>, now: u64) {
        let Phase::Releasing {
            zero_dollar_pay,
            at,
        } = self.phase
        else {
            return;
        };
        self.phase = match answer {
            Err(LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message)) => {
                Phase::Failed { message }
            }
            answer => Phase::Paying {
                since: at,
                next_poll_at: if zero_dollar_pay {
                    now
                } else {
                    now + POLL_EVERY_MS
                },
                in_process: 0,
                released: answer.is_ok(),
                zero_dollar_pay,
            },
        };
    }

    /// A poll's answer. No answer counts as "in process": only "1" or "0"
    /// end the polling, and the 2-minute limit.
    pub fn on_poll(&mut self, answer: Result<PaidStatus, LoyaltyError>, now: u64) {
        match (&self.phase, answer) {
            (Phase::Paying { .. } | Phase::Verifying { .. }, Ok(PaidStatus::Paid(paid))) => {
                self.phase = Phase::Paid { paid }
            }
            (
                &Phase::Paying {
                    since,
                    in_process: 0,
                    released: false,
                    zero_dollar_pay,
                    ..
                },
                Ok(PaidStatus::Failed { .. }),
            ) if now < since.saturating_add(POLL_LIMIT_MS) => {
                self.phase = Phase::Releasing {
                    zero_dollar_pay,
                    at: since,
                }
            }
            (Phase::Paying { .. }, Ok(PaidStatus::Failed { message })) => {
                self.phase = Phase::Failed { message }
            }
            (
                &Phase::Paying {
                    since,
                    in_process,
                    released,
                    zero_dollar_pay,
                    ..
                },
                other,
            ) => {
                let in_process = in_process + u32::from(other.is_ok());
                self.phase = if now >= since.saturating_add(POLL_LIMIT_MS) {
                    Phase::Cancelling {
                        reason: CancelReason::TimedOut,
                        retry_at: now,
                    }
                } else {
                    Phase::Paying {
                        since,
                        next_poll_at: now + POLL_EVERY_MS,
                        in_process,
                        released,
                        zero_dollar_pay,
                    }
                };
            }
            (Phase::Verifying { message, .. }, Ok(_)) => {
                self.phase = Phase::Failed {
                    message: message.clone(),
                }
            }
            (Phase::Verifying { message, .. }, Err(_)) => {
                self.phase = Phase::Verifying {
                    next_poll_at: now + POLL_EVERY_MS,
                    message: message.clone(),
                }
            }
            _ => {}
        }
    }

    /// The cashier abandons the transaction before "paid" (a paid sale is
    /// refunded instead). Before any order reached the server there is
    /// nothing to send: it is cancelled at once.
    pub fn cancel(&mut self, now: u64) -> Result<(), NotNow> {
        match self.phase {
            Phase::Ordering { again: false } => {
                self.phase = Phase::Cancelled {
                    reason: CancelReason::ByCashier,
                };
                Ok(())
            }
            Phase::Paid { .. }
            | Phase::Refused { .. }
            | Phase::Cancelling { .. }
            | Phase::Cancelled { .. } => Err(NotNow),
            _ => {
                self.phase = Phase::Cancelling {
                    reason: CancelReason::ByCashier,
                    retry_at: now,
                };
                Ok(())
            }
        }
    }

    /// The cancel's answer. No answer: tried again. Refused (the app may
    /// just have been paid): one more poll decides between paid and failed.
    pub fn on_cancel(&mut self, answer: Result<(), LoyaltyError>, now: u64) {
        let Phase::Cancelling { reason, .. } = self.phase else {
            return;
        };
        self.phase = match answer {
            Ok(()) => Phase::Cancelled { reason },
            Err(LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message)) => {
                Phase::Verifying {
                    next_poll_at: now,
                    message,
                }
            }
            Err(_) => Phase::Cancelling {
                reason,
                retry_at: now + CANCEL_RETRY_MS,
            },
        };
    }
}

mod money_text {
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::domain::money::Money;

    pub fn serialize<S: Serializer>(value: &Money, serializer: S) -> Result<S::Ok, S::Error> {
        value.to_string().serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::from_str(&text)
            .ok()
            .and_then(|amount| Money::new(amount).ok())
            .ok_or_else(|| D::Error::custom("not an amount of money"))
    }
}

mod qr_text {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::domain::transaction_qr::TransactionQr;

    pub fn serialize<S: Serializer>(qr: &TransactionQr, serializer: S) -> Result<S::Ok, S::Error> {
        qr.as_str().serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<TransactionQr, D::Error> {
        TransactionQr::parse(&String::deserialize(deserializer)?)
            .map_err(|_| D::Error::custom("not a transaction code"))
    }
}

mod paid_record {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::domain::money::Money;
    use crate::loyalty::appspos::wire::Paid;

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Record {
        #[serde(with = "super::money_text")]
        paid_amount: Money,
        transaction_id: String,
        refund_id: String,
    }

    pub fn serialize<S: Serializer>(paid: &Paid, serializer: S) -> Result<S::Ok, S::Error> {
        Record {
            paid_amount: paid.paid_amount,
            transaction_id: paid.transaction_id.clone(),
            refund_id: paid.refund_id.clone(),
        }
        .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Paid, D::Error> {
        let record = Record::deserialize(deserializer)?;
        Ok(Paid {
            paid_amount: record.paid_amount,
            transaction_id: record.transaction_id,
            refund_id: record.refund_id,
        })
    }
}

#[cfg(test)]
mod tests;
