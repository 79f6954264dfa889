//! Money in sum with tiyin precision, and Kassa's one rounding policy.
//!
//! Rounding policy: whenever a money value is *derived* (a price times a
//! quantity, the VAT contained in a line, a cashback percentage) it is rounded
//! once, half away from zero, to 0.01 — the fiscal rule and the AOS contract.
//! Sums of money are exact and never rounded again, so the receipt total is
//! always the sum of the line totals to the tiyin.
//!
//! The one exception is a refund's share of a loyalty program's value
//! (`refund/share.rs`): what goes back to the customer's loyalty account is
//! rounded down and what is taken back from it rounded up, so that partial
//! refunds can never hand back more than the sale held, whatever their
//! order.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

/// Tiyin: two decimal places.
pub const MONEY_SCALE: u32 = 2;

/// No single amount a cashier types or a server sends may exceed this
/// (10¹² sum). It keeps every product and sum far inside `Decimal`'s range,
/// so arithmetic on validated values cannot overflow.
pub const MONEY_LIMIT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// An amount of money, always held at exactly two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("more than two decimal places")]
    TooPrecise,
    #[error("amount is negative")]
    Negative,
    #[error("amount is too large")]
    TooLarge,
}

impl Money {
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, MONEY_SCALE));

    /// An exact amount from a decimal: refuses anything that would need
    /// rounding, negative values and values beyond [`MONEY_LIMIT`].
    pub fn new(amount: Decimal) -> Result<Money, MoneyError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(MoneyError::Negative);
        }
        if amount > MONEY_LIMIT {
            return Err(MoneyError::TooLarge);
        }
        if amount.normalize().scale() > MONEY_SCALE {
            return Err(MoneyError::TooPrecise);
        }
        Ok(Money::round(amount))
    }

    /// The policy: half away from zero to one tiyin.
    pub fn round(amount: Decimal) -> Money {
        let mut rounded =
            amount.round_dp_with_strategy(MONEY_SCALE, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(MONEY_SCALE);
        if rounded.is_zero() {
            rounded.set_sign_positive(true);
        }
        Money(rounded)
    }

    /// Whole sum, for tests and seed data.
    pub fn sum(whole: i64) -> Money {
        Money::round(Decimal::from(whole))
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// `self − other`, or `None` when that would be negative.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self >= other).then(|| Money(self.0 - other.0))
    }

    /// `self − other`, floored at zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        self.checked_sub(other).unwrap_or(Money::ZERO)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

/// Only for differences known to be non-negative (a line's gross amount minus
/// a discount validated against it); anything else uses `checked_sub`.
impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        debug_assert!(self >= other, "money went negative: {self} - {other}");
        Money(self.0 - other.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// The plain decimal with a dot, as in `data-value` attributes and logs.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn the_limit_is_one_trillion() {
        assert_eq!(MONEY_LIMIT, d("1000000000000"));
    }

    #[test]
    fn rounding_is_half_away_from_zero_to_the_tiyin() {
        assert_eq!(Money::round(d("0.005")).amount(), d("0.01"));
        assert_eq!(Money::round(d("0.004999")).amount(), d("0.00"));
        assert_eq!(Money::round(d("2.345")).amount(), d("2.35"));
        assert_eq!(Money::round(d("2.355")).amount(), d("2.36"));
        assert_eq!(Money::round(d("-0.001")), Money::ZERO);
    }

    #[test]
    fn money_always_shows_two_decimals() {
        assert_eq!(Money::sum(150000).to_string(), "150000.00");
        assert_eq!(Money::new(d("0.5")).unwrap().to_string(), "0.50");
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }

    #[test]
    fn exact_construction_refuses_what_would_need_rounding() {
        assert_eq!(Money::new(d("1.005")), Err(MoneyError::TooPrecise));
        assert_eq!(Money::new(d("1.500")).unwrap().amount(), d("1.50"));
        assert_eq!(Money::new(d("-1")), Err(MoneyError::Negative));
        assert_eq!(Money::new(Decimal::MAX), Err(MoneyError::TooLarge));
        assert_eq!(Money::new(Decimal::MIN), Err(MoneyError::Negative));
    }

    #[test]
    fn subtraction_never_goes_negative_silently() {
        let five = Money::sum(5);
        let three = Money::sum(3);
        assert_eq!(five.checked_sub(three), Some(Money::sum(2)));
        assert_eq!(three.checked_sub(five), None);
        assert_eq!(three.saturating_sub(five), Money::ZERO);
    }
}
