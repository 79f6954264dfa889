//! A discount on the whole bill (a Capillary coupon, an AppsPOS voucher),
//! spread over the lines so that each fiscal line carries its share.
//!
//! A bill discount changes what the lines are worth, unlike a loyalty
//! tender (cashback, points), which only changes how the bill is paid. Each
//! line's share is proportional to its total and found by largest
//! remainder: the shares add up to the bill discount exactly, no line gets
//! more than its total, and each line's VAT is then taken from its
//! discounted total, as the fiscal line demands.

use rust_decimal::Decimal;
use thiserror::Error;

use super::line::Line;
use super::money::Money;

/// What a bill discount is worth, as the provider describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountValue {
    /// This amount off the bill (never more than the bill).
    Amount(Money),
    /// This percentage of the bill, rounded once to the tiyin.
    Percent(Decimal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DiscountError {
    #[error("a percentage discount must be between 0 and 100")]
    BadPercent,
}

impl DiscountValue {
    /// The discount on a bill worth `total`: capped at the total, so a bill
    /// never goes below zero.
    pub fn on(self, total: Money) -> Result<Money, DiscountError> {
        match self {
            DiscountValue::Amount(amount) => Ok(amount.min(total)),
            DiscountValue::Percent(percent) => {
                if percent.is_sign_negative() || percent > Decimal::ONE_HUNDRED {
                    return Err(DiscountError::BadPercent);
                }
                let share = Money::round(total.amount() * percent / Decimal::ONE_HUNDRED);
                Ok(share.min(total))
            }
        }
    }
}

/// Where a bill discount comes from, kept with the sale for its redemption
/// step and the printed receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscountSource {
    Coupon { code: String },
    Voucher { id: String, name: String },
}

/// A bill discount as applied to one receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillDiscount {
    pub source: DiscountSource,
    pub amount: Money,
}

/// Each line's share of `discount`, in line order. `totals` are the lines'
/// totals; a discount above their sum is capped at it.
pub fn shares(totals: &[Money], discount: Money) -> Vec<Money> {
    let total: i128 = totals.iter().map(|t| tiyin(*t)).sum();
    let discount = tiyin(discount).min(total);
    if total == 0 || discount == 0 {
        return vec![Money::ZERO; totals.len()];
    }
    // Exact integer arithmetic in tiyin: ⌊discount × tᵢ / total⌋, then the
    // tiyin left over go one each to the largest remainders (earlier lines
    // first on a tie). A line only gets a tiyin when its exact share has a
    // fraction, so no share can exceed its line.
    let mut floors: Vec<i128> = Vec::with_capacity(totals.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(totals.len());
    for (index, line_total) in totals.iter().enumerate() {
        let exact = discount * tiyin(*line_total);
        floors.push(exact / total);
        remainders.push((exact % total, index));
    }
    let left_over = discount - floors.iter().sum::<i128>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, index) in remainders
        .iter()
        .take(usize::try_from(left_over).unwrap_or(0))
    {
        floors[index] += 1;
    }
    floors.into_iter().map(from_tiyin).collect()
}

/// The lines with `discount` spread over them: each line's own discount
/// grows by its share, and its VAT follows from the new total.
pub fn apply(lines: &[Line], discount: Money) -> Vec<Line> {
    let totals: Vec<Money> = lines.iter().map(Line::total).collect();
    lines
        .iter()
        .zip(shares(&totals, discount))
        .map(|(line, share)| line.with_extra_discount(share))
        .collect()
}

fn tiyin(money: Money) -> i128 {
    let mut amount = money.amount();
    amount.rescale(2);
    amount.mantissa()
}

fn from_tiyin(count: i128) -> Money {
    // Shares never exceed a line total, itself a valid amount, so the
    // count always fits a Decimal's 96-bit mantissa.
    Money::round(Decimal::try_from_i128_with_scale(count, 2).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(text: &str) -> Money {
        Money::new(Decimal::from_str(text).unwrap()).unwrap()
    }

    #[test]
    fn shares_follow_the_line_totals_and_add_up_exactly() {
        // 100 over 3 equal lines: 33.34 + 33.33 + 33.33 — the first line
        // takes the tiyin left over.
        let totals = [m("50"), m("50"), m("50")];
        assert_eq!(
            shares(&totals, m("100")),
            [m("33.34"), m("33.33"), m("33.33")]
        );
        // 10 % of a 30 000 + 10 000 bill: 3 000 and 1 000.
        assert_eq!(
            shares(&[m("30000"), m("10000")], m("4000")),
            [m("3000"), m("1000")]
        );
    }

    #[test]
    fn the_largest_remainder_gets_the_left_over_tiyin() {
        // 0.05 over 0.10, 0.20, 0.70: exact 0.005, 0.01, 0.035 → floors
        // 0.00, 0.01, 0.03, one tiyin left over. The first and last lines
        // tie at half a tiyin; the earlier one gets it.
        assert_eq!(
            shares(&[m("0.10"), m("0.20"), m("0.70")], m("0.05")),
            [m("0.01"), m("0.01"), m("0.03")]
        );
    }

    #[test]
    fn a_discount_above_the_bill_is_capped_and_zero_lines_get_nothing() {
        assert_eq!(shares(&[m("5"), m("0")], m("9")), [m("5"), m("0")]);
        assert_eq!(shares(&[m("0"), m("0")], m("9")), [m("0"), m("0")]);
        assert_eq!(shares(&[], m("9")), Vec::<Money>::new());
    }

    #[test]
    fn percent_and_amount_values() {
        assert_eq!(
            DiscountValue::Percent(Decimal::from(10)).on(m("12345.67")),
            Ok(m("1234.57"))
        );
        assert_eq!(DiscountValue::Amount(m("500")).on(m("300")), Ok(m("300")));
        assert_eq!(
            DiscountValue::Percent(Decimal::from(101)).on(m("1")),
            Err(DiscountError::BadPercent)
        );
        assert_eq!(
            DiscountValue::Percent(Decimal::from(-1)).on(m("1")),
            Err(DiscountError::BadPercent)
        );
    }
}
