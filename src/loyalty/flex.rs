//! The tolerant reading provider answers need (Capillary, AppsPOS):
//! booleans and numbers given as JSON values or as strings, a one-element list given as a bare object,
//! text given as a number. Every reader takes the raw token, so nothing
//! passes through `f64`.

use rust_decimal::Decimal;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::loyalty::json_number;

/// The token's text: a JSON string unquoted, anything else as written.
fn token<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    let token = raw.get().trim();
    if token.starts_with('"') {
        serde_json::from_str::<String>(token).map_err(D::Error::custom)
    } else {
        Ok(token.to_owned())
    }
}

/// `true`, `"true"`, `1`, `"1"` (and the same for false), any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        match token(deserializer)?.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(Flag(true)),
            "false" | "0" => Ok(Flag(false)),
            _ => Err(D::Error::custom("not a boolean")),
        }
    }
}

/// An exact decimal from a number or a numeric string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number(pub Decimal);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        json_number::deserialize(deserializer).map(Number)
    }
}

/// A whole number (points, codes) from a number or a numeric string;
/// `42.0` is 42, `42.5` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int(pub i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Int, D::Error> {
        let value = json_number::deserialize(deserializer)?.normalize();
        if value.scale() != 0 {
            return Err(D::Error::custom("not a whole number"));
        }
        i64::try_from(value)
            .map(Int)
            .map_err(|_| D::Error::custom("whole number out of range"))
    }
}

/// Text, also when the server sends an id or a mobile number as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let token = raw.get().trim();
        if token.starts_with(['{', '[']) {
            return Err(D::Error::custom("not text"));
        }
        if token.starts_with('"') {
            serde_json::from_str::<String>(token)
                .map(Text)
                .map_err(D::Error::custom)
        } else {
            Ok(Text(token.to_owned()))
        }
    }
}

/// A list, or its one element given as a bare object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OneOrMany<T>, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get().trim_start();
        if text.starts_with('[') {
            serde_json::from_str(text)
                .map(OneOrMany)
                .map_err(D::Error::custom)
        } else {
            serde_json::from_str(text)
                .map(|one| OneOrMany(vec![one]))
                .map_err(D::Error::custom)
        }
    }
}

impl<T> OneOrMany<T> {
    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: DeserializeOwned>(json: &str) -> Option<T> {
        serde_json::from_str(json).ok()
    }

    #[test]
    fn flags_as_values_or_strings() {
        for (json, expected) in [
            ("true", Some(true)),
            (r#""true""#, Some(true)),
            (r#"" TRUE ""#, Some(true)),
            ("1", Some(true)),
            (r#""false""#, Some(false)),
            ("0", Some(false)),
            (r#""yes""#, None),
            ("null", None),
            ("2", None),
        ] {
            assert_eq!(read::<Flag>(json).map(|f| f.0), expected, "{json}");
        }
    }

    #[test]
    fn whole_numbers_as_values_or_strings() {
        for (json, expected) in [
            ("800", Some(800)),
            (r#""800""#, Some(800)),
            ("42.0", Some(42)),
            ("-5", Some(-5)),
            ("4.2e1", Some(42)),
            ("42.5", None),
            (r#""lots""#, None),
            ("99999999999999999999", None),
            ("true", None),
        ] {
            assert_eq!(read::<Int>(json).map(|n| n.0), expected, "{json}");
        }
    }

    #[test]
    fn text_also_from_numbers() {
        assert_eq!(read::<Text>(r#""a""#).map(|t| t.0).as_deref(), Some("a"));
        assert_eq!(
            read::<Text>("998901234567").map(|t| t.0).as_deref(),
            Some("998901234567")
        );
        assert_eq!(read::<Text>("{}").map(|t| t.0), None);
        assert_eq!(read::<Text>("[1]").map(|t| t.0), None);
    }

    #[test]
    fn a_bare_object_is_a_list_of_one() {
        assert_eq!(
            read::<OneOrMany<Int>>("[1, 2]").map(|l| l.0),
            Some(vec![1, 2].into_iter().map(Int).collect())
        );
        assert_eq!(read::<OneOrMany<Int>>("7").map(|l| l.0), Some(vec![Int(7)]));
        assert_eq!(read::<OneOrMany<Int>>("[]").map(|l| l.0.len()), Some(0));
        assert_eq!(read::<OneOrMany<Int>>(r#"{"a": 1}"#).map(|l| l.0), None);
    }
}
