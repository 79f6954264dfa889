use rust_decimal::Decimal;

use super::*;
use crate::domain::customer::{Customer, CustomerCode, CustomerId};
use crate::domain::line::{Line, LineDraft};
use crate::domain::loyalty_tender::LoyaltyTender;
use crate::domain::money::Money;
use crate::domain::number_input::{parse_money, parse_quantity};
use crate::domain::payment::Settlement;
use crate::domain::refund::RefundPick;
use crate::domain::sale::SaleDraft;
use crate::loyalty::error::LoyaltyError;
use crate::store::outbox::AcceptedFigures;

const AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 12,
    day: 1,
    hour: 9,
    minute: 0,
    second: 0,
};

fn sale_record() -> SaleRecord {
    let apples = LineDraft::product(
        "Apples",
        parse_money("18990").unwrap(),
        parse_quantity("0.750").unwrap(),
        12,
    );
    let tea = LineDraft::product(
        "Tea",
        parse_money("15000").unwrap(),
        parse_quantity("2").unwrap(),
        12,
    );
    let customer = Customer {
        id: CustomerId::AosCode(
            CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
        ),
        name: "Dilnoza".into(),
        phone: None,
        balance: Money::sum(5_000),
        percent: Decimal::from(5),
        card_type: "static".into(),
        points: None,
        tier: None,
    };
    let due = parse_money("43242.50").unwrap();
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: Some(customer),
        lines: [apples, tea]
            .into_iter()
            .map(|d| Line::new(d).unwrap())
            .collect(),
        bill_discount: None,
        loyalty_tenders: vec![LoyaltyTender::cashback(Money::sum(1_000))],
        settlement: Settlement::new(due, due - Money::sum(20_000), Money::sum(20_000)).unwrap(),
    };
    let sale = Sale::finalize(draft, ReceiptNumber("T1-S-000001".into()), AT).unwrap();
    let mut record = SaleRecord::new(&sale, "S");
    record.earned = Some("2162.13".into());
    record
}

#[test]
fn the_points_a_sale_earned_come_from_its_record_and_older_records_read() {
    let mut sale = sale_record();
    let json = serde_json::to_string(&sale).unwrap();
    assert!(!json.contains("earnedPoints"), "{json}");
    sale.earned_points = Some(44);
    let json = serde_json::to_string(&sale).unwrap();
    let back: SaleRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(
        RefundBasis::read(&back, &[]).unwrap().earned.points,
        Some(44)
    );
}

fn draft(line: usize, quantity: &str) -> RefundDraft {
    RefundDraft {
        cashier: "Bekzod".into(),
        picks: vec![RefundPick {
            line,
            quantity: parse_quantity(quantity).unwrap(),
        }],
        card: None,
    }
}

fn finalized(basis: &RefundBasis, line: usize, quantity: &str, n: u32) -> (Refund, RefundRecord) {
    let draft = draft(line, quantity);
    let shown = basis
        .refundable()
        .unwrap()
        .quote(&draft, basis.earned)
        .unwrap();
    basis
        .finalize(
            &draft,
            &shown,
            ReceiptNumber(format!("T1-S-{n:06}")),
            AT,
            "S2",
        )
        .unwrap()
}

#[test]
fn a_refund_comes_back_from_its_record_unchanged() {
    let sale = sale_record();
    let basis = RefundBasis::read(&sale, &[]).unwrap();
    assert_eq!(basis.earned.cashback, Some(parse_money("2162.13").unwrap()));
    let (refund, record) = finalized(&basis, 0, "0.25", 2);
    assert_eq!(record.original, "T1-S-000001");
    assert_eq!(record.shift_tag, "S2");
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains(r#""originalLine":0"#), "{json}");
    assert!(json.contains(r#""cashback":"107.30""#), "{json}");
    assert!(json.contains(r#""cashbackTakenBack":"232.02""#), "{json}");
    let back: RefundRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back.refund(), Some(refund.clone()));

    // The journal now says 0.5 kg of apples are left.
    let basis = RefundBasis::read(&sale, &[back]).unwrap();
    let left = basis.refundable().unwrap().lines()[0];
    assert_eq!(left.quantity, Decimal::new(5, 1));
}

#[test]
fn a_refund_recorded_meanwhile_is_not_refunded_again() {
    let sale = sale_record();
    let before = RefundBasis::read(&sale, &[]).unwrap();
    let draft = draft(0, "0.5");
    let shown = before
        .refundable()
        .unwrap()
        .quote(&draft, before.earned)
        .unwrap();
    // Another tab refunds 0.5 kg first.
    let (_, theirs) = finalized(&before, 0, "0.5", 2);
    let now = RefundBasis::read(&sale, &[theirs]).unwrap();
    let number = ReceiptNumber("T1-S-000003".into());
    assert_eq!(
        now.finalize(&draft, &shown, number.clone(), AT, "S"),
        Err(RefundError::AboveRefundable {
            line: 0,
            left: Decimal::new(250, 3)
        })
    );
    // A smaller pick still fits, but is not what the cashier was shown.
    let smaller = self::draft(0, "0.25");
    let shown_before = before
        .refundable()
        .unwrap()
        .quote(&smaller, before.earned)
        .unwrap();
    assert_eq!(
        now.finalize(&smaller, &shown_before, number, AT, "S"),
        Err(RefundError::ChangedMeanwhile)
    );
}

#[test]
fn a_damaged_refund_record_stops_refunds_of_its_sale_only() {
    let sale = sale_record();
    let basis = RefundBasis::read(&sale, &[]).unwrap();
    let (_, mut record) = finalized(&basis, 1, "1", 2);
    record.tenders.cash = "lots".into();
    assert_eq!(
        RefundBasis::read(&sale, std::slice::from_ref(&record)),
        Err(RefundError::JournalMismatch)
    );
    record.original = "T1-S-000099".into();
    assert!(RefundBasis::read(&sale, &[record])
        .unwrap()
        .refunds
        .is_empty());
    let mut damaged_sale = sale_record();
    damaged_sale.lines[0].quantity = "-1".into();
    assert_eq!(
        RefundBasis::read(&damaged_sale, &[]),
        Err(RefundError::JournalMismatch)
    );
}

#[test]
fn the_loyalty_outcome_is_kept_with_the_refund() {
    let sale = sale_record();
    let (_, mut record) = finalized(&RefundBasis::read(&sale, &[]).unwrap(), 1, "1", 2);
    let settle = |record: &mut RefundRecord, answer| {
        record.settle(&SaleSettlement {
            answer,
            refused: Vec::new(),
        });
        record.loyalty.clone()
    };
    let reversed = AcceptedFigures {
        bonus_taken_back: Some(Money::sum(733)),
        ..AcceptedFigures::default()
    };
    assert_eq!(
        settle(&mut record, Ok(reversed)),
        Some(RefundLoyalty::Reversed {
            cashback_taken_back: Some("733.00".into()),
            points_taken_back: None
        })
    );
    let missing = AcceptedFigures {
        refund_not_offered: true,
        ..AcceptedFigures::default()
    };
    assert_eq!(
        settle(&mut record, Ok(missing)),
        Some(RefundLoyalty::NotOffered)
    );
    let refused = Err(LoyaltyError::Rejected("original receipt not found".into()));
    assert!(matches!(
        settle(&mut record, refused),
        Some(RefundLoyalty::Refused { .. })
    ));
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains(r#""outcome":"refused""#), "{json}");
    assert_eq!(serde_json::from_str::<RefundRecord>(&json).unwrap(), record);
}

#[test]
fn stored_records_of_a_sale_are_found_and_a_damaged_one_is_not_skipped() {
    let sale = sale_record();
    let (_, record) = finalized(&RefundBasis::read(&sale, &[]).unwrap(), 1, "1", 2);
    let mut other = record.clone();
    other.original = "T1-S-000099".into();
    let texts = [&record, &other].map(|r| serde_json::to_string(r).unwrap());
    assert_eq!(records_of(&texts, "T1-S-000001"), Ok(vec![record.clone()]));
    let mut damaged = serde_json::to_value(&record).unwrap();
    damaged["lines"] = serde_json::json!("gone");
    let texts = [damaged.to_string(), "not json".to_owned()];
    assert_eq!(
        records_of(&texts, "T1-S-000001"),
        Err(RefundError::JournalMismatch)
    );
    assert_eq!(records_of(&texts, "T1-S-000099"), Ok(Vec::new()));
}
