//! A finalized sale: the receipt as it is kept, printed and sent.

use thiserror::Error;

use super::bill_discount::{self, BillDiscount};
use super::cashback::{self, CashbackError};
use super::customer::Customer;
use super::line::Line;
use super::loyalty_tender::{self, LoyaltyTender, LoyaltyTenderKind};
use super::money::Money;
use super::payment::Settlement;
use super::receipt::Totals;

/// The receipt number, minted locally before anything is sent and never
/// reused: it is the idempotency key of the sale on the loyalty server.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReceiptNumber(pub String);

/// A local wall-clock moment, as printed on the receipt and sent as
/// `rDate`/`rTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl LocalDateTime {
    /// `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `HH:MM:SS`.
    pub fn time(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SaleError {
    #[error("the receipt has no lines")]
    Empty,
    #[error(transparent)]
    Cashback(#[from] CashbackError),
    #[error("loyalty tenders exceed the bill")]
    TendersExceedBill,
    #[error("the bill discount exceeds the bill")]
    DiscountExceedsBill,
    #[error("payments do not add up to the amount due")]
    Unbalanced,
}

/// What the cashier has put together, ready to be finalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleDraft {
    pub cashier: String,
    pub customer: Option<Customer>,
    /// The lines as rung up, before any bill discount.
    pub lines: Vec<Line>,
    pub bill_discount: Option<BillDiscount>,
    pub loyalty_tenders: Vec<LoyaltyTender>,
    pub settlement: Settlement,
}

/// A sale that passed every rule; immutable from here on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sale {
    number: ReceiptNumber,
    finalized_at: LocalDateTime,
    draft: SaleDraft,
    /// The draft's lines with the bill discount spread over them: the
    /// fiscal lines, computed once.
    lines: Vec<Line>,
}

impl Sale {
    pub fn finalize(
        draft: SaleDraft,
        number: ReceiptNumber,
        finalized_at: LocalDateTime,
    ) -> Result<Sale, SaleError> {
        if draft.lines.is_empty() {
            return Err(SaleError::Empty);
        }
        let discount = draft
            .bill_discount
            .as_ref()
            .map_or(Money::ZERO, |d| d.amount);
        if discount > Totals::of(&draft.lines, Money::ZERO).total_before_bonus {
            return Err(SaleError::DiscountExceedsBill);
        }
        let lines = bill_discount::apply(&draft.lines, discount);
        let total = Totals::of(&lines, Money::ZERO).total_before_bonus;
        let cashback =
            loyalty_tender::total_of(&draft.loyalty_tenders, LoyaltyTenderKind::Cashback);
        if !cashback.is_zero() {
            cashback::check_spend(cashback, draft.customer.as_ref(), total)?;
        }
        let due = total
            .checked_sub(loyalty_tender::total(&draft.loyalty_tenders))
            .ok_or(SaleError::TendersExceedBill)?;
        if draft.settlement.paid() != due {
            return Err(SaleError::Unbalanced);
        }
        Ok(Sale {
            number,
            finalized_at,
            draft,
            lines,
        })
    }

    pub fn number(&self) -> &ReceiptNumber {
        &self.number
    }
    pub fn finalized_at(&self) -> LocalDateTime {
        self.finalized_at
    }
    pub fn cashier(&self) -> &str {
        &self.draft.cashier
    }
    pub fn customer(&self) -> Option<&Customer> {
        self.draft.customer.as_ref()
    }
    /// The fiscal lines: as rung up, with their share of the bill discount.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }
    /// The lines as rung up, before the bill discount was spread over them.
    pub fn rung_up_lines(&self) -> &[Line] {
        &self.draft.lines
    }
    pub fn bill_discount(&self) -> Option<&BillDiscount> {
        self.draft.bill_discount.as_ref()
    }
    pub fn loyalty_tenders(&self) -> &[LoyaltyTender] {
        &self.draft.loyalty_tenders
    }
    pub fn settlement(&self) -> &Settlement {
        &self.draft.settlement
    }
    pub fn totals(&self) -> Totals {
        let discount = self
            .draft
            .bill_discount
            .as_ref()
            .map_or(Money::ZERO, |d| d.amount);
        Totals::of_receipt(
            &self.draft.lines,
            discount,
            loyalty_tender::total(&self.draft.loyalty_tenders),
        )
    }
}
