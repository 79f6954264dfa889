//! How many of an item: pieces, or kilograms for weighed goods.

use std::fmt;

use rust_decimal::Decimal;
use thiserror::Error;

/// Grams: three decimal places.
pub const QUANTITY_SCALE: u32 = 3;

/// A generous ceiling for one line (a tonne of something weighed, or 100 000
/// pieces); it also bounds `price × quantity` far inside `Decimal`'s range.
pub const QUANTITY_LIMIT: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);

/// A positive quantity with at most three decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(Decimal);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum QuantityError {
    #[error("quantity must be greater than zero")]
    NotPositive,
    #[error("more than three decimal places")]
    TooPrecise,
    #[error("quantity is too large")]
    TooLarge,
}

impl Quantity {
    pub const ONE: Quantity = Quantity(Decimal::ONE);

    pub fn new(value: Decimal) -> Result<Quantity, QuantityError> {
        if value <= Decimal::ZERO {
            return Err(QuantityError::NotPositive);
        }
        if value > QUANTITY_LIMIT {
            return Err(QuantityError::TooLarge);
        }
        let value = value.normalize();
        if value.scale() > QUANTITY_SCALE {
            return Err(QuantityError::TooPrecise);
        }
        Ok(Quantity(value))
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// One more piece (the cart's "+" button).
    pub fn increment(self) -> Result<Quantity, QuantityError> {
        Quantity::new(self.0 + Decimal::ONE)
    }

    /// One piece fewer (the cart's "−" button); never reaches zero.
    pub fn decrement(self) -> Result<Quantity, QuantityError> {
        Quantity::new(self.0 - Decimal::ONE)
    }
}

/// The plain decimal without trailing zeros: `2`, `0.75`.
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn q(text: &str) -> Result<Quantity, QuantityError> {
        Quantity::new(Decimal::from_str(text).unwrap())
    }

    #[test]
    fn weighed_goods_keep_grams() {
        assert_eq!(q("0.750").unwrap().to_string(), "0.75");
        assert_eq!(q("1.234").unwrap().to_string(), "1.234");
    }

    #[test]
    fn invalid_quantities_are_refused() {
        assert_eq!(q("0"), Err(QuantityError::NotPositive));
        assert_eq!(q("-1"), Err(QuantityError::NotPositive));
        assert_eq!(q("0.0005"), Err(QuantityError::TooPrecise));
        assert_eq!(q("100000.001"), Err(QuantityError::TooLarge));
        assert_eq!(Quantity::new(Decimal::MAX), Err(QuantityError::TooLarge));
    }

    #[test]
    fn minus_stops_before_zero() {
        assert_eq!(q("2").unwrap().decrement(), q("1"));
        assert_eq!(q("1").unwrap().decrement(), Err(QuantityError::NotPositive));
        assert_eq!(q("0.5").unwrap().increment(), q("1.5"));
    }
}
