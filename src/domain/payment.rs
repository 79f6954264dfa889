//! Taking payment: cash, card, or both, and the change to hand back.

use thiserror::Error;

use super::money::Money;

/// A kind of payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tender {
    Cash,
    Card,
}

/// An amount recorded against the receipt in one tender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub tender: Tender,
    pub amount: Money,
}

/// How a receipt was paid: recorded payments add up to exactly the amount
/// due; cash handed over beyond that is change, not a payment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settlement {
    pub payments: Vec<Payment>,
    pub cash_given: Money,
    pub change: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PaymentError {
    #[error("the card amount is more than is due ({due})")]
    CardExceedsDue { due: Money },
    #[error("{missing} still to pay")]
    Insufficient { missing: Money },
}

impl Settlement {
    /// Settles `due` with `card` on the card and `cash_given` handed over in
    /// cash. A receipt with nothing due needs no payment.
    pub fn new(due: Money, cash_given: Money, card: Money) -> Result<Settlement, PaymentError> {
        let cash_due = due
            .checked_sub(card)
            .ok_or(PaymentError::CardExceedsDue { due })?;
        let change =
            cash_given
                .checked_sub(cash_due)
                .ok_or_else(|| PaymentError::Insufficient {
                    missing: cash_due - cash_given,
                })?;
        let payments = [(Tender::Cash, cash_due), (Tender::Card, card)]
            .into_iter()
            .filter(|(_, amount)| !amount.is_zero())
            .map(|(tender, amount)| Payment { tender, amount })
            .collect();
        Ok(Settlement {
            payments,
            cash_given,
            change,
        })
    }

    /// Σ recorded payments.
    pub fn paid(&self) -> Money {
        self.payments.iter().map(|payment| payment.amount).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenders(settlement: &Settlement) -> Vec<(Tender, i64)> {
        settlement
            .payments
            .iter()
            .map(|p| (p.tender, p.amount.amount().try_into().unwrap()))
            .collect()
    }

    #[test]
    fn cash_with_change() {
        let s = Settlement::new(Money::sum(37500), Money::sum(50000), Money::ZERO).unwrap();
        assert_eq!(tenders(&s), [(Tender::Cash, 37500)]);
        assert_eq!(s.change, Money::sum(12500));
        assert_eq!(s.paid(), Money::sum(37500));
    }

    #[test]
    fn split_cash_and_card_with_change() {
        let s = Settlement::new(Money::sum(105005), Money::sum(60000), Money::sum(50000)).unwrap();
        assert_eq!(tenders(&s), [(Tender::Cash, 55005), (Tender::Card, 50000)]);
        assert_eq!(s.change, Money::sum(4995));
    }

    #[test]
    fn card_only_and_nothing_due() {
        let s = Settlement::new(Money::sum(100), Money::ZERO, Money::sum(100)).unwrap();
        assert_eq!(tenders(&s), [(Tender::Card, 100)]);
        let s = Settlement::new(Money::ZERO, Money::ZERO, Money::ZERO).unwrap();
        assert!(s.payments.is_empty());
        assert_eq!(s.change, Money::ZERO);
    }

    #[test]
    fn the_rules_have_their_errors() {
        assert_eq!(
            Settlement::new(Money::sum(100), Money::ZERO, Money::sum(101)),
            Err(PaymentError::CardExceedsDue {
                due: Money::sum(100)
            })
        );
        assert_eq!(
            Settlement::new(Money::sum(100), Money::sum(30), Money::sum(50)),
            Err(PaymentError::Insufficient {
                missing: Money::sum(20)
            })
        );
    }
}
