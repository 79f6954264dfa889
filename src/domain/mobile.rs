//! How a cashier identifies a loyalty customer by what they carry: their
//! mobile number (typed) or a loyalty card (scanned or typed).

use std::fmt;

use thiserror::Error;

/// Uzbekistan's country calling code.
const COUNTRY_CODE: &str = "998";
/// Digits of a national number after the country code (`90 123 45 67`).
const NATIONAL_DIGITS: usize = 9;

/// An Uzbek mobile number as Capillary identifies a customer: the country
/// code and the nine national digits, digits only (`998901234567`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MobileNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum MobileError {
    #[error("no mobile number was typed")]
    Empty,
    /// Something other than digits, spaces, `-`, `.`, `(`, `)` and one
    /// leading `+`.
    #[error("a mobile number holds only digits")]
    NotDigits,
    #[error("not as many digits as an Uzbek mobile number has")]
    WrongLength,
    /// Twelve or more digits with a country code other than 998.
    #[error("not an Uzbek mobile number")]
    ForeignNumber,
    /// A national number cannot begin with 0.
    #[error("not a valid operator code")]
    BadOperatorCode,
}

impl MobileNumber {
    /// Reads any common way of writing the number: `+998 90 123-45-67`,
    /// `998901234567`, `90 123 45 67`, `(90) 1234567`, `8 90 123 45 67`
    /// (the old trunk prefix), `00998 90 123 45 67`.
    ///
    /// Operator codes are not checked against a list: new ones appear (20
    /// and 77 are recent), and refusing a real customer at the till is worse
    /// than the server answering "not found".
    pub fn parse(text: &str) -> Result<MobileNumber, MobileError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MobileError::Empty);
        }
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        let mut digits = String::with_capacity(unsigned.len());
        for c in unsigned.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '\u{a0}' | '-' | '.' | '(' | ')' => {}
                _ => return Err(MobileError::NotDigits),
            }
        }
        let national = match digits.len() {
            0 => return Err(MobileError::NotDigits),
            NATIONAL_DIGITS => digits.as_str(),
            10 if digits.starts_with('8') && !text.starts_with('+') => &digits[1..],
            12 | 14 => {
                let international = if digits.len() == 14 {
                    digits
                        .strip_prefix("00")
                        .ok_or(MobileError::ForeignNumber)?
                } else {
                    digits.as_str()
                };
                international
                    .strip_prefix(COUNTRY_CODE)
                    .ok_or(MobileError::ForeignNumber)?
            }
            n if n > 12 => return Err(MobileError::ForeignNumber),
            _ => return Err(MobileError::WrongLength),
        };
        if national.starts_with('0') {
            return Err(MobileError::BadOperatorCode);
        }
        Ok(MobileNumber(format!("{COUNTRY_CODE}{national}")))
    }

    /// The twelve digits Capillary expects.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `+998 90 123-45-67`, the way it is printed and read back to a customer.
impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(
            f,
            "+{} {} {}-{}-{}",
            &d[..3],
            &d[3..5],
            &d[5..8],
            &d[8..10],
            &d[10..]
        )
    }
}

/// Shortest loyalty card number accepted.
pub const CARD_MIN_LEN: usize = 4;
/// Longest: beyond any card barcode (EAN-13, Code 128 card numbers, a
/// 32-character id in an app's QR code) with room to spare.
pub const CARD_MAX_LEN: usize = 40;

/// A loyalty card number, as scanned from a card or the app or typed from
/// the card: ASCII letters and digits, 4–40 of them.
///
/// What a scanner or a person adds around it is dropped: surrounding
/// whitespace (a wedge scanner's Enter), and spaces or hyphens between
/// groups (`1234 5678 9012`), as card numbers are printed grouped but never
/// contain them. Letters keep their case: the card issuer decides whether
/// it matters, so Kassa sends what the card says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CardError {
    #[error("no card number was given")]
    Empty,
    #[error("a card number holds only letters and digits")]
    NotAlphanumeric,
    #[error("a card number has {CARD_MIN_LEN} to {CARD_MAX_LEN} characters")]
    WrongLength,
}

impl CardNumber {
    pub fn parse(text: &str) -> Result<CardNumber, CardError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CardError::Empty);
        }
        let mut card = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                c if c.is_ascii_alphanumeric() => card.push(c),
                ' ' | '-' => {}
                _ => return Err(CardError::NotAlphanumeric),
            }
        }
        if !(CARD_MIN_LEN..=CARD_MAX_LEN).contains(&card.len()) {
            return Err(CardError::WrongLength);
        }
        Ok(CardNumber(card))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mobile(text: &str) -> Result<String, MobileError> {
        MobileNumber::parse(text).map(|m| m.as_str().to_owned())
    }

    #[test]
    fn reads_every_common_way_of_typing_a_number() {
        for typed in [
            "+998 90 123-45-67",
            "+998901234567",
            "998901234567",
            "998 90 123 45 67",
            "90 123 45 67",
            "901234567",
            "(90) 1234567",
            "(90) 123-45-67",
            "+998 (90) 123-45-67",
            "90.123.45.67",
            "8 90 123 45 67",
            "8(90)1234567",
            "00998 90 123 45 67",
            "  +998 90 123 45 67\n",
            "90\u{a0}123\u{a0}45\u{a0}67",
        ] {
            assert_eq!(mobile(typed).as_deref(), Ok("998901234567"), "{typed:?}");
        }
        assert_eq!(mobile("+998 33 777 00 11").as_deref(), Ok("998337770011"));
    }

    #[test]
    fn refuses_what_is_not_an_uzbek_mobile_number() {
        for (typed, error) in [
            ("", MobileError::Empty),
            ("   ", MobileError::Empty),
            ("+", MobileError::NotDigits),
            ("()", MobileError::NotDigits),
            ("90 123 45 6x", MobileError::NotDigits),
            ("90 123 45 67 +", MobileError::NotDigits),
            ("++998901234567", MobileError::NotDigits),
            ("90/123/45/67", MobileError::NotDigits),
            ("٩٠١٢٣٤٥٦٧", MobileError::NotDigits),
            ("90 123 45 6", MobileError::WrongLength),
            ("9012345678", MobileError::WrongLength),
            ("+8 90 123 45 67", MobileError::WrongLength),
            ("99890123456", MobileError::WrongLength),
            ("+7 912 345 67 89", MobileError::WrongLength),
            ("+79123456789", MobileError::WrongLength),
            ("+997 90 123 45 67", MobileError::ForeignNumber),
            ("+44 7911 123456 78", MobileError::ForeignNumber),
            ("9989012345678", MobileError::ForeignNumber),
            ("01 234 56 78", MobileError::BadOperatorCode),
            ("+998 01 234 56 78", MobileError::BadOperatorCode),
        ] {
            assert_eq!(mobile(typed), Err(error), "{typed:?}");
        }
    }

    #[test]
    fn prints_grouped_for_people() {
        let number = MobileNumber::parse("901234567").unwrap();
        assert_eq!(number.to_string(), "+998 90 123-45-67");
        assert_eq!(
            MobileNumber::parse(&number.to_string()).unwrap(),
            number,
            "what is shown reads back"
        );
    }

    #[test]
    fn card_numbers_as_scanned_or_typed() {
        let card = |t: &str| CardNumber::parse(t).map(|c| c.as_str().to_owned());
        assert_eq!(
            card("4000123412341234\r\n").as_deref(),
            Ok("4000123412341234")
        );
        assert_eq!(
            card("4000 1234-1234 1234").as_deref(),
            Ok("4000123412341234")
        );
        assert_eq!(card("KS-00a17").as_deref(), Ok("KS00a17"));
        assert_eq!(card("ABCD").as_deref(), Ok("ABCD"));
        assert_eq!(card(&"9".repeat(40)).map(|c| c.len()), Ok(40));
        assert_eq!(card(" \t"), Err(CardError::Empty));
        assert_eq!(card("ABC"), Err(CardError::WrongLength));
        assert_eq!(card("- - -"), Err(CardError::WrongLength));
        assert_eq!(card(&"9".repeat(41)), Err(CardError::WrongLength));
        assert_eq!(card("1234/5678"), Err(CardError::NotAlphanumeric));
        assert_eq!(card("1234\u{0}5678"), Err(CardError::NotAlphanumeric));
        assert_eq!(card("КАРТА1234"), Err(CardError::NotAlphanumeric));
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", " ", "-", ".", " - "])
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            let _ = MobileNumber::parse(&text);
            let _ = CardNumber::parse(&text);
        }

        #[test]
        fn a_parsed_number_is_twelve_digits_and_reads_back(text in "[ +()0-9.-]{0,20}") {
            if let Ok(number) = MobileNumber::parse(&text) {
                prop_assert_eq!(number.as_str().len(), 12);
                prop_assert!(number.as_str().starts_with("998"));
                prop_assert!(number.as_str().bytes().all(|b| b.is_ascii_digit()));
                prop_assert_eq!(MobileNumber::parse(number.as_str()), Ok(number.clone()));
                prop_assert_eq!(MobileNumber::parse(&number.to_string()), Ok(number));
            }
        }

        #[test]
        fn any_grouping_of_a_valid_number_gives_the_same_digits(
            national in "[1-9][0-9]{8}",
            plus in any::<bool>(),
            seps in prop::collection::vec(separator(), 4),
        ) {
            let typed = format!(
                "{}998{}{}{}{}{}{}{}{}",
                if plus { "+" } else { "" },
                seps[0], &national[..2], seps[1], &national[2..5],
                seps[2], &national[5..7], seps[3], &national[7..],
            );
            prop_assert_eq!(
                MobileNumber::parse(&typed).map(|m| m.as_str().to_owned()),
                Ok(format!("998{national}"))
            );
        }
    }
}
