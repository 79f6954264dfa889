//! The shift at a glance, as the X/Z screen draws it: the receipts' totals
//! per hour as bars, and the mix of tenders. The money is exact; only the
//! drawing's proportions (per mille of the tallest bar, of all tenders) are
//! rounded.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::money::Money;
use super::refund::Tenders;
use super::sale::Sale;

/// One hour of the shift: the receipts finalized in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourBar {
    pub hour: u8,
    pub total: Money,
    /// Height against the busiest hour, 0–1000.
    pub permille: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenderKind {
    Cash,
    Card,
    /// Cashback or points spent.
    Loyalty,
    /// Paid in the customer's app (AppsPOS).
    InApp,
}

impl TenderKind {
    pub fn code(self) -> &'static str {
        match self {
            TenderKind::Cash => "cash",
            TenderKind::Card => "card",
            TenderKind::Loyalty => "loyalty",
            TenderKind::InApp => "in-app",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderShare {
    pub kind: TenderKind,
    pub amount: Money,
    /// Share of everything tendered, 0–1000.
    pub permille: u16,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShiftGlance {
    /// Every hour from the first sale's to the last's, quiet ones included.
    pub hours: Vec<HourBar>,
    /// The tenders used, largest first.
    pub tenders: Vec<TenderShare>,
}

fn permille(part: Money, whole: Money) -> u16 {
    if whole.is_zero() {
        return 0;
    }
    (part.amount() * Decimal::from(1000) / whole.amount())
        .round()
        .to_u16()
        .unwrap_or(0)
        .min(1000)
}

impl ShiftGlance {
    pub fn of<'a>(sales: impl IntoIterator<Item = &'a Sale>) -> ShiftGlance {
        let mut by_hour = [Money::ZERO; 24];
        let mut used = [false; 24];
        let mut tendered = [Money::ZERO; 4];
        for sale in sales {
            let hour = usize::from(sale.finalized_at().hour.min(23));
            by_hour[hour] = by_hour[hour] + sale.totals().total_before_bonus;
            used[hour] = true;
            let tenders = Tenders::of_sale(sale);
            for (slot, amount) in tendered.iter_mut().zip([
                tenders.cash,
                tenders.card,
                tenders.cashback + tenders.points,
                tenders.in_app,
            ]) {
                *slot = *slot + amount;
            }
        }
        let (Some(first), Some(last)) =
            (used.iter().position(|&u| u), used.iter().rposition(|&u| u))
        else {
            return ShiftGlance::default();
        };
        let tallest = by_hour.iter().copied().max().unwrap_or(Money::ZERO);
        let hours = (first..=last)
            .map(|hour| HourBar {
                hour: hour as u8,
                total: by_hour[hour],
                permille: permille(by_hour[hour], tallest),
            })
            .collect();
        let whole = tendered
            .iter()
            .fold(Money::ZERO, |sum, &amount| sum + amount);
        let mut tenders: Vec<TenderShare> = [
            TenderKind::Cash,
            TenderKind::Card,
            TenderKind::Loyalty,
            TenderKind::InApp,
        ]
        .into_iter()
        .zip(tendered)
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(kind, amount)| TenderShare {
            kind,
            amount,
            permille: permille(amount, whole),
        })
        .collect();
        tenders.sort_by_key(|share| std::cmp::Reverse(share.amount));
        ShiftGlance { hours, tenders }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{Customer, CustomerCode, CustomerId};
    use crate::domain::line::{Line, LineDraft};
    use crate::domain::loyalty_tender::cashback_spend;
    use crate::domain::number_input::parse_quantity;
    use crate::domain::payment::Settlement;
    use crate::domain::receipt::Totals;
    use crate::domain::sale::{LocalDateTime, ReceiptNumber, SaleDraft};

    /// A receipt of `price` at `hour`, `cashback` of it spent, the rest in
    /// cash and `card`.
    fn sale(hour: u8, price: i64, cashback: i64, card: i64) -> Sale {
        let lines = vec![Line::new(LineDraft::product(
            "Item",
            Money::sum(price),
            parse_quantity("1").unwrap(),
            12,
        ))
        .unwrap()];
        let bonus = Money::sum(cashback);
        let due = Totals::of(&lines, bonus).total_due;
        let settlement = Settlement::new(due, due - Money::sum(card), Money::sum(card)).unwrap();
        let customer = (cashback > 0).then(|| Customer {
            id: CustomerId::AosCode(
                CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
            ),
            name: "Dilnoza".into(),
            phone: None,
            balance: Money::sum(50_000),
            percent: rust_decimal::Decimal::from(5),
            card_type: "static".into(),
            points: None,
            tier: None,
        });
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer,
            lines,
            bill_discount: None,
            loyalty_tenders: cashback_spend(bonus),
            settlement,
        };
        let at = LocalDateTime {
            year: 2026,
            month: 12,
            day: 1,
            hour,
            minute: 30,
            second: 0,
        };
        Sale::finalize(draft, ReceiptNumber(format!("T1-{hour}-{price}")), at).unwrap()
    }

    #[test]
    fn hours_run_from_the_first_sale_to_the_last_with_quiet_ones_at_zero() {
        let sales = [
            sale(9, 10_000, 0, 0),
            sale(9, 30_000, 0, 0),
            sale(12, 20_000, 0, 0),
        ];
        let glance = ShiftGlance::of(&sales);
        let bars: Vec<(u8, Money, u16)> = glance
            .hours
            .iter()
            .map(|bar| (bar.hour, bar.total, bar.permille))
            .collect();
        assert_eq!(
            bars,
            vec![
                (9, Money::sum(40_000), 1000),
                (10, Money::ZERO, 0),
                (11, Money::ZERO, 0),
                (12, Money::sum(20_000), 500),
            ]
        );
    }

    #[test]
    fn the_tender_mix_adds_up_to_what_was_tendered_largest_first() {
        let sales = [sale(10, 10_000, 1_000, 0), sale(11, 30_000, 0, 20_000)];
        let glance = ShiftGlance::of(&sales);
        let mix: Vec<(TenderKind, Money, u16)> = glance
            .tenders
            .iter()
            .map(|share| (share.kind, share.amount, share.permille))
            .collect();
        assert_eq!(
            mix,
            vec![
                (TenderKind::Card, Money::sum(20_000), 500),
                (TenderKind::Cash, Money::sum(19_000), 475),
                (TenderKind::Loyalty, Money::sum(1_000), 25),
            ]
        );
    }

    #[test]
    fn no_sales_draw_nothing() {
        assert_eq!(ShiftGlance::of(&[]), ShiftGlance::default());
    }
}
