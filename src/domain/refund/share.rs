//! A refund's shares, in exact integers: tiyin for money, thousandths for
//! quantities, so no share depends on how a decimal division rounds.
//!
//! Three rules: a line's amount by quantity is rounded half away from zero
//! (the policy of `money.rs`); a loyalty value given back is rounded down;
//! a loyalty value taken back is rounded up.

use rust_decimal::Decimal;

use crate::domain::money::Money;

pub(super) fn tiyin(money: Money) -> i128 {
    let mut amount = money.amount();
    amount.rescale(2);
    amount.mantissa()
}

/// Tiyin back to money; counts here never exceed a valid amount.
pub(super) fn money(count: i128) -> Money {
    Money::round(Decimal::try_from_i128_with_scale(count.max(0), 2).unwrap_or_default())
}

fn thousandths(quantity: Decimal) -> i128 {
    let mut value = quantity;
    value.rescale(3);
    value.mantissa()
}

/// `total × part / whole`, half away from zero to the tiyin.
pub(super) fn by_quantity(total: Money, part: Decimal, whole: Decimal) -> Money {
    let whole = thousandths(whole);
    if whole <= 0 {
        return Money::ZERO;
    }
    let exact = tiyin(total) * thousandths(part);
    money((2 * exact + whole) / (2 * whole))
}

/// `value × part / whole`, rounded down (the share given back).
pub(super) fn down(value: i128, part: Money, whole: Money) -> i128 {
    let whole = tiyin(whole);
    if whole <= 0 {
        return 0;
    }
    value * tiyin(part) / whole
}

/// `value × part / whole`, rounded up (the share taken back).
pub(super) fn up(value: i128, part: Money, whole: Money) -> i128 {
    let whole = tiyin(whole);
    if whole <= 0 {
        return 0;
    }
    (value * tiyin(part) + whole - 1) / whole
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(text: &str) -> Money {
        Money::new(Decimal::from_str(text).unwrap()).unwrap()
    }

    #[test]
    fn quantity_shares_round_half_away_and_the_rest_down_or_up() {
        // 14 242.50 × 0.25 / 0.75 = 4 747.50 exactly; 100.00 × 1 / 3 = 33.333…
        assert_eq!(
            by_quantity(m("14242.50"), Decimal::new(25, 2), Decimal::new(75, 2)),
            m("4747.50")
        );
        assert_eq!(
            by_quantity(m("100"), Decimal::ONE, Decimal::from(3)),
            m("33.33")
        );
        // 0.05 × 1 / 2 = 0.025 → 0.03 (half away from zero).
        assert_eq!(
            by_quantity(m("0.05"), Decimal::ONE, Decimal::TWO),
            m("0.03")
        );
        // 1 000 tiyin × 1/3: 333.33… → down 333, up 334.
        assert_eq!(down(1000, m("1"), m("3")), 333);
        assert_eq!(up(1000, m("1"), m("3")), 334);
        assert_eq!(up(1000, m("3"), m("3")), 1000);
        assert_eq!(down(1000, m("0"), m("0")), 0);
    }
}
