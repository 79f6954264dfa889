//! Taking back part or all of a past sale: what is still refundable, a
//! refund of chosen lines and quantities, and how it is paid back.
//!
//! What is refundable is always computed from the original sale and every
//! refund recorded against it (queued ones included), so no sequence of
//! partial refunds can take back more than the sale held — per line, per
//! tender, or in total. Shares are cumulative: each refund takes the share
//! of everything refunded so far, minus what earlier refunds took, so the
//! last refund of a sale lands exactly on the sale's own figures.
//!
//! A line's refunded amount is its total's share by quantity, rounded once
//! half away from zero (the policy of `money.rs`). Each refund line is a
//! fiscal line of its own (price, quantity, discount ≥ 0, VAT from its
//! total), so its amount is never more than its price × quantity, and at
//! least what leaves the rest of the line within the rest's price ×
//! quantity. Pieces add up exactly; a weighed line refunded in parts may
//! come back a tiyin short per part, as each part's price × quantity is
//! rounded on its own (56 533.40 × 1.251 = 70 723.28 and × 1.783 =
//! 100 799.05, while × 3.034 = 171 522.34): never a tiyin more.
//! Loyalty shares follow `tenders.rs` and `reversal.rs`.

use rust_decimal::Decimal;
use thiserror::Error;

use super::customer::Customer;
use super::line::{Line, LineDraft};
use super::money::Money;
use super::quantity::Quantity;
use super::receipt::Totals;
use super::sale::{LocalDateTime, ReceiptNumber, Sale};

mod reversal;
mod share;
mod tenders;

pub use reversal::{Earned, Reversal};
pub use tenders::Tenders;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RefundError {
    #[error("nothing is picked to refund")]
    Empty,
    #[error("the sale has no line {line}")]
    NoSuchLine { line: usize },
    #[error("line {line} is picked twice")]
    LinePickedTwice { line: usize },
    #[error("only {left} of line {line} is left to refund")]
    AboveRefundable { line: usize, left: Decimal },
    #[error("an in-app payment can only be refunded with the whole receipt")]
    InAppWholeOnly,
    #[error("at most {most} can be paid back on the card")]
    CardAboveLeft { most: Money },
    #[error("the refunds recorded do not fit the sale")]
    JournalMismatch,
    /// Another refund of the sale was recorded since this one was shown
    /// (another tab of the till): the cashier looks again.
    #[error("the sale was refunded meanwhile")]
    ChangedMeanwhile,
}

/// A line of the original sale and how much of it to take back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundPick {
    /// The line's position among the sale's fiscal lines.
    pub line: usize,
    pub quantity: Quantity,
}

/// What the cashier chose to take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundDraft {
    pub cashier: String,
    pub picks: Vec<RefundPick>,
    /// What goes back on the card, when the cashier changes the default
    /// split (the rest of the money part is cash).
    pub card: Option<Money>,
}

/// One returned line: a fiscal line of the refund, and which line of the
/// sale it takes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundLine {
    pub original_line: usize,
    pub line: Line,
}

/// How much of one sale line is refunded already and how much is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineLeft {
    pub refunded_quantity: Decimal,
    pub refunded_amount: Money,
    /// Quantity still refundable (zero once the line is all back).
    pub quantity: Decimal,
    /// Amount still refundable.
    pub amount: Money,
}

/// A sale as the refunds recorded against it have left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refundable<'a> {
    sale: &'a Sale,
    left: Vec<LineLeft>,
    /// Σ totals of the refunds so far.
    refunded: Money,
    /// Σ what the refunds so far paid back, per tender.
    paid_back: Tenders,
    /// Σ what the refunds so far took back of what the sale earned.
    taken_back: Reversal,
    refunds: usize,
}

impl<'a> Refundable<'a> {
    /// The sale after `refunds`; refunds of other receipts are ignored. A
    /// refund that does not fit the sale (a damaged journal) is an error
    /// rather than a reason to refund more.
    pub fn of(sale: &'a Sale, refunds: &[Refund]) -> Result<Refundable<'a>, RefundError> {
        let mut left: Vec<LineLeft> = sale
            .lines()
            .iter()
            .map(|line| LineLeft {
                refunded_quantity: Decimal::ZERO,
                refunded_amount: Money::ZERO,
                quantity: line.quantity().value(),
                amount: line.total(),
            })
            .collect();
        let mut refundable = Refundable {
            sale,
            left: Vec::new(),
            refunded: Money::ZERO,
            paid_back: Tenders::default(),
            taken_back: Reversal::default(),
            refunds: 0,
        };
        for refund in refunds.iter().filter(|r| r.original() == sale.number()) {
            for returned in refund.lines() {
                let entry = left
                    .get_mut(returned.original_line)
                    .ok_or(RefundError::JournalMismatch)?;
                let quantity = returned.line.quantity().value();
                let amount = returned.line.total();
                if quantity > entry.quantity || amount > entry.amount {
                    return Err(RefundError::JournalMismatch);
                }
                entry.refunded_quantity += quantity;
                entry.refunded_amount = entry.refunded_amount + amount;
                entry.quantity -= quantity;
                entry.amount = entry.amount - amount;
            }
            refundable.refunded = refundable.refunded + refund.total();
            refundable.paid_back = refundable.paid_back.plus(refund.tenders());
            refundable.taken_back = refundable.taken_back.plus(refund.reversal());
            refundable.refunds += 1;
        }
        refundable.left = left;
        Ok(refundable)
    }

    pub fn sale(&self) -> &'a Sale {
        self.sale
    }

    /// Per sale line, in the sale's order.
    pub fn lines(&self) -> &[LineLeft] {
        &self.left
    }

    /// Σ totals refunded so far.
    pub fn refunded(&self) -> Money {
        self.refunded
    }

    /// What the refunds so far paid back, per tender.
    pub fn paid_back(&self) -> &Tenders {
        &self.paid_back
    }

    /// Nothing is left to take back.
    pub fn is_exhausted(&self) -> bool {
        self.left.iter().all(|line| line.quantity.is_zero())
    }

    /// Everything still refundable: the "whole receipt" button.
    pub fn everything(&self) -> Vec<RefundPick> {
        self.left
            .iter()
            .enumerate()
            .filter_map(|(line, left)| {
                Some(RefundPick {
                    line,
                    quantity: Quantity::new(left.quantity).ok()?,
                })
            })
            .collect()
    }

    /// The refund of `draft`, with its default (or the cashier's) payback
    /// and what the loyalty side will do. `earned` is what the sale earned,
    /// as far as its server has said.
    pub fn quote(&self, draft: &RefundDraft, earned: Earned) -> Result<RefundQuote, RefundError> {
        if draft.picks.is_empty() {
            return Err(RefundError::Empty);
        }
        let mut lines = Vec::with_capacity(draft.picks.len());
        for (index, pick) in draft.picks.iter().enumerate() {
            if draft.picks[..index].iter().any(|p| p.line == pick.line) {
                return Err(RefundError::LinePickedTwice { line: pick.line });
            }
            lines.push(self.refund_line(*pick)?);
        }
        lines.sort_by_key(|l| l.original_line);
        let whole = self.refunds == 0
            && lines.len() == self.left.len()
            && lines
                .iter()
                .all(|l| l.line.quantity() == self.sale.lines()[l.original_line].quantity());
        let sale_tenders = Tenders::of_sale(self.sale);
        if !sale_tenders.in_app.is_zero() && !whole {
            return Err(RefundError::InAppWholeOnly);
        }
        let amount: Money = lines.iter().map(|l| l.line.total()).sum();
        let sale_total = self.sale.totals().total_before_bonus;
        let refunded_after = self.refunded + amount;
        let tenders = tenders::split(
            &sale_tenders,
            &self.paid_back,
            sale_total,
            refunded_after,
            amount,
            draft.card,
        )?;
        let reversal = reversal::of(
            self.sale,
            earned,
            &self.taken_back,
            sale_total,
            refunded_after,
        );
        Ok(RefundQuote {
            original: self.sale.number().clone(),
            cashier: draft.cashier.clone(),
            customer: self.sale.customer().cloned(),
            lines,
            tenders,
            reversal,
            whole,
        })
    }

    fn refund_line(&self, pick: RefundPick) -> Result<RefundLine, RefundError> {
        let line = self
            .sale
            .lines()
            .get(pick.line)
            .ok_or(RefundError::NoSuchLine { line: pick.line })?;
        let left = self.left[pick.line];
        let quantity = pick.quantity.value();
        if quantity > left.quantity {
            return Err(RefundError::AboveRefundable {
                line: pick.line,
                left: left.quantity,
            });
        }
        let whole = line.quantity().value();
        let after = left.refunded_quantity + quantity;
        let gross = Money::round(line.unit_price().amount() * quantity);
        let share =
            share::by_quantity(line.total(), after, whole).saturating_sub(left.refunded_amount);
        // Enough that what stays fits the rest's own fiscal line (its price
        // × quantity), never more than this line's price × quantity.
        let rest_gross = Money::round(line.unit_price().amount() * (whole - after));
        let least = left.amount.saturating_sub(rest_gross);
        let amount = share.max(least).min(gross).min(left.amount);
        // The sale's line valid, the same line with a smaller quantity and
        // a discount within its gross is valid too.
        let refund_line = Line::new(LineDraft {
            quantity: pick.quantity,
            discount: gross - amount,
            ..line.draft()
        })
        .map_err(|_| RefundError::JournalMismatch)?;
        Ok(RefundLine {
            original_line: pick.line,
            line: refund_line,
        })
    }
}

/// A refund worked out and shown to the cashier, not yet numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundQuote {
    original: ReceiptNumber,
    cashier: String,
    customer: Option<Customer>,
    lines: Vec<RefundLine>,
    tenders: Tenders,
    reversal: Reversal,
    whole: bool,
}

/// A refund's parts as a record keeps them, to be checked again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundParts {
    pub original: ReceiptNumber,
    pub cashier: String,
    pub customer: Option<Customer>,
    pub lines: Vec<RefundLine>,
    pub tenders: Tenders,
    pub reversal: Reversal,
    pub whole: bool,
}

impl RefundQuote {
    /// A quote from stored parts: refused (`None`) unless its lines exist
    /// and what it pays back is exactly what they are worth.
    pub fn from_parts(parts: RefundParts) -> Option<RefundQuote> {
        let quote = RefundQuote {
            original: parts.original,
            cashier: parts.cashier,
            customer: parts.customer,
            lines: parts.lines,
            tenders: parts.tenders,
            reversal: parts.reversal,
            whole: parts.whole,
        };
        (!quote.lines.is_empty() && quote.tenders.total() == quote.total()).then_some(quote)
    }

    /// The refund, numbered and dated when it is stored.
    pub fn finalize(self, number: ReceiptNumber, finalized_at: LocalDateTime) -> Refund {
        Refund {
            number,
            finalized_at,
            quote: self,
        }
    }

    pub fn original(&self) -> &ReceiptNumber {
        &self.original
    }
    pub fn cashier(&self) -> &str {
        &self.cashier
    }
    /// The sale's loyalty customer, whose account the refund reverses.
    pub fn customer(&self) -> Option<&Customer> {
        self.customer.as_ref()
    }
    pub fn lines(&self) -> &[RefundLine] {
        &self.lines
    }
    /// What is paid back, per tender; adds up to [`RefundQuote::total`].
    pub fn tenders(&self) -> &Tenders {
        &self.tenders
    }
    /// What the loyalty program takes back of what the sale earned.
    pub fn reversal(&self) -> &Reversal {
        &self.reversal
    }
    /// The refund takes back the whole sale at once (Capillary `FULL`).
    pub fn is_whole(&self) -> bool {
        self.whole
    }
    /// Σ refunded line totals.
    pub fn total(&self) -> Money {
        self.lines.iter().map(|l| l.line.total()).sum()
    }
    /// The refund's receipt figures: total, VAT, the loyalty share and what
    /// goes back in cash or card.
    pub fn totals(&self) -> Totals {
        Totals::of(&self.fiscal_lines(), self.tenders.loyalty())
    }
    /// The refund's fiscal lines.
    pub fn fiscal_lines(&self) -> Vec<Line> {
        self.lines.iter().map(|l| l.line.clone()).collect()
    }
}

/// A finalized refund, with its own receipt number: immutable from here on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    number: ReceiptNumber,
    finalized_at: LocalDateTime,
    quote: RefundQuote,
}

impl Refund {
    pub fn number(&self) -> &ReceiptNumber {
        &self.number
    }
    pub fn finalized_at(&self) -> LocalDateTime {
        self.finalized_at
    }
    pub fn quote(&self) -> &RefundQuote {
        &self.quote
    }
    pub fn original(&self) -> &ReceiptNumber {
        self.quote.original()
    }
    pub fn cashier(&self) -> &str {
        self.quote.cashier()
    }
    pub fn customer(&self) -> Option<&Customer> {
        self.quote.customer()
    }
    pub fn lines(&self) -> &[RefundLine] {
        self.quote.lines()
    }
    pub fn tenders(&self) -> &Tenders {
        self.quote.tenders()
    }
    pub fn reversal(&self) -> &Reversal {
        self.quote.reversal()
    }
    pub fn is_whole(&self) -> bool {
        self.quote.is_whole()
    }
    pub fn total(&self) -> Money {
        self.quote.total()
    }
    pub fn totals(&self) -> Totals {
        self.quote.totals()
    }
    pub fn fiscal_lines(&self) -> Vec<Line> {
        self.quote.fiscal_lines()
    }
}

#[cfg(test)]
mod tests;
