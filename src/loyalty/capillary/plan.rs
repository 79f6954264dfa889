//! A finalized sale as Capillary's steps: `transaction/add`, then
//! `points/redeem` when points paid part of it, then `coupon/redeem` when a
//! coupon discounted it (capillary-contract.md, "Order of a sale"); and a
//! refund as its `return` bill. Each step's request is stored whole, as
//! JSON, so every retry is identical.

use super::wire::{
    self, CapillaryRequest, CouponRedeem, LineItem, PaymentMode, PointsRedeem, ReturnType,
    TransactionAdd, TransactionKind,
};
use crate::domain::bill_discount::DiscountSource;
use crate::domain::customer::CustomerId;
use crate::domain::line::Line;
use crate::domain::loyalty_tender::{self, LoyaltyTenderKind};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Money;
use crate::domain::payment::Tender;
use crate::domain::refund::Refund;
use crate::domain::sale::Sale;
use crate::store::step::Step;

/// The steps of `sale`, in order, each with its stored request. `otp` is the
/// one-time code the customer read out for the points on the bill.
pub fn sale_steps(sale: &Sale, otp: &str) -> Vec<(Step, String)> {
    let mobile = member_mobile(sale);
    let bill = bill(sale, mobile.clone());
    let mut steps = vec![(
        Step::CapillaryTransaction,
        stored(&wire::transaction_add(&bill)),
    )];
    let Some(mobile) = mobile else {
        return steps;
    };
    let points: u64 = sale
        .loyalty_tenders()
        .iter()
        .filter(|t| t.kind == LoyaltyTenderKind::Points)
        .map(|t| t.points)
        .sum();
    if points > 0 {
        let redeem = PointsRedeem {
            mobile: mobile.clone(),
            points: i64::try_from(points).unwrap_or(i64::MAX),
            bill_number: sale.number().0.clone(),
            otp: otp.to_owned(),
            redemption_time: sale.finalized_at(),
        };
        steps.push((
            Step::CapillaryPointsRedeem,
            stored(&wire::points_redeem(&redeem)),
        ));
    }
    if let Some(DiscountSource::Coupon { code }) = sale.bill_discount().map(|d| &d.source) {
        let redeem = CouponRedeem {
            mobile,
            code: code.clone(),
            bill_number: sale.number().0.clone(),
            bill_amount: bill.amount,
        };
        steps.push((
            Step::CapillaryCouponRedeem,
            stored(&wire::coupon_redeem(&redeem)),
        ));
    }
    steps
}

/// The steps of a refund of `sale`: its `return` bill, for a sale to a
/// member (a bill without one earned nothing to take back). The bill keeps
/// the sale's number and purchase time; `FULL` when the refund takes the
/// whole sale back at once, else `LINE_ITEM`. Points that paid part of the
/// sale are a payment of the return too, so it adds up, but Capillary does
/// not give them back.
pub fn refund_steps(sale: &Sale, refund: &Refund) -> Vec<(Step, String)> {
    let Some(mobile) = member_mobile(sale) else {
        return Vec::new();
    };
    let lines = refund.fiscal_lines();
    let gross_amount: Money = lines.iter().map(Line::gross).sum();
    let discount: Money = lines.iter().map(Line::discount).sum();
    let tenders = refund.tenders();
    let payments = [
        (PaymentMode::Cash, tenders.cash),
        (PaymentMode::Card, tenders.card),
        (PaymentMode::Points, tenders.points),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_zero())
    .collect();
    let bill = TransactionAdd {
        kind: TransactionKind::Return {
            mobile,
            return_type: if refund.is_whole() {
                ReturnType::Full
            } else {
                ReturnType::LineItem
            },
            purchase_time: sale.finalized_at(),
        },
        number: sale.number().0.clone(),
        billing_time: refund.finalized_at(),
        gross_amount,
        discount,
        amount: gross_amount - discount,
        payments,
        line_items: line_items(&lines),
    };
    vec![(Step::CapillaryReturn, stored(&wire::transaction_add(&bill)))]
}

fn member_mobile(sale: &Sale) -> Option<MobileNumber> {
    sale.customer().and_then(|c| match &c.id {
        CustomerId::Mobile(mobile) => Some(mobile.clone()),
        CustomerId::AosCode(_) | CustomerId::Card(_) => None,
    })
}

fn line_items(lines: &[Line]) -> Vec<LineItem> {
    lines
        .iter()
        .zip(1..)
        .map(|(line, serial)| LineItem {
            serial,
            item_code: line.barcode().to_owned(),
            description: line.name().to_owned(),
            qty: line.quantity(),
            rate: line.unit_price(),
            value: line.gross(),
            discount_value: line.discount(),
            amount: line.total(),
        })
        .collect()
}

/// The stored form of a request; reading it back gives the same request.
pub fn stored(request: &CapillaryRequest) -> String {
    serde_json::to_string(request).unwrap_or_default()
}

/// The request stored by [`stored`], or `None` for a damaged record.
pub fn from_stored(text: &str) -> Option<CapillaryRequest> {
    serde_json::from_str(text).ok()
}

fn bill(sale: &Sale, mobile: Option<MobileNumber>) -> TransactionAdd {
    let lines = sale.lines();
    let gross_amount: Money = lines.iter().map(Line::gross).sum();
    let discount: Money = lines.iter().map(Line::discount).sum();
    let mut payments: Vec<(PaymentMode, Money)> = sale
        .settlement()
        .payments
        .iter()
        .map(|p| {
            let mode = match p.tender {
                Tender::Cash => PaymentMode::Cash,
                Tender::Card => PaymentMode::Card,
            };
            (mode, p.amount)
        })
        .collect();
    let points = loyalty_tender::total_of(sale.loyalty_tenders(), LoyaltyTenderKind::Points);
    if !points.is_zero() {
        payments.push((PaymentMode::Points, points));
    }
    TransactionAdd {
        kind: match mobile {
            Some(mobile) => TransactionKind::Regular { mobile },
            None => TransactionKind::NotInterested,
        },
        number: sale.number().0.clone(),
        billing_time: sale.finalized_at(),
        gross_amount,
        discount,
        amount: gross_amount - discount,
        payments,
        line_items: line_items(lines),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bill_discount::BillDiscount;
    use crate::domain::customer::Customer;
    use crate::domain::line::LineDraft;
    use crate::domain::loyalty_tender::LoyaltyTender;
    use crate::domain::mobile::MobileNumber;
    use crate::domain::number_input::{parse_money, parse_quantity};
    use crate::domain::payment::Settlement;
    use crate::domain::quantity::Quantity;
    use crate::domain::sale::{LocalDateTime, ReceiptNumber, SaleDraft};
    use rust_decimal::Decimal;

    const AT: LocalDateTime = LocalDateTime {
        year: 2026,
        month: 12,
        day: 1,
        hour: 9,
        minute: 30,
        second: 0,
    };

    fn member() -> Customer {
        Customer {
            id: CustomerId::Mobile(MobileNumber::parse("998901234567").unwrap()),
            name: "Dilnoza Rahimova".into(),
            phone: None,
            balance: Money::ZERO,
            percent: Decimal::ZERO,
            card_type: String::new(),
            points: Some(6420),
            tier: Some("Gold".into()),
        }
    }

    fn sale(customer: Option<Customer>, coupon: bool, points: u64) -> Sale {
        let tea = Line::new(LineDraft {
            barcode: "4780000000017".into(),
            ..LineDraft::product(
                "Tea",
                parse_money("15000").unwrap(),
                parse_quantity("2").unwrap(),
                12,
            )
        })
        .unwrap();
        let apples = Line::new(LineDraft::product(
            "Apples",
            parse_money("18990").unwrap(),
            parse_quantity("0.750").unwrap(),
            12,
        ))
        .unwrap();
        // 30 000 + 14 242.50 = 44 242.50; coupon 10 000 → 34 242.50;
        // 1 000 points at 0.5 → 500 → 33 742.50 in cash and card.
        let discount = if coupon {
            Money::sum(10_000)
        } else {
            Money::ZERO
        };
        let points_value = Money::round(Decimal::from(points) / Decimal::TWO);
        let due = parse_money("44242.50").unwrap() - discount - points_value;
        let card = Money::sum(20_000).min(due);
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer,
            lines: vec![tea, apples],
            bill_discount: coupon.then(|| BillDiscount {
                source: DiscountSource::Coupon {
                    code: "SAVE10K".into(),
                },
                amount: discount,
            }),
            loyalty_tenders: if points > 0 {
                vec![LoyaltyTender::points(points, points_value)]
            } else {
                Vec::new()
            },
            settlement: Settlement::new(due, due - card, card).unwrap(),
        };
        Sale::finalize(draft, ReceiptNumber("T1-S-000003".into()), AT).unwrap()
    }

    fn bill_of(steps: &[(Step, String)]) -> serde_json::Value {
        let request = from_stored(&steps[0].1).unwrap();
        serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
    }

    #[test]
    fn a_member_with_points_and_a_coupon_has_three_steps_whose_bill_adds_up() {
        let sale = sale(Some(member()), true, 1000);
        let mobile = MobileNumber::parse("998901234567").ok();
        assert_eq!(bill(&sale, mobile).check(), Ok(()));
        let steps = sale_steps(&sale, "4821");
        let kinds: Vec<Step> = steps.iter().map(|(step, _)| *step).collect();
        assert_eq!(
            kinds,
            [
                Step::CapillaryTransaction,
                Step::CapillaryPointsRedeem,
                Step::CapillaryCouponRedeem
            ]
        );
        let bill = &bill_of(&steps)["root"]["transaction"][0];
        assert_eq!(bill["type"], "regular");
        assert_eq!(bill["gross_amount"], "44242.50");
        assert_eq!(bill["discount"], "10000.00");
        assert_eq!(bill["amount"], "34242.50");
        let payments = bill["payment_details"]["payment"].as_array().unwrap();
        let modes: Vec<&str> = payments
            .iter()
            .map(|p| p["mode"].as_str().unwrap())
            .collect();
        assert_eq!(modes, ["CASH", "CARD", "POINTS"]);
        assert_eq!(payments[2]["value"], "500.00");
        let redeem = from_stored(&steps[1].1).unwrap();
        assert!(redeem.body.unwrap().contains(r#""validation_code":"4821""#));
        let coupon = from_stored(&steps[2].1).unwrap();
        assert!(coupon.body.unwrap().contains(r#""amount":"34242.50""#));
    }

    #[test]
    fn a_sale_without_a_member_is_one_not_interested_bill() {
        let steps = sale_steps(&sale(None, false, 0), "");
        assert_eq!(steps.len(), 1);
        let bill = &bill_of(&steps)["root"]["transaction"][0];
        assert_eq!(bill["type"], "not_interested");
        assert!(bill.get("customer").is_none_or(serde_json::Value::is_null));
    }

    #[test]
    fn a_refund_is_a_return_bill_under_the_sales_number_that_adds_up() {
        use crate::domain::refund::{Earned, RefundDraft, RefundPick, Refundable};
        let sale = sale(Some(member()), true, 1000);
        let refundable = Refundable::of(&sale, &[]).unwrap();
        let at = LocalDateTime { hour: 11, ..AT };
        let quote = |picks: Vec<RefundPick>| {
            let draft = RefundDraft {
                cashier: "Aziza".into(),
                picks,
                card: None,
            };
            refundable
                .quote(&draft, Earned::default())
                .unwrap()
                .finalize(ReceiptNumber("T1-S-000009".into()), at)
        };
        let tea = quote(vec![RefundPick {
            line: 0,
            quantity: Quantity::ONE,
        }]);
        let steps = refund_steps(&sale, &tea);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].0, Step::CapillaryReturn);
        let request = from_stored(&steps[0].1).unwrap();
        assert_eq!(request.path, "/v1.1/transaction/add");
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        let bill = &body["root"]["transaction"][0];
        assert_eq!(bill["type"], "return");
        assert_eq!(bill["return_type"], "LINE_ITEM");
        assert_eq!(bill["number"], "T1-S-000003");
        assert_eq!(bill["purchase_time"], "2026-12-01 09:30:00");
        assert_eq!(bill["billing_time"], "2026-12-01 11:30:00");
        let payments = bill["payment_details"]["payment"].as_array().unwrap();
        assert_eq!(payments.last().unwrap()["mode"], "POINTS");
        let whole = quote(refundable.everything());
        let steps = refund_steps(&sale, &whole);
        let request = from_stored(&steps[0].1).unwrap();
        assert!(request.body.unwrap().contains(r#""return_type":"FULL""#));
        assert!(refund_steps(&self::sale(None, false, 0), &whole).is_empty());
    }

    #[test]
    fn the_stored_steps_are_the_same_bytes_every_time() {
        let sale = sale(Some(member()), true, 1000);
        assert_eq!(sale_steps(&sale, "4821"), sale_steps(&sale, "4821"));
        let request = from_stored(&sale_steps(&sale, "4821")[0].1).unwrap();
        assert_eq!(stored(&request), sale_steps(&sale, "4821")[0].1);
    }
}
