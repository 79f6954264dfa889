//! What a refund takes back of what the sale earned: AOS cashback, and
//! Capillary points. Taken back in the share of everything refunded so
//! far, rounded up, minus what earlier refunds took, and never more than
//! the sale earned. (What the sale *spent* of a loyalty program comes back
//! as a tender: `tenders.rs`.)

use rust_decimal::Decimal;

use super::share::{self, tiyin};
use crate::domain::customer::CustomerId;
use crate::domain::loyalty_tender::{self, LoyaltyTenderKind};
use crate::domain::money::Money;
use crate::domain::sale::Sale;

/// What the sale earned, as far as its loyalty server has said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Earned {
    /// AOS `bonusAdded`; when unknown, the AOS rule gives what it will be.
    pub cashback: Option<Money>,
    /// Capillary awarded points.
    pub points: Option<u64>,
}

/// What a refund takes back of what the sale earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reversal {
    /// AOS cashback taken back; `None` for a sale without an AOS customer.
    pub cashback_taken_back: Option<Money>,
    /// Capillary points taken back; `None` while the points the sale
    /// earned are not known (the server's answer then says).
    pub points_taken_back: Option<u64>,
}

impl Reversal {
    pub(super) fn plus(&self, other: &Reversal) -> Reversal {
        let add = |a: Option<Money>, b: Option<Money>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or_default() + b.unwrap_or_default()),
        };
        Reversal {
            cashback_taken_back: add(self.cashback_taken_back, other.cashback_taken_back),
            points_taken_back: match (self.points_taken_back, other.points_taken_back) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
            },
        }
    }
}

/// The reversal of a refund that brings Σ refunded of `sale` (worth
/// `sale_total`) to `refunded_after`, earlier refunds having taken `before`.
pub(super) fn of(
    sale: &Sale,
    earned: Earned,
    before: &Reversal,
    sale_total: Money,
    refunded_after: Money,
) -> Reversal {
    let taken_back = |earned: i128, before: i128| {
        let due = share::up(earned, refunded_after, sale_total) - before;
        due.max(0).min((earned - before).max(0))
    };
    let customer = sale.customer();
    let cashback = customer
        .filter(|c| matches!(c.id, CustomerId::AosCode(_)))
        .map(|c| {
            let earned = earned.cashback.unwrap_or_else(|| {
                let spent =
                    loyalty_tender::total_of(sale.loyalty_tenders(), LoyaltyTenderKind::Cashback);
                let paid = sale_total.saturating_sub(spent);
                Money::round(paid.amount() * c.percent / Decimal::ONE_HUNDRED)
            });
            let before = before.cashback_taken_back.unwrap_or_default();
            share::money(taken_back(tiyin(earned), tiyin(before)))
        });
    let points = customer
        .filter(|c| !matches!(c.id, CustomerId::AosCode(_)))
        .and(earned.points)
        .map(|earned| {
            let before = i128::from(before.points_taken_back.unwrap_or(0));
            u64::try_from(taken_back(i128::from(earned), before)).unwrap_or(0)
        });
    Reversal {
        cashback_taken_back: cashback,
        points_taken_back: points,
    }
}
