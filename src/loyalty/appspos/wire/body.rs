//! The cart element of an order as it is on the wire, both ways: written
//! by `request.rs`, read back by the server rules. Prices and quantities
//! are exact JSON number tokens (`2.50`, `-2.00`, `0.75`), never `f64`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::loyalty::json_number;

/// `product_type` of a product line.
pub const PRODUCT: &str = "1";
/// `product_type` of a line discount (its price negative).
pub const DISCOUNT: &str = "2";

/// One element of `data[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartItem {
    /// Unit price in dollars, two decimals; negative for a discount.
    #[serde(
        serialize_with = "two_decimals",
        deserialize_with = "json_number::deserialize"
    )]
    pub price: Decimal,
    #[serde(with = "json_number")]
    pub qty: Decimal,
    #[serde(default)]
    pub special_comment: String,
    pub product_code: String,
    pub product_name: String,
    #[serde(default)]
    pub category_code: String,
    #[serde(default)]
    pub category_name: String,
    pub product_type: String,
}

impl CartItem {
    /// price × qty, rounded once to the cent (the one policy); negative for
    /// a discount.
    pub fn amount(&self) -> Option<Decimal> {
        let exact = self.price.checked_mul(self.qty)?;
        Some(exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
    }
}

fn two_decimals<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let mut value = *value;
    value.rescale(2);
    let raw = RawValue::from_string(value.to_string()).map_err(serde::ser::Error::custom)?;
    raw.serialize(serializer)
}

pub(super) fn cart_json(items: &[CartItem]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}
