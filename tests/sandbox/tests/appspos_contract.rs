//! One suite of AppsPOS contract scenarios, run against both servers Kassa
//! ships: the demo backend (its AppsPOS rules, called as the demo worker
//! calls them) and the sandbox reached through real HTTP requests under
//! `/appspos`. Requests are built, signed and read by the client's own wire
//! module, and each payment is driven by the client's own step machine
//! (`appspos::payment`), so a scenario passing on both says that the demo,
//! the sandbox and the client agree on `shared/spec/appspos-contract.md`.

use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use kassa::domain::money::Money;
use kassa::domain::quantity::Quantity;
use kassa::domain::transaction_qr::TransactionQr;
use kassa::loyalty::appspos::credentials::Credentials;
use kassa::loyalty::appspos::payment::{Action, CancelReason, Payment, Phase, Status};
use kassa::loyalty::appspos::sign::SigningSecret;
use kassa::loyalty::appspos::wire::{
    self, AppsPosRequest, BillInfo, CartLine, Order, Paid, PaidStatus, Reply, SignedRequest,
};
use kassa::loyalty::appspos::{DEMO_API_KEY, DEMO_BRANCH_CODE, DEMO_SECRET};
use kassa::loyalty::demo::protocol::DemoCall;
use kassa::loyalty::demo::server::DemoServer;
use kassa::loyalty::error::LoyaltyError;
use tokio::runtime::Runtime;
use tower::ServiceExt;

const VOUCHER: &str = "QR-20261201-A1B2-0000001";
const NO_VOUCHER: &str = "QR-20261201-C3D4-0000002";
const FAILS: &str = "QR-20261201-E5F6-0000003";
const COVERS_ALL: &str = "QR-20261201-0F0F-0000004";

/// An AppsPOS server as the client sees it: `Err` when no answer came.
trait AppsPosApi {
    fn post(&mut self, signed: &SignedRequest) -> Result<Reply, LoyaltyError>;
}

/// What the demo worker runs.
struct DemoRules(DemoServer);

impl AppsPosApi for DemoRules {
    fn post(&mut self, signed: &SignedRequest) -> Result<Reply, LoyaltyError> {
        Ok(self.0.answer(DemoCall::AppsPos {
            path: format!("/{}", signed.api.name()),
            body: signed.body.clone(),
        }))
    }
}

/// The sandbox's router, called in-process through HTTP requests.
struct SandboxHttp {
    router: Router,
    runtime: Runtime,
}

impl SandboxHttp {
    fn new() -> SandboxHttp {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seed.json");
        let seed = serde_json::from_str(&std::fs::read_to_string(path).expect("the seed"))
            .expect("valid seed");
        SandboxHttp {
            router: kassa_sandbox::router(seed),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime"),
        }
    }

    fn call(&self, request: Request<Body>) -> Result<Reply, String> {
        self.runtime.block_on(async {
            let response = self
                .router
                .clone()
                .oneshot(request)
                .await
                .unwrap_or_else(|never| match never {});
            let status = response.status().as_u16();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .map_err(|error| error.to_string())?;
            Ok(Reply {
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
            })
        })
    }

    fn control(&self, path: &str, json: &str) {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_owned()))
            .expect("a valid request");
        let reply = self.call(request).expect("an answer");
        assert_eq!(reply.status, 204, "{path}: {}", reply.body);
    }

    fn ledger(&self) -> serde_json::Value {
        let request = Request::get("/__control/appspos/ledger")
            .body(Body::empty())
            .expect("a request");
        serde_json::from_str(&self.call(request).expect("an answer").body).expect("JSON")
    }
}

impl AppsPosApi for SandboxHttp {
    fn post(&mut self, signed: &SignedRequest) -> Result<Reply, LoyaltyError> {
        let request = Request::post(format!("/appspos/{}", signed.api.name()))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(signed.body.clone()))
            .expect("a valid request");
        let reply = self.call(request).map_err(|_| LoyaltyError::Unreachable)?;
        // What the browser client does with a status other than 200.
        kassa::loyalty::appspos::transport::answered(&reply)?;
        Ok(reply)
    }
}

fn both() -> Vec<Box<dyn AppsPosApi>> {
    vec![
        Box::new(DemoRules(DemoServer::default())),
        Box::new(SandboxHttp::new()),
    ]
}

fn credentials() -> Credentials {
    Credentials::new(DEMO_API_KEY, DEMO_SECRET, DEMO_BRANCH_CODE, "T1")
}

type Reader<T> = fn(&Reply, &SignedRequest, &SigningSecret) -> Result<T, LoyaltyError>;

fn call<T>(
    api: &mut dyn AppsPosApi,
    credentials: &Credentials,
    request: &AppsPosRequest,
    read: Reader<T>,
) -> Result<T, LoyaltyError> {
    let signed = request.signed(credentials);
    let reply = api.post(&signed)?;
    read(&reply, &signed, &credentials.secret)
}

fn sum(whole: i64) -> Money {
    Money::sum(whole)
}

fn cart(code: &str, invoice: &str, prices: &[i64]) -> Order {
    Order {
        qr: TransactionQr::parse(code).expect("a code"),
        invoice_no: invoice.into(),
        lines: prices
            .iter()
            .map(|price| CartLine {
                barcode: String::new(),
                name: "Rice".into(),
                unit_price: sum(*price),
                qty: Quantity::ONE,
                discount: Money::ZERO,
            })
            .collect(),
    }
}

/// How a scenario's cashier behaves.
#[derive(Clone, Copy)]
struct Cashier {
    remove_voucher: bool,
    /// Cancel once this many polls were answered.
    cancel_after_polls: Option<u32>,
}

const RELEASES_AT_ONCE: Cashier = Cashier {
    remove_voucher: false,
    cancel_after_polls: None,
};

/// A sale driven by the client's step machine, as the till drives it:
/// calls without an answer are sent again (the machine says what), the
/// payment is completed like an outbox step, until a definite answer.
struct Sale {
    payment: Payment,
    voucher: Money,
    polls: u32,
    completed: bool,
}

fn sell(api: &mut dyn AppsPosApi, order: &Order, cashier: Cashier) -> Sale {
    let credentials = credentials();
    let total = order.total().expect("a cart");
    let mut payment = Payment::new(order.qr.clone(), &order.invoice_no);
    let mut sale = Sale {
        payment: payment.clone(),
        voucher: Money::ZERO,
        polls: 0,
        completed: false,
    };
    let mut removed = false;
    let mut now = 0u64;
    for _ in 0..2_000 {
        match payment.next() {
            Action::SendOrder => {
                let answer = call(api, &credentials, &wire::order(order), wire::read_order);
                if let Ok(accepted) = &answer {
                    sale.voucher = accepted
                        .voucher(&order.qr, total)
                        .expect("a voucher within the cart")
                        .map_or(Money::ZERO, |v| v.amount);
                }
                payment.on_order(answer);
            }
            Action::SendBillInfo => {
                let due = total.checked_sub(sale.voucher).expect("due");
                let bill = BillInfo {
                    qr: order.qr.clone(),
                    invoice_no: order.invoice_no.clone(),
                    discount: Money::ZERO,
                    gst: Money::ZERO,
                };
                let answer = call(
                    api,
                    &credentials,
                    &wire::bill_info(&bill),
                    wire::read_total_payable,
                );
                payment.on_bill_info(answer, due);
            }
            Action::SendRemoveVoucher => {
                let request = wire::remove_voucher(&order.qr, &order.invoice_no);
                payment.on_remove_voucher(call(api, &credentials, &request, wire::read_done));
            }
            Action::AwaitCashier => {
                if !matches!(payment.phase, Phase::Agreed { .. }) {
                    break;
                }
                if cashier.remove_voucher && !removed {
                    removed = true;
                    payment.remove_voucher().expect("before the release");
                } else {
                    payment.release(now).expect("agreed");
                }
            }
            Action::SendRelease => {
                let answer = call(
                    api,
                    &credentials,
                    &wire::release(&order.qr),
                    wire::read_done,
                );
                payment.on_release(answer, now);
            }
            Action::PollAt(at) => {
                now = now.max(at);
                if cashier.cancel_after_polls == Some(sale.polls) {
                    payment.cancel(now).expect("before paid");
                    continue;
                }
                sale.polls += 1;
                let request = wire::paid_status(&order.qr, &order.invoice_no);
                let answer = call(api, &credentials, &request, wire::read_paid_status);
                payment.on_poll(answer, now);
            }
            Action::CancelAt(at) => {
                now = now.max(at);
                let answer = call(api, &credentials, &wire::cancel(&order.qr), wire::read_done);
                payment.on_cancel(answer, now);
            }
            Action::Finalize(paid) => {
                sale.completed = complete(api, &credentials, &order.qr, &paid);
                break;
            }
            Action::Done => break,
        }
    }
    sale.payment = payment;
    sale
}

/// `payment_completed` as the outbox sends it: the stored request, again
/// and again until a definite answer.
fn complete(
    api: &mut dyn AppsPosApi,
    credentials: &Credentials,
    qr: &TransactionQr,
    paid: &Paid,
) -> bool {
    let steps = kassa::loyalty::appspos::plan::sale_steps(qr, paid);
    let request = AppsPosRequest::from_stored(&steps[0].1).expect("a stored request");
    for _ in 0..50 {
        match call(api, credentials, &request, wire::read_done) {
            Ok(()) => return true,
            Err(LoyaltyError::Unreachable | LoyaltyError::UnexpectedAnswer) => continue,
            Err(_) => return false,
        }
    }
    false
}

fn paid_of(sale: &Sale) -> Paid {
    match &sale.payment.phase {
        Phase::Paid { paid } => paid.clone(),
        other => panic!("not paid: {other:?}"),
    }
}

#[test]
fn a_voucher_sale_pays_the_cart_less_the_voucher() {
    for mut api in both() {
        // 12 000 + 13 000 = 25 000, less the 10 000 voucher.
        let sale = sell(
            api.as_mut(),
            &cart(VOUCHER, "T1-S-000001", &[12_000, 13_000]),
            RELEASES_AT_ONCE,
        );
        assert_eq!(sale.voucher, sum(10_000));
        assert_eq!(paid_of(&sale).paid_amount, sum(15_000));
        assert_eq!(sale.polls, 3, "two polls in process, then paid");
        assert!(sale.completed);
    }
}

#[test]
fn a_sale_without_a_voucher_pays_everything() {
    for mut api in both() {
        let sale = sell(
            api.as_mut(),
            &cart(NO_VOUCHER, "T1-S-000002", &[7_500]),
            RELEASES_AT_ONCE,
        );
        assert_eq!(sale.voucher, Money::ZERO);
        assert_eq!(paid_of(&sale).paid_amount, sum(7_500));
    }
}

#[test]
fn a_zero_dollar_pay_is_paid_at_the_first_poll() {
    for mut api in both() {
        let sale = sell(
            api.as_mut(),
            &cart(COVERS_ALL, "T1-S-000003", &[40_000]),
            RELEASES_AT_ONCE,
        );
        assert_eq!(sale.voucher, sum(40_000));
        assert_eq!(paid_of(&sale).paid_amount, Money::ZERO);
        assert_eq!(sale.polls, 1);
        assert!(sale.completed);
    }
}

#[test]
fn a_failing_payment_then_a_cancel_for_another_tender() {
    for mut api in both() {
        let order = cart(FAILS, "T1-S-000004", &[5_000]);
        let mut sale = sell(api.as_mut(), &order, RELEASES_AT_ONCE);
        assert_eq!(sale.payment.status(), Status::Failed);
        assert!(
            matches!(&sale.payment.phase, Phase::Failed { message } if message.contains("declined"))
        );
        sale.payment
            .cancel(0)
            .expect("a failed payment may be cancelled");
        let answer = call(
            api.as_mut(),
            &credentials(),
            &wire::cancel(&order.qr),
            wire::read_done,
        );
        sale.payment.on_cancel(answer, 0);
        assert_eq!(
            sale.payment.phase,
            Phase::Cancelled {
                reason: CancelReason::ByCashier
            }
        );
    }
}

#[test]
fn a_cancel_mid_poll_charges_nothing() {
    for mut api in both() {
        let order = cart(NO_VOUCHER, "T1-S-000005", &[5_000]);
        let cashier = Cashier {
            cancel_after_polls: Some(1),
            ..RELEASES_AT_ONCE
        };
        let sale = sell(api.as_mut(), &order, cashier);
        assert_eq!(
            sale.payment.phase,
            Phase::Cancelled {
                reason: CancelReason::ByCashier
            }
        );
        let request = wire::paid_status(&order.qr, &order.invoice_no);
        assert!(matches!(
            call(api.as_mut(), &credentials(), &request, wire::read_paid_status),
            Ok(PaidStatus::Failed { message }) if message.contains("cancelled")
        ));
        // A cancelled code cannot be ordered again.
        assert!(matches!(
            call(
                api.as_mut(),
                &credentials(),
                &wire::order(&order),
                wire::read_order
            ),
            Err(LoyaltyError::Rejected(_))
        ));
    }
}

#[test]
fn removing_the_voucher_re_sends_the_order_at_full_price() {
    for mut api in both() {
        let cashier = Cashier {
            remove_voucher: true,
            ..RELEASES_AT_ONCE
        };
        let sale = sell(
            api.as_mut(),
            &cart(VOUCHER, "T1-S-000006", &[25_000]),
            cashier,
        );
        assert_eq!(sale.voucher, Money::ZERO);
        assert_eq!(paid_of(&sale).paid_amount, sum(25_000));
    }
}

#[test]
fn a_wrong_secret_or_key_is_clear_at_the_first_call() {
    for mut api in both() {
        let order = cart(VOUCHER, "T1-S-000007", &[1_000]);
        for wrong in [
            Credentials::new(DEMO_API_KEY, "not-the-secret", DEMO_BRANCH_CODE, "T1"),
            Credentials::new("not-a-key", DEMO_SECRET, DEMO_BRANCH_CODE, "T1"),
        ] {
            assert_eq!(
                call(api.as_mut(), &wrong, &wire::order(&order), wire::read_order),
                Err(LoyaltyError::TokenRejected)
            );
        }
        let other_branch = Credentials::new(DEMO_API_KEY, DEMO_SECRET, "B9", "T1");
        assert_eq!(
            call(
                api.as_mut(),
                &other_branch,
                &wire::order(&order),
                wire::read_order
            ),
            Err(LoyaltyError::Rejected("Unknown branch".into()))
        );
    }
}

#[test]
fn replays_complete_and_refund_once() {
    for mut api in both() {
        let order = cart(NO_VOUCHER, "T1-S-000008", &[3_000]);
        let sale = sell(api.as_mut(), &order, RELEASES_AT_ONCE);
        let paid = paid_of(&sale);
        assert!(
            complete(api.as_mut(), &credentials(), &order.qr, &paid),
            "a replayed completion is a success"
        );
        let steps = kassa::loyalty::appspos::plan::refund_steps(&paid.refund_id);
        let refund = AppsPosRequest::from_stored(&steps[0].1).expect("stored");
        for _ in 0..2 {
            assert_eq!(
                call(api.as_mut(), &credentials(), &refund, wire::read_done),
                Ok(())
            );
        }
        assert_eq!(
            call(
                api.as_mut(),
                &credentials(),
                &wire::refund("rf-unknown"),
                wire::read_done
            ),
            Err(LoyaltyError::Rejected("Unknown refund request".into()))
        );
    }
    // The refund happened once: the sandbox's ledger says so.
    let mut sandbox = SandboxHttp::new();
    let order = cart(NO_VOUCHER, "T1-S-000009", &[3_000]);
    let paid = paid_of(&sell(&mut sandbox, &order, RELEASES_AT_ONCE));
    let refund = wire::refund(&paid.refund_id);
    for _ in 0..3 {
        assert_eq!(
            call(&mut sandbox, &credentials(), &refund, wire::read_done),
            Ok(())
        );
    }
    let ledger = sandbox.ledger();
    assert_eq!(ledger["refunds"].as_array().map(Vec::len), Some(1));
    assert_eq!(ledger["charges"].as_array().map(Vec::len), Some(1));
}

#[test]
fn six_sales_through_503s_and_dropped_answers_charge_six_times() {
    let mut sandbox = SandboxHttp::new();
    sandbox.control("/__sandbox/appspos/in-process", r#"{"polls": 3}"#);
    let codes: Vec<String> = (1..=6)
        .map(|n| format!("QR-20261201-AB{n:02}-00001{n:02}"))
        .collect();
    for code in &codes {
        sandbox.control(
            "/__sandbox/appspos/codes",
            &format!(r#"{{"code": "{code}", "voucher": "1000.00"}}"#),
        );
    }
    sandbox.control(
        "/__control/appspos/faults",
        r#"{"unavailableEvery": 3, "dropAfterCommitEvery": 4}"#,
    );
    for (n, code) in codes.iter().enumerate() {
        let order = cart(code, &format!("T1-S-1000{n:02}"), &[6_000, 4_000]);
        let sale = sell(&mut sandbox, &order, RELEASES_AT_ONCE);
        assert_eq!(paid_of(&sale).paid_amount, sum(9_000), "{code}");
        assert!(sale.completed, "{code}");
    }
    let ledger = sandbox.ledger();
    assert_eq!(
        ledger["charges"].as_array().map(Vec::len),
        Some(6),
        "{ledger}"
    );
    assert_eq!(ledger["duplicateCharges"], 0);
    assert!(
        ledger["dropped"].as_u64() > Some(3),
        "faults were injected: {ledger}"
    );
    let completed = ledger["transactions"]
        .as_array()
        .expect("transactions")
        .iter()
        .filter(|t| t["state"] == "completed")
        .count();
    assert_eq!(completed, 6);
}

#[test]
fn the_in_process_hook_and_the_two_minute_limit() {
    let mut sandbox = SandboxHttp::new();
    // More polls in process than two minutes hold: the order is cancelled.
    sandbox.control("/__sandbox/appspos/in-process", r#"{"polls": 1000}"#);
    let sale = sell(
        &mut sandbox,
        &cart(NO_VOUCHER, "T1-S-000010", &[2_000]),
        RELEASES_AT_ONCE,
    );
    assert_eq!(
        sale.payment.phase,
        Phase::Cancelled {
            reason: CancelReason::TimedOut
        }
    );
    assert_eq!(sale.polls, 60);
    let ledger = sandbox.ledger();
    assert_eq!(ledger["charges"].as_array().map(Vec::len), Some(0));
    assert_eq!(ledger["cancels"], 1);
    assert_eq!(ledger["inProcessPolls"], 1000);
}
