//! A receipt line: one product (or service) at a price, in a quantity.

use rust_decimal::Decimal;
use thiserror::Error;

use super::money::Money;
use super::quantity::Quantity;

/// The highest VAT rate a line may carry; Uzbekistan's standard rate is 12.
pub const VAT_PERCENT_MAX: u8 = 100;

/// The IKPU product class code of the fiscal line: 17 digits, or empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassCode(String);

/// The TIN (9 digits) or PINFL (14 digits) of a commission principal, or empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommissionTin(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LineError {
    #[error("the item has no name")]
    MissingName,
    #[error("the discount is larger than the line")]
    DiscountExceedsLine,
    #[error("VAT percent above {VAT_PERCENT_MAX}")]
    VatPercentTooHigh,
    #[error("class code must be 17 digits")]
    BadClassCode,
    #[error("commission TIN must be 9 digits or PINFL 14 digits")]
    BadCommissionTin,
}

impl ClassCode {
    pub fn parse(text: &str) -> Result<ClassCode, LineError> {
        let text = text.trim();
        if text.is_empty() || (text.len() == 17 && all_digits(text)) {
            Ok(ClassCode(text.to_owned()))
        } else {
            Err(LineError::BadClassCode)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl CommissionTin {
    pub fn parse(text: &str) -> Result<CommissionTin, LineError> {
        let text = text.trim();
        if text.is_empty() || ((text.len() == 9 || text.len() == 14) && all_digits(text)) {
            Ok(CommissionTin(text.to_owned()))
        } else {
            Err(LineError::BadCommissionTin)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// A validated receipt line. Its fields can only change through methods that
/// keep it valid (the discount never exceeds the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    name: String,
    barcode: String,
    unit_price: Money,
    quantity: Quantity,
    discount: Money,
    vat_percent: u8,
    class_code: ClassCode,
    commission_tin: CommissionTin,
}

/// Everything needed to make a [`Line`], before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineDraft {
    pub name: String,
    pub barcode: String,
    pub unit_price: Money,
    pub quantity: Quantity,
    pub discount: Money,
    pub vat_percent: u8,
    pub class_code: ClassCode,
    pub commission_tin: CommissionTin,
}

impl LineDraft {
    /// A plain product line: no discount, no commission principal.
    pub fn product(
        name: &str,
        unit_price: Money,
        quantity: Quantity,
        vat_percent: u8,
    ) -> LineDraft {
        LineDraft {
            name: name.to_owned(),
            barcode: String::new(),
            unit_price,
            quantity,
            discount: Money::ZERO,
            vat_percent,
            class_code: ClassCode::default(),
            commission_tin: CommissionTin::default(),
        }
    }
}

impl Line {
    pub fn new(draft: LineDraft) -> Result<Line, LineError> {
        let name = draft.name.trim();
        if name.is_empty() {
            return Err(LineError::MissingName);
        }
        if draft.vat_percent > VAT_PERCENT_MAX {
            return Err(LineError::VatPercentTooHigh);
        }
        let line = Line {
            name: name.to_owned(),
            barcode: draft.barcode.trim().to_owned(),
            unit_price: draft.unit_price,
            quantity: draft.quantity,
            discount: draft.discount,
            vat_percent: draft.vat_percent,
            class_code: draft.class_code,
            commission_tin: draft.commission_tin,
        };
        if line.discount > line.gross() {
            return Err(LineError::DiscountExceedsLine);
        }
        Ok(line)
    }

    /// The same line with another quantity; fails if the discount would then
    /// exceed the line.
    pub fn with_quantity(&self, quantity: Quantity) -> Result<Line, LineError> {
        Line::new(LineDraft {
            quantity,
            ..self.draft()
        })
    }

    /// The same line with `extra` more discount: its share of a bill
    /// discount. `extra` is at most the line total (the spreading rule
    /// guarantees it); anything above is capped, so the line never goes
    /// below zero.
    pub fn with_extra_discount(&self, extra: Money) -> Line {
        Line {
            discount: (self.discount + extra).min(self.gross()),
            ..self.clone()
        }
    }

    /// The line's fields, to edit and validate again.
    pub fn draft(&self) -> LineDraft {
        LineDraft {
            name: self.name.clone(),
            barcode: self.barcode.clone(),
            unit_price: self.unit_price,
            quantity: self.quantity,
            discount: self.discount,
            vat_percent: self.vat_percent,
            class_code: self.class_code.clone(),
            commission_tin: self.commission_tin.clone(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn barcode(&self) -> &str {
        &self.barcode
    }
    pub fn unit_price(&self) -> Money {
        self.unit_price
    }
    pub fn quantity(&self) -> Quantity {
        self.quantity
    }
    pub fn discount(&self) -> Money {
        self.discount
    }
    pub fn vat_percent(&self) -> u8 {
        self.vat_percent
    }
    pub fn class_code(&self) -> &ClassCode {
        &self.class_code
    }
    pub fn commission_tin(&self) -> &CommissionTin {
        &self.commission_tin
    }

    /// Price × quantity, rounded once to the tiyin.
    pub fn gross(&self) -> Money {
        Money::round(self.unit_price.amount() * self.quantity.value())
    }

    /// What the customer pays for this line: gross − discount.
    pub fn total(&self) -> Money {
        self.gross() - self.discount
    }

    /// The VAT contained in the (VAT-inclusive) line total:
    /// total × p / (100 + p), rounded once to the tiyin.
    pub fn vat(&self) -> Money {
        let percent = Decimal::from(self.vat_percent);
        Money::round(self.total().amount() * percent / (Decimal::ONE_HUNDRED + percent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::number_input::{parse_money, parse_quantity};

    fn line(price: &str, qty: &str, discount: &str, vat: u8) -> Result<Line, LineError> {
        Line::new(LineDraft {
            discount: parse_money(discount).unwrap(),
            ..LineDraft::product(
                "Apples",
                parse_money(price).unwrap(),
                parse_quantity(qty).unwrap(),
                vat,
            )
        })
    }

    #[test]
    fn weighed_line_rounds_once_then_takes_vat_out() {
        // 18 990 × 0.750 = 14 242.50; VAT 12% = 14 242.50 × 12 / 112 = 1 525.9821… → 1 525.98
        let apples = line("18990", "0.750", "0", 12).unwrap();
        assert_eq!(apples.total().to_string(), "14242.50");
        assert_eq!(apples.vat().to_string(), "1525.98");
    }

    #[test]
    fn discount_comes_off_before_vat() {
        // 3 × 12 500 = 37 500 − 2 500 = 35 000; VAT = 35 000 × 12 / 112 = 3 750.00
        let milk = line("12500", "3", "2500", 12).unwrap();
        assert_eq!(milk.total().to_string(), "35000.00");
        assert_eq!(milk.vat().to_string(), "3750.00");
    }

    #[test]
    fn a_discount_may_equal_but_not_exceed_the_line() {
        assert_eq!(line("1000", "2", "2000", 12).unwrap().total(), Money::ZERO);
        assert_eq!(
            line("1000", "2", "2000.01", 12),
            Err(LineError::DiscountExceedsLine)
        );
    }

    #[test]
    fn zero_rated_lines_carry_no_vat() {
        assert_eq!(line("5000", "1", "0", 0).unwrap().vat(), Money::ZERO);
    }

    #[test]
    fn codes_are_checked() {
        assert!(ClassCode::parse("10202001001000000").is_ok());
        assert!(ClassCode::parse("").is_ok());
        assert_eq!(
            ClassCode::parse("1020200100100000"),
            Err(LineError::BadClassCode)
        );
        assert_eq!(
            ClassCode::parse("1020200100100000x"),
            Err(LineError::BadClassCode)
        );
        assert!(CommissionTin::parse("123456789").is_ok());
        assert!(CommissionTin::parse("12345678901234").is_ok());
        assert_eq!(
            CommissionTin::parse("1234567890"),
            Err(LineError::BadCommissionTin)
        );
    }

    #[test]
    fn a_quantity_change_keeps_the_discount_rule() {
        let two = line("1000", "2", "1500", 12).unwrap();
        let one = parse_quantity("1").unwrap();
        assert_eq!(two.with_quantity(one), Err(LineError::DiscountExceedsLine));
    }

    #[test]
    fn names_are_required_and_trimmed() {
        let mut draft = line("1", "1", "0", 12).unwrap().draft();
        draft.name = "  ".into();
        assert_eq!(Line::new(draft), Err(LineError::MissingName));
    }
}
