//! Golden srv4pos bodies: what Kassa posts to the store server for a sale,
//! a refund and cash in/out, byte for byte (`tests/golden/srv4pos/`).
//!
//! Every figure is computed by hand in the comments. A golden file that
//! changes must be read and checked again before it is committed;
//! `KASSA_BLESS_GOLDEN=1 cargo test --test srv4pos_bodies` rewrites them.

use std::path::PathBuf;
use std::str::FromStr;
use std::{env, fs};

use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::loyalty_tender::cashback_spend;
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::refund::{Earned, RefundDraft, RefundPick, Refundable};
use kassa::domain::report::{CashMovement, CashMovementKind};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::srv4pos::sales::{BalanceBody, PaymentType, SaleBody, SaleLine, SalePayment};
use rust_decimal::Decimal;

const IDENTIFIER: &str = "3f2b8c1e-6a4d-4e59-9b7a-0c1d2e3f4a5b";
const REGISTER: &str = "Kassa 1";

fn sum(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn quantity(text: &str) -> Quantity {
    Quantity::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn line(name: &str, barcode: &str, price: &str, quantity_text: &str, discount: &str) -> Line {
    Line::new(LineDraft {
        barcode: barcode.into(),
        discount: sum(discount),
        ..LineDraft::product(name, sum(price), quantity(quantity_text), 12)
    })
    .unwrap()
}

fn assert_matches_golden(case: &str, json: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "srv4pos",
        case,
    ]
    .iter()
    .collect::<PathBuf>()
    .with_extension("json");
    let body = format!("{json}\n");
    if env::var_os("KASSA_BLESS_GOLDEN").is_some() {
        fs::write(&path, body).unwrap();
        return;
    }
    let golden = fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{case}: cannot read {}: {error}", path.display()));
    assert_eq!(body, golden, "{case}: body differs from {}", path.display());
}

/// Tea from the catalog (net 10 000.00 at 12 % → 11 200.00), two packs
/// with 100.00 off: 22 400.00 − 100.00 = 22 300.00. Apples weighed on the
/// scale, 1.25 kg × 18 990.00 = 23 737.50. A bag typed by hand, 500.00.
/// Total 46 537.50; 537.50 of cashback spent leaves 46 000.00: 20 000.00
/// on the card, 26 000.00 in cash (30 000.00 given, 4 000.00 change).
#[test]
fn a_sale_with_catalog_weighed_and_typed_lines() {
    let lines = vec![
        line("Choy", "4780000000011", "11200", "2", "100"),
        line("Olma", "2200023000008", "18990", "1.25", "0"),
        line("Paket", "", "500", "1", "0"),
    ];
    let customer = Customer {
        id: CustomerId::AosCode(
            CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
        ),
        name: "Dilnoza Rahimova".into(),
        phone: None,
        balance: sum("50000"),
        percent: Decimal::from(5),
        card_type: "static".into(),
        points: None,
        tier: None,
    };
    let settlement = Settlement::new(sum("46000"), sum("30000"), sum("20000")).unwrap();
    assert_eq!(settlement.change, sum("4000"));
    let sale = Sale::finalize(
        SaleDraft {
            cashier: "Aziza".into(),
            customer: Some(customer),
            lines,
            bill_discount: None,
            loyalty_tenders: cashback_spend(sum("537.50")),
            settlement,
        },
        ReceiptNumber("T1-0001-000042".into()),
        LocalDateTime {
            year: 2026,
            month: 12,
            day: 1,
            hour: 9,
            minute: 5,
            second: 7,
        },
    )
    .unwrap();
    let body = SaleBody::of_sale(&sale, IDENTIFIER, REGISTER, |line| match line.barcode() {
        "4780000000011" => Some("p1".into()),
        "2200023000008" => Some("p23".into()),
        _ => None,
    });
    assert_matches_golden("sale", &body.to_json());
}

/// One of the two teas back: 11 200.00 less its half of the discount,
/// 50.00, is 11 150.00, paid back in cash.
#[test]
fn a_refund_names_the_original_sale() {
    let body = SaleBody {
        identifier: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d".into(),
        cash_register_name: REGISTER.into(),
        receipt_number: "T1-0001-000043".into(),
        date: "2026-12-01T11:30:00".into(),
        cashier: "Aziza".into(),
        refund: true,
        original: Some(IDENTIFIER.into()),
        lines: vec![SaleLine {
            product: Some("p1".into()),
            name: "Choy".into(),
            quantity: 1000,
            price: 1_120_000,
            discount: 5_000,
            vat: 12,
            amount: 1_115_000,
        }],
        payments: vec![SalePayment {
            kind: PaymentType::Cash,
            amount: 1_115_000,
        }],
    };
    assert_matches_golden("refund", &body.to_json());

    // The same refund as the till works it out from the sale.
    let teas = line("Choy", "4780000000011", "11200", "2", "100");
    let sale = Sale::finalize(
        SaleDraft {
            cashier: "Aziza".into(),
            customer: None,
            lines: vec![teas],
            bill_discount: None,
            loyalty_tenders: Vec::new(),
            settlement: Settlement::new(sum("22300"), sum("22300"), Money::ZERO).unwrap(),
        },
        ReceiptNumber("T1-0001-000042".into()),
        LocalDateTime {
            year: 2026,
            month: 12,
            day: 1,
            hour: 9,
            minute: 5,
            second: 7,
        },
    )
    .unwrap();
    let draft = RefundDraft {
        cashier: "Aziza".into(),
        picks: vec![RefundPick {
            line: 0,
            quantity: Quantity::ONE,
        }],
        card: None,
    };
    let refund = Refundable::of(&sale, &[])
        .unwrap()
        .quote(&draft, Earned::default())
        .unwrap()
        .finalize(
            ReceiptNumber("T1-0001-000043".into()),
            LocalDateTime {
                year: 2026,
                month: 12,
                day: 1,
                hour: 11,
                minute: 30,
                second: 0,
            },
        );
    let of_refund = SaleBody::of_refund(
        &refund,
        "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        IDENTIFIER,
        REGISTER,
        |_| Some("p1".into()),
    );
    assert_eq!(of_refund, body);
}

/// 500 000.00 in as a float for change; 120 000.50 out to the manager.
#[test]
fn cash_in_is_positive_and_cash_out_negative() {
    let float = CashMovement::new(CashMovementKind::In, sum("500000"), "Float").unwrap();
    let handed =
        CashMovement::new(CashMovementKind::Out, sum("120000.50"), "To the manager").unwrap();
    assert_matches_golden(
        "balance_in",
        &BalanceBody::of_movement(&float, "0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f0a").to_json(),
    );
    assert_matches_golden(
        "balance_out",
        &BalanceBody::of_movement(&handed, "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b").to_json(),
    );
}
