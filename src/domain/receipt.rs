//! Receipt totals: what the lines add up to, the VAT inside, and what is due.

use std::collections::BTreeMap;

use super::bill_discount;
use super::line::Line;
use super::money::Money;

/// The figures at the bottom of a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Σ line totals, exactly, bill discounts taken off (AOS `rTotal`).
    pub total_before_bonus: Money,
    /// The bill discounts (coupon, voucher) taken off the lines.
    pub discount_total: Money,
    /// Σ line VAT (each line rounded once, from its discounted total, as
    /// printed on the fiscal line).
    pub vat_total: Money,
    /// Loyalty tenders (cashback, points, in-app) paying part of the bill.
    pub bonus: Money,
    /// What is left to pay in cash or card: total before bonus − bonus.
    pub total_due: Money,
}

impl Totals {
    /// Totals of `lines` (discounts already on them) with `bonus` paid by
    /// loyalty tenders. A bonus above the total (possible for a moment while
    /// the cart shrinks) is capped at the total.
    pub fn of(lines: &[Line], bonus: Money) -> Totals {
        let total_before_bonus = lines_total(lines);
        let bonus = bonus.min(total_before_bonus);
        Totals {
            total_before_bonus,
            discount_total: Money::ZERO,
            vat_total: lines.iter().map(Line::vat).sum(),
            bonus,
            total_due: total_before_bonus - bonus,
        }
    }

    /// Totals of the lines as rung up, with `bill_discount` spread over them
    /// and `bonus` paid by loyalty tenders.
    pub fn of_receipt(lines: &[Line], bill_discount: Money, bonus: Money) -> Totals {
        let discounted = bill_discount::apply(lines, bill_discount);
        let totals = Totals::of(&discounted, bonus);
        Totals {
            discount_total: lines_total(lines) - totals.total_before_bonus,
            ..totals
        }
    }
}

/// Σ line totals.
pub fn lines_total(lines: &[Line]) -> Money {
    lines.iter().map(Line::total).sum()
}

/// VAT per rate, for the receipt footer and the shift reports.
pub fn vat_by_rate(lines: &[Line]) -> BTreeMap<u8, Money> {
    let mut by_rate = BTreeMap::new();
    for line in lines {
        let vat = by_rate.entry(line.vat_percent()).or_insert(Money::ZERO);
        *vat = *vat + line.vat();
    }
    by_rate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line::LineDraft;
    use crate::domain::number_input::{parse_money, parse_quantity};

    fn line(price: &str, qty: &str, vat: u8) -> Line {
        Line::new(LineDraft::product(
            "x",
            parse_money(price).unwrap(),
            parse_quantity(qty).unwrap(),
            vat,
        ))
        .unwrap()
    }

    #[test]
    fn totals_add_lines_exactly_and_take_the_bonus_off() {
        // 3 × 0.01 would be 0.03 exactly; VAT of each 0.01 line at 12% rounds to 0.00.
        let lines = [
            line("0.01", "1", 12),
            line("0.01", "1", 12),
            line("0.01", "1", 12),
        ];
        let totals = Totals::of(&lines, Money::ZERO);
        assert_eq!(totals.total_before_bonus.to_string(), "0.03");
        assert_eq!(totals.vat_total.to_string(), "0.00");

        let lines = [line("11200", "1", 12), line("5000", "2", 0)];
        let totals = Totals::of(&lines, Money::sum(1200));
        assert_eq!(totals.total_before_bonus, Money::sum(21200));
        assert_eq!(totals.vat_total, Money::sum(1200));
        assert_eq!(totals.total_due, Money::sum(20000));
    }

    #[test]
    fn a_bonus_above_the_total_is_capped() {
        let totals = Totals::of(&[line("100", "1", 12)], Money::sum(500));
        assert_eq!(totals.bonus, Money::sum(100));
        assert_eq!(totals.total_due, Money::ZERO);
    }

    #[test]
    fn vat_is_grouped_by_rate() {
        let lines = [
            line("11200", "1", 12),
            line("1120", "1", 12),
            line("700", "1", 0),
        ];
        let by_rate = vat_by_rate(&lines);
        assert_eq!(by_rate.get(&12), Some(&Money::sum(1320)));
        assert_eq!(by_rate.get(&0), Some(&Money::ZERO));
        assert_eq!(by_rate.len(), 2);
    }
}
