//! Decimals as exact JSON numbers. serde_json would go through `f64`
//! (`0.1 + 0.2` becomes `0.30000000000000004`); writing the decimal's own
//! digits as a raw JSON token keeps every tiyin.

use rust_decimal::Decimal;
use serde::Serializer;
use serde_json::value::RawValue;

/// Writes `value` as a JSON number with no trailing zeros (`150000.2`, `0`).
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let digits = value.normalize().to_string();
    let raw = RawValue::from_string(digits).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&raw, serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[derive(serde::Serialize)]
    struct Wrapper(#[serde(serialize_with = "serialize")] Decimal);

    fn json(text: &str) -> String {
        serde_json::to_string(&Wrapper(Decimal::from_str(text).unwrap())).unwrap()
    }

    #[test]
    fn writes_the_exact_digits() {
        assert_eq!(json("0.30"), "0.3");
        assert_eq!(json("150000.20"), "150000.2");
        assert_eq!(json("10000.00"), "10000");
        assert_eq!(json("0.00"), "0");
        assert_eq!(json("999999999999.99"), "999999999999.99");
        assert_eq!(json("0.750"), "0.75");
    }
}
