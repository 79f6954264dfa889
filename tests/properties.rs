//! Properties of receipts over random valid input: what the golden receipts
//! show on a few hand-checked sales must hold on every sale.

use std::str::FromStr;

use kassa::domain::cashback;
use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::loyalty_tender::cashback_spend;
use kassa::domain::money::Money;
use kassa::domain::number_input::{
    format_money, format_quantity, parse_money, parse_quantity, NumberStyle,
};
use kassa::domain::payment::{Settlement, Tender};
use kassa::domain::quantity::Quantity;
use kassa::domain::receipt::Totals;
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::loyalty::aos::wire::{PaymentLabels, TransactionBody};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

const STYLES: [NumberStyle; 2] = [
    NumberStyle::CommaGroupsDotDecimal,
    NumberStyle::SpaceGroupsCommaDecimal,
];

fn tiyin(count: i64) -> Money {
    Money::new(Decimal::new(count, 2)).unwrap()
}

fn grams(count: i64) -> Quantity {
    Quantity::new(Decimal::new(count, 3)).unwrap()
}

/// `permille`‰ of `amount`, rounded down to the tiyin, so never more than it.
fn share(amount: Money, permille: u32) -> Money {
    let part = amount.amount() * Decimal::from(permille) / Decimal::ONE_THOUSAND;
    Money::new(part.trunc_with_scale(2)).unwrap()
}

/// A share in ‰ that often sits on the edges, where the rules bite.
fn permille() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0), Just(1000), 0..=1000u32]
}

prop_compose! {
    fn line()(
        price in 1..=1_000_000_000i64,
        // Whole pieces as often as weighed goods, in grams.
        quantity in prop_oneof![(1..=1000i64).prop_map(|n| n * 1000), 1..=1_000_000i64],
        discount in permille(),
        vat_percent in prop::sample::select(&[0u8, 12, 15][..]),
    ) -> Line {
        let draft = LineDraft::product("Item", tiyin(price), grams(quantity), vat_percent);
        let gross = Line::new(draft.clone()).unwrap().gross();
        Line::new(LineDraft { discount: share(gross, discount), ..draft }).unwrap()
    }
}

prop_compose! {
    fn customer()(balance in 0..=1_000_000_000_000i64, percent in 0..=10_000i64) -> Customer {
        Customer {
            id: CustomerId::AosCode(CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap()),
            name: "Dilnoza".into(),
            phone: None,
            balance: tiyin(balance),
            percent: Decimal::new(percent, 2),
            card_type: "static".into(),
            points: None,
            tier: None,
        }
    }
}

/// A cart, and how the cashier settles it: part of the most cashback it can
/// take, part of the rest on the card, and the cash handed over for the
/// remainder plus `extra_cash` to give back as change.
#[derive(Debug)]
struct Checkout {
    lines: Vec<Line>,
    customer: Option<Customer>,
    bonus_share: u32,
    card_share: u32,
    extra_cash: Money,
}

prop_compose! {
    fn checkout()(
        lines in prop::collection::vec(line(), 1..=20),
        customer in prop::option::of(customer()),
        bonus_share in permille(),
        card_share in permille(),
        extra_cash in prop_oneof![Just(0), 0..=10_000_000_000i64],
    ) -> Checkout {
        Checkout { lines, customer, bonus_share, card_share, extra_cash: tiyin(extra_cash) }
    }
}

impl Checkout {
    fn bonus(&self) -> Money {
        let total = Totals::of(&self.lines, Money::ZERO).total_before_bonus;
        share(
            cashback::max_spend(self.customer.as_ref(), total),
            self.bonus_share,
        )
    }

    fn settlement(&self) -> Settlement {
        let due = Totals::of(&self.lines, self.bonus()).total_due;
        let card = share(due, self.card_share);
        Settlement::new(due, due - card + self.extra_cash, card).unwrap()
    }

    fn sale(self) -> Sale {
        let bonus = self.bonus();
        let settlement = self.settlement();
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer: self.customer,
            lines: self.lines,
            bill_discount: None,
            loyalty_tenders: cashback_spend(bonus),
            settlement,
        };
        let at = LocalDateTime {
            year: 2025,
            month: 3,
            day: 4,
            hour: 12,
            minute: 0,
            second: 0,
        };
        Sale::finalize(draft, ReceiptNumber("T1-0001-000001".into()), at).unwrap()
    }
}

/// Any `Decimal` at all: every sign, scale and magnitude, and the extremes.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    let parts = |hi| {
        (any::<u32>(), any::<u32>(), hi, any::<bool>(), 0..=28u32).prop_map(
            |(lo, mid, hi, negative, scale)| Decimal::from_parts(lo, mid, hi, negative, scale),
        )
    };
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        // Small magnitudes, where the limits of money and quantities lie.
        parts(Just(0).boxed()),
        parts(any::<u32>().boxed()),
    ]
}

proptest! {
    #[test]
    fn totals_add_up_line_by_line(checkout in checkout()) {
        let bonus = checkout.bonus();
        let totals = Totals::of(&checkout.lines, bonus);
        let line_totals: Money = checkout.lines.iter().map(Line::total).sum();
        let line_vat: Money = checkout.lines.iter().map(Line::vat).sum();
        prop_assert_eq!(totals.total_before_bonus, line_totals);
        prop_assert_eq!(totals.vat_total, line_vat);
        prop_assert_eq!(totals.bonus, bonus);
        prop_assert_eq!(totals.total_due + totals.bonus, totals.total_before_bonus);
        for line in &checkout.lines {
            prop_assert!(line.vat() <= line.total(), "{line:?}");
            prop_assert!(line.vat().amount() >= Decimal::ZERO, "{line:?}");
        }
    }

    #[test]
    fn payments_settle_exactly_what_is_due(checkout in checkout()) {
        let due = Totals::of(&checkout.lines, checkout.bonus()).total_due;
        let settlement = checkout.settlement();
        prop_assert_eq!(settlement.paid(), due);
        prop_assert!(settlement.change.amount() >= Decimal::ZERO);
        prop_assert_eq!(settlement.change, checkout.extra_cash);
        let cash: Money = settlement
            .payments
            .iter()
            .filter(|payment| payment.tender == Tender::Cash)
            .map(|payment| payment.amount)
            .sum();
        prop_assert_eq!(cash + settlement.change, settlement.cash_given);
    }

    /// What "use all the cashback" offers is always a bonus the rules accept,
    /// and never makes the amount due negative.
    #[test]
    fn the_most_cashback_is_always_accepted(
        lines in prop::collection::vec(line(), 1..=20),
        customer in customer(),
    ) {
        let total = Totals::of(&lines, Money::ZERO).total_before_bonus;
        let most = cashback::max_spend(Some(&customer), total);
        prop_assert_eq!(cashback::check_spend(most, Some(&customer), total), Ok(most));
        let totals = Totals::of(&lines, most);
        prop_assert!(totals.total_due.amount() >= Decimal::ZERO);
        prop_assert_eq!(totals.total_due + most, total);
        prop_assert_eq!(cashback::max_spend(None, total), Money::ZERO);
    }

    #[test]
    fn money_reads_back_as_it_is_shown(amount in 0..=100_000_000_000_000i64) {
        let money = tiyin(amount);
        for style in STYLES {
            let shown = format_money(money, style);
            prop_assert_eq!(parse_money(&shown), Ok(money), "{}", shown);
        }
    }

    #[test]
    fn quantities_read_back_as_they_are_shown(count in 1..=100_000_000i64) {
        let quantity = grams(count);
        for style in STYLES {
            let shown = format_quantity(quantity, style);
            prop_assert_eq!(parse_quantity(&shown), Ok(quantity), "{}", shown);
        }
    }

    #[test]
    fn parsing_any_text_never_panics(
        text in prop_oneof![any::<String>(), "[0-9 ,.\u{a0}\u{202f}eE+−-]{0,40}"],
    ) {
        let _ = parse_money(&text);
        let _ = parse_quantity(&text);
    }

    #[test]
    fn any_decimal_is_accepted_or_refused_without_panic(value in any_decimal()) {
        if let Ok(money) = Money::new(value) {
            prop_assert_eq!(money.amount(), value);
        }
        if let Ok(quantity) = Quantity::new(value) {
            prop_assert_eq!(quantity.value(), value);
        }
    }

    /// The body the server checks: its numbers are exact decimal tokens, and
    /// the payments add up to exactly rTotal − bonus.
    #[test]
    fn the_wire_body_balances_to_the_tiyin(checkout in checkout()) {
        let line_count = checkout.lines.len();
        let json = TransactionBody::new(&checkout.sale(), "token", &PaymentLabels::default())
            .to_json();

        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        for field in [
            "rTime", "rDate", "filial", "client", "cEmployee", "rNumber", "rTotal", "bonus",
            "items", "payments", "cardType", "percent",
        ] {
            prop_assert!(value.get(field).is_some(), "no {field} in {json}");
        }
        prop_assert_eq!(value["items"].as_array().map(Vec::len), Some(line_count));

        let wire: WireBody = serde_json::from_str(&json).unwrap();
        let paid: Decimal = wire.payments.iter().map(|payment| money(payment.total)).sum();
        prop_assert_eq!(money(wire.r_total) - money(wire.bonus), paid, "{}", json);
        for item in &wire.items {
            for raw in [item.price, item.discount, item.vat, item.other] {
                money(raw);
            }
            exact(item.amount, 3);
        }
    }
}

/// The body's numbers as the raw tokens on the wire, so nothing passes
/// through a binary float on the way to the comparison.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireBody<'a> {
    #[serde(borrow)]
    r_total: &'a RawValue,
    #[serde(borrow)]
    bonus: &'a RawValue,
    #[serde(borrow)]
    items: Vec<WireItem<'a>>,
    #[serde(borrow)]
    payments: Vec<WirePayment<'a>>,
}

#[derive(Deserialize)]
struct WireItem<'a> {
    #[serde(borrow)]
    price: &'a RawValue,
    #[serde(borrow)]
    discount: &'a RawValue,
    #[serde(borrow)]
    amount: &'a RawValue,
    #[serde(borrow)]
    vat: &'a RawValue,
    #[serde(borrow)]
    other: &'a RawValue,
}

#[derive(Deserialize)]
struct WirePayment<'a> {
    #[serde(borrow)]
    total: &'a RawValue,
}

fn money(raw: &RawValue) -> Decimal {
    exact(raw, 2)
}

/// The token's value, after checking it is written as the contract asks:
/// plain digits, at most `max_scale` decimals, no trailing zeros.
fn exact(raw: &RawValue, max_scale: u32) -> Decimal {
    let token = raw.get();
    let value = Decimal::from_str(token).unwrap_or_else(|_| panic!("not a decimal: {token}"));
    assert_eq!(value.normalize().to_string(), token, "not canonical");
    assert!(value.scale() <= max_scale, "too many decimals: {token}");
    value
}
