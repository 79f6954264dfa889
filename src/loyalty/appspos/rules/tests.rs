use super::*;
use crate::domain::quantity::Quantity;
use crate::domain::transaction_qr::TransactionQr;
use crate::loyalty::appspos::credentials::Credentials;
use crate::loyalty::appspos::wire::{self, AppsPosRequest, CartLine, Order, PaidStatus};
use crate::loyalty::appspos::{DEMO_API_KEY, DEMO_BRANCH_CODE, DEMO_SECRET};
use crate::loyalty::error::LoyaltyError;

const VOUCHER: &str = "QR-20261201-A1B2-0000001";
const FAILS: &str = "QR-20261201-E5F6-0000003";
const COVERS_ALL: &str = "QR-20261201-0F0F-0000004";
const WALLET_5K: &str = "QR-20261201-B7C8-0000005";

fn credentials() -> Credentials {
    Credentials::new(DEMO_API_KEY, DEMO_SECRET, DEMO_BRANCH_CODE, "T1")
}

fn qr(code: &str) -> TransactionQr {
    TransactionQr::parse(code).unwrap()
}

fn send(server: &mut AppsPosServer, request: &AppsPosRequest) -> (Reply, wire::SignedRequest) {
    let signed = request.signed(&credentials());
    (
        server.handle(&format!("/{}", signed.api.name()), &signed.body),
        signed,
    )
}

fn order(code: &str, price: i64) -> Order {
    Order {
        qr: qr(code),
        invoice_no: "T1-S-000001".into(),
        lines: vec![CartLine {
            barcode: "4780000000017".into(),
            name: "Tea".into(),
            unit_price: Money::sum(price),
            qty: Quantity::ONE,
            discount: Money::ZERO,
        }],
    }
}

/// Order, bill info and release; the total payable.
fn ordered_and_released(server: &mut AppsPosServer, code: &str, price: i64) -> Money {
    let secret = &credentials().secret;
    let order = order(code, price);
    let (reply, sent) = send(server, &wire::order(&order));
    let accepted = wire::read_order(&reply, &sent, secret).unwrap();
    let bill = wire::BillInfo {
        qr: order.qr.clone(),
        invoice_no: order.invoice_no.clone(),
        discount: Money::ZERO,
        gst: Money::ZERO,
    };
    let (reply, sent) = send(server, &wire::bill_info(&bill));
    let payable = wire::read_total_payable(&reply, &sent, secret).unwrap();
    assert_eq!(payable, accepted.total_final_amount);
    let (reply, sent) = send(server, &wire::release(&order.qr));
    wire::read_done(&reply, &sent, secret).unwrap();
    payable
}

fn poll(server: &mut AppsPosServer, code: &str) -> Result<PaidStatus, LoyaltyError> {
    let (reply, sent) = send(server, &wire::paid_status(&qr(code), "T1-S-000001"));
    wire::read_paid_status(&reply, &sent, &credentials().secret)
}

#[test]
fn the_seed_reads_with_the_five_sample_codes() {
    let seed = Seed::demo();
    assert_eq!(seed.branches[0].api_key, DEMO_API_KEY);
    assert_eq!(seed.in_process_polls, 2);
    assert_eq!(seed.codes.len(), 5);
    for code in &seed.codes {
        assert!(TransactionQr::parse(&code.code).is_ok(), "{}", code.code);
    }
}

#[test]
fn a_voucher_sale_polls_twice_in_process_then_pays_once() {
    let mut server = AppsPosServer::new(Seed::demo());
    // 25 000 less the 10 000 voucher.
    let payable = ordered_and_released(&mut server, VOUCHER, 25_000);
    assert_eq!(payable, Money::sum(15_000));
    assert_eq!(poll(&mut server, VOUCHER), Ok(PaidStatus::InProcess));
    assert_eq!(poll(&mut server, VOUCHER), Ok(PaidStatus::InProcess));
    let Ok(PaidStatus::Paid(paid)) = poll(&mut server, VOUCHER) else {
        panic!("not paid");
    };
    assert_eq!(paid.paid_amount, payable);
    // Polls, releases after "paid": the same payment, no second charge.
    assert_eq!(
        poll(&mut server, VOUCHER),
        Ok(PaidStatus::Paid(paid.clone()))
    );
    let (reply, sent) = send(&mut server, &wire::release(&qr(VOUCHER)));
    assert_eq!(
        wire::read_done(&reply, &sent, &credentials().secret),
        Ok(())
    );
    assert_eq!(server.charges().len(), 1);
    // Completed twice, refunded twice: one refund.
    for _ in 0..2 {
        let request = wire::complete(&qr(VOUCHER), &paid.transaction_id, &paid.refund_id);
        let (reply, sent) = send(&mut server, &request);
        assert_eq!(
            wire::read_done(&reply, &sent, &credentials().secret),
            Ok(())
        );
    }
    for _ in 0..2 {
        let (reply, sent) = send(&mut server, &wire::refund(&paid.refund_id));
        assert_eq!(
            wire::read_done(&reply, &sent, &credentials().secret),
            Ok(())
        );
    }
    assert_eq!(server.refunds().len(), 1);
    // A code used by a completed sale is refused.
    let (reply, sent) = send(&mut server, &wire::order(&order(VOUCHER, 1)));
    assert!(matches!(
        wire::read_order(&reply, &sent, &credentials().secret),
        Err(LoyaltyError::Rejected(m)) if m.contains("already used")
    ));
}

#[test]
fn an_app_that_holds_less_than_the_bill_pays_what_it_holds() {
    let mut server = AppsPosServer::new(Seed::demo());
    server.set_in_process_polls(0);
    // 16 500 less the 1 000 voucher.
    assert_eq!(
        ordered_and_released(&mut server, WALLET_5K, 16_500),
        Money::sum(15_500)
    );
    let Ok(PaidStatus::Paid(paid)) = poll(&mut server, WALLET_5K) else {
        panic!("not paid");
    };
    assert_eq!(paid.paid_amount, Money::sum(5_000));
    // A bill within the wallet is paid whole.
    let mut server = AppsPosServer::new(Seed::demo());
    server.set_in_process_polls(0);
    ordered_and_released(&mut server, WALLET_5K, 4_000);
    let Ok(PaidStatus::Paid(paid)) = poll(&mut server, WALLET_5K) else {
        panic!("not paid");
    };
    assert_eq!(paid.paid_amount, Money::sum(3_000));
}

#[test]
fn the_failing_code_fails_and_a_paid_one_cannot_be_cancelled() {
    let mut server = AppsPosServer::new(Seed::demo());
    server.set_in_process_polls(0);
    ordered_and_released(&mut server, FAILS, 5_000);
    assert!(
        matches!(poll(&mut server, FAILS), Ok(PaidStatus::Failed { message }) if message.contains("declined"))
    );
    assert!(server.charges().is_empty());
    let (reply, sent) = send(&mut server, &wire::cancel(&qr(FAILS)));
    assert_eq!(
        wire::read_done(&reply, &sent, &credentials().secret),
        Ok(())
    );
    assert_eq!(server.cancels(), 1);

    ordered_and_released(&mut server, COVERS_ALL, 5_000);
    assert!(
        matches!(poll(&mut server, COVERS_ALL), Ok(PaidStatus::Paid(p)) if p.paid_amount.is_zero())
    );
    let (reply, sent) = send(&mut server, &wire::cancel(&qr(COVERS_ALL)));
    assert!(matches!(
        wire::read_done(&reply, &sent, &credentials().secret),
        Err(LoyaltyError::Rejected(m)) if m.contains("already paid")
    ));
}

#[test]
fn removing_the_voucher_charges_the_whole_cart() {
    let mut server = AppsPosServer::new(Seed::demo());
    let secret = &credentials().secret;
    let order = order(VOUCHER, 25_000);
    let (reply, sent) = send(&mut server, &wire::order(&order));
    assert_eq!(
        wire::read_order(&reply, &sent, secret)
            .unwrap()
            .total_final_amount,
        Money::sum(15_000)
    );
    let (reply, sent) = send(
        &mut server,
        &wire::remove_voucher(&order.qr, &order.invoice_no),
    );
    assert_eq!(wire::read_done(&reply, &sent, secret), Ok(()));
    let (reply, sent) = send(&mut server, &wire::order(&order));
    assert_eq!(
        wire::read_order(&reply, &sent, secret)
            .unwrap()
            .total_final_amount,
        Money::sum(25_000)
    );
    // Release before the bill info is refused.
    let (reply, sent) = send(&mut server, &wire::release(&order.qr));
    assert!(matches!(
        wire::read_done(&reply, &sent, secret),
        Err(LoyaltyError::Rejected(_))
    ));
}

#[test]
fn only_signed_calls_of_known_branches_are_answered() {
    let mut server = AppsPosServer::new(Seed::demo());
    let request = wire::order(&order(VOUCHER, 100));
    let wrong = Credentials::new(DEMO_API_KEY, "guess", DEMO_BRANCH_CODE, "T1");
    let signed = request.signed(&wrong);
    let reply = server.handle("/voucher_to_add_cart_from_pos", &signed.body);
    assert!(reply.body.contains("Invalid signature"), "{}", reply.body);
    assert_eq!(
        wire::read_order(&reply, &signed, &wrong.secret),
        Err(LoyaltyError::TokenRejected)
    );
    let stranger = Credentials::new("nobody", DEMO_SECRET, DEMO_BRANCH_CODE, "T1");
    let signed = request.signed(&stranger);
    let reply = server.handle("/voucher_to_add_cart_from_pos", &signed.body);
    assert!(reply.body.contains("Unauthorized"));
    assert_eq!(
        wire::read_order(&reply, &signed, &stranger.secret),
        Err(LoyaltyError::TokenRejected)
    );
    // A body changed after signing.
    let signed = request.signed(&credentials());
    let changed = signed.body.replace("T1-S-000001", "T1-S-000002");
    let reply = server.handle("/voucher_to_add_cart_from_pos", &changed);
    assert!(reply.body.contains("Invalid signature"));
    assert_eq!(server.handle("/nothing", "{}").status, 404);
    assert!(server
        .handle("/refund", "not json")
        .body
        .contains("Malformed"));
    assert!(server.transactions().is_empty());
}

#[test]
fn an_unknown_code_and_a_broken_cart_are_refused() {
    let mut server = AppsPosServer::new(Seed::demo());
    let secret = &credentials().secret;
    let (reply, sent) = send(
        &mut server,
        &wire::order(&order("QR-20261201-FFFF-0000009", 100)),
    );
    assert!(
        matches!(wire::read_order(&reply, &sent, secret), Err(LoyaltyError::Rejected(m)) if m.contains("Invalid QR"))
    );
    let mut empty = wire::order(&order(VOUCHER, 100));
    empty.data = Some(Vec::new());
    let (reply, sent) = send(&mut server, &empty);
    assert!(
        matches!(wire::read_order(&reply, &sent, secret), Err(LoyaltyError::Rejected(m)) if m.contains("cart"))
    );
}
