use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::domain::customer::{CustomerCode, CustomerId};
use crate::domain::line::LineDraft;
use crate::domain::loyalty_tender::{LoyaltyTender, LoyaltyTenderKind};
use crate::domain::mobile::MobileNumber;
use crate::domain::payment::Settlement;
use crate::domain::sale::SaleDraft;

fn m(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn q(text: &str) -> Quantity {
    Quantity::new(Decimal::from_str(text).unwrap()).unwrap()
}

const AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 12,
    day: 1,
    hour: 12,
    minute: 0,
    second: 0,
};

fn aos_customer() -> Customer {
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

fn lines() -> Vec<Line> {
    let apples = LineDraft::product("Apples", m("18990"), q("0.750"), 12);
    let tea = LineDraft::product("Tea", m("15000"), q("2"), 12);
    [apples, tea]
        .into_iter()
        .map(|d| Line::new(d).unwrap())
        .collect()
}

/// 14 242.50 + 30 000 = 44 242.50: 1 000 cashback, 20 000 card, 23 242.50 cash.
fn aos_sale() -> Sale {
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: Some(aos_customer()),
        lines: lines(),
        bill_discount: None,
        loyalty_tenders: vec![LoyaltyTender::cashback(Money::sum(1_000))],
        settlement: Settlement::new(m("43242.50"), m("23242.50"), Money::sum(20_000)).unwrap(),
    };
    Sale::finalize(draft, ReceiptNumber("T1-S-000001".into()), AT).unwrap()
}

fn draft(picks: &[(usize, &str)]) -> RefundDraft {
    RefundDraft {
        cashier: "Aziza".into(),
        picks: picks
            .iter()
            .map(|&(line, quantity)| RefundPick {
                line,
                quantity: q(quantity),
            })
            .collect(),
        card: None,
    }
}

fn refund(sale: &Sale, before: &[Refund], picks: &[(usize, &str)], n: u32) -> Refund {
    Refundable::of(sale, before)
        .unwrap()
        .quote(&draft(picks), Earned::default())
        .unwrap()
        .finalize(ReceiptNumber(format!("T1-S-{n:06}")), AT)
}

#[test]
fn part_of_a_weighed_line_pays_back_each_tender_its_share() {
    let sale = aos_sale();
    let first = refund(&sale, &[], &[(0, "0.25")], 2);
    // 14 242.50 × 0.25 / 0.75 = 4 747.50 = 18 990 × 0.25: no discount.
    let line = &first.lines()[0].line;
    assert_eq!((line.total(), line.discount()), (m("4747.50"), Money::ZERO));
    assert_eq!(line.vat(), m("508.66"));
    assert_eq!(first.original(), sale.number());
    assert!(!first.is_whole());
    // Shares of 4 747.50 / 44 242.50, rounded down: cashback 1 000 → 107.30,
    // card 20 000 → 2 146.12; cash the rest, 2 494.08.
    let tenders = first.tenders();
    assert_eq!(tenders.cashback, m("107.30"));
    assert_eq!(tenders.card, m("2146.12"));
    assert_eq!(tenders.cash, m("2494.08"));
    assert_eq!(tenders.total(), first.total());
    // Earned (unknown yet): (44 242.50 − 1 000) × 5 % = 2 162.125 → 2 162.13;
    // its share 23 201.02 tiyin, rounded up: 232.02.
    assert_eq!(first.reversal().cashback_taken_back, Some(m("232.02")));
    assert_eq!(first.reversal().points_taken_back, None);
    let totals = first.totals();
    assert_eq!(totals.bonus, m("107.30"));
    assert_eq!(totals.total_due, m("4640.20"));

    // The rest lands exactly on what the sale had left.
    let refundable = Refundable::of(&sale, std::slice::from_ref(&first)).unwrap();
    assert_eq!(refundable.lines()[0].quantity, Decimal::new(5, 1));
    assert_eq!(refundable.lines()[0].amount, m("9495.00"));
    let rest = refundable
        .quote(
            &RefundDraft {
                picks: refundable.everything(),
                ..draft(&[])
            },
            Earned {
                cashback: Some(m("2162.13")),
                points: None,
            },
        )
        .unwrap();
    assert_eq!(rest.total(), m("39495.00"));
    assert_eq!(rest.tenders().cashback, m("892.70"));
    assert_eq!(rest.tenders().card, m("17853.88"));
    assert_eq!(rest.tenders().cash, m("20748.42"));
    assert_eq!(rest.reversal().cashback_taken_back, Some(m("1930.11")));
    let second = rest.finalize(ReceiptNumber("T1-S-000003".into()), AT);
    let done = Refundable::of(&sale, &[first, second]).unwrap();
    assert!(done.is_exhausted());
    assert_eq!(done.refunded(), m("44242.50"));
    assert_eq!(*done.paid_back(), Tenders::of_sale(&sale));
    assert_eq!(
        done.quote(&draft(&[(1, "1")]), Earned::default()),
        Err(RefundError::AboveRefundable {
            line: 1,
            left: Decimal::ZERO
        })
    );
}

#[test]
fn a_second_refund_of_the_same_line_cannot_pass_what_is_left() {
    let sale = aos_sale();
    let first = refund(&sale, &[], &[(0, "0.25")], 2);
    let refundable = Refundable::of(&sale, &[first]).unwrap();
    assert_eq!(
        refundable.quote(&draft(&[(0, "0.6")]), Earned::default()),
        Err(RefundError::AboveRefundable {
            line: 0,
            left: Decimal::new(500, 3)
        })
    );
    assert_eq!(
        refundable.quote(&draft(&[(0, "0.1"), (0, "0.1")]), Earned::default()),
        Err(RefundError::LinePickedTwice { line: 0 })
    );
    assert_eq!(
        refundable.quote(&draft(&[(7, "1")]), Earned::default()),
        Err(RefundError::NoSuchLine { line: 7 })
    );
    assert_eq!(
        refundable.quote(&draft(&[]), Earned::default()),
        Err(RefundError::Empty)
    );
}

#[test]
fn partial_refunds_of_a_discounted_line_add_up_to_its_total() {
    // 3 × 10.00 − 0.01 = 29.99, one piece at a time: 10.00, 9.99, 10.00.
    let line = Line::new(LineDraft {
        discount: m("0.01"),
        ..LineDraft::product("Soap", m("10"), q("3"), 12)
    })
    .unwrap();
    let draft_sale = SaleDraft {
        cashier: "Aziza".into(),
        customer: None,
        lines: vec![line],
        bill_discount: None,
        loyalty_tenders: Vec::new(),
        settlement: Settlement::new(m("29.99"), m("29.99"), Money::ZERO).unwrap(),
    };
    let sale = Sale::finalize(draft_sale, ReceiptNumber("R".into()), AT).unwrap();
    let mut refunds = Vec::new();
    let mut amounts = Vec::new();
    for n in 0..3 {
        let next = refund(&sale, &refunds, &[(0, "1")], n);
        amounts.push(next.total());
        assert_eq!(next.tenders().cash, next.total());
        assert_eq!(next.reversal().cashback_taken_back, None);
        refunds.push(next);
    }
    assert_eq!(amounts, [m("10.00"), m("9.99"), m("10.00")]);
    assert_eq!(refunds[1].lines()[0].line.discount(), m("0.01"));
}

#[test]
fn the_cashier_may_move_the_money_part_but_not_overfill_the_card() {
    let sale = aos_sale();
    let refundable = Refundable::of(&sale, &[]).unwrap();
    let all_cash = RefundDraft {
        card: Some(Money::ZERO),
        ..draft(&[(1, "1")])
    };
    let quote = refundable.quote(&all_cash, Earned::default()).unwrap();
    // 15 000: cashback 15 000 × 1 000 / 44 242.50 = 339.04…, the rest in cash.
    assert_eq!(quote.tenders().cashback, m("339.04"));
    assert_eq!(quote.tenders().card, Money::ZERO);
    assert_eq!(quote.tenders().cash, m("14660.96"));
    let too_much = RefundDraft {
        card: Some(m("14660.97")),
        ..draft(&[(1, "1")])
    };
    assert_eq!(
        refundable.quote(&too_much, Earned::default()),
        Err(RefundError::CardAboveLeft {
            most: m("14660.96")
        })
    );
}

#[test]
fn points_count_but_do_not_go_back_and_in_app_goes_back_whole_only() {
    let member = Customer {
        id: CustomerId::Mobile(MobileNumber::parse("998901234567").unwrap()),
        points: Some(6_420),
        percent: Decimal::ZERO,
        ..aos_customer()
    };
    let sale = |tender: LoyaltyTender| {
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer: Some(member.clone()),
            lines: lines(),
            bill_discount: None,
            loyalty_tenders: vec![tender],
            settlement: Settlement::new(m("43742.50"), m("43742.50"), Money::ZERO).unwrap(),
        };
        Sale::finalize(draft, ReceiptNumber("C1".into()), AT).unwrap()
    };
    // 1 000 points for 500 sum; tea back (30 000 of 44 242.50): 339.04… → 339.04
    // and 678.08… → 678 points; earned 44 points → 29.83… → 30 taken back.
    let points = sale(LoyaltyTender::points(1_000, Money::sum(500)));
    let quote = Refundable::of(&points, &[])
        .unwrap()
        .quote(
            &draft(&[(1, "2")]),
            Earned {
                cashback: None,
                points: Some(44),
            },
        )
        .unwrap();
    assert_eq!(quote.tenders().points, m("339.04"));
    assert_eq!(quote.tenders().points_count, 678);
    assert_eq!(quote.tenders().cash, m("29660.96"));
    assert_eq!(quote.reversal().points_taken_back, Some(30));
    assert_eq!(quote.reversal().cashback_taken_back, None);

    let in_app = sale(LoyaltyTender {
        kind: LoyaltyTenderKind::InApp,
        amount: Money::sum(500),
        points: 0,
    });
    let refundable = Refundable::of(&in_app, &[]).unwrap();
    assert_eq!(
        refundable.quote(&draft(&[(1, "2")]), Earned::default()),
        Err(RefundError::InAppWholeOnly)
    );
    let whole = refundable
        .quote(&draft(&[(1, "2"), (0, "0.75")]), Earned::default())
        .unwrap();
    assert!(whole.is_whole());
    assert_eq!(whole.lines()[0].original_line, 0);
    assert_eq!(whole.tenders().in_app, Money::sum(500));
    assert_eq!(whole.tenders().cash, m("43742.50"));
}

#[test]
fn a_refund_that_does_not_fit_the_sale_is_a_damaged_journal() {
    let sale = aos_sale();
    let first = refund(&sale, &[], &[(0, "0.5")], 2);
    let again = first.clone();
    assert_eq!(
        Refundable::of(&sale, &[first, again]),
        Err(RefundError::JournalMismatch)
    );
    let other = refund(&sale, &[], &[(0, "0.5")], 3);
    let parts = |tenders: Tenders| RefundParts {
        original: other.original().clone(),
        cashier: other.cashier().to_owned(),
        customer: other.customer().cloned(),
        lines: other.lines().to_vec(),
        tenders,
        reversal: *other.reversal(),
        whole: false,
    };
    assert!(RefundQuote::from_parts(parts(*other.tenders())).is_some());
    let short = Tenders {
        cash: other.tenders().cash.saturating_sub(m("0.01")),
        ..*other.tenders()
    };
    assert_eq!(RefundQuote::from_parts(parts(short)), None);
}
