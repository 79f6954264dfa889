//! Golden receipts: sales computed by hand, rung up through the public domain
//! API, and the exact AOS transaction body each one sends.
//!
//! Every figure below is the hand computation, with its arithmetic in a
//! comment; `tests/golden/<case>.json` holds the body byte for byte (plus one
//! newline). A golden file is the contract as the server sees it, so one that
//! changes must be read and checked by hand again, number by number, before
//! it is committed. `KASSA_BLESS_GOLDEN=1 cargo test --test golden_receipts`
//! rewrites the files from the code; it proves nothing until they are read.

use std::path::PathBuf;
use std::str::FromStr;
use std::{env, fs};

use kassa::domain::cashback;
use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::{ClassCode, CommissionTin, Line, LineDraft};
use kassa::domain::loyalty_tender::cashback_spend;
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::receipt::Totals;
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::loyalty::aos::wire::{PaymentLabels, TransactionBody};
use rust_decimal::Decimal;

/// A made-up branch token: the real one is a secret.
const FILIAL: &str = "golden-branch-token";
const CASHIER: &str = "Aziza";

/// A sale as the cashier puts it together.
struct Receipt {
    number: &'static str,
    at: LocalDateTime,
    customer: Option<Customer>,
    lines: Vec<LineDraft>,
    spend: Spend,
    cash_given: &'static str,
    card: &'static str,
}

/// The cashback the cashier asks to spend.
enum Spend {
    Nothing,
    Amount(&'static str),
    /// The most the receipt can take, as offered by the "use all" button.
    Most,
}

/// The figures the cashier and the customer see.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    total_before_bonus: Money,
    vat_total: Money,
    bonus: Money,
    total_due: Money,
    change: Money,
    cashback_earned: Money,
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn sum(text: &str) -> Money {
    Money::new(decimal(text)).unwrap()
}

fn product(name: &str, price: &str, quantity: &str, vat_percent: u8) -> LineDraft {
    LineDraft::product(
        name,
        sum(price),
        Quantity::new(decimal(quantity)).unwrap(),
        vat_percent,
    )
}

fn customer(balance: &str, percent: &str) -> Customer {
    Customer {
        id: CustomerId::AosCode(
            CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
        ),
        name: "Dilnoza Rahimova".into(),
        phone: Some("+998901234567".into()),
        balance: sum(balance),
        percent: decimal(percent),
        card_type: "static".into(),
        points: None,
        tier: None,
    }
}

/// A single-digit month and day, so that zero padding is on the wire.
fn on_4_march(hour: u8, minute: u8, second: u8) -> LocalDateTime {
    LocalDateTime {
        year: 2025,
        month: 3,
        day: 4,
        hour,
        minute,
        second,
    }
}

/// Rings up `receipt` the way the till does, checks its figures against the
/// hand computation, then its body against `tests/golden/<case>.json`.
fn ring_up(case: &str, receipt: Receipt, expected: Figures) {
    let lines: Vec<Line> = receipt
        .lines
        .into_iter()
        .map(|draft| Line::new(draft).unwrap())
        .collect();
    let customer = receipt.customer.as_ref();
    let before_bonus = Totals::of(&lines, Money::ZERO).total_before_bonus;
    let asked = match receipt.spend {
        Spend::Nothing => None,
        Spend::Amount(amount) => Some(sum(amount)),
        Spend::Most => Some(cashback::max_spend(customer, before_bonus)),
    };
    let bonus = asked.map_or(Money::ZERO, |amount| {
        cashback::check_spend(amount, customer, before_bonus).unwrap()
    });
    let totals = Totals::of(&lines, bonus);
    let settlement =
        Settlement::new(totals.total_due, sum(receipt.cash_given), sum(receipt.card)).unwrap();
    let percent = customer.map_or(Decimal::ZERO, |customer| customer.percent);
    let figures = Figures {
        total_before_bonus: totals.total_before_bonus,
        vat_total: totals.vat_total,
        bonus: totals.bonus,
        total_due: totals.total_due,
        change: settlement.change,
        cashback_earned: cashback::earned(totals.total_before_bonus, totals.bonus, percent),
    };
    assert_eq!(figures, expected, "{case}: figures");

    let sale = Sale::finalize(
        SaleDraft {
            cashier: CASHIER.into(),
            customer: receipt.customer,
            lines,
            bill_discount: None,
            loyalty_tenders: cashback_spend(bonus),
            settlement,
        },
        ReceiptNumber(receipt.number.into()),
        receipt.at,
    )
    .unwrap();
    let json = TransactionBody::new(&sale, FILIAL, &PaymentLabels::default()).to_json();
    assert_matches_golden(case, &json);
}

fn assert_matches_golden(case: &str, json: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", case]
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

#[test]
fn weighed_goods_at_12_percent() {
    ring_up(
        "weighed_goods_at_12_percent",
        Receipt {
            number: "T1-0001-000001",
            at: on_4_march(9, 5, 7),
            customer: Some(customer("50000", "5")),
            lines: vec![
                // 18 990 × 0.750 = 14 242.50; VAT 14 242.50 × 12/112 = 1 525.982… → 1 525.98
                product("Apples", "18990", "0.750", 12),
                // 84 500 × 1.234 = 104 273.00; VAT 104 273 × 12/112 = 11 172.107… → 11 172.11
                product("Cheese", "84500", "1.234", 12),
                // 15 990 × 2.345 = 37 496.55; VAT 37 496.55 × 12/112 = 4 017.4875 → 4 017.49
                product("Bananas", "15990", "2.345", 12),
                // 12 345.67 × 0.333 = 4 111.10811 → 4 111.11; VAT 4 111.11 × 12/112 = 440.476… → 440.48
                product("Walnuts", "12345.67", "0.333", 12),
            ],
            spend: Spend::Nothing,
            cash_given: "200000",
            card: "0",
        },
        Figures {
            // 14 242.50 + 104 273.00 + 37 496.55 + 4 111.11
            total_before_bonus: sum("160123.16"),
            // 1 525.98 + 11 172.11 + 4 017.49 + 440.48
            vat_total: sum("17156.06"),
            bonus: sum("0"),
            total_due: sum("160123.16"),
            // 200 000 − 160 123.16
            change: sum("39876.84"),
            // 160 123.16 × 5% = 8 006.158 → 8 006.16
            cashback_earned: sum("8006.16"),
        },
    );
}

#[test]
fn line_discounts_and_part_of_the_balance() {
    ring_up(
        "line_discounts_and_part_of_the_balance",
        Receipt {
            number: "T1-0001-000002",
            at: on_4_march(9, 12, 30),
            customer: Some(customer("10000", "5")),
            lines: vec![
                // 12 500 × 3 = 37 500 − 2 500 = 35 000; VAT 35 000 × 12/112 = 3 750.00
                LineDraft {
                    discount: sum("2500"),
                    ..product("Milk 1 l", "12500", "3", 12)
                },
                // 4 200 × 2 = 8 400 − 420.50 = 7 979.50; VAT 7 979.50 × 12/112 = 854.946… → 854.95
                LineDraft {
                    discount: sum("420.50"),
                    ..product("Bread", "4200", "2", 12)
                },
                // A gift: 89 900 − 89 900 = 0; VAT 0
                LineDraft {
                    discount: sum("89900"),
                    ..product("Coffee beans", "89900", "1", 12)
                },
            ],
            spend: Spend::Amount("5000"),
            cash_given: "37979.50",
            card: "0",
        },
        Figures {
            // 35 000 + 7 979.50 + 0
            total_before_bonus: sum("42979.50"),
            // 3 750.00 + 854.95 + 0
            vat_total: sum("4604.95"),
            bonus: sum("5000"),
            // 42 979.50 − 5 000
            total_due: sum("37979.50"),
            change: sum("0"),
            // 37 979.50 × 5% = 1 898.975 → 1 898.98 (half away from zero)
            cashback_earned: sum("1898.98"),
        },
    );
}

#[test]
fn bonus_is_the_whole_balance() {
    ring_up(
        "bonus_is_the_whole_balance",
        Receipt {
            number: "T1-0001-000003",
            at: on_4_march(10, 0, 0),
            customer: Some(customer("12345.67", "5")),
            lines: vec![
                // 24 990 × 2 = 49 980; VAT 49 980 × 12/112 = 5 355.00
                product("Rice 5 kg", "24990", "2", 12),
                // 31 500 × 1; VAT 31 500 × 12/112 = 3 375.00
                product("Sunflower oil", "31500", "1", 12),
            ],
            // min(balance 12 345.67, total 81 480) = the balance
            spend: Spend::Most,
            cash_given: "70000",
            card: "0",
        },
        Figures {
            // 49 980 + 31 500
            total_before_bonus: sum("81480"),
            // 5 355 + 3 375
            vat_total: sum("8730"),
            bonus: sum("12345.67"),
            // 81 480 − 12 345.67
            total_due: sum("69134.33"),
            // 70 000 − 69 134.33
            change: sum("865.67"),
            // 69 134.33 × 5% = 3 456.7165 → 3 456.72
            cashback_earned: sum("3456.72"),
        },
    );
}

#[test]
fn bonus_pays_the_whole_total() {
    ring_up(
        "bonus_pays_the_whole_total",
        Receipt {
            number: "T1-0001-000004",
            at: on_4_march(10, 45, 9),
            customer: Some(customer("200000", "5")),
            lines: vec![
                // 7 840 × 2 = 15 680; VAT 15 680 × 12/112 = 1 680.00
                product("Chocolate", "7840", "2", 12),
            ],
            // min(balance 200 000, total 15 680) = the total: nothing to pay,
            // so no payment is recorded at all
            spend: Spend::Most,
            cash_given: "0",
            card: "0",
        },
        Figures {
            total_before_bonus: sum("15680"),
            vat_total: sum("1680"),
            bonus: sum("15680"),
            total_due: sum("0"),
            change: sum("0"),
            // (15 680 − 15 680) × 5% = 0
            cashback_earned: sum("0"),
        },
    );
}

#[test]
fn split_cash_and_card_with_change() {
    ring_up(
        "split_cash_and_card_with_change",
        Receipt {
            number: "T1-0001-000005",
            at: on_4_march(11, 20, 41),
            customer: Some(customer("0", "5")),
            lines: vec![
                // VAT 45 000 × 12/112 = 4 821.428… → 4 821.43
                product("Shampoo", "45000", "1", 12),
                // VAT 60 005 × 12/112 = 6 429.107… → 6 429.11
                product("Bath towel", "60005", "1", 12),
            ],
            spend: Spend::Nothing,
            // 105 005 − 50 000 on the card = 55 005 in cash, from 60 000 handed over
            cash_given: "60000",
            card: "50000",
        },
        Figures {
            // 45 000 + 60 005
            total_before_bonus: sum("105005"),
            // 4 821.43 + 6 429.11
            vat_total: sum("11250.54"),
            bonus: sum("0"),
            total_due: sum("105005"),
            // 60 000 − 55 005
            change: sum("4995"),
            // 105 005 × 5% = 5 250.25
            cashback_earned: sum("5250.25"),
        },
    );
}

#[test]
fn card_only() {
    ring_up(
        "card_only",
        Receipt {
            number: "T1-0001-000006",
            at: on_4_march(12, 3, 58),
            customer: Some(customer("1500", "2.5")),
            lines: vec![
                // VAT 349 000 × 12/112 = 37 392.857… → 37 392.86
                LineDraft {
                    barcode: "8806094933970".into(),
                    class_code: ClassCode::parse("08518001001000000").unwrap(),
                    ..product("Headphones", "349000", "1", 12)
                },
            ],
            spend: Spend::Nothing,
            cash_given: "0",
            card: "349000",
        },
        Figures {
            total_before_bonus: sum("349000"),
            vat_total: sum("37392.86"),
            bonus: sum("0"),
            total_due: sum("349000"),
            change: sum("0"),
            // 349 000 × 2.5% = 8 725
            cashback_earned: sum("8725"),
        },
    );
}

#[test]
fn zero_rated_lines_among_12_percent_ones() {
    ring_up(
        "zero_rated_lines_among_12_percent_ones",
        Receipt {
            number: "T1-0001-000007",
            at: on_4_march(13, 30, 0),
            customer: Some(customer("0", "5")),
            lines: vec![
                // 3 500 × 2 = 7 000; VAT 0
                product("Flatbread", "3500", "2", 0),
                // 27 300; VAT 0
                product("Paracetamol", "27300", "1", 0),
                // 14 000 × 3 = 42 000; VAT 42 000 × 12/112 = 4 500.00
                product("Juice 1 l", "14000", "3", 12),
                // 6 990 × 4 = 27 960; VAT 27 960 × 12/112 = 2 995.714… → 2 995.71
                product("Yogurt", "6990", "4", 12),
            ],
            spend: Spend::Nothing,
            cash_given: "110000",
            card: "0",
        },
        Figures {
            // 7 000 + 27 300 + 42 000 + 27 960
            total_before_bonus: sum("104260"),
            // 0 + 0 + 4 500 + 2 995.71
            vat_total: sum("7495.71"),
            bonus: sum("0"),
            total_due: sum("104260"),
            // 110 000 − 104 260
            change: sum("5740"),
            // 104 260 × 5% = 5 213
            cashback_earned: sum("5213"),
        },
    );
}

#[test]
fn commission_lines_with_tin_and_pinfl() {
    ring_up(
        "commission_lines_with_tin_and_pinfl",
        Receipt {
            number: "T1-0001-000008",
            at: on_4_march(14, 15, 16),
            customer: Some(customer("0", "5")),
            lines: vec![
                // Sold for a company (9-digit TIN). VAT 120 000 × 12/112 = 12 857.142… → 12 857.14
                LineDraft {
                    class_code: ClassCode::parse("10202001001000000").unwrap(),
                    commission_tin: CommissionTin::parse("123456789").unwrap(),
                    ..product("Phone case (commission)", "120000", "1", 12)
                },
                // Sold for a person (14-digit PINFL). VAT 250 000 × 12/112 = 26 785.714… → 26 785.71
                LineDraft {
                    class_code: ClassCode::parse("10202001001000000").unwrap(),
                    commission_tin: CommissionTin::parse("31234567890123").unwrap(),
                    ..product("Handmade bag (commission)", "250000", "1", 12)
                },
                // The shop's own goods. 3 000 × 2 = 6 000; VAT 6 000 × 12/112 = 642.857… → 642.86
                LineDraft {
                    barcode: "4780000000017".into(),
                    ..product("Water 0.5 l", "3000", "2", 12)
                },
            ],
            spend: Spend::Nothing,
            cash_given: "0",
            card: "376000",
        },
        Figures {
            // 120 000 + 250 000 + 6 000
            total_before_bonus: sum("376000"),
            // 12 857.14 + 26 785.71 + 642.86
            vat_total: sum("40285.71"),
            bonus: sum("0"),
            total_due: sum("376000"),
            change: sum("0"),
            // 376 000 × 5% = 18 800
            cashback_earned: sum("18800"),
        },
    );
}

/// Every rounding here lands exactly on a half tiyin whose lower neighbour is
/// even, so half-to-even (banker's) rounding would give one tiyin less.
#[test]
fn half_tiyins_round_away_from_zero() {
    ring_up(
        "half_tiyins_round_away_from_zero",
        Receipt {
            number: "T1-0001-000009",
            at: on_4_march(15, 0, 1),
            customer: Some(customer("5000", "5")),
            lines: vec![
                // VAT 100 000.18 × 12/112 = 10 714.305 → 10 714.31, not 10 714.30
                product("Television", "100000.18", "1", 12),
                // 4 320.98 × 0.250 = 1 080.245 → 1 080.25, not 1 080.24;
                // VAT 1 080.25 × 12/112 = 115.741… → 115.74
                product("Parmesan", "4320.98", "0.250", 12),
            ],
            spend: Spend::Amount("70.33"),
            cash_given: "101010.10",
            card: "0",
        },
        Figures {
            // 100 000.18 + 1 080.25
            total_before_bonus: sum("101080.43"),
            // 10 714.31 + 115.74
            vat_total: sum("10830.05"),
            bonus: sum("70.33"),
            // 101 080.43 − 70.33
            total_due: sum("101010.10"),
            change: sum("0"),
            // 101 010.10 × 5% = 5 050.505 → 5 050.51, not 5 050.50
            cashback_earned: sum("5050.51"),
        },
    );
}

/// Each line is rounded on its own, as it is printed: the receipt differs from
/// what rounding the whole receipt once would give.
#[test]
fn many_small_lines_round_one_by_one() {
    let candy = || product("Candy", "1.00", "1", 12);
    let seeds = || product("Sunflower seeds", "0.99", "0.335", 12);
    ring_up(
        "many_small_lines_round_one_by_one",
        Receipt {
            number: "T1-0001-000010",
            at: on_4_march(16, 40, 22),
            customer: Some(customer("0", "5")),
            lines: vec![
                // Each: 1.00; VAT 1.00 × 12/112 = 0.107… → 0.11
                candy(),
                candy(),
                candy(),
                candy(),
                candy(),
                candy(),
                candy(),
                // Each: 0.99 × 0.335 = 0.33165 → 0.33; VAT 0.33 × 12/112 = 0.0353… → 0.04
                seeds(),
                seeds(),
                seeds(),
                seeds(),
                seeds(),
            ],
            spend: Spend::Nothing,
            cash_given: "10",
            card: "0",
        },
        Figures {
            // 7 × 1.00 + 5 × 0.33 (rounded once, 7 + 5 × 0.33165 = 8.65825 would be 8.66)
            total_before_bonus: sum("8.65"),
            // 7 × 0.11 + 5 × 0.04 (once on the total, 8.65 × 12/112 = 0.926… would be 0.93)
            vat_total: sum("0.97"),
            bonus: sum("0"),
            total_due: sum("8.65"),
            // 10 − 8.65
            change: sum("1.35"),
            // 8.65 × 5% = 0.4325 → 0.43
            cashback_earned: sum("0.43"),
        },
    );
}

#[test]
fn sale_without_a_loyalty_customer() {
    ring_up(
        "sale_without_a_loyalty_customer",
        Receipt {
            number: "T1-0001-000011",
            at: on_4_march(21, 59, 59),
            customer: None,
            lines: vec![
                // 3 000 × 2 = 6 000; VAT 6 000 × 12/112 = 642.857… → 642.86
                product("Water 0.5 l", "3000", "2", 12),
                // VAT 5 500 × 12/112 = 589.285… → 589.29
                product("Chewing gum", "5500", "1", 12),
            ],
            spend: Spend::Nothing,
            cash_given: "20000",
            card: "0",
        },
        Figures {
            // 6 000 + 5 500
            total_before_bonus: sum("11500"),
            // 642.86 + 589.29
            vat_total: sum("1232.15"),
            bonus: sum("0"),
            total_due: sum("11500"),
            // 20 000 − 11 500
            change: sum("8500"),
            // No customer, no percent
            cashback_earned: sum("0"),
        },
    );
}
