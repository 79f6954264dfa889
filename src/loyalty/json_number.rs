//! Decimals as exact JSON numbers. serde_json would go through `f64`
//! (`0.1 + 0.2` becomes `0.30000000000000004`); reading and writing the raw
//! number token keeps every tiyin.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::value::RawValue;

/// Writes `value` as a JSON number with no trailing zeros (`150000.2`, `0`).
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let digits = value.normalize().to_string();
    let raw = RawValue::from_string(digits).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&raw, serializer)
}

/// Reads a JSON number, or a string holding one (servers send both), exactly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    let token = raw.get().trim();
    let text = match token.strip_prefix('"') {
        Some(_) => serde_json::from_str::<String>(token).map_err(D::Error::custom)?,
        None => token.to_owned(),
    };
    parse(text.trim()).ok_or_else(|| D::Error::custom("not a decimal number"))
}

fn parse(text: &str) -> Option<Decimal> {
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    struct Wrapper(#[serde(with = "super")] Decimal);

    fn json(text: &str) -> String {
        serde_json::to_string(&Wrapper(Decimal::from_str(text).unwrap())).unwrap()
    }

    fn read(json: &str) -> Option<String> {
        serde_json::from_str::<Wrapper>(json)
            .ok()
            .map(|w| w.0.to_string())
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

    #[test]
    fn reads_numbers_and_numeric_strings_exactly() {
        assert_eq!(read("125000.5").as_deref(), Some("125000.5"));
        assert_eq!(
            read("0.30000000000000004").as_deref(),
            Some("0.30000000000000004")
        );
        assert_eq!(read(r#""125000.50""#).as_deref(), Some("125000.50"));
        assert_eq!(read("1.5e3").as_deref(), Some("1500"));
        assert_eq!(read(r#""lots""#), None);
        assert_eq!(read("null"), None);
        assert_eq!(read("[1]"), None);
        assert_eq!(read("1e999"), None);
    }
}
