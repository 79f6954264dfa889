//! Numbers as cashiers type and read them.
//!
//! Parsing accepts both conventions met at a till in Uzbekistan — `150000.20`,
//! `150 000,20`, `150,000.20`, `1,5` — without knowing the display language:
//! with both `,` and `.` present the last one is the decimal separator; a
//! single `,` or `.` is a decimal separator, unless three digits follow it
//! where at most two decimals are allowed (`150,000` of money is 150 000, not
//! 150); repeated ones and spaces group thousands and must stand every three
//! digits. Nothing here panics.

use std::str::FromStr;

use rust_decimal::Decimal;
use thiserror::Error;

use super::money::{Money, MONEY_LIMIT, MONEY_SCALE};
use super::quantity::{Quantity, QUANTITY_LIMIT, QUANTITY_SCALE};

/// How numbers are written for the cashier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `150,000.20` (English).
    CommaGroupsDotDecimal,
    /// `150 000,20` (Russian, Uzbek).
    SpaceGroupsCommaDecimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("nothing entered")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("exponent notation is not accepted")]
    Exponent,
    #[error("negative numbers are not accepted")]
    Negative,
    #[error("must be greater than zero")]
    Zero,
    #[error("at most {max} decimal places")]
    TooPrecise { max: u32 },
    #[error("too large")]
    TooLarge,
}

/// Parses a non-negative decimal with at most `max_scale` significant decimal
/// places and no more than `limit`.
pub fn parse_decimal(text: &str, max_scale: u32, limit: Decimal) -> Result<Decimal, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::Empty);
    }
    if text.starts_with(['-', '−']) {
        return Err(InputError::Negative);
    }
    if text.contains(['e', 'E']) {
        return Err(InputError::Exponent);
    }
    let (integer, fraction) = split_number(text, max_scale)?;
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > max_scale as usize {
        return Err(InputError::TooPrecise { max: max_scale });
    }
    let integer = integer.trim_start_matches('0');
    // Decimal holds 28 digits; anything longer is beyond every limit anyway.
    if integer.len() + fraction.len() > 27 {
        return Err(InputError::TooLarge);
    }
    let digits = format!(
        "{}.{}",
        if integer.is_empty() { "0" } else { integer },
        fraction
    );
    let value =
        Decimal::from_str(digits.trim_end_matches('.')).map_err(|_| InputError::NotANumber)?;
    if value > limit {
        return Err(InputError::TooLarge);
    }
    Ok(value.normalize())
}

/// A sum of money; zero is allowed (an empty drawer, no discount).
pub fn parse_money(text: &str) -> Result<Money, InputError> {
    let value = parse_decimal(text, MONEY_SCALE, MONEY_LIMIT)?;
    Money::new(value).map_err(|_| InputError::TooLarge)
}

/// A quantity; must be greater than zero.
pub fn parse_quantity(text: &str) -> Result<Quantity, InputError> {
    let value = parse_decimal(text, QUANTITY_SCALE, QUANTITY_LIMIT)?;
    Quantity::new(value).map_err(|_| InputError::Zero)
}

/// Splits into integer digits and fraction digits, removing thousands groups.
fn split_number(text: &str, max_scale: u32) -> Result<(String, &str), InputError> {
    let is_group_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || is_group_space(c))
    {
        return Err(InputError::NotANumber);
    }
    let decimal_at = decimal_separator_position(text, max_scale);
    let (integer, fraction) = match decimal_at {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(InputError::NotANumber);
    }
    let groups: Vec<&str> = integer
        .split(|c: char| c == ',' || c == '.' || is_group_space(c))
        .collect();
    let well_grouped = match groups.split_first() {
        Some((first, rest)) if !rest.is_empty() => {
            (1..=3).contains(&first.len()) && rest.iter().all(|group| group.len() == 3)
        }
        _ => true,
    };
    if !well_grouped || (integer.is_empty() && fraction.is_empty()) {
        return Err(InputError::NotANumber);
    }
    Ok((groups.concat(), fraction))
}

/// The byte index of the decimal separator, if the text has one.
fn decimal_separator_position(text: &str, max_scale: u32) -> Option<usize> {
    let last_comma = text.rfind(',');
    let last_dot = text.rfind('.');
    let single = |c: char, at: usize| {
        let reads_as_thousands = max_scale < 3 && text.len() - at - 1 == 3;
        (text.matches(c).count() == 1 && !reads_as_thousands).then_some(at)
    };
    match (last_comma, last_dot) {
        (Some(comma), Some(dot)) => Some(comma.max(dot)),
        (Some(comma), None) => single(',', comma),
        (None, Some(dot)) => single('.', dot),
        (None, None) => None,
    }
}

/// Money for display: always two decimals, thousands grouped.
pub fn format_money(money: Money, style: NumberStyle) -> String {
    let plain = money.to_string();
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(unsigned) => ("-", unsigned),
        None => ("", plain.as_str()),
    };
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "00"));
    let (group, decimal) = separators(style);
    let mut grouped = String::with_capacity(sign.len() + integer.len() + integer.len() / 3);
    grouped.push_str(sign);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    format!("{grouped}{decimal}{fraction}")
}

/// A quantity for display: as few decimals as it has, no grouping.
pub fn format_quantity(quantity: Quantity, style: NumberStyle) -> String {
    let (_, decimal) = separators(style);
    quantity.to_string().replace('.', &decimal.to_string())
}

fn separators(style: NumberStyle) -> (char, char) {
    match style {
        NumberStyle::CommaGroupsDotDecimal => (',', '.'),
        NumberStyle::SpaceGroupsCommaDecimal => (' ', ','),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> String {
        parse_money(text)
            .map(|m| m.to_string())
            .unwrap_or_else(|e| format!("{e:?}"))
    }

    fn quantity(text: &str) -> String {
        parse_quantity(text)
            .map(|q| q.to_string())
            .unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn accepts_the_forms_cashiers_type() {
        assert_eq!(money("150000.20"), "150000.20");
        assert_eq!(money("150 000,20"), "150000.20");
        assert_eq!(money("150\u{a0}000,20"), "150000.20");
        assert_eq!(money("150,000.20"), "150000.20");
        assert_eq!(money("1.000.000"), "1000000.00");
        assert_eq!(money("  12 500 "), "12500.00");
        assert_eq!(money("0"), "0.00");
        assert_eq!(money(",5"), "0.50");
        assert_eq!(money("5,"), "5.00");
        assert_eq!(money("1.50"), "1.50");
        assert_eq!(money("150,000"), "150000.00");
        assert_eq!(money("1.500"), "1500.00");
        assert_eq!(quantity("1,500"), "1.5");
        assert_eq!(quantity("1,5"), "1.5");
        assert_eq!(quantity("0.250"), "0.25");
        assert_eq!(quantity("0,750"), "0.75");
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(money(""), "Empty");
        assert_eq!(money("   "), "Empty");
        assert_eq!(money("12a"), "NotANumber");
        assert_eq!(money("abc"), "NotANumber");
        assert_eq!(money("1e5"), "Exponent");
        assert_eq!(money("1E-2"), "Exponent");
        assert_eq!(money("-5"), "Negative");
        assert_eq!(money("−5"), "Negative");
        assert_eq!(money("1.0055"), "TooPrecise { max: 2 }");
        assert_eq!(money("1.2345"), "TooPrecise { max: 2 }");
        assert_eq!(money("1234,567"), "NotANumber");
        assert_eq!(quantity("0.0001"), "TooPrecise { max: 3 }");
        assert_eq!(money("1000000000000.01"), "TooLarge");
        assert_eq!(money(&"9".repeat(200)), "TooLarge");
        assert_eq!(quantity("0"), "Zero");
        assert_eq!(quantity("0,000"), "Zero");
        assert_eq!(money("1,2,3"), "NotANumber");
        assert_eq!(money("12 34"), "NotANumber");
        assert_eq!(money("1.2.3,4"), "NotANumber");
        assert_eq!(money(","), "NotANumber");
        assert_eq!(money("1,5.5,5"), "NotANumber");
        assert_eq!(money("+5"), "NotANumber");
    }

    #[test]
    fn formats_in_both_styles() {
        let amount = parse_money("150000.2").unwrap();
        assert_eq!(
            format_money(amount, NumberStyle::SpaceGroupsCommaDecimal),
            "150 000,20"
        );
        assert_eq!(
            format_money(amount, NumberStyle::CommaGroupsDotDecimal),
            "150,000.20"
        );
        assert_eq!(
            format_money(Money::ZERO, NumberStyle::CommaGroupsDotDecimal),
            "0.00"
        );
        assert_eq!(
            format_money(Money::sum(999), NumberStyle::SpaceGroupsCommaDecimal),
            "999,00"
        );
        assert_eq!(
            format_money(Money::sum(1000), NumberStyle::SpaceGroupsCommaDecimal),
            "1 000,00"
        );
        assert_eq!(
            format_money(Money::sum(-150_000), NumberStyle::CommaGroupsDotDecimal),
            "-150,000.00"
        );
        assert_eq!(
            format_money(Money::sum(-1500), NumberStyle::SpaceGroupsCommaDecimal),
            "-1 500,00"
        );
        let kilo = parse_quantity("0.75").unwrap();
        assert_eq!(
            format_quantity(kilo, NumberStyle::SpaceGroupsCommaDecimal),
            "0,75"
        );
        assert_eq!(
            format_quantity(kilo, NumberStyle::CommaGroupsDotDecimal),
            "0.75"
        );
    }
}
