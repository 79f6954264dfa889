//! Paying part of a bill with what a loyalty program holds for the
//! customer: AOS cashback, Capillary points, an AppsPOS in-app payment.
//!
//! A loyalty tender is a way of paying, not a discount: it lowers what is
//! left to pay in cash or card and never touches line prices or VAT (the
//! fiscal receipt shows the full price; the tender is a payment line).

use super::money::Money;

/// Which loyalty program's value pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LoyaltyTenderKind {
    /// AOS cashback: money the customer earned on earlier receipts.
    Cashback,
    /// Capillary points, redeemed with the customer's one-time code.
    Points,
    /// Paid inside the customer's AppsPOS app.
    InApp,
}

/// An amount paid with a loyalty program's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoyaltyTender {
    pub kind: LoyaltyTenderKind,
    pub amount: Money,
    /// The points this amount stands for (zero unless `kind` is `Points`).
    pub points: u64,
}

impl LoyaltyTender {
    pub fn cashback(amount: Money) -> LoyaltyTender {
        LoyaltyTender {
            kind: LoyaltyTenderKind::Cashback,
            amount,
            points: 0,
        }
    }

    pub fn in_app(amount: Money) -> LoyaltyTender {
        LoyaltyTender {
            kind: LoyaltyTenderKind::InApp,
            amount,
            points: 0,
        }
    }

    pub fn points(points: u64, amount: Money) -> LoyaltyTender {
        LoyaltyTender {
            kind: LoyaltyTenderKind::Points,
            amount,
            points,
        }
    }
}

/// The tenders of a receipt that spends `amount` of cashback: none when
/// nothing is spent.
pub fn cashback_spend(amount: Money) -> Vec<LoyaltyTender> {
    if amount.is_zero() {
        Vec::new()
    } else {
        vec![LoyaltyTender::cashback(amount)]
    }
}

/// Σ of the tenders of one kind.
pub fn total_of(tenders: &[LoyaltyTender], kind: LoyaltyTenderKind) -> Money {
    tenders
        .iter()
        .filter(|tender| tender.kind == kind)
        .map(|tender| tender.amount)
        .sum()
}

/// Σ of every loyalty tender.
pub fn total(tenders: &[LoyaltyTender]) -> Money {
    tenders.iter().map(|tender| tender.amount).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_per_kind_and_overall() {
        let tenders = [
            LoyaltyTender::cashback(Money::sum(500)),
            LoyaltyTender::points(40, Money::sum(20)),
        ];
        assert_eq!(
            total_of(&tenders, LoyaltyTenderKind::Cashback),
            Money::sum(500)
        );
        assert_eq!(
            total_of(&tenders, LoyaltyTenderKind::Points),
            Money::sum(20)
        );
        assert_eq!(total_of(&tenders, LoyaltyTenderKind::InApp), Money::ZERO);
        assert_eq!(total(&tenders), Money::sum(520));
    }
}
