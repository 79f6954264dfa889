//! Properties of the provider-neutral receipt model: bill discounts (a
//! coupon, a voucher) spread over the lines, and loyalty tenders (cashback,
//! points) that pay part of the bill without touching it.

use kassa::domain::bill_discount::{self, BillDiscount, DiscountSource};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::loyalty_tender::LoyaltyTender;
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::receipt::{lines_total, Totals};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::store::journal::SaleRecord;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn tiyin(count: i64) -> Money {
    Money::new(Decimal::new(count, 2)).unwrap()
}

prop_compose! {
    fn line()(
        price in prop_oneof![Just(0i64), 1..=1_000_000_000i64],
        grams in prop_oneof![(1..=100i64).prop_map(|n| n * 1000), 1..=100_000i64],
        discount_permille in prop_oneof![Just(0u32), Just(1000), 0..=1000u32],
        vat_percent in prop::sample::select(&[0u8, 12, 15][..]),
    ) -> Line {
        let quantity = Quantity::new(Decimal::new(grams, 3)).unwrap();
        let draft = LineDraft::product("Item", tiyin(price), quantity, vat_percent);
        let gross = Line::new(draft.clone()).unwrap().gross();
        let discount = Money::new(
            (gross.amount() * Decimal::from(discount_permille) / Decimal::ONE_THOUSAND)
                .trunc_with_scale(2),
        )
        .unwrap();
        Line::new(LineDraft { discount, ..draft }).unwrap()
    }
}

/// A discount that is often exactly the bill, zero, or more than the bill.
fn discount_for(total: Money) -> impl Strategy<Value = Money> {
    let cents = i64::try_from(total.amount().mantissa()).unwrap_or(i64::MAX);
    prop_oneof![
        Just(Money::ZERO),
        Just(total),
        Just(total + tiyin(1)),
        (0..=cents.max(1)).prop_map(tiyin),
    ]
}

fn lines_and_discount() -> impl Strategy<Value = (Vec<Line>, Money)> {
    prop::collection::vec(line(), 1..=12).prop_flat_map(|lines| {
        let total = lines_total(&lines);
        (Just(lines), discount_for(total))
    })
}

proptest! {
    #[test]
    fn shares_add_up_to_the_discount_and_never_exceed_a_line(
        (lines, discount) in lines_and_discount()
    ) {
        let totals: Vec<Money> = lines.iter().map(Line::total).collect();
        let bill = lines_total(&lines);
        let shares = bill_discount::shares(&totals, discount);
        prop_assert_eq!(shares.len(), lines.len());
        prop_assert_eq!(shares.iter().copied().sum::<Money>(), discount.min(bill));
        for (share, total) in shares.iter().zip(&totals) {
            prop_assert!(share <= total, "share {} above line {}", share, total);
        }
    }

    #[test]
    fn discounted_lines_carry_their_own_vat_and_add_up(
        (lines, discount) in lines_and_discount()
    ) {
        let bill = lines_total(&lines);
        let discounted = bill_discount::apply(&lines, discount);
        prop_assert_eq!(lines_total(&discounted), bill - discount.min(bill));
        for (before, after) in lines.iter().zip(&discounted) {
            prop_assert!(after.total() <= before.total());
            prop_assert_eq!(after.gross(), before.gross());
            let percent = Decimal::from(after.vat_percent());
            let vat = Money::round(
                after.total().amount() * percent / (Decimal::ONE_HUNDRED + percent),
            );
            prop_assert_eq!(after.vat(), vat);
        }
        let totals = Totals::of_receipt(&lines, discount, Money::ZERO);
        prop_assert_eq!(totals.discount_total, discount.min(bill));
        prop_assert_eq!(totals.vat_total, discounted.iter().map(Line::vat).sum::<Money>());
    }

    #[test]
    fn recomputing_gives_the_same_receipt(
        (lines, discount) in lines_and_discount(),
        bonus_permille in 0..=1000u32,
    ) {
        let bill = lines_total(&lines);
        let bonus = Money::round(bill.amount() * Decimal::from(bonus_permille) / Decimal::ONE_THOUSAND);
        let once = Totals::of_receipt(&lines, discount, bonus);
        prop_assert_eq!(Totals::of_receipt(&lines, discount, bonus), once);
        prop_assert_eq!(Totals::of_receipt(&lines, Money::ZERO, bonus), Totals::of(&lines, bonus));
    }

    #[test]
    fn loyalty_tenders_change_what_is_paid_not_the_bill(
        (lines, discount) in lines_and_discount(),
        bonus_permille in 0..=1000u32,
    ) {
        let without = Totals::of_receipt(&lines, discount, Money::ZERO);
        let bonus = Money::round(
            without.total_before_bonus.amount() * Decimal::from(bonus_permille) / Decimal::ONE_THOUSAND,
        );
        let with = Totals::of_receipt(&lines, discount, bonus);
        prop_assert_eq!(with.vat_total, without.vat_total);
        prop_assert_eq!(with.total_before_bonus, without.total_before_bonus);
        prop_assert_eq!(with.discount_total, without.discount_total);
        prop_assert_eq!(with.total_due + with.bonus, with.total_before_bonus);
    }

    #[test]
    fn a_sale_with_a_coupon_and_points_reads_back_from_the_journal(
        (lines, discount) in lines_and_discount(),
        points in 0..=10_000u64,
    ) {
        let bill = lines_total(&lines);
        let discount = discount.min(bill);
        let after_discount = bill - discount;
        let points_value = Money::round(Decimal::from(points) / Decimal::TWO).min(after_discount);
        let due = after_discount - points_value;
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer: None,
            lines,
            bill_discount: Some(BillDiscount {
                source: DiscountSource::Coupon { code: "ABC123".into() },
                amount: discount,
            }),
            loyalty_tenders: vec![LoyaltyTender::points(points, points_value)],
            settlement: Settlement::new(due, Money::ZERO, due).unwrap(),
        };
        let at = LocalDateTime { year: 2026, month: 12, day: 1, hour: 10, minute: 0, second: 0 };
        let sale = Sale::finalize(draft, ReceiptNumber("T-S-000001".into()), at).unwrap();
        prop_assert_eq!(sale.totals().discount_total, discount);
        prop_assert_eq!(sale.totals().total_due, due);
        let json = serde_json::to_string(&SaleRecord::new(&sale, "S")).unwrap();
        let record: SaleRecord = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(record.sale(), Some(sale));
    }
}

#[test]
fn tenders_above_the_bill_are_refused() {
    let line = Line::new(LineDraft::product(
        "Tea",
        Money::sum(100),
        Quantity::ONE,
        12,
    ))
    .unwrap();
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: None,
        lines: vec![line],
        bill_discount: None,
        loyalty_tenders: vec![LoyaltyTender::points(400, Money::sum(200))],
        settlement: Settlement::default(),
    };
    let at = LocalDateTime {
        year: 2026,
        month: 12,
        day: 1,
        hour: 10,
        minute: 0,
        second: 0,
    };
    assert_eq!(
        Sale::finalize(draft, ReceiptNumber("T-S-000002".into()), at),
        Err(kassa::domain::sale::SaleError::TendersExceedBill)
    );
}
