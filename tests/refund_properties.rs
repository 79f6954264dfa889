//! Properties of refunds over random sales and random sequences of partial
//! refunds: whatever the cashier picks, in whatever order, nothing is ever
//! refunded twice — per line, per tender, or of what the sale earned — and
//! refunding everything lands exactly on the sale.

use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::loyalty_tender::LoyaltyTender;
use kassa::domain::mobile::MobileNumber;
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::receipt::Totals;
use kassa::domain::refund::{
    Earned, Refund, RefundDraft, RefundError, RefundPick, Refundable, Tenders,
};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use proptest::prelude::*;
use rust_decimal::Decimal;

const AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 12,
    day: 1,
    hour: 12,
    minute: 0,
    second: 0,
};

fn tiyin(count: i64) -> Money {
    Money::new(Decimal::new(count, 2)).unwrap()
}

/// `permille`‰ of `amount`, rounded down to the tiyin.
fn share(amount: Money, permille: u32) -> Money {
    let part = amount.amount() * Decimal::from(permille) / Decimal::ONE_THOUSAND;
    Money::new(part.trunc_with_scale(2)).unwrap()
}

fn permille() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0), Just(1000), 0..=1000u32]
}

prop_compose! {
    fn line()(
        price in 1..=10_000_000i64,
        // Whole pieces as often as weighed goods, in grams.
        grams in prop_oneof![(1..=20i64).prop_map(|n| n * 1000), 1..=5_000i64],
        discount in permille(),
        vat_percent in prop::sample::select(&[0u8, 12, 15][..]),
    ) -> Line {
        let quantity = Quantity::new(Decimal::new(grams, 3)).unwrap();
        let draft = LineDraft::product("Item", tiyin(price), quantity, vat_percent);
        let gross = Line::new(draft.clone()).unwrap().gross();
        Line::new(LineDraft { discount: share(gross, discount / 4), ..draft }).unwrap()
    }
}

#[derive(Debug, Clone, Copy)]
enum Program {
    None,
    Cashback,
    Points,
    InApp,
}

fn customer(program: Program) -> Option<Customer> {
    let aos =
        CustomerId::AosCode(CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap());
    let mobile = CustomerId::Mobile(MobileNumber::parse("998901234567").unwrap());
    let id = match program {
        Program::None => return None,
        Program::Cashback => aos,
        Program::Points | Program::InApp => mobile,
    };
    Some(Customer {
        id,
        name: "Dilnoza".into(),
        phone: None,
        balance: Money::sum(1_000_000_000),
        percent: Decimal::from(5),
        card_type: "static".into(),
        points: Some(1_000_000),
        tier: None,
    })
}

prop_compose! {
    fn sale()(
        lines in prop::collection::vec(line(), 1..5),
        program in prop_oneof![
            Just(Program::None), Just(Program::Cashback), Just(Program::Points), Just(Program::InApp)
        ],
        loyalty in permille(),
        card in permille(),
        points_per_sum in 1..=4u64,
    ) -> Sale {
        let total = Totals::of(&lines, Money::ZERO).total_before_bonus;
        let value = match program {
            Program::None => Money::ZERO,
            _ => share(total, loyalty),
        };
        let tenders = match program {
            _ if value.is_zero() => Vec::new(),
            Program::None => Vec::new(),
            Program::Cashback => vec![LoyaltyTender::cashback(value)],
            Program::Points => {
                let whole = u64::try_from(value.amount().trunc()).unwrap_or(0);
                vec![LoyaltyTender::points(whole * points_per_sum, value)]
            }
            Program::InApp => vec![LoyaltyTender {
                kind: kassa::domain::loyalty_tender::LoyaltyTenderKind::InApp,
                amount: value,
                points: 0,
            }],
        };
        let due = total - value;
        let card = share(due, card);
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer: customer(program),
            lines,
            bill_discount: None,
            loyalty_tenders: tenders,
            settlement: Settlement::new(due, due - card, card).unwrap(),
        };
        Sale::finalize(draft, ReceiptNumber("T1-S-000001".into()), AT).unwrap()
    }
}

/// One refund the cashier tries: (line, ‰ of its quantity) picks, and
/// perhaps a card amount as ‰ of the money part.
#[derive(Debug, Clone)]
struct Attempt {
    picks: Vec<(usize, u32)>,
    card: Option<u32>,
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (
        prop::collection::vec((0..5usize, 1..=1000u32), 1..4),
        prop::option::weighted(0.2, 0..=1000u32),
    )
        .prop_map(|(picks, card)| Attempt { picks, card })
}

fn quantity_of(line: &Line, permille: u32) -> Option<Quantity> {
    let grams = (line.quantity().value() * Decimal::ONE_THOUSAND).trunc();
    let part = (grams * Decimal::from(permille) / Decimal::ONE_THOUSAND).ceil();
    Quantity::new(part / Decimal::ONE_THOUSAND).ok()
}

/// Every figure the refunds took is within the sale's.
fn check_within(sale: &Sale, refunds: &[Refund], cashier_split: bool) -> Result<(), TestCaseError> {
    let refundable =
        Refundable::of(sale, refunds).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (line, left) in sale.lines().iter().zip(refundable.lines()) {
        prop_assert!(left.quantity >= Decimal::ZERO);
        prop_assert!(left.refunded_quantity + left.quantity == line.quantity().value());
        prop_assert!(left.refunded_amount <= line.total());
        prop_assert!(left.refunded_amount + left.amount == line.total());
    }
    let paid = Tenders::of_sale(sale);
    let back = refundable.paid_back();
    prop_assert!(refundable.refunded() <= sale.totals().total_before_bonus);
    prop_assert_eq!(back.total(), refundable.refunded());
    prop_assert!(back.card <= paid.card);
    prop_assert!(back.cashback <= paid.cashback);
    prop_assert!(back.points <= paid.points);
    prop_assert!(back.points_count <= paid.points_count);
    prop_assert!(back.in_app <= paid.in_app);
    prop_assert!(back.money() <= paid.money());
    if !cashier_split {
        prop_assert!(back.cash <= paid.cash);
    }
    for refund in refunds {
        prop_assert_eq!(refund.tenders().total(), refund.total());
        prop_assert_eq!(refund.totals().total_before_bonus, refund.total());
    }
    // Loyalty given back: its share of what was refunded, rounded down —
    // unless cash and card have nothing left to take the rest.
    let sale_total = sale.totals().total_before_bonus.amount();
    let share = |value: Money| {
        if sale_total.is_zero() {
            Decimal::ZERO
        } else {
            value.amount() * refundable.refunded().amount() / sale_total
        }
    };
    if back.money() < paid.money() {
        for (given, value) in [
            (back.cashback, paid.cashback),
            (back.points, paid.points),
            (back.in_app, paid.in_app),
        ] {
            prop_assert!(
                given.amount() <= share(value).trunc_with_scale(2),
                "{given} > share of {value}"
            );
        }
    }
    Ok(())
}

/// Cashback taken back: its share of what was refunded, rounded up.
fn check_taken_back(sale: &Sale, refunds: &[Refund], earned: Money) -> Result<(), TestCaseError> {
    if sale.customer().is_none_or(|c| c.id.aos_code().is_none()) {
        return Ok(());
    }
    let refunded: Money = refunds.iter().map(Refund::total).sum();
    let sale_total = sale.totals().total_before_bonus.amount();
    let due = if sale_total.is_zero() {
        Decimal::ZERO
    } else {
        (earned.amount() * refunded.amount() / sale_total * Decimal::ONE_HUNDRED).ceil()
            / Decimal::ONE_HUNDRED
    };
    let (taken, _) = taken_back(refunds);
    prop_assert_eq!(taken.amount(), due.min(earned.amount()));
    Ok(())
}

fn taken_back(refunds: &[Refund]) -> (Money, u64) {
    refunds
        .iter()
        .fold((Money::ZERO, 0), |(cashback, points), r| {
            (
                cashback + r.reversal().cashback_taken_back.unwrap_or_default(),
                points + r.reversal().points_taken_back.unwrap_or(0),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_sequence_of_refunds_takes_back_more_than_the_sale(
        sale in sale(),
        attempts in prop::collection::vec(attempt(), 1..6),
        earned_cashback in 0..=10_000_000i64,
        earned_points in 0..=10_000u64,
    ) {
        let earned = Earned { cashback: Some(tiyin(earned_cashback)), points: Some(earned_points) };
        let mut refunds: Vec<Refund> = Vec::new();
        let mut cashier_split = false;
        for (n, attempt) in attempts.iter().enumerate() {
            let refundable = Refundable::of(&sale, &refunds).unwrap();
            let picks: Vec<RefundPick> = attempt
                .picks
                .iter()
                .filter_map(|&(line, permille)| {
                    let line_index = line % sale.lines().len();
                    Some(RefundPick { line: line_index, quantity: quantity_of(&sale.lines()[line_index], permille)? })
                })
                .collect();
            let draft = RefundDraft { cashier: "Aziza".into(), picks: picks.clone(), card: None };
            let card = attempt.card.and_then(|permille| {
                let money = refundable.quote(&draft, earned).ok()?.tenders().money();
                let card_left = Tenders::of_sale(&sale).card.saturating_sub(refundable.paid_back().card);
                Some(share(money.min(card_left), permille))
            });
            let draft = RefundDraft { card, ..draft };
            match refundable.quote(&draft, earned) {
                Ok(quote) => {
                    cashier_split |= card.is_some();
                    for pick in &picks {
                        prop_assert!(pick.quantity.value() <= refundable.lines()[pick.line].quantity);
                    }
                    refunds.push(quote.finalize(ReceiptNumber(format!("T1-S-{:06}", n + 2)), AT));
                }
                Err(RefundError::AboveRefundable { line, left }) => {
                    prop_assert_eq!(left, refundable.lines()[line].quantity);
                    prop_assert!(picks.iter().any(|p| p.line == line && p.quantity.value() > left));
                }
                Err(RefundError::LinePickedTwice { .. }) => {}
                Err(RefundError::InAppWholeOnly) => {
                    prop_assert!(!Tenders::of_sale(&sale).in_app.is_zero());
                }
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
            check_within(&sale, &refunds, cashier_split)?;
            check_taken_back(&sale, &refunds, tiyin(earned_cashback))?;
            let (cashback, points) = taken_back(&refunds);
            prop_assert!(cashback <= earned.cashback.unwrap_or_default());
            prop_assert!(points <= earned_points);
        }

        // What is left, all at once: the sale comes back to the tiyin.
        let refundable = Refundable::of(&sale, &refunds).unwrap();
        let everything = refundable.everything();
        if !everything.is_empty() {
            let draft = RefundDraft { cashier: "Aziza".into(), picks: everything, card: None };
            match refundable.quote(&draft, earned) {
                Ok(quote) => refunds.push(quote.finalize(ReceiptNumber("T1-S-999999".into()), AT)),
                Err(RefundError::InAppWholeOnly) => return Ok(()),
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
        check_within(&sale, &refunds, cashier_split)?;
        let done = Refundable::of(&sale, &refunds).unwrap();
        prop_assert!(done.is_exhausted());
        // A line refunded in parts may come back a tiyin short per part
        // (each part's price × quantity rounds on its own); else exactly.
        let parts = refunds
            .iter()
            .flat_map(|r| r.lines())
            .filter(|l| l.line.quantity() != sale.lines()[l.original_line].quantity())
            .count();
        let short = sale.totals().total_before_bonus - done.refunded();
        prop_assert!(short.amount() * Decimal::ONE_HUNDRED <= Decimal::from(parts), "{short} short over {parts} parts");
        if !short.is_zero() {
            return Ok(());
        }
        let paid = Tenders::of_sale(&sale);
        let back = done.paid_back();
        prop_assert_eq!(back.loyalty(), paid.loyalty());
        prop_assert_eq!(back.points_count, paid.points_count);
        prop_assert_eq!(back.money(), paid.money());
        if !cashier_split {
            prop_assert_eq!(back, &paid);
        }
        let (cashback, points) = taken_back(&refunds);
        if sale.customer().is_some_and(|c| c.id.aos_code().is_some()) {
            prop_assert_eq!(cashback, tiyin(earned_cashback));
        }
        if sale.customer().is_some_and(|c| c.id.aos_code().is_none()) {
            prop_assert_eq!(points, earned_points);
        }
    }
}
