//! A finalized sale: the receipt as it is kept, printed and sent.

use thiserror::Error;

use super::cashback::{self, CashbackError};
use super::customer::Customer;
use super::line::Line;
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
    #[error("payments do not add up to the amount due")]
    Unbalanced,
}

/// What the cashier has put together, ready to be finalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleDraft {
    pub cashier: String,
    pub customer: Option<Customer>,
    pub lines: Vec<Line>,
    pub bonus: Money,
    pub settlement: Settlement,
}

/// A sale that passed every rule; immutable from here on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sale {
    number: ReceiptNumber,
    finalized_at: LocalDateTime,
    draft: SaleDraft,
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
        let totals = Totals::of(&draft.lines, Money::ZERO);
        if !draft.bonus.is_zero() {
            cashback::check_spend(
                draft.bonus,
                draft.customer.as_ref(),
                totals.total_before_bonus,
            )?;
        }
        let due = totals.total_before_bonus - draft.bonus;
        if draft.settlement.paid() != due {
            return Err(SaleError::Unbalanced);
        }
        Ok(Sale {
            number,
            finalized_at,
            draft,
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
    pub fn lines(&self) -> &[Line] {
        &self.draft.lines
    }
    pub fn settlement(&self) -> &Settlement {
        &self.draft.settlement
    }
    pub fn totals(&self) -> Totals {
        Totals::of(&self.draft.lines, self.draft.bonus)
    }
}
