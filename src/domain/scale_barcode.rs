//! In-store scale barcodes: an EAN-13 that a scale prints with the item
//! code and the weight, `PP IIIII WWWWW C` by default (prefix 20–29, a
//! 5-digit item code, the weight in grams, the check digit). The layout is
//! the store's choice, so it is configurable.

use rust_decimal::Decimal;
use thiserror::Error;

use super::quantity::Quantity;

/// The EAN-13 check digit of the first twelve digits.
pub fn ean13_check_digit(digits: &[u8; 12]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(at, digit)| u32::from(*digit) * if at % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Where the item code and the weight sit in a scale barcode. A deployment
/// writes it in `config.json` as `"scaleLabel": {"prefixDigits": 2,
/// "prefixes": [20, 29], "itemDigits": 5, "weightDigits": 5}`; any field
/// left out keeps the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScaleLayout {
    /// The first prefix digits mark a scale code when they are within
    /// `prefixes` (e.g. 20–29 with two digits).
    pub prefix_digits: usize,
    pub prefixes: (u32, u32),
    pub item_digits: usize,
    /// The weight's digits follow the item code, in grams (three decimals
    /// of a kilogram).
    pub weight_digits: usize,
}

impl Default for ScaleLayout {
    fn default() -> Self {
        ScaleLayout {
            prefix_digits: 2,
            prefixes: (20, 29),
            item_digits: 5,
            weight_digits: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScaleBarcodeError {
    #[error("the layout does not add up to 12 digits and a check digit")]
    BadLayout,
    #[error("the barcode's check digit is wrong (misread or damaged label)")]
    BadCheckDigit,
    #[error("the label carries no weight")]
    NoWeight,
}

/// What a scale label says: which item, how much of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleLabel {
    /// The prefix and the item code, as printed (`"20"`, `"00027"`).
    pub prefix: String,
    pub item: String,
    pub weight: Quantity,
}

impl ScaleLabel {
    /// The barcode the catalog knows this item by: the label with its
    /// weight zeroed (`20 00027 00000 C`).
    pub fn item_barcode(&self) -> String {
        let mut digits = [0u8; 12];
        for (at, byte) in self.prefix.bytes().chain(self.item.bytes()).enumerate() {
            if let Some(slot) = digits.get_mut(at) {
                *slot = byte.wrapping_sub(b'0') % 10;
            }
        }
        let check = ean13_check_digit(&digits);
        digits
            .iter()
            .chain(std::iter::once(&check))
            .map(|digit| char::from(b'0' + digit))
            .collect()
    }
}

impl ScaleLayout {
    /// A prefix, an item code and a weight that make the twelve digits
    /// before an EAN-13's check digit.
    fn check(&self) -> Result<(), ScaleBarcodeError> {
        let digits_before_check = self
            .prefix_digits
            .checked_add(self.item_digits)
            .and_then(|sum| sum.checked_add(self.weight_digits));
        if self.prefix_digits == 0 || digits_before_check != Some(12) {
            return Err(ScaleBarcodeError::BadLayout);
        }
        Ok(())
    }

    /// Reads `code` as a scale label. `Ok(None)`: not a scale code (another
    /// length, not digits, a prefix outside the range) — an ordinary
    /// barcode. An error: a scale code that cannot be trusted.
    pub fn read(&self, code: &str) -> Result<Option<ScaleLabel>, ScaleBarcodeError> {
        self.check()?;
        let code = code.trim();
        let Ok(digits) = <[u8; 13]>::try_from(code.as_bytes()) else {
            return Ok(None);
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return Ok(None);
        }
        let digits = digits.map(|byte| byte - b'0');
        let number = |from: usize, len: usize| {
            digits[from..from + len]
                .iter()
                .fold(0u64, |value, digit| value * 10 + u64::from(*digit))
        };
        let prefix = number(0, self.prefix_digits);
        let (low, high) = self.prefixes;
        if prefix < u64::from(low) || prefix > u64::from(high) {
            return Ok(None);
        }
        let mut body = [0u8; 12];
        body.copy_from_slice(&digits[..12]);
        if ean13_check_digit(&body) != digits[12] {
            return Err(ScaleBarcodeError::BadCheckDigit);
        }
        let grams = number(self.prefix_digits + self.item_digits, self.weight_digits);
        let weight = i64::try_from(grams)
            .ok()
            .and_then(|grams| Quantity::new(Decimal::new(grams, 3)).ok())
            .ok_or(ScaleBarcodeError::NoWeight)?;
        let item_from = self.prefix_digits;
        Ok(Some(ScaleLabel {
            prefix: code[..item_from].to_owned(),
            item: code[item_from..item_from + self.item_digits].to_owned(),
            weight,
        }))
    }

    /// The layout `config.json` names, or the default when it names none
    /// or one that does not add up to an EAN-13 (`BadLayout`).
    pub fn configured(config_json: &str) -> Result<ScaleLayout, ScaleBarcodeError> {
        #[derive(serde::Deserialize, Default)]
        #[serde(rename_all = "camelCase", default)]
        struct Config {
            scale_label: Option<ScaleLayout>,
        }
        let Ok(Config {
            scale_label: Some(layout),
        }) = serde_json::from_str::<Config>(config_json)
        else {
            return Ok(ScaleLayout::default());
        };
        layout.check().map(|()| layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deployment_may_name_its_own_layout() {
        let layout = ScaleLayout::configured(
            r#"{"baseUrl": "x", "scaleLabel": {"prefixDigits": 1, "prefixes": [2, 2], "itemDigits": 6}}"#,
        )
        .unwrap();
        // 2 345678 01500 C: item 345678, 1.500 kg.
        let label = layout.read(&with_check("234567801500")).unwrap().unwrap();
        assert_eq!(label.item, "345678");
        assert_eq!(label.weight, Quantity::new(Decimal::new(1500, 3)).unwrap());
        assert_eq!(
            ScaleLayout::configured(r#"{"baseUrl": "x"}"#),
            Ok(ScaleLayout::default())
        );
        assert_eq!(
            ScaleLayout::configured("<html>"),
            Ok(ScaleLayout::default())
        );
        assert_eq!(
            ScaleLayout::configured(r#"{"scaleLabel": {"itemDigits": 7}}"#),
            Err(ScaleBarcodeError::BadLayout)
        );
    }

    fn with_check(twelve: &str) -> String {
        let digits: [u8; 12] = twelve
            .bytes()
            .map(|b| b - b'0')
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        format!("{twelve}{}", ean13_check_digit(&digits))
    }

    #[test]
    fn the_check_digit_is_ean13s() {
        // Printed on real packs.
        assert_eq!(with_check("400638133393"), "4006381333931");
        assert_eq!(with_check("590123412345"), "5901234123457");
        assert_eq!(with_check("478100000000"), "4781000000004");
    }

    #[test]
    fn a_label_gives_the_item_and_the_weight() {
        let code = with_check("220002701250");
        let label = ScaleLayout::default().read(&code).unwrap().unwrap();
        assert_eq!(
            (label.prefix.as_str(), label.item.as_str()),
            ("22", "00027")
        );
        assert_eq!(label.weight.to_string(), "1.25");
        assert_eq!(label.item_barcode(), with_check("220002700000"));
    }

    #[test]
    fn grams_keep_three_decimals() {
        let label = ScaleLayout::default()
            .read(&with_check("291234500007"))
            .unwrap()
            .unwrap();
        assert_eq!(label.weight.to_string(), "0.007");
        let heavy = ScaleLayout::default()
            .read(&with_check("209999999999"))
            .unwrap()
            .unwrap();
        assert_eq!(heavy.weight.to_string(), "99.999");
    }

    #[test]
    fn other_codes_are_not_scale_labels() {
        let layout = ScaleLayout::default();
        for code in [
            "4781000000004",
            "1234",
            "",
            "20000270125",
            "20000270125000",
            "2x00027012505",
        ] {
            assert_eq!(layout.read(code), Ok(None), "{code}");
        }
        assert_eq!(layout.read(&with_check("300002701250")), Ok(None));
        assert_eq!(layout.read(&with_check("190002701250")), Ok(None));
    }

    #[test]
    fn a_wrong_check_digit_or_no_weight_is_refused() {
        let layout = ScaleLayout::default();
        let good = with_check("220002701250");
        for wrong in 0..10u8 {
            let mut bad = good[..12].to_owned();
            bad.push(char::from(b'0' + wrong));
            if bad != good {
                assert_eq!(layout.read(&bad), Err(ScaleBarcodeError::BadCheckDigit));
            }
        }
        assert_eq!(
            layout.read(&with_check("220002700000")),
            Err(ScaleBarcodeError::NoWeight)
        );
    }

    #[test]
    fn the_layout_is_the_stores() {
        // A one-digit prefix `2`, a six-digit item code, five of weight.
        let layout = ScaleLayout {
            prefix_digits: 1,
            prefixes: (2, 2),
            item_digits: 6,
            weight_digits: 5,
        };
        let label = layout.read(&with_check("212345600500")).unwrap().unwrap();
        assert_eq!(
            (label.item.as_str(), label.weight.to_string()),
            ("123456", "0.5".into())
        );
        let broken = ScaleLayout {
            item_digits: 4,
            ..ScaleLayout::default()
        };
        assert_eq!(
            broken.read("2200027012505"),
            Err(ScaleBarcodeError::BadLayout)
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(code in "\\PC{0,20}", digits in "[0-9]{13}", prefix in 0usize..13, item in 0usize..13) {
            let _ = ScaleLayout::default().read(&code);
            let _ = ScaleLayout::default().read(&digits);
            let layout = ScaleLayout { prefix_digits: prefix, prefixes: (0, 999), item_digits: item, weight_digits: 12usize.saturating_sub(prefix + item) };
            if let Ok(Some(label)) = layout.read(&digits) {
                let _ = label.item_barcode();
            }
        }
    }
}
