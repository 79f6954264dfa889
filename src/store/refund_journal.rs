//! Refunds in the journal: each finalized refund as a record under its own
//! receipt number, referencing the sale it takes back. Amounts are decimal
//! strings; reading a record back checks it through the domain again.
//!
//! What is refundable is always worked out from the journal — the sale's
//! record and every refund record of it — inside the storage transaction
//! that writes the new refund, so neither a reload nor a second tab can
//! refund the same line twice. A refund record that no longer reads stops
//! further refunds of its sale rather than being skipped: skipping it would
//! free its quantities to be refunded again.

use serde::{Deserialize, Serialize};

use super::journal::{moment, moment_of, money, CustomerRecord, LineRecord, SaleRecord};
use super::outbox::SaleSettlement;
use crate::domain::refund::{
    Earned, Refund, RefundDraft, RefundError, RefundLine, RefundParts, RefundQuote, Refundable,
    Reversal, Tenders,
};
use crate::domain::sale::{LocalDateTime, ReceiptNumber, Sale};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundRecord {
    pub receipt_number: String,
    /// The refunded sale's receipt number.
    pub original: String,
    pub shift_tag: String,
    /// `[year, month, day, hour, minute, second]`.
    pub finalized_at: [u16; 6],
    pub cashier: String,
    pub customer: Option<CustomerRecord>,
    pub lines: Vec<RefundLineRecord>,
    pub tenders: TendersRecord,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cashback_taken_back: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_taken_back: Option<u64>,
    /// The whole sale at once.
    pub whole: bool,
    /// How the loyalty side ended, once its steps had their answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loyalty: Option<RefundLoyalty>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundLineRecord {
    /// The line's position among the sale's fiscal lines.
    pub original_line: usize,
    #[serde(flatten)]
    pub line: LineRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TendersRecord {
    pub cash: String,
    pub card: String,
    pub cashback: String,
    pub points: String,
    pub points_count: u64,
    pub in_app: String,
}

/// The loyalty side of a refund, once settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum RefundLoyalty {
    /// The server reversed the sale's share, with its own figures.
    #[serde(rename_all = "camelCase")]
    Reversed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cashback_taken_back: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        points_taken_back: Option<i64>,
    },
    /// The server has no refunds (AOS 404/405): its balance was not changed.
    NotOffered,
    /// The server said no; the refund stands in the journal, paid out.
    Refused { message: String },
}

impl RefundRecord {
    pub fn new(refund: &Refund, shift_tag: &str) -> RefundRecord {
        let tenders = refund.tenders();
        RefundRecord {
            receipt_number: refund.number().0.clone(),
            original: refund.original().0.clone(),
            shift_tag: shift_tag.to_owned(),
            finalized_at: moment_of(refund.finalized_at()),
            cashier: refund.cashier().to_owned(),
            customer: refund.customer().map(CustomerRecord::new),
            lines: refund
                .lines()
                .iter()
                .map(|l| RefundLineRecord {
                    original_line: l.original_line,
                    line: LineRecord::of(&l.line),
                })
                .collect(),
            tenders: TendersRecord {
                cash: tenders.cash.to_string(),
                card: tenders.card.to_string(),
                cashback: tenders.cashback.to_string(),
                points: tenders.points.to_string(),
                points_count: tenders.points_count,
                in_app: tenders.in_app.to_string(),
            },
            cashback_taken_back: refund.reversal().cashback_taken_back.map(|m| m.to_string()),
            points_taken_back: refund.reversal().points_taken_back,
            whole: refund.is_whole(),
            loyalty: None,
        }
    }

    /// The refund again, checked by the domain; `None` for a damaged record.
    pub fn refund(&self) -> Option<Refund> {
        let customer = match &self.customer {
            Some(record) => Some(record.customer()?),
            None => None,
        };
        let lines = self
            .lines
            .iter()
            .map(|l| {
                Some(RefundLine {
                    original_line: l.original_line,
                    line: l.line.line()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let t = &self.tenders;
        let tenders = Tenders {
            cash: money(&t.cash)?,
            card: money(&t.card)?,
            cashback: money(&t.cashback)?,
            points: money(&t.points)?,
            points_count: t.points_count,
            in_app: money(&t.in_app)?,
        };
        let cashback_taken_back = match &self.cashback_taken_back {
            Some(text) => Some(money(text)?),
            None => None,
        };
        let quote = RefundQuote::from_parts(RefundParts {
            original: ReceiptNumber(self.original.clone()),
            cashier: self.cashier.clone(),
            customer,
            lines,
            tenders,
            reversal: Reversal {
                cashback_taken_back,
                points_taken_back: self.points_taken_back,
            },
            whole: self.whole,
        })?;
        Some(quote.finalize(
            ReceiptNumber(self.receipt_number.clone()),
            moment(self.finalized_at)?,
        ))
    }

    /// Records how the refund's loyalty steps ended.
    pub fn settle(&mut self, settlement: &SaleSettlement) {
        self.loyalty = Some(match &settlement.answer {
            Ok(figures) if figures.refund_not_offered => RefundLoyalty::NotOffered,
            Ok(figures) => RefundLoyalty::Reversed {
                cashback_taken_back: figures.bonus_taken_back.map(|m| m.to_string()),
                points_taken_back: figures.points_taken_back,
            },
            Err(error) => RefundLoyalty::Refused {
                message: error.to_string(),
            },
        });
    }
}

/// The refund records of `original` among stored JSON texts. A text that
/// names `original` but no longer reads as a record is an error: its
/// quantities must not become refundable again.
pub fn records_of(texts: &[String], original: &str) -> Result<Vec<RefundRecord>, RefundError> {
    let mut records = Vec::new();
    for text in texts {
        match serde_json::from_str::<RefundRecord>(text) {
            Ok(record) if record.original == original => records.push(record),
            Ok(_) => {}
            Err(_) => {
                let named = serde_json::from_str::<serde_json::Value>(text)
                    .is_ok_and(|value| value["original"] == original);
                if named {
                    return Err(RefundError::JournalMismatch);
                }
            }
        }
    }
    Ok(records)
}

/// A sale as its journal has it: the sale and the refunds recorded against
/// it, read back and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundBasis {
    pub sale: Sale,
    pub refunds: Vec<Refund>,
    /// What the sale earned, as far as the journal knows.
    pub earned: Earned,
}

impl RefundBasis {
    /// `refunds` may hold other sales' records; a damaged record of this
    /// sale, or a damaged sale, is [`RefundError::JournalMismatch`].
    pub fn read(sale: &SaleRecord, refunds: &[RefundRecord]) -> Result<RefundBasis, RefundError> {
        let refunds = refunds
            .iter()
            .filter(|r| r.original == sale.receipt_number)
            .map(RefundRecord::refund)
            .collect::<Option<Vec<_>>>()
            .ok_or(RefundError::JournalMismatch)?;
        Ok(RefundBasis {
            sale: sale.sale().ok_or(RefundError::JournalMismatch)?,
            refunds,
            earned: Earned {
                cashback: sale.earned(),
                points: sale.earned_points,
            },
        })
    }

    pub fn refundable(&self) -> Result<Refundable<'_>, RefundError> {
        Refundable::of(&self.sale, &self.refunds)
    }

    /// The refund of `draft`, numbered and dated, and its record; refused
    /// when it is no longer the `shown` one (another refund of the sale was
    /// recorded meanwhile) or no longer fits.
    pub fn finalize(
        &self,
        draft: &RefundDraft,
        shown: &RefundQuote,
        number: ReceiptNumber,
        at: LocalDateTime,
        shift_tag: &str,
    ) -> Result<(Refund, RefundRecord), RefundError> {
        let quote = self.refundable()?.quote(draft, self.earned)?;
        if quote != *shown {
            return Err(RefundError::ChangedMeanwhile);
        }
        let refund = quote.finalize(number, at);
        let record = RefundRecord::new(&refund, shift_tag);
        Ok((refund, record))
    }
}

#[cfg(test)]
mod tests;
