//! The 8 calls, from plain provider-level types: the caller maps its sale
//! or cart onto [`Order`] and [`BillInfo`].

use super::body::{CartItem, DISCOUNT, PRODUCT};
use super::{Api, AppsPosRequest, Scalar};
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::quantity::Quantity;
use crate::domain::transaction_qr::TransactionQr;

/// `product_code` of a line typed by hand (no barcode).
pub const MANUAL_PRODUCT: &str = "MANUAL";

/// A line of the cart as AppsPOS sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    /// The barcode; empty for a line typed by hand.
    pub barcode: String,
    pub name: String,
    pub unit_price: Money,
    pub qty: Quantity,
    /// The line's own discount (sent as a separate element).
    pub discount: Money,
}

impl CartLine {
    /// A receipt line as rung up (before any bill discount).
    pub fn of(line: &Line) -> CartLine {
        CartLine {
            barcode: line.barcode().to_owned(),
            name: line.name().to_owned(),
            unit_price: line.unit_price(),
            qty: line.quantity(),
            discount: line.discount(),
        }
    }

    /// price × qty rounded once, less the discount; `None` when the
    /// discount is more than the line.
    pub fn total(&self) -> Option<Money> {
        Money::round(self.unit_price.amount() * self.qty.value()).checked_sub(self.discount)
    }
}

/// The order: the cart the app applies the customer's vouchers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub qr: TransactionQr,
    /// Kassa's receipt number, minted when the order is first sent and kept.
    pub invoice_no: String,
    pub lines: Vec<CartLine>,
}

impl Order {
    /// What the cart is worth before vouchers; `None` for a line whose
    /// discount exceeds it.
    pub fn total(&self) -> Option<Money> {
        self.lines.iter().map(CartLine::total).sum()
    }
}

/// `voucher_to_add_cart_from_pos`: one element per line, and one with a
/// negative price and `product_type` "2" after a line with a discount.
pub fn order(order: &Order) -> AppsPosRequest {
    let mut request = AppsPosRequest::new(
        Api::Order,
        vec![
            ("transaction_qrcode", text(order.qr.as_str())),
            ("invoice_no", text(&order.invoice_no)),
        ],
    );
    let mut items = Vec::with_capacity(order.lines.len());
    for line in &order.lines {
        let code = match line.barcode.trim() {
            "" => MANUAL_PRODUCT.to_owned(),
            barcode => barcode.to_owned(),
        };
        let item = |price, qty, product_type: &str| CartItem {
            price,
            qty,
            special_comment: String::new(),
            product_code: code.clone(),
            product_name: line.name.trim().to_owned(),
            category_code: String::new(),
            category_name: String::new(),
            product_type: product_type.to_owned(),
        };
        items.push(item(
            line.unit_price.amount(),
            line.qty.value().normalize(),
            PRODUCT,
        ));
        if !line.discount.is_zero() {
            items.push(item(-line.discount.amount(), 1.into(), DISCOUNT));
        }
    }
    request.data = Some(items);
    request
}

/// Kassa's bill figures for the app's display and its total payable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillInfo {
    pub qr: TransactionQr,
    pub invoice_no: String,
    /// Kassa's own bill discount (not the voucher), zero if none.
    pub discount: Money,
    /// The VAT contained in the total due (prices include it).
    pub gst: Money,
}

/// `order_update_discount_svc_gst`: `svc` is "0" and `round_off` "0.00"
/// (Kassa charges no service and rounds nothing away).
pub fn bill_info(bill: &BillInfo) -> AppsPosRequest {
    AppsPosRequest::new(
        Api::BillInfo,
        vec![
            ("transaction_qrcode", text(bill.qr.as_str())),
            ("invoice_no", text(&bill.invoice_no)),
            ("discount", text(&bill.discount.to_string())),
            ("svc", text("0")),
            ("gst", text(&bill.gst.to_string())),
            ("round_off", text("0.00")),
        ],
    )
}

/// `order_to_release_payment` with `can_release_for_payment`: 1.
pub fn release(qr: &TransactionQr) -> AppsPosRequest {
    AppsPosRequest::new(
        Api::Release,
        vec![
            ("transaction_qrcode", text(qr.as_str())),
            ("can_release_for_payment", Scalar::Int(1)),
        ],
    )
}

/// `check_paid_status`; the reference is the invoice number.
pub fn paid_status(qr: &TransactionQr, invoice_no: &str) -> AppsPosRequest {
    AppsPosRequest::new(
        Api::PaidStatus,
        vec![
            ("transaction_qrcode", text(qr.as_str())),
            ("payment_status_reference_no", text(invoice_no)),
        ],
    )
}

/// `payment_completed`, with the ids the paid status gave.
pub fn complete(qr: &TransactionQr, transaction_id: &str, refund_id: &str) -> AppsPosRequest {
    AppsPosRequest::new(
        Api::Complete,
        vec![
            ("transaction_qrcode", text(qr.as_str())),
            ("transaction_id", text(transaction_id)),
            ("refund_id", text(refund_id)),
        ],
    )
}

/// `cancel_transaction`.
pub fn cancel(qr: &TransactionQr) -> AppsPosRequest {
    AppsPosRequest::new(Api::Cancel, vec![("transaction_qrcode", text(qr.as_str()))])
}

/// `remove_voucher_from_pos`, before the payment is released.
pub fn remove_voucher(qr: &TransactionQr, invoice_no: &str) -> AppsPosRequest {
    AppsPosRequest::new(
        Api::RemoveVoucher,
        vec![
            ("transaction_qrcode", text(qr.as_str())),
            ("invoice_no", text(invoice_no)),
        ],
    )
}

/// `refund` of a completed sale, by the `refund_id` its payment gave.
pub fn refund(refund_id: &str) -> AppsPosRequest {
    AppsPosRequest::new(Api::Refund, vec![("refund_request_no", text(refund_id))])
}

fn text(value: &str) -> Scalar {
    Scalar::Text(value.to_owned())
}
