//! Golden AppsPOS requests and answers.
//!
//! Requests: every body of the 8 calls, byte for byte, in
//! `tests/golden/appspos/<case>.json` (plus one newline), signed with the
//! demo secret; figures computed by hand in the comments. A changed golden
//! file is the contract as the server sees it: read it before committing.
//! `KASSA_BLESS_GOLDEN=1 cargo test --test golden_appspos` rewrites them.
//!
//! Answers: the tolerated shapes and each outcome class, read by the
//! functions the client uses, signed as the contract says.

use std::path::PathBuf;
use std::str::FromStr;
use std::{env, fs};

use kassa::domain::bill_discount::DiscountSource;
use kassa::domain::money::Money;
use kassa::domain::quantity::Quantity;
use kassa::domain::transaction_qr::TransactionQr;
use kassa::loyalty::appspos::credentials::Credentials;
use kassa::loyalty::appspos::sign;
use kassa::loyalty::appspos::wire::{
    self, Api, AppsPosRequest, BillInfo, CartLine, Order, OrderAccepted, Paid, PaidStatus, Reply,
    SignedRequest,
};
use kassa::loyalty::error::LoyaltyError;
use rust_decimal::Decimal;

fn sum(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn qty(text: &str) -> Quantity {
    Quantity::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn qr() -> TransactionQr {
    TransactionQr::parse("QR-20191218-724B-0000005").unwrap()
}

fn credentials() -> Credentials {
    Credentials::new(
        "fff426a0-3ddf-43f6-93f9-8a63ce29cb76",
        "kassa-demo-secret",
        "B1",
        "20171004124370",
    )
}

const INVOICE: &str = "T1-2612010907-000064";

fn assert_matches_golden(case: &str, request: &AppsPosRequest, api: Api) {
    assert_eq!(request.api, api, "{case}");
    let signed = request.signed(&credentials());
    let file: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "appspos",
        case,
    ]
    .iter()
    .collect::<PathBuf>()
    .with_extension("json");
    let body = format!("{}\n", signed.body);
    // The stored form comes back as the same request, so a retry after a
    // reload signs the same bytes.
    let stored = AppsPosRequest::from_stored(&request.to_stored()).unwrap();
    assert_eq!(stored.signed(&credentials()).body, signed.body, "{case}");
    // The signature is the one the contract's rule gives for this body.
    let fields: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&signed.body).unwrap();
    let canonical = sign::canonical(
        api.name(),
        fields
            .iter()
            .filter_map(|(k, v)| sign::field_text(v).map(|t| (k.as_str(), t))),
    );
    assert!(
        sign::verify_request(&credentials().secret, &canonical, &signed.request_signature),
        "{case}"
    );
    if env::var_os("KASSA_BLESS_GOLDEN").is_some() {
        fs::write(&file, body).unwrap();
        return;
    }
    let golden = fs::read_to_string(&file)
        .unwrap_or_else(|error| panic!("{case}: cannot read {}: {error}", file.display()));
    assert_eq!(body, golden, "{case}: body differs from {}", file.display());
}

/// Tea 1.20 × 2 = 2.40; a croissant typed by hand 3.50 less 0.50 = 3.00;
/// cheese 12.90 × 0.355 = 4.5795 → 4.58. Total 9.98.
fn order() -> Order {
    Order {
        qr: qr(),
        invoice_no: INVOICE.into(),
        lines: vec![
            CartLine {
                barcode: "4780000000017".into(),
                name: "Green tea 0.5 l".into(),
                unit_price: sum("1.20"),
                qty: qty("2"),
                discount: Money::ZERO,
            },
            CartLine {
                barcode: String::new(),
                name: " Croissant ".into(),
                unit_price: sum("3.50"),
                qty: qty("1"),
                discount: sum("0.50"),
            },
            CartLine {
                barcode: "2000000000015".into(),
                name: "Cheese \"Gouda\"".into(),
                unit_price: sum("12.90"),
                qty: qty("0.355"),
                discount: Money::ZERO,
            },
        ],
    }
}

#[test]
fn order_with_a_line_discount_and_a_weighed_line() {
    assert_eq!(order().total(), Some(sum("9.98")));
    assert_matches_golden("order", &wire::order(&order()), Api::Order);
}

#[test]
fn bill_info_with_the_vat_contained() {
    // 9.98 less a 1.98 voucher = 8.00 due; 12 % VAT contained: 8 × 12 / 112 = 0.857… → 0.86.
    let bill = BillInfo {
        qr: qr(),
        invoice_no: INVOICE.into(),
        discount: Money::ZERO,
        gst: sum("0.86"),
    };
    assert_matches_golden("bill_info", &wire::bill_info(&bill), Api::BillInfo);
}

#[test]
fn the_other_six_calls() {
    assert_matches_golden("release", &wire::release(&qr()), Api::Release);
    assert_matches_golden(
        "paid_status",
        &wire::paid_status(&qr(), INVOICE),
        Api::PaidStatus,
    );
    assert_matches_golden(
        "complete",
        &wire::complete(
            &qr(),
            "b5dff350-1df6-4594-94e7-b15da43328e7",
            "05032020103628",
        ),
        Api::Complete,
    );
    assert_matches_golden("cancel", &wire::cancel(&qr()), Api::Cancel);
    assert_matches_golden(
        "remove_voucher",
        &wire::remove_voucher(&qr(), INVOICE),
        Api::RemoveVoucher,
    );
    assert_matches_golden("refund", &wire::refund("05032020103628"), Api::Refund);
}

// ---- answers ----

fn sent(request: &AppsPosRequest) -> SignedRequest {
    request.signed(&credentials())
}

/// An answer as the server gives it, signed with the demo secret.
fn answer(sent: &SignedRequest, status: &str, show: &str, message: &str, data: &str) -> Reply {
    let time = "2026-12-01 09:30:00";
    let signature =
        sign::response_signature(&credentials().secret, &sent.request_signature, time, status);
    let data = data.replacen(
        '{',
        &format!(
            "{{\"response_signature\":\"{signature}\"{}",
            if data == "{}" { "" } else { "," }
        ),
        1,
    );
    Reply {
        status: 200,
        body: format!(
            r#"{{"status":"{status}","show_status":"{show}","message":"{message}","server_time":"{time}","data":{data}}}"#
        ),
    }
}

#[test]
fn an_order_answer_gives_the_voucher_as_a_bill_discount() {
    let sent = sent(&wire::order(&order()));
    let secret = &credentials().secret;
    // Numbers, or strings for numbers; 9.98 − 8.00 = 1.98 of voucher.
    for total in ["8.00", "\"8\"", "8"] {
        let reply = answer(
            &sent,
            "1",
            "0",
            "Item(s) added to cart successfully",
            &format!(
                r#"{{"total_final_amount":{total},"is_zero_dollar_pay":false,"last_pos_request_unique_number":"APOS-20261201-76BA-0000001"}}"#
            ),
        );
        let accepted = wire::read_order(&reply, &sent, secret).unwrap();
        assert_eq!(accepted.total_final_amount, sum("8.00"));
        assert!(!accepted.zero_dollar_pay);
        let voucher = accepted.voucher(&qr(), sum("9.98")).unwrap().unwrap();
        assert_eq!(voucher.amount, sum("1.98"));
        assert!(
            matches!(voucher.source, DiscountSource::Voucher { id, .. } if id == "APOS-20261201-76BA-0000001")
        );
    }
    // No voucher: nothing to discount.
    let reply = answer(&sent, "1", "0", "", r#"{"total_final_amount":9.98}"#);
    let accepted = wire::read_order(&reply, &sent, secret).unwrap();
    assert_eq!(accepted.voucher(&qr(), sum("9.98")), Ok(None));
    // Zero-dollar pay, the flag as a string.
    let reply = answer(
        &sent,
        "1",
        "0",
        "",
        r#"{"total_final_amount":"0.00","is_zero_dollar_pay":"true"}"#,
    );
    let accepted = wire::read_order(&reply, &sent, secret).unwrap();
    assert!(accepted.zero_dollar_pay);
    assert_eq!(
        accepted
            .voucher(&qr(), sum("9.98"))
            .unwrap()
            .unwrap()
            .amount,
        sum("9.98")
    );
    // The app charging more than the cart, a third decimal, a flag that
    // contradicts the amount: unexpected.
    let more = OrderAccepted {
        total_final_amount: sum("10.00"),
        zero_dollar_pay: false,
        unique_number: None,
    };
    assert_eq!(
        more.voucher(&qr(), sum("9.98")),
        Err(LoyaltyError::UnexpectedAnswer)
    );
    for data in [
        r#"{"total_final_amount":8.005}"#,
        r#"{"total_final_amount":-1}"#,
        r#"{"total_final_amount":2.5,"is_zero_dollar_pay":true}"#,
        r#"{}"#,
    ] {
        let reply = answer(&sent, "1", "0", "", data);
        assert_eq!(
            wire::read_order(&reply, &sent, secret),
            Err(LoyaltyError::UnexpectedAnswer),
            "{data}"
        );
    }
}

#[test]
fn the_total_payable_exactly() {
    let sent = sent(&wire::bill_info(&BillInfo {
        qr: qr(),
        invoice_no: INVOICE.into(),
        discount: Money::ZERO,
        gst: sum("0.86"),
    }));
    let secret = &credentials().secret;
    for payable in [r#""8.00""#, "8", "8.0", r#""8""#] {
        let reply = answer(
            &sent,
            "1",
            "0",
            "MsgResticed",
            &format!(
                r#"{{"calculation_details":{{"sub_total":8,"gst":0.86,"svc":0,"discount":"0.00","round_off":"0.00","total_payable":{payable}}}}}"#
            ),
        );
        assert_eq!(
            wire::read_total_payable(&reply, &sent, secret),
            Ok(sum("8.00")),
            "{payable}"
        );
    }
    let reply = answer(
        &sent,
        "1",
        "0",
        "",
        r#"{"calculation_details":{"total_payable":"0.1e1"}}"#,
    );
    assert_eq!(
        wire::read_total_payable(&reply, &sent, secret),
        Ok(sum("1"))
    );
    let reply = answer(&sent, "1", "0", "", r#"{"calculation_details":{}}"#);
    assert_eq!(
        wire::read_total_payable(&reply, &sent, secret),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

#[test]
fn paid_status_in_process_paid_and_failed() {
    let sent = sent(&wire::paid_status(&qr(), INVOICE));
    let secret = &credentials().secret;
    let reply = answer(&sent, "2", "0", "Payment In Process", "{}");
    assert_eq!(
        wire::read_paid_status(&reply, &sent, secret),
        Ok(PaidStatus::InProcess)
    );
    let reply = answer(
        &sent,
        "1",
        "1",
        "Payment made sucessfully",
        r#"{"request_id":"x","transaction_id":"b5dff350-1df6-4594-94e7-b15da43328e7","paid_amount":2.00,"refund_id":5032020103628,"payment_status_reference_no":"150"}"#,
    );
    assert_eq!(
        wire::read_paid_status(&reply, &sent, secret),
        Ok(PaidStatus::Paid(Paid {
            paid_amount: sum("2.00"),
            transaction_id: "b5dff350-1df6-4594-94e7-b15da43328e7".into(),
            refund_id: "5032020103628".into(),
        }))
    );
    let reply = answer(&sent, "0", "1", "Card declined", "{}");
    assert_eq!(
        wire::read_paid_status(&reply, &sent, secret),
        Ok(PaidStatus::Failed {
            message: "Card declined".into()
        })
    );
    // The server's words only when it says to show them.
    let reply = answer(&sent, "0", "0", "internal code 77", "{}");
    assert_eq!(
        wire::read_paid_status(&reply, &sent, secret),
        Ok(PaidStatus::Failed {
            message: String::new()
        })
    );
    // Paid without the ids completing needs: unexpected.
    let reply = answer(&sent, "1", "1", "", r#"{"paid_amount":"2.00"}"#);
    assert_eq!(
        wire::read_paid_status(&reply, &sent, secret),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

#[test]
fn signatures_are_checked_on_every_answer() {
    let sent = sent(&wire::paid_status(&qr(), INVOICE));
    let secret = &credentials().secret;
    let good = answer(
        &sent,
        "1",
        "1",
        "",
        r#"{"transaction_id":"t","paid_amount":2,"refund_id":"r"}"#,
    );
    // A success whose status was changed on the way: the signature no longer fits.
    let tampered = Reply {
        status: 200,
        body: good
            .body
            .replace(r#""paid_amount":2"#, r#""paid_amount":200"#),
    };
    assert!(
        wire::read_paid_status(&tampered, &sent, secret).is_ok(),
        "the amount is not signed (provisional rule)"
    );
    let forged = Reply {
        status: 200,
        body: answer(&sent, "2", "0", "", "{}")
            .body
            .replace(r#""status":"2""#, r#""status":"1""#),
    };
    assert_eq!(
        wire::read_paid_status(&forged, &sent, secret),
        Err(LoyaltyError::UnexpectedAnswer)
    );
    let unsigned = Reply {
        status: 200,
        body: r#"{"status":"1","server_time":"2026-12-01 09:30:00","data":{}}"#.into(),
    };
    assert_eq!(
        wire::read_done(&unsigned, &sent, secret),
        Err(LoyaltyError::UnexpectedAnswer)
    );
    // Signed for another request (a replayed answer): refused.
    let other = wire::paid_status(&qr(), "another").signed(&credentials());
    let replayed = answer(&other, "1", "1", "", "{}");
    assert_eq!(
        wire::read_done(&replayed, &sent, secret),
        Err(LoyaltyError::UnexpectedAnswer)
    );
    // A refusal nobody could sign, or signed with another secret: the
    // credentials do not match, log in again.
    let unauthorized = Reply { status: 200, body: r#"{"status":"0","show_status":"1","message":"Unauthorized","server_time":"2026-12-01 09:30:00","data":{}}"#.into() };
    assert_eq!(
        wire::read_done(&unauthorized, &sent, secret),
        Err(LoyaltyError::TokenRejected)
    );
    let wrong_secret = sign::SigningSecret::new("guess");
    let refused = answer(&sent, "0", "1", "Invalid signature", "{}");
    assert_eq!(
        wire::read_done(&refused, &sent, &wrong_secret),
        Err(LoyaltyError::TokenRejected)
    );
    assert_eq!(
        wire::read_done(&refused, &sent, secret),
        Err(LoyaltyError::Rejected("Invalid signature".into()))
    );
}

#[test]
fn transport_failures_and_broken_bodies() {
    let sent = sent(&wire::cancel(&qr()));
    let secret = &credentials().secret;
    for (status, body, expected) in [
        (503, "<html>503</html>", LoyaltyError::Unreachable),
        (502, "", LoyaltyError::Unreachable),
        (404, "{}", LoyaltyError::UnexpectedAnswer),
        (200, "<html>", LoyaltyError::UnexpectedAnswer),
        (
            200,
            r#"{"status":"7","data":{}}"#,
            LoyaltyError::UnexpectedAnswer,
        ),
        (200, "[]", LoyaltyError::UnexpectedAnswer),
    ] {
        let reply = Reply {
            status,
            body: body.into(),
        };
        assert_eq!(
            wire::read_done(&reply, &sent, secret),
            Err(expected),
            "{status} {body}"
        );
    }
    // Status as a number, data as an empty list.
    let signature = sign::response_signature(secret, &sent.request_signature, "t", "1");
    let reply = Reply {
        status: 200,
        body: format!(
            r#"{{"status":1,"server_time":"t","data":{{"response_signature":"{signature}"}}}}"#
        ),
    };
    assert_eq!(wire::read_done(&reply, &sent, secret), Ok(()));
    // A "2" where only the paid status may answer it.
    let reply = answer(&sent, "2", "0", "", "{}");
    assert_eq!(
        wire::read_done(&reply, &sent, secret),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

#[test]
fn a_receipt_line_maps_onto_a_cart_line_of_the_same_total() {
    use kassa::domain::line::{Line, LineDraft};
    let mut draft = LineDraft::product("Cheese", sum("12.90"), qty("0.355"), 12);
    draft.barcode = "2000000000015".into();
    draft.discount = sum("0.58");
    let line = Line::new(draft).unwrap();
    let cart_line = CartLine::of(&line);
    assert_eq!(cart_line.total(), Some(line.total()));
    assert_eq!(cart_line.total(), Some(sum("4.00")));
    assert_eq!(cart_line.barcode, "2000000000015");
}
