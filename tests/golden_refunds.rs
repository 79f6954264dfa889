//! Golden refund bodies: every request a refund stores in the outbox, byte
//! for byte, in `tests/golden/refunds/<case>.json` (plus one newline),
//! built from sales and refunds worked out by the domain, with the figures
//! checked by hand in the comments. A changed golden file is the contract
//! as the server sees it: read it number by number before committing it.
//! `KASSA_BLESS_GOLDEN=1 cargo test --test golden_refunds` rewrites them.

use std::path::PathBuf;
use std::str::FromStr;
use std::{env, fs};

use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::{ClassCode, Line, LineDraft};
use kassa::domain::loyalty_tender::{LoyaltyTender, LoyaltyTenderKind};
use kassa::domain::mobile::MobileNumber;
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::refund::{Earned, Refund, RefundDraft, RefundPick, Refundable};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::domain::shift::{CapillaryAccess, LoyaltyAccess, ServerAccess};
use kassa::loyalty::appspos;
use kassa::loyalty::capillary::plan::from_stored;
use kassa::loyalty::refund_plan;
use kassa::store::records::PendingSale;
use kassa::store::step::Step;
use rust_decimal::Decimal;

const SOLD_AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 12,
    day: 1,
    hour: 9,
    minute: 30,
    second: 0,
};

const REFUNDED_AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 12,
    day: 3,
    hour: 17,
    minute: 45,
    second: 12,
};

fn m(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn q(text: &str) -> Quantity {
    Quantity::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn aos_access() -> LoyaltyAccess {
    LoyaltyAccess::Aos(ServerAccess {
        base_url: "https://dev-api.aos-shop.uz".into(),
        branch_token: "branch-token-1".into(),
    })
}

fn capillary_access() -> LoyaltyAccess {
    LoyaltyAccess::Capillary(CapillaryAccess {
        base_url: "https://eu.api.capillarytech.com".into(),
        authorization: "Basic dGlsbDpoYXNo".into(),
    })
}

fn customer(id: CustomerId) -> Customer {
    Customer {
        id,
        name: "Dilnoza Rahimova".into(),
        phone: None,
        balance: Money::sum(50_000),
        percent: Decimal::from(5),
        card_type: "static".into(),
        points: Some(6_420),
        tier: None,
    }
}

fn aos_customer() -> Customer {
    customer(CustomerId::AosCode(
        CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
    ))
}

fn member() -> Customer {
    customer(CustomerId::Mobile(
        MobileNumber::parse("998901234567").unwrap(),
    ))
}

/// Apples 18 990 × 0.750 = 14 242.50 and two teas 15 000 × 2 = 30 000, both
/// at 12 %: 44 242.50, paid with `tender`, 20 000 by card, the rest cash.
fn sale(customer: Customer, tender: Option<LoyaltyTender>) -> Sale {
    let apples = Line::new(LineDraft {
        barcode: "2000001000007".into(),
        class_code: ClassCode::parse("08081001001000000").unwrap(),
        ..LineDraft::product("Apples", m("18990"), q("0.750"), 12)
    })
    .unwrap();
    let tea = Line::new(LineDraft {
        barcode: "4780000000017".into(),
        ..LineDraft::product("Tea", m("15000"), q("2"), 12)
    })
    .unwrap();
    let loyalty = tender.map_or(Money::ZERO, |t| t.amount);
    let due = m("44242.50") - loyalty;
    let card = Money::sum(20_000);
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: Some(customer),
        lines: vec![apples, tea],
        bill_discount: None,
        loyalty_tenders: tender.into_iter().collect(),
        settlement: Settlement::new(due, due - card, card).unwrap(),
    };
    Sale::finalize(draft, ReceiptNumber("T1-2612010930-000001".into()), SOLD_AT).unwrap()
}

fn refund(sale: &Sale, before: &[Refund], picks: &[(usize, &str)], card: Option<Money>) -> Refund {
    let draft = RefundDraft {
        cashier: "Bekzod".into(),
        picks: picks
            .iter()
            .map(|&(line, quantity)| RefundPick {
                line,
                quantity: q(quantity),
            })
            .collect(),
        card,
    };
    let number = ReceiptNumber(format!("T1-2612031745-{:06}", before.len() + 7));
    Refundable::of(sale, before)
        .unwrap()
        .quote(&draft, Earned::default())
        .unwrap()
        .finalize(number, REFUNDED_AT)
}

fn assert_matches_golden(case: &str, body: &str) {
    let file: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "refunds",
        case,
    ]
    .iter()
    .collect::<PathBuf>()
    .with_extension("json");
    let body = format!("{body}\n");
    if env::var_os("KASSA_BLESS_GOLDEN").is_some() {
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, body).unwrap();
        return;
    }
    let golden = fs::read_to_string(&file)
        .unwrap_or_else(|error| panic!("{case}: cannot read {}: {error}", file.display()));
    assert_eq!(body, golden, "{case}: body differs from {}", file.display());
}

fn only_step(plan: &PendingSale, sale: &Sale, refund: &Refund) -> (Step, String) {
    assert_eq!(plan.receipt_number, refund.number().0);
    assert_eq!(plan.original.as_deref(), Some(sale.number().0.as_str()));
    assert_eq!(plan.steps.len(), 1, "{plan:?}");
    (plan.steps[0].step, plan.steps[0].body.clone())
}

#[test]
fn aos_part_of_a_weighed_line() {
    let sale = sale(
        aos_customer(),
        Some(LoyaltyTender::cashback(Money::sum(1_000))),
    );
    // 0.25 kg of apples: 18 990 × 0.25 = 4 747.50 (= 14 242.50 × 0.25 /
    // 0.75), VAT 4 747.50 × 12 / 112 = 508.66. Of 4 747.50 / 44 242.50:
    // cashback 1 000 → 107.30 (down), card 20 000 → 2 146.12 (down), cash
    // the rest 2 494.08.
    let refund = refund(&sale, &[], &[(0, "0.25")], None);
    let plan = refund_plan::plan(&aos_access(), &sale, &refund, None).unwrap();
    let (step, body) = only_step(&plan, &sale, &refund);
    assert_eq!(step, Step::AosRefund);
    assert_matches_golden("aos_part_of_a_weighed_line", &body);
}

#[test]
fn aos_the_rest_in_cash() {
    let sale = sale(
        aos_customer(),
        Some(LoyaltyTender::cashback(Money::sum(1_000))),
    );
    let first = refund(&sale, &[], &[(0, "0.25")], None);
    // The rest (0.5 kg of apples, 9 495.00, and the teas, 30 000): cashback
    // 1 000 − 107.30 = 892.70; the cashier pays 38 602.30 all in cash.
    let rest = refund(&sale, &[first], &[(0, "0.5"), (1, "2")], Some(Money::ZERO));
    let plan = refund_plan::plan(&aos_access(), &sale, &rest, None).unwrap();
    let (_, body) = only_step(&plan, &sale, &rest);
    assert_matches_golden("aos_the_rest_in_cash", &body);
}

#[test]
fn capillary_return_of_one_tea_paid_partly_in_points() {
    // 1 000 points for 500 sum: one tea (15 000 of 44 242.50) → points
    // 500 × 0.3390… = 169.52 (down), card 20 000 × 0.3390… = 6 780.81
    // (down), cash the rest 8 049.67.
    let sale = sale(
        member(),
        Some(LoyaltyTender::points(1_000, Money::sum(500))),
    );
    let refund = refund(&sale, &[], &[(1, "1")], None);
    assert_eq!(refund.tenders().points_count, 339);
    let plan = refund_plan::plan(&capillary_access(), &sale, &refund, None).unwrap();
    let (step, stored) = only_step(&plan, &sale, &refund);
    assert_eq!(step, Step::CapillaryReturn);
    let request = from_stored(&stored).unwrap();
    assert_eq!(request.path, "/v1.1/transaction/add");
    assert_matches_golden(
        "capillary_return_of_one_tea",
        request.body.as_deref().unwrap(),
    );
}

#[test]
fn capillary_full_return() {
    let sale = sale(member(), None);
    let everything = Refundable::of(&sale, &[]).unwrap().everything();
    let picks: Vec<(usize, String)> = everything
        .iter()
        .map(|p| (p.line, p.quantity.to_string()))
        .collect();
    let picks: Vec<(usize, &str)> = picks.iter().map(|(l, q)| (*l, q.as_str())).collect();
    let refund = refund(&sale, &[], &picks, None);
    assert!(refund.is_whole());
    let plan = refund_plan::plan(&capillary_access(), &sale, &refund, None).unwrap();
    let request = from_stored(&only_step(&plan, &sale, &refund).1).unwrap();
    assert_matches_golden("capillary_full_return", request.body.as_deref().unwrap());
}

#[test]
fn appspos_refund_of_a_sale_paid_in_the_app() {
    let in_app = LoyaltyTender {
        kind: LoyaltyTenderKind::InApp,
        amount: Money::sum(8_000),
        points: 0,
    };
    let sale = sale(member(), Some(in_app));
    let everything = Refundable::of(&sale, &[]).unwrap();
    let draft = RefundDraft {
        cashier: "Bekzod".into(),
        picks: everything.everything(),
        card: None,
    };
    let refund = everything
        .quote(&draft, Earned::default())
        .unwrap()
        .finalize(ReceiptNumber("T1-2612031745-000007".into()), REFUNDED_AT);
    assert_eq!(refund.tenders().in_app, Money::sum(8_000));
    let plan =
        refund_plan::plan(&LoyaltyAccess::None, &sale, &refund, Some("05032020103628")).unwrap();
    let (step, body) = only_step(&plan, &sale, &refund);
    assert_eq!(step, Step::AppsPosRefund);
    // The stored request is the call whose signed bytes
    // tests/golden/appspos/refund.json holds.
    assert_eq!(
        appspos::wire::AppsPosRequest::from_stored(&body),
        Some(appspos::wire::refund("05032020103628"))
    );
}

#[test]
fn refunds_with_nothing_to_reverse_have_no_plan() {
    let mut anonymous = sale(aos_customer(), None);
    let refund_of = |sale: &Sale| refund(sale, &[], &[(1, "1")], None);
    // No loyalty program this shift; a sale without a member.
    assert_eq!(
        refund_plan::plan(
            &LoyaltyAccess::None,
            &anonymous,
            &refund_of(&anonymous),
            None
        ),
        None
    );
    anonymous = {
        let draft = SaleDraft {
            customer: None,
            cashier: anonymous.cashier().to_owned(),
            lines: anonymous.rung_up_lines().to_vec(),
            bill_discount: None,
            loyalty_tenders: Vec::new(),
            settlement: anonymous.settlement().clone(),
        };
        Sale::finalize(draft, anonymous.number().clone(), SOLD_AT).unwrap()
    };
    let refund = refund_of(&anonymous);
    assert_eq!(
        refund_plan::plan(&aos_access(), &anonymous, &refund, None),
        None
    );
    assert_eq!(
        refund_plan::plan(&capillary_access(), &anonymous, &refund, None),
        None
    );
}
