//! The 8 calls, each against the transaction its code names.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::json;

use super::answer::Answer;
use super::TransactionState as State;
use super::{money_text, AppsPosServer, Call, ChargeRecord, RefundRecord, Transaction};

impl AppsPosServer {
    pub(super) fn order(&mut self, call: &Call) -> Answer {
        let qr = call.text("transaction_qrcode");
        let invoice = call.text("invoice_no");
        let Some(code) = self.codes.iter().find(|c| c.code == qr).cloned() else {
            return Answer::refused("Invalid QR code");
        };
        if invoice.is_empty() {
            return Answer::refused("invoice_no is required");
        }
        let Some(cart_total) = cart_total(call) else {
            return Answer::refused("Invalid cart");
        };
        let voucher_removed = match self.transactions.get(&qr) {
            Some(t) if t.invoice_no != invoice => {
                return Answer::refused("QR code is in use by another invoice")
            }
            Some(t) => match t.state {
                State::Ordered | State::Failed => t.voucher_removed,
                State::Released | State::Paid => return Answer::refused("Payment is in progress"),
                State::Completed | State::Refunded => {
                    return Answer::refused("QR code already used")
                }
                State::Cancelled => return Answer::refused("Transaction was cancelled"),
            },
            None => false,
        };
        let chosen = Decimal::from_str(&code.voucher).unwrap_or_default();
        let voucher = if voucher_removed {
            Decimal::ZERO
        } else if code.covers_all {
            cart_total
        } else {
            chosen.min(cart_total)
        };
        let total_final = cart_total - voucher;
        let unique_number = match self.transactions.get(&qr) {
            Some(t) => t.unique_number.clone(),
            None => format!("APOS-20261201-76BA-{:07}", self.next_id()),
        };
        self.transactions.insert(
            qr.clone(),
            Transaction {
                transaction_qrcode: qr,
                invoice_no: invoice,
                state: State::Ordered,
                cart_total: money_text(cart_total),
                voucher: money_text(voucher),
                total_payable: None,
                voucher_removed,
                unique_number: unique_number.clone(),
                polls: 0,
                charge: None,
            },
        );
        Answer::ok(
            "Item(s) added to cart successfully",
            json!({
                "total_final_amount": money_text(total_final),
                "is_zero_dollar_pay": total_final.is_zero(),
                "stop_loading_this_api": false,
                "last_pos_request_unique_number": unique_number,
            }),
        )
    }

    pub(super) fn bill_info(&mut self, call: &Call) -> Answer {
        let (Some(discount), Some(svc), Some(gst), Some(round_off)) = (
            call.money("discount"),
            call.money("svc"),
            call.money("gst"),
            call.money("round_off"),
        ) else {
            return Answer::refused("Invalid bill figures");
        };
        let Some(t) = self.ordered(call) else {
            return Answer::refused("No such order");
        };
        if t.state != State::Ordered {
            return Answer::refused("Payment is in progress");
        }
        let sub_total = Decimal::from_str(&t.cart_total).unwrap_or_default()
            - Decimal::from_str(&t.voucher).unwrap_or_default();
        // The GST is contained in Kassa's prices: shown, not added.
        let payable = sub_total - discount + svc + round_off;
        if payable.is_sign_negative() && !payable.is_zero() {
            return Answer::refused("Total payable below zero");
        }
        t.total_payable = Some(money_text(payable));
        Answer {
            show: false,
            ..Answer::ok(
                "MsgResticed",
                json!({
                    "stop_loading_this_api": false,
                    "calculation_details": {
                        "sub_total": money_text(sub_total),
                        "gst": money_text(gst),
                        "svc": money_text(svc),
                        "discount": money_text(discount),
                        "round_off": money_text(round_off),
                        "total_payable": money_text(payable),
                    },
                }),
            )
        }
    }

    pub(super) fn remove_voucher(&mut self, call: &Call) -> Answer {
        let Some(t) = self.ordered(call) else {
            return Answer::refused("No such order");
        };
        if t.state != State::Ordered {
            return Answer::refused("Payment already released");
        }
        t.voucher_removed = true;
        t.total_payable = None;
        Answer::ok("successful", json!({}))
    }

    pub(super) fn release(&mut self, call: &Call) -> Answer {
        let qr = call.text("transaction_qrcode");
        if call.text("can_release_for_payment") != "1" {
            return Answer::refused("can_release_for_payment must be 1");
        }
        let Some(t) = self.transactions.get_mut(&qr) else {
            return Answer::refused("No such order");
        };
        match t.state {
            State::Ordered | State::Failed if t.total_payable.is_none() => {
                Answer::refused("Bill info missing")
            }
            State::Ordered | State::Failed => {
                t.state = State::Released;
                t.polls = 0;
                Answer::ok("successful", json!({}))
            }
            State::Released | State::Paid | State::Completed => Answer::ok("successful", json!({})),
            State::Cancelled | State::Refunded => Answer::refused("Transaction was cancelled"),
        }
    }

    pub(super) fn paid_status(&mut self, call: &Call) -> Answer {
        let qr = call.text("transaction_qrcode");
        let reference = call.text("payment_status_reference_no");
        let in_process_polls = self.in_process_polls;
        let Some(t) = self.transactions.get(&qr) else {
            return Answer::refused("No such order");
        };
        if t.invoice_no != reference {
            return Answer::refused("Unknown payment reference");
        }
        let code = self.codes.iter().find(|c| c.code == qr);
        let fails = code.is_some_and(|c| c.fails);
        let wallet = code.and_then(|c| c.wallet.as_deref().map(Decimal::from_str));
        let payable = t.total_payable.clone().unwrap_or_default();
        match (t.state, t.charge) {
            (State::Paid | State::Completed | State::Refunded, Some(index)) => {
                paid_answer(&self.charges[index])
            }
            (State::Released, _) => {
                let zero = Decimal::from_str(&payable).is_ok_and(|p| p.is_zero());
                if t.polls < in_process_polls && !zero {
                    if let Some(t) = self.transactions.get_mut(&qr) {
                        t.polls += 1;
                    }
                    return Answer::in_process();
                }
                if fails && !zero {
                    if let Some(t) = self.transactions.get_mut(&qr) {
                        t.state = State::Failed;
                    }
                    return Answer::refused("Payment failed: declined by the bank");
                }
                let id = self.next_id();
                let charge = ChargeRecord {
                    transaction_qrcode: qr.clone(),
                    invoice_no: reference,
                    transaction_id: format!("txn-{id:06}"),
                    refund_id: format!("rf-{id:06}"),
                    amount: match wallet {
                        Some(Ok(wallet)) => Decimal::from_str(&payable)
                            .map_or(payable, |payable| money_text(payable.min(wallet))),
                        _ => payable,
                    },
                };
                let answer = paid_answer(&charge);
                self.charges.push(charge);
                let index = self.charges.len() - 1;
                if let Some(t) = self.transactions.get_mut(&qr) {
                    t.state = State::Paid;
                    t.charge = Some(index);
                }
                answer
            }
            (State::Failed, _) => Answer::refused("Payment failed: declined by the bank"),
            (State::Cancelled, _) => Answer::refused("Transaction was cancelled"),
            _ => Answer::refused("Payment not released"),
        }
    }

    pub(super) fn complete(&mut self, call: &Call) -> Answer {
        let qr = call.text("transaction_qrcode");
        let (transaction_id, refund_id) = (call.text("transaction_id"), call.text("refund_id"));
        let Some(t) = self.transactions.get_mut(&qr) else {
            return Answer::refused("No such order");
        };
        let Some(charge) = t.charge.map(|index| &self.charges[index]) else {
            return Answer::refused("Transaction not paid");
        };
        if charge.transaction_id != transaction_id || charge.refund_id != refund_id {
            return Answer::refused("Unknown transaction");
        }
        match t.state {
            State::Paid => {
                t.state = State::Completed;
                Answer::ok("Transaction completed successfully", json!({}))
            }
            State::Completed | State::Refunded => {
                Answer::ok("Transaction completed successfully", json!({}))
            }
            _ => Answer::refused("Transaction not paid"),
        }
    }

    pub(super) fn cancel(&mut self, call: &Call) -> Answer {
        let qr = call.text("transaction_qrcode");
        let Some(t) = self.transactions.get_mut(&qr) else {
            return Answer::refused("No such order");
        };
        match t.state {
            State::Ordered | State::Released | State::Failed => {
                t.state = State::Cancelled;
                self.cancels += 1;
                Answer::ok("successful", json!({}))
            }
            State::Cancelled => Answer::ok("successful", json!({})),
            State::Paid | State::Completed | State::Refunded => {
                Answer::refused("Transaction already paid")
            }
        }
    }

    pub(super) fn refund(&mut self, call: &Call) -> Answer {
        let refund_id = call.text("refund_request_no");
        let Some(charge) = self
            .charges
            .iter()
            .find(|c| !refund_id.is_empty() && c.refund_id == refund_id)
            .cloned()
        else {
            return Answer::refused("Unknown refund request");
        };
        let Some(t) = self.transactions.get_mut(&charge.transaction_qrcode) else {
            return Answer::refused("Unknown refund request");
        };
        match t.state {
            State::Completed => {
                t.state = State::Refunded;
                self.refunds.push(RefundRecord {
                    refund_id,
                    transaction_qrcode: charge.transaction_qrcode,
                    amount: charge.amount,
                });
                Answer::ok("Refund sucessfull", json!({}))
            }
            State::Refunded => Answer::ok("Refund sucessfull", json!({})),
            _ => Answer::refused("Transaction not completed"),
        }
    }

    /// The transaction of the call's code and invoice number.
    fn ordered(&mut self, call: &Call) -> Option<&mut Transaction> {
        let invoice = call.text("invoice_no");
        self.transactions
            .get_mut(&call.text("transaction_qrcode"))
            .filter(|t| t.invoice_no == invoice)
    }
}

fn paid_answer(charge: &ChargeRecord) -> Answer {
    Answer::ok(
        "Payment made sucessfully",
        json!({
            "request_id": format!("req-{}", charge.transaction_id),
            "transaction_id": charge.transaction_id,
            "paid_amount": charge.amount,
            "refund_id": charge.refund_id,
            "payment_status_reference_no": charge.invoice_no,
        }),
    )
}

/// Σ of the cart's elements, rounded per element: products at a price of
/// zero or more, discounts at a negative price; `None` for a cart that is
/// empty, malformed or worth less than nothing.
fn cart_total(call: &Call) -> Option<Decimal> {
    let items = call.cart()?;
    let mut total = Decimal::ZERO;
    for item in &items {
        let sound = item.qty > Decimal::ZERO
            && item.price.normalize().scale() <= 2
            && match item.product_type.as_str() {
                "1" => !item.price.is_sign_negative(),
                "2" => item.price <= Decimal::ZERO,
                _ => false,
            };
        if !sound {
            return None;
        }
        total = total.checked_add(item.amount()?)?;
    }
    (!items.is_empty() && !total.is_sign_negative()).then_some(total)
}
