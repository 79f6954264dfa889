//! Spending and earning cashback on a receipt.

use rust_decimal::Decimal;
use thiserror::Error;

use super::customer::Customer;
use super::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CashbackError {
    #[error("cashback needs a loyalty customer")]
    NoCustomer,
    #[error("more than the customer's balance ({balance})")]
    OverBalance { balance: Money },
    #[error("more than the receipt total ({total})")]
    OverTotal { total: Money },
}

/// The most cashback this receipt can take: min(balance, total).
pub fn max_spend(customer: Option<&Customer>, total_before_bonus: Money) -> Money {
    customer.map_or(Money::ZERO, |customer| {
        customer.balance.min(total_before_bonus)
    })
}

/// Checks a cashback amount the cashier entered against the rules.
pub fn check_spend(
    amount: Money,
    customer: Option<&Customer>,
    total_before_bonus: Money,
) -> Result<Money, CashbackError> {
    let customer = customer.ok_or(CashbackError::NoCustomer)?;
    if amount > customer.balance {
        return Err(CashbackError::OverBalance {
            balance: customer.balance,
        });
    }
    if amount > total_before_bonus {
        return Err(CashbackError::OverTotal {
            total: total_before_bonus,
        });
    }
    Ok(amount)
}

/// Cashback the customer will earn: (total − bonus) × percent / 100, rounded.
/// The server has the last word; this is the preview shown before sending.
pub fn earned(total_before_bonus: Money, bonus: Money, percent: Decimal) -> Money {
    let paid = total_before_bonus.saturating_sub(bonus);
    Money::round(paid.amount() * percent / Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{CustomerCode, CustomerId};

    fn customer(balance: i64) -> Customer {
        Customer {
            id: CustomerId::AosCode(
                CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
            ),
            name: "Dilnoza".into(),
            phone: None,
            balance: Money::sum(balance),
            percent: Decimal::from(5),
            card_type: "static".into(),
            points: None,
            tier: None,
        }
    }

    #[test]
    fn the_maximum_is_the_smaller_of_balance_and_total() {
        assert_eq!(
            max_spend(Some(&customer(500)), Money::sum(800)),
            Money::sum(500)
        );
        assert_eq!(
            max_spend(Some(&customer(900)), Money::sum(800)),
            Money::sum(800)
        );
        assert_eq!(max_spend(None, Money::sum(800)), Money::ZERO);
    }

    #[test]
    fn each_rule_has_its_error() {
        let total = Money::sum(800);
        assert_eq!(
            check_spend(Money::sum(1), None, total),
            Err(CashbackError::NoCustomer)
        );
        assert_eq!(
            check_spend(Money::sum(501), Some(&customer(500)), total),
            Err(CashbackError::OverBalance {
                balance: Money::sum(500)
            })
        );
        assert_eq!(
            check_spend(Money::sum(801), Some(&customer(900)), total),
            Err(CashbackError::OverTotal { total })
        );
        assert_eq!(
            check_spend(Money::sum(500), Some(&customer(500)), total),
            Ok(Money::sum(500))
        );
        assert_eq!(
            check_spend(Money::ZERO, Some(&customer(0)), total),
            Ok(Money::ZERO)
        );
    }

    #[test]
    fn earned_is_a_rounded_percentage_of_what_is_paid() {
        // (115 005 − 10 000) × 5 % = 5 250.25
        assert_eq!(
            earned(Money::sum(115005), Money::sum(10000), Decimal::from(5)).to_string(),
            "5250.25"
        );
        // 0.10 × 5 % = 0.005 → 0.01 (half away from zero)
        assert_eq!(
            earned(
                Money::round(Decimal::new(10, 2)),
                Money::ZERO,
                Decimal::from(5)
            )
            .to_string(),
            "0.01"
        );
        assert_eq!(
            earned(Money::sum(100), Money::sum(100), Decimal::from(5)),
            Money::ZERO
        );
    }
}
