//! Shift reports: the X report (any time during the shift) and the Z report
//! (closing it, with the cash counted in the drawer).
//!
//! Cash taken is what the receipts record as paid in cash, never the cash
//! handed over: change went back out of the drawer with the customer.
//! Refunds are counted apart, per tender and VAT rate, so that sales less
//! refunds is what the drawer and the card terminal should show.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use thiserror::Error;

use super::loyalty_tender::{self, LoyaltyTenderKind};
use super::money::Money;
use super::payment::{Payment, Tender};
use super::receipt::vat_by_rate;
use super::refund::Refund;
use super::sale::Sale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CashMovementKind {
    /// Cash put into the drawer (e.g. a float for change).
    In,
    /// Cash taken out of the drawer (e.g. handed to the manager).
    Out,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CashMovementError {
    #[error("a cash movement needs a reason")]
    MissingReason,
    #[error("a cash movement needs an amount")]
    ZeroAmount,
    #[error("more than the cash in the drawer ({in_drawer})")]
    ExceedsDrawer { in_drawer: Money },
}

/// Cash put into or taken out of the drawer outside a sale, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashMovement {
    kind: CashMovementKind,
    amount: Money,
    reason: String,
}

impl CashMovement {
    /// Every movement is accounted for: it has an amount and a reason. A cash
    /// out is also checked against the drawer with [`check_cash_out`].
    pub fn new(
        kind: CashMovementKind,
        amount: Money,
        reason: &str,
    ) -> Result<CashMovement, CashMovementError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CashMovementError::MissingReason);
        }
        if amount.is_zero() {
            return Err(CashMovementError::ZeroAmount);
        }
        Ok(CashMovement {
            kind,
            amount,
            reason: reason.to_owned(),
        })
    }

    pub fn kind(&self) -> CashMovementKind {
        self.kind
    }
    pub fn amount(&self) -> Money {
        self.amount
    }
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Checks that `amount` can be taken out of a drawer expected to hold
/// `expected_before`, and returns what it is expected to hold afterwards.
pub fn check_cash_out(expected_before: Money, amount: Money) -> Result<Money, CashMovementError> {
    expected_before
        .checked_sub(amount)
        .ok_or(CashMovementError::ExceedsDrawer {
            in_drawer: expected_before,
        })
}

/// A finalized sale of the shift, with the cashback the loyalty server
/// credited for it: `None` while its answer is still awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportedSale<'a> {
    pub sale: &'a Sale,
    pub earned: Option<Money>,
    /// Points the server awarded (Capillary), once it said so.
    pub earned_points: Option<u64>,
    /// Taken later in cash or card for what the loyalty server refused
    /// (a redemption refused after the sale).
    pub owed_paid: &'a [Payment],
}

/// The figures of a shift so far: the X report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftReport {
    pub opening_cash: Money,
    pub sales_count: usize,
    /// Σ receipt totals before cashback (AOS `rTotal`).
    pub total_before_bonus: Money,
    /// Σ what customers paid: the totals minus the cashback spent.
    pub total_due: Money,
    /// Σ recorded cash payments (change excluded).
    pub cash_payments: Money,
    pub card_payments: Money,
    /// VAT per rate, each line's VAT rounded once as printed on its receipt.
    pub vat_by_rate: BTreeMap<u8, Money>,
    pub cashback_spent: Money,
    /// Σ the value of the points redeemed as tenders (Capillary).
    pub points_spent: Money,
    /// Σ points awarded by the server, over the sales whose answer is in.
    pub points_earned: u64,
    /// Σ cashback credited by the server, over the sales whose answer is in.
    pub cashback_earned: Money,
    /// Loyalty sales whose credited cashback is not known yet, so the
    /// cashier knows `cashback_earned` may still grow.
    pub earned_pending_count: usize,
    /// The refunds made in the shift (of its sales or of earlier ones).
    pub refunds: RefundFigures,
    pub cash_in: Money,
    pub cash_out: Money,
    /// Opening cash + cash payments − cash paid back + cash in − cash out.
    pub expected_cash: Money,
}

/// The refunds of a shift: how many, what they were worth, and what went
/// back per tender and VAT rate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RefundFigures {
    pub count: usize,
    /// Σ refund totals (the returned lines, before loyalty tenders).
    pub total: Money,
    pub cash: Money,
    pub card: Money,
    pub cashback: Money,
    /// Points' value counted back (Capillary does not return the points).
    pub points: Money,
    pub in_app: Money,
    /// VAT per rate of the returned lines, each line's VAT as printed.
    pub vat_by_rate: BTreeMap<u8, Money>,
    /// Who refunded: per cashier, how many refunds and their total.
    pub by_cashier: BTreeMap<String, (usize, Money)>,
}

impl RefundFigures {
    fn add(&mut self, refund: &Refund) {
        let tenders = refund.tenders();
        self.count += 1;
        self.total = self.total + refund.total();
        self.cash = self.cash + tenders.cash;
        self.card = self.card + tenders.card;
        self.cashback = self.cashback + tenders.cashback;
        self.points = self.points + tenders.points;
        self.in_app = self.in_app + tenders.in_app;
        for (rate, vat) in vat_by_rate(&refund.fiscal_lines()) {
            let sum = self.vat_by_rate.entry(rate).or_insert(Money::ZERO);
            *sum = *sum + vat;
        }
        let cashier = self
            .by_cashier
            .entry(refund.cashier().to_owned())
            .or_insert((0, Money::ZERO));
        *cashier = (cashier.0 + 1, cashier.1 + refund.total());
    }
}

impl ShiftReport {
    /// Fails only if the cash taken out exceeds what the drawer can hold,
    /// which [`check_cash_out`] prevents as each movement is made.
    pub fn new(
        opening_cash: Money,
        sales: &[ReportedSale<'_>],
        refunds: &[Refund],
        movements: &[CashMovement],
    ) -> Result<ShiftReport, CashMovementError> {
        let mut report = ShiftReport {
            opening_cash,
            sales_count: sales.len(),
            total_before_bonus: Money::ZERO,
            total_due: Money::ZERO,
            cash_payments: Money::ZERO,
            card_payments: Money::ZERO,
            vat_by_rate: BTreeMap::new(),
            cashback_spent: Money::ZERO,
            points_spent: Money::ZERO,
            points_earned: 0,
            cashback_earned: Money::ZERO,
            earned_pending_count: 0,
            refunds: RefundFigures::default(),
            cash_in: Money::ZERO,
            cash_out: Money::ZERO,
            expected_cash: Money::ZERO,
        };
        for &ReportedSale {
            sale,
            earned,
            earned_points,
            owed_paid,
        } in sales
        {
            let totals = sale.totals();
            report.total_before_bonus = report.total_before_bonus + totals.total_before_bonus;
            report.total_due = report.total_due + totals.total_due;
            report.total_due = owed_paid.iter().fold(report.total_due, |t, p| t + p.amount);
            report.cashback_spent = report.cashback_spent
                + loyalty_tender::total_of(sale.loyalty_tenders(), LoyaltyTenderKind::Cashback);
            report.points_spent = report.points_spent
                + loyalty_tender::total_of(sale.loyalty_tenders(), LoyaltyTenderKind::Points);
            report.points_earned += earned_points.unwrap_or(0);
            for payment in sale.settlement().payments.iter().chain(owed_paid) {
                let tender = match payment.tender {
                    Tender::Cash => &mut report.cash_payments,
                    Tender::Card => &mut report.card_payments,
                };
                *tender = *tender + payment.amount;
            }
            for (rate, vat) in vat_by_rate(sale.lines()) {
                let sum = report.vat_by_rate.entry(rate).or_insert(Money::ZERO);
                *sum = *sum + vat;
            }
            match earned {
                Some(earned) => report.cashback_earned = report.cashback_earned + earned,
                // A sale without a loyalty customer earns nothing: nothing to wait for.
                None if sale.customer().is_some() => report.earned_pending_count += 1,
                None => {}
            }
        }
        for refund in refunds {
            report.refunds.add(refund);
        }
        for movement in movements {
            let total = match movement.kind {
                CashMovementKind::In => &mut report.cash_in,
                CashMovementKind::Out => &mut report.cash_out,
            };
            *total = *total + movement.amount;
        }
        report.expected_cash = check_cash_out(
            opening_cash + report.cash_payments + report.cash_in,
            report.cash_out + report.refunds.cash,
        )?;
        Ok(report)
    }

    /// What the card terminal should show: card taken less card paid back
    /// (negative when the shift refunded more by card than it took).
    pub fn net_card(&self) -> Decimal {
        self.card_payments.amount() - self.refunds.card.amount()
    }

    /// What customers paid in cash and card, less what went back to them
    /// in cash and card.
    pub fn net_total_due(&self) -> Decimal {
        self.total_due.amount() - (self.refunds.cash + self.refunds.card).amount()
    }

    /// VAT per rate of the sales less that of the refunds.
    pub fn net_vat_by_rate(&self) -> BTreeMap<u8, Decimal> {
        let mut net: BTreeMap<u8, Decimal> = self
            .vat_by_rate
            .iter()
            .map(|(rate, vat)| (*rate, vat.amount()))
            .collect();
        for (rate, vat) in &self.refunds.vat_by_rate {
            *net.entry(*rate).or_default() -= vat.amount();
        }
        net
    }

    /// The Z report: the shift closed with `counted` cash found in the drawer.
    pub fn close(self, counted: Money) -> ZReport {
        let difference = match counted.cmp(&self.expected_cash) {
            std::cmp::Ordering::Equal => CountDifference::Exact,
            std::cmp::Ordering::Greater => CountDifference::Surplus(counted - self.expected_cash),
            std::cmp::Ordering::Less => CountDifference::Shortage(self.expected_cash - counted),
        };
        ZReport {
            report: self,
            counted,
            difference,
        }
    }
}

/// Counted cash against expected cash, as the cashier has to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountDifference {
    Exact,
    /// More cash in the drawer than expected, by this much.
    Surplus(Money),
    /// Less cash in the drawer than expected, by this much.
    Shortage(Money),
}

/// The closing report of a shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZReport {
    pub report: ShiftReport,
    pub counted: Money,
    pub difference: CountDifference,
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::domain::customer::{Customer, CustomerCode, CustomerId};
    use crate::domain::line::{Line, LineDraft};
    use crate::domain::loyalty_tender::cashback_spend;
    use crate::domain::number_input::{parse_money, parse_quantity};
    use crate::domain::payment::Settlement;
    use crate::domain::receipt::Totals;
    use crate::domain::sale::{LocalDateTime, ReceiptNumber, SaleDraft};

    fn money(text: &str) -> Money {
        parse_money(text).unwrap()
    }

    fn line(price: &str, vat: u8) -> Line {
        Line::new(LineDraft::product(
            "Item",
            money(price),
            parse_quantity("1").unwrap(),
            vat,
        ))
        .unwrap()
    }

    fn customer() -> Customer {
        Customer {
            id: CustomerId::AosCode(
                CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
            ),
            name: "Dilnoza".into(),
            phone: None,
            balance: Money::sum(50_000),
            percent: Decimal::from(5),
            card_type: "static".into(),
            points: None,
            tier: None,
        }
    }

    struct Paid {
        bonus: i64,
        cash_given: i64,
        card: i64,
    }

    fn sale(lines: Vec<Line>, customer: Option<Customer>, paid: Paid) -> Sale {
        let bonus = Money::sum(paid.bonus);
        let due = Totals::of(&lines, bonus).total_due;
        let settlement =
            Settlement::new(due, Money::sum(paid.cash_given), Money::sum(paid.card)).unwrap();
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer,
            lines,
            bill_discount: None,
            loyalty_tenders: cashback_spend(bonus),
            settlement,
        };
        let at = LocalDateTime {
            year: 2025,
            month: 11,
            day: 23,
            hour: 12,
            minute: 0,
            second: 0,
        };
        Sale::finalize(draft, ReceiptNumber("T1-000001".into()), at).unwrap()
    }

    /// A sale reported with nothing known yet of what it earned, and
    /// nothing owed.
    fn plain(sale: &Sale) -> ReportedSale<'_> {
        ReportedSale {
            sale,
            earned: None,
            earned_points: None,
            owed_paid: &[],
        }
    }

    fn movement(kind: CashMovementKind, amount: i64) -> CashMovement {
        CashMovement::new(kind, Money::sum(amount), "float").unwrap()
    }

    /// Cash with change (no customer), split cash/card with change and
    /// cashback spent, card only with the credited cashback still awaited.
    fn three_sales() -> [Sale; 3] {
        [
            sale(
                vec![line("11200", 12), line("5000", 0), line("5000", 0)],
                None,
                Paid {
                    bonus: 0,
                    cash_given: 25_000,
                    card: 0,
                },
            ),
            sale(
                vec![line("33600", 12)],
                Some(customer()),
                Paid {
                    bonus: 1_600,
                    cash_given: 15_000,
                    card: 20_000,
                },
            ),
            sale(
                vec![line("1120", 12)],
                Some(customer()),
                Paid {
                    bonus: 0,
                    cash_given: 0,
                    card: 1_120,
                },
            ),
        ]
    }

    /// A Capillary sale paying 5 000 of 33 600 with 500 points, and one
    /// whose points award is still awaited: the points are a line of their
    /// own, never counted as cashback, and what was paid in cash and card
    /// is the rest.
    #[test]
    fn points_spent_and_earned_are_their_own_lines() {
        let lines = vec![line("33600", 12)];
        let points = vec![crate::domain::loyalty_tender::LoyaltyTender::points(
            500,
            Money::sum(5_000),
        )];
        let due = Totals::of(&lines, Money::sum(5_000)).total_due;
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer: Some(customer()),
            lines,
            bill_discount: None,
            loyalty_tenders: points,
            settlement: Settlement::new(due, Money::ZERO, due).unwrap(),
        };
        let at = LocalDateTime {
            year: 2025,
            month: 11,
            day: 23,
            hour: 13,
            minute: 0,
            second: 0,
        };
        let with_points = Sale::finalize(draft, ReceiptNumber("T1-000002".into()), at).unwrap();
        let sales = three_sales();
        let ordinary = &sales[2];
        let reported = [
            ReportedSale {
                sale: &with_points,
                earned: None,
                earned_points: Some(34),
                owed_paid: &[],
            },
            plain(ordinary),
        ];
        let report = ShiftReport::new(Money::ZERO, &reported, &[], &[]).unwrap();
        assert_eq!(report.points_spent, Money::sum(5_000));
        assert_eq!(report.points_earned, 34);
        assert_eq!(report.cashback_spent, Money::ZERO);
        assert_eq!(report.card_payments, Money::sum(28_600 + 1_120));
        assert_eq!(report.total_due, Money::sum(28_600 + 1_120));
    }

    #[test]
    fn a_mixed_shift_adds_up_by_hand() {
        let sales = three_sales();
        let reported = [
            ReportedSale {
                sale: &sales[0],
                earned: None,
                earned_points: None,
                owed_paid: &[],
            },
            ReportedSale {
                sale: &sales[1],
                earned: Some(Money::sum(1_600)),
                earned_points: None,
                owed_paid: &[],
            },
            ReportedSale {
                sale: &sales[2],
                earned: None,
                earned_points: None,
                owed_paid: &[],
            },
        ];
        let movements = [
            movement(CashMovementKind::In, 5_000),
            movement(CashMovementKind::Out, 20_000),
        ];
        let report = ShiftReport::new(Money::sum(100_000), &reported, &[], &movements).unwrap();
        assert_eq!(
            report,
            ShiftReport {
                opening_cash: Money::sum(100_000),
                sales_count: 3,
                // 21 200 + 33 600 + 1 120
                total_before_bonus: Money::sum(55_920),
                // … − 1 600 cashback
                total_due: Money::sum(54_320),
                // 21 200 of 25 000 given + 12 000 of 15 000 given
                cash_payments: Money::sum(33_200),
                // 20 000 + 1 120
                card_payments: Money::sum(21_120),
                // 1 200 + 3 600 + 120 at 12 %, none at 0 %
                vat_by_rate: BTreeMap::from([(0, Money::ZERO), (12, Money::sum(4_920))]),
                cashback_spent: Money::sum(1_600),
                points_spent: Money::ZERO,
                points_earned: 0,
                cashback_earned: Money::sum(1_600),
                // The first sale has no customer: nothing to wait for.
                earned_pending_count: 1,
                refunds: RefundFigures::default(),
                cash_in: Money::sum(5_000),
                cash_out: Money::sum(20_000),
                // 100 000 + 33 200 + 5 000 − 20 000
                expected_cash: Money::sum(118_200),
            }
        );
        assert_eq!(
            report.cash_payments + report.card_payments,
            report.total_due
        );
    }

    #[test]
    fn refunds_count_per_tender_and_rate_and_sales_less_refunds_reconcile() {
        use crate::domain::refund::{Earned, RefundDraft, RefundPick, Refundable};
        let sales = three_sales();
        let reported = sales.each_ref().map(plain);
        let refund = |sale: &Sale, picks: Vec<RefundPick>, number: &str| {
            let draft = RefundDraft {
                cashier: "Aziza".into(),
                picks,
                card: None,
            };
            Refundable::of(sale, &[])
                .unwrap()
                .quote(&draft, Earned::default())
                .unwrap()
                .finalize(ReceiptNumber(number.into()), sale.finalized_at())
        };
        let one = parse_quantity("1").unwrap();
        let refunds = [
            // The whole split sale: 33 600 = 1 600 cashback + 20 000 card + 12 000 cash.
            refund(
                &sales[1],
                Refundable::of(&sales[1], &[]).unwrap().everything(),
                "T1-000004",
            ),
            // One 5 000 line at 0 % of the cash sale.
            refund(
                &sales[0],
                vec![RefundPick {
                    line: 1,
                    quantity: one,
                }],
                "T1-000005",
            ),
        ];
        let movements = [
            movement(CashMovementKind::In, 5_000),
            movement(CashMovementKind::Out, 20_000),
        ];
        let report =
            ShiftReport::new(Money::sum(100_000), &reported, &refunds, &movements).unwrap();
        assert_eq!(
            report.refunds,
            RefundFigures {
                count: 2,
                total: Money::sum(38_600),
                cash: Money::sum(17_000),
                card: Money::sum(20_000),
                cashback: Money::sum(1_600),
                points: Money::ZERO,
                in_app: Money::ZERO,
                vat_by_rate: BTreeMap::from([(0, Money::ZERO), (12, Money::sum(3_600))]),
                by_cashier: BTreeMap::from([("Aziza".to_owned(), (2, Money::sum(38_600)))]),
            }
        );
        // 100 000 + 33 200 cash taken − 17 000 paid back + 5 000 − 20 000.
        assert_eq!(report.expected_cash, Money::sum(101_200));
        // 21 120 by card − 20 000 back.
        assert_eq!(report.net_card(), Decimal::from(1_120));
        // 54 320 paid − 37 000 back in cash and card.
        assert_eq!(report.net_total_due(), Decimal::from(17_320));
        let drawer =
            report.expected_cash.amount() - report.opening_cash.amount() - report.cash_in.amount()
                + report.cash_out.amount();
        assert_eq!(drawer + report.net_card(), report.net_total_due());
        assert_eq!(
            report.net_vat_by_rate(),
            BTreeMap::from([(0, Decimal::ZERO), (12, Decimal::from(1_320))])
        );

        // Cash paid back is cash out of the drawer: never more than it holds.
        assert_eq!(
            ShiftReport::new(Money::ZERO, &[], &refunds, &[]),
            Err(CashMovementError::ExceedsDrawer {
                in_drawer: Money::ZERO
            })
        );
    }

    #[test]
    fn vat_is_the_sum_of_each_lines_rounded_vat() {
        // 0.05 at 12 % contains 0.00536 → 0.01 per line, as on each receipt;
        // rounding the 0.10 shift total once would give 0.01.
        let sales = [
            sale(
                vec![line("0.05", 12)],
                None,
                Paid {
                    bonus: 0,
                    cash_given: 1,
                    card: 0,
                },
            ),
            sale(
                vec![line("0.05", 12), line("0.15", 15)],
                None,
                Paid {
                    bonus: 0,
                    cash_given: 1,
                    card: 0,
                },
            ),
        ];
        let reported = sales.each_ref().map(plain);
        let report = ShiftReport::new(Money::ZERO, &reported, &[], &[]).unwrap();
        assert_eq!(
            report.vat_by_rate,
            BTreeMap::from([(12, money("0.02")), (15, money("0.02"))])
        );
        assert_eq!(report.cash_payments, money("0.25"));
        assert_eq!(report.expected_cash, money("0.25"));
    }

    #[test]
    fn what_is_taken_later_for_a_refused_redemption_counts_in_its_tender() {
        let sales = [sale(
            vec![line("12500", 12)],
            Some(customer()),
            Paid {
                bonus: 500,
                cash_given: 12_000,
                card: 0,
            },
        )];
        let owed = [Payment {
            tender: Tender::Cash,
            amount: Money::sum(500),
        }];
        let reported = [ReportedSale {
            sale: &sales[0],
            earned: None,
            earned_points: None,
            owed_paid: &owed,
        }];
        let report = ShiftReport::new(Money::ZERO, &reported, &[], &[]).unwrap();
        assert_eq!(report.cash_payments, Money::sum(12_500));
        assert_eq!(report.total_due, Money::sum(12_500));
        assert_eq!(report.expected_cash, Money::sum(12_500));
    }

    #[test]
    fn an_empty_shift_expects_the_opening_cash() {
        let report = ShiftReport::new(Money::sum(150_000), &[], &[], &[]).unwrap();
        assert_eq!(report.sales_count, 0);
        assert_eq!(report.total_before_bonus, Money::ZERO);
        assert_eq!(report.total_due, Money::ZERO);
        assert_eq!(report.cash_payments, Money::ZERO);
        assert_eq!(report.card_payments, Money::ZERO);
        assert!(report.vat_by_rate.is_empty());
        assert_eq!(report.cashback_spent, Money::ZERO);
        assert_eq!(report.cashback_earned, Money::ZERO);
        assert_eq!(report.earned_pending_count, 0);
        assert_eq!(report.refunds, RefundFigures::default());
        assert_eq!(report.expected_cash, Money::sum(150_000));
        let z = report.close(Money::sum(150_000));
        assert_eq!(z.difference, CountDifference::Exact);
    }

    #[test]
    fn cash_movements_move_the_expected_cash() {
        let movements = [
            movement(CashMovementKind::In, 10_000),
            movement(CashMovementKind::Out, 30_000),
            movement(CashMovementKind::In, 2_500),
            movement(CashMovementKind::Out, 32_500),
        ];
        let report = ShiftReport::new(Money::sum(50_000), &[], &[], &movements).unwrap();
        assert_eq!(report.cash_in, Money::sum(12_500));
        assert_eq!(report.cash_out, Money::sum(62_500));
        assert_eq!(report.expected_cash, Money::ZERO);

        let too_much = [movement(CashMovementKind::Out, 50_001)];
        assert_eq!(
            ShiftReport::new(Money::sum(50_000), &[], &[], &too_much),
            Err(CashMovementError::ExceedsDrawer {
                in_drawer: Money::sum(50_000)
            })
        );
    }

    #[test]
    fn a_cash_out_cannot_take_more_than_the_drawer_holds() {
        assert_eq!(
            check_cash_out(Money::sum(1_000), Money::sum(400)),
            Ok(Money::sum(600))
        );
        assert_eq!(
            check_cash_out(Money::sum(1_000), Money::sum(1_000)),
            Ok(Money::ZERO)
        );
        assert_eq!(
            check_cash_out(Money::sum(1_000), money("1000.01")),
            Err(CashMovementError::ExceedsDrawer {
                in_drawer: Money::sum(1_000)
            })
        );
    }

    #[test]
    fn a_cash_movement_needs_an_amount_and_a_reason() {
        let ok = CashMovement::new(CashMovementKind::Out, Money::sum(5), "  to the bank ").unwrap();
        assert_eq!(ok.kind(), CashMovementKind::Out);
        assert_eq!(ok.amount(), Money::sum(5));
        assert_eq!(ok.reason(), "to the bank");
        assert_eq!(
            CashMovement::new(CashMovementKind::In, Money::sum(5), " \t"),
            Err(CashMovementError::MissingReason)
        );
        assert_eq!(
            CashMovement::new(CashMovementKind::In, Money::ZERO, "float"),
            Err(CashMovementError::ZeroAmount)
        );
    }

    #[test]
    fn closing_reports_a_surplus_or_a_shortage() {
        let sales = three_sales();
        let reported = sales.each_ref().map(plain);
        let report = ShiftReport::new(Money::sum(100_000), &reported, &[], &[]).unwrap();
        assert_eq!(report.expected_cash, Money::sum(133_200));
        assert_eq!(report.earned_pending_count, 2);

        let z = report.clone().close(money("133500.50"));
        assert_eq!(z.counted, money("133500.50"));
        assert_eq!(z.difference, CountDifference::Surplus(money("300.50")));
        assert_eq!(z.report, report);

        let z = report.clone().close(Money::sum(133_000));
        assert_eq!(z.difference, CountDifference::Shortage(Money::sum(200)));

        let z = report.clone().close(Money::ZERO);
        assert_eq!(z.difference, CountDifference::Shortage(Money::sum(133_200)));

        assert_eq!(
            report.close(Money::sum(133_200)).difference,
            CountDifference::Exact
        );
    }
}
