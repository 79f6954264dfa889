//! A cart and a finalized sale as AppsPOS's calls and steps: the order from
//! the lines as rung up, the bill figures once the voucher is known, and
//! the outbox steps of a paid sale (`payment_completed`) and of its refund.
//! Each step's request is stored whole, so every retry is identical.

use super::wire::{self, BillInfo, CartLine, Order, Paid};
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::receipt::Totals;
use crate::domain::transaction_qr::TransactionQr;
use crate::store::step::Step;

/// The order of the lines as rung up (each line's own discount included).
pub fn order(qr: &TransactionQr, invoice_no: &str, lines: &[Line]) -> Order {
    Order {
        qr: qr.clone(),
        invoice_no: invoice_no.to_owned(),
        lines: lines.iter().map(CartLine::of).collect(),
    }
}

/// The bill figures once the app's `voucher` is known, and Kassa's total
/// due that the app's `total_payable` must equal: the voucher spread over
/// the lines as any bill discount (so the VAT sent is the fiscal lines').
pub fn bill_info(
    qr: &TransactionQr,
    invoice_no: &str,
    lines: &[Line],
    voucher: Money,
) -> (BillInfo, Money) {
    let totals = Totals::of_receipt(lines, voucher, Money::ZERO);
    let bill = BillInfo {
        qr: qr.clone(),
        invoice_no: invoice_no.to_owned(),
        discount: Money::ZERO,
        gst: totals.vat_total,
    };
    (bill, totals.total_due)
}

/// The steps of a sale paid in the app: `payment_completed`.
pub fn sale_steps(qr: &TransactionQr, paid: &Paid) -> Vec<(Step, String)> {
    let request = wire::complete(qr, &paid.transaction_id, &paid.refund_id);
    vec![(Step::AppsPosComplete, request.to_stored())]
}

/// The steps of a full refund of such a sale: `refund`, by its `refund_id`.
pub fn refund_steps(refund_id: &str) -> Vec<(Step, String)> {
    vec![(Step::AppsPosRefund, wire::refund(refund_id).to_stored())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line::LineDraft;
    use crate::domain::quantity::Quantity;
    use crate::loyalty::appspos::wire::AppsPosRequest;

    fn qr() -> TransactionQr {
        TransactionQr::parse("QR-20261201-0A1B-0000001").unwrap()
    }

    fn line(price: i64, vat: u8) -> Line {
        Line::new(LineDraft::product(
            "Rice",
            Money::sum(price),
            Quantity::ONE,
            vat,
        ))
        .unwrap()
    }

    #[test]
    fn the_voucher_is_spread_before_the_vat_is_sent() {
        let lines = [line(30_000, 12), line(10_000, 0)];
        let order = order(&qr(), "R1", &lines);
        assert_eq!(order.total(), Some(Money::sum(40_000)));
        // 4 000 off: 3 000 and 1 000; VAT of 27 000 at 12 %: 2 892.857… → 2 892.86.
        let (bill, due) = bill_info(&qr(), "R1", &lines, Money::sum(4_000));
        assert_eq!(due, Money::sum(36_000));
        assert_eq!(bill.gst.to_string(), "2892.86");
        assert_eq!(bill.discount, Money::ZERO);
    }

    #[test]
    fn a_paid_sale_completes_and_its_refund_refunds() {
        let paid = Paid {
            paid_amount: Money::sum(8),
            transaction_id: "t-1".into(),
            refund_id: "r-1".into(),
        };
        let steps = sale_steps(&qr(), &paid);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].0, Step::AppsPosComplete);
        assert_eq!(
            AppsPosRequest::from_stored(&steps[0].1),
            Some(wire::complete(&qr(), "t-1", "r-1"))
        );
        let steps = refund_steps("r-1");
        assert_eq!(steps[0].0, Step::AppsPosRefund);
        assert_eq!(
            AppsPosRequest::from_stored(&steps[0].1),
            Some(wire::refund("r-1"))
        );
    }
}
