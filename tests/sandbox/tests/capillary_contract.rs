//! One suite of Capillary contract scenarios, run against both servers Kassa
//! ships: the demo backend (its Capillary rules, called as the demo worker
//! calls them) and the sandbox reached through real HTTP requests and
//! responses under `/capillary`. Requests are built and answers read by the
//! client's own wire module, so a scenario passing on both says that the
//! demo, the sandbox and the client agree on
//! `shared/spec/capillary-contract.md`.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use kassa::domain::customer::{Customer, CustomerId as Who};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::mobile::{CardNumber, MobileNumber};
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::refund::{Earned, Refund, RefundDraft, RefundPick, Refundable};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::loyalty::capillary::auth::Authorization;
use kassa::loyalty::capillary::plan;
use kassa::loyalty::capillary::wire::{
    self, CapillaryRequest, CouponDiscount, CouponRedeem, CustomerId, CustomerProfile, Enrolment,
    LineItem, Member, Method, PaymentMode, PointsRedeem, Reply, TransactionAdd, TransactionKind,
};
use kassa::loyalty::capillary::{DEMO_PASSWORD, DEMO_TILL_CODE};
use kassa::loyalty::demo::protocol::DemoCall;
use kassa::loyalty::demo::server::DemoServer;
use kassa::loyalty::error::LoyaltyError;
use rust_decimal::Decimal;
use tokio::runtime::Runtime;
use tower::ServiceExt;

const DILNOZA: &str = "998901234567";
const DILNOZA_CARD: &str = "400012345678";
const JASUR: &str = "998935551122";
const NOT_A_MEMBER: &str = "998977003344";

/// A Capillary server as the client sees it.
trait CapillaryApi {
    fn send_as(&mut self, request: &CapillaryRequest, authorization: Option<&str>) -> Reply;
    /// The one-time code the customer's SMS would carry.
    fn otp(&mut self, mobile: &str) -> Option<String>;

    fn send(&mut self, request: &CapillaryRequest) -> Reply {
        let auth = Authorization::new(DEMO_TILL_CODE, DEMO_PASSWORD);
        self.send_as(request, Some(auth.header_value()))
    }
}

/// What the demo worker runs.
struct DemoRules(DemoServer);

impl CapillaryApi for DemoRules {
    fn send_as(&mut self, request: &CapillaryRequest, authorization: Option<&str>) -> Reply {
        self.0.answer(DemoCall::Capillary {
            request: request.clone(),
            authorization: authorization.unwrap_or_default().to_owned(),
        })
    }

    fn otp(&mut self, mobile: &str) -> Option<String> {
        let reply = self.0.answer(DemoCall::CapillaryOtp {
            mobile: mobile.into(),
        });
        otp_of(&reply)
    }
}

/// The sandbox's router, called in-process through HTTP requests.
struct SandboxHttp {
    router: Router,
    runtime: Runtime,
}

fn aos_seed() -> kassa::loyalty::aos::rules::Seed {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seed.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the seed")).expect("valid seed")
}

impl SandboxHttp {
    fn new() -> SandboxHttp {
        SandboxHttp {
            router: kassa_sandbox::router(aos_seed()),
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

    fn get(&self, path: &str) -> Reply {
        let request = Request::get(path).body(Body::empty()).expect("a request");
        self.call(request).expect("an answer")
    }

    fn http_request(request: &CapillaryRequest, authorization: Option<&str>) -> Request<Body> {
        // The values of these scenarios are URL-safe, so they go into the
        // query as they are.
        let query: Vec<String> = request
            .query
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let uri = format!("/capillary{}?{}", request.path, query.join("&"));
        let builder = match request.method {
            Method::Get => Request::get(uri),
            Method::Post => Request::post(uri).header(header::CONTENT_TYPE, "application/json"),
        };
        let builder = match authorization {
            Some(value) => builder.header(header::AUTHORIZATION, value),
            None => builder,
        };
        builder
            .body(Body::from(request.body.clone().unwrap_or_default()))
            .expect("a valid request")
    }

    /// Sends with the demo credentials; `Err` when the answer was cut off.
    fn try_send(&self, request: &CapillaryRequest) -> Result<Reply, String> {
        let auth = Authorization::new(DEMO_TILL_CODE, DEMO_PASSWORD);
        self.call(Self::http_request(request, Some(auth.header_value())))
    }
}

impl CapillaryApi for SandboxHttp {
    fn send_as(&mut self, request: &CapillaryRequest, authorization: Option<&str>) -> Reply {
        self.call(Self::http_request(request, authorization))
            .expect("a whole answer")
    }

    fn otp(&mut self, mobile: &str) -> Option<String> {
        otp_of(&self.get(&format!("/__sandbox/otp?mobile={mobile}")))
    }
}

fn otp_of(reply: &Reply) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(&reply.body).ok()?;
    (reply.status == 200).then(|| value["otp"].as_str().map(str::to_owned))?
}

fn mobile(text: &str) -> MobileNumber {
    MobileNumber::parse(text).expect("a mobile number")
}

fn sum(text: &str) -> Money {
    Money::new(text.parse().expect("a decimal")).expect("money")
}

fn member(server: &mut impl CapillaryApi, id: &CustomerId) -> Result<Member, LoyaltyError> {
    wire::read_member(&server.send(&wire::customer_get(id)), id)
}

fn points_of(server: &mut impl CapillaryApi, who: &str) -> i64 {
    member(server, &CustomerId::Mobile(mobile(who)))
        .expect("a member")
        .points
}

const AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 3,
    day: 4,
    hour: 12,
    minute: 3,
    second: 58,
};

/// A one-line bill of `price`, `points` of it paid in points, the rest cash.
fn bill(kind: TransactionKind, number: &str, price: &str, points: &str) -> TransactionAdd {
    let price = sum(price);
    let points = sum(points);
    let mut payments = vec![(PaymentMode::Cash, price - points)];
    if !points.is_zero() {
        payments.insert(0, (PaymentMode::Points, points));
    }
    TransactionAdd {
        kind,
        number: number.into(),
        billing_time: AT,
        gross_amount: price,
        discount: Money::ZERO,
        amount: price,
        payments,
        line_items: vec![LineItem {
            serial: 1,
            item_code: "4780000000013".into(),
            description: "Tea".into(),
            qty: Quantity::ONE,
            rate: price,
            value: price,
            discount_value: Money::ZERO,
            amount: price,
        }],
    }
}

fn regular(who: &str, number: &str, price: &str, points: &str) -> TransactionAdd {
    bill(
        TransactionKind::Regular {
            mobile: mobile(who),
        },
        number,
        price,
        points,
    )
}

fn add(
    server: &mut impl CapillaryApi,
    bill: &TransactionAdd,
) -> Result<wire::TransactionAdded, LoyaltyError> {
    wire::read_transaction_added(&server.send(&wire::transaction_add(bill)))
}

fn redeem_points(who: &str, points: i64, bill: &str, otp: &str) -> CapillaryRequest {
    wire::points_redeem(&PointsRedeem {
        mobile: mobile(who),
        points,
        bill_number: bill.into(),
        otp: otp.into(),
        redemption_time: AT,
    })
}

fn redeem_coupon(code: &str, bill: &str, amount: &str) -> CapillaryRequest {
    wire::coupon_redeem(&CouponRedeem {
        mobile: mobile(DILNOZA),
        code: code.into(),
        bill_number: bill.into(),
        bill_amount: sum(amount),
    })
}

fn found_by_mobile_and_card(server: &mut impl CapillaryApi) {
    let dilnoza = Member {
        mobile: mobile(DILNOZA),
        first_name: "Dilnoza".into(),
        last_name: "Rahimova".into(),
        email: Some("dilnoza@example.uz".into()),
        points: 6420,
        lifetime_points: Some(9120),
        tier: Some("Gold".into()),
    };
    let typed = CustomerId::Mobile(mobile("+998 90 123-45-67"));
    assert_eq!(member(server, &typed), Ok(dilnoza.clone()));
    let card = CustomerId::Card(CardNumber::parse(DILNOZA_CARD).expect("a card"));
    assert_eq!(member(server, &card), Ok(dilnoza));
}

fn not_a_member_enrols(server: &mut impl CapillaryApi) {
    let id = CustomerId::Mobile(mobile(NOT_A_MEMBER));
    assert_eq!(member(server, &id), Err(LoyaltyError::CustomerNotFound));
    let unknown_card = CustomerId::Card(CardNumber::parse("999900001111").expect("a card"));
    assert_eq!(
        member(server, &unknown_card),
        Err(LoyaltyError::CustomerNotFound)
    );
    let profile = CustomerProfile {
        mobile: mobile(NOT_A_MEMBER),
        first_name: "Malika".into(),
        last_name: "Yusupova".into(),
        email: None,
    };
    let enrolled = wire::read_enrolment(&server.send(&wire::customer_add(&profile)));
    assert!(
        matches!(enrolled, Ok(Enrolment::Enrolled { user_id: Some(_) })),
        "{enrolled:?}"
    );
    let malika = member(server, &id).expect("enrolled");
    assert_eq!(
        (
            malika.first_name.as_str(),
            malika.points,
            malika.tier.as_deref()
        ),
        ("Malika", 0, Some("Silver"))
    );
    assert_eq!(
        wire::read_enrolment(&server.send(&wire::customer_add(&profile))),
        Ok(Enrolment::AlreadyMember)
    );
}

fn update_a_member(server: &mut impl CapillaryApi) {
    let profile = CustomerProfile {
        mobile: mobile(DILNOZA),
        first_name: "Dilnoza".into(),
        last_name: "Karimova".into(),
        email: Some("dk@example.uz".into()),
    };
    assert_eq!(
        wire::read_update(&server.send(&wire::customer_update(&profile))),
        Ok(())
    );
    let updated = member(server, &CustomerId::Mobile(mobile(DILNOZA))).expect("a member");
    assert_eq!(updated.last_name, "Karimova");
    assert_eq!(updated.email.as_deref(), Some("dk@example.uz"));
    assert_eq!(updated.points, 6420);
    let stranger = CustomerProfile {
        mobile: mobile(NOT_A_MEMBER),
        ..profile
    };
    assert_eq!(
        wire::read_update(&server.send(&wire::customer_update(&stranger))),
        Err(LoyaltyError::CustomerNotFound)
    );
}

fn points_with_the_right_code(server: &mut impl CapillaryApi) {
    let check = wire::read_points_check(
        &server.send(&wire::points_isredeemable(&mobile(DILNOZA), 2000)),
        2000,
    )
    .expect("an answer");
    assert!(check.redeemable, "{check:?}");
    // 2 000 × 0.5 = 1 000.00
    assert_eq!(
        (check.value, check.ratio),
        (sum("1000"), Decimal::new(5, 1))
    );
    let otp = server.otp(DILNOZA).expect("a code was sent");
    // Gold earns 2 per 1 000 paid not in points: floor(24 000 / 1 000) × 2 = 48.
    let added = add(server, &regular(DILNOZA, "T1-1", "25000", "1000")).expect("added");
    assert_eq!(
        (added.points_earned, added.points_balance, added.replayed),
        (Some(48), Some(6468), false)
    );
    let request = redeem_points(DILNOZA, 2000, "T1-1", &otp);
    let redeemed = wire::read_points_redeemed(&server.send(&request)).expect("redeemed");
    assert!(redeemed.redemption_id.is_some());
    assert_eq!(
        (redeemed.points, redeemed.value, redeemed.balance),
        (Some(2000), Some(sum("1000")), Some(4468))
    );
    // A retry of the identical body: the original answer, nothing more taken.
    assert_eq!(
        wire::read_points_redeemed(&server.send(&request)),
        Ok(redeemed)
    );
    assert_eq!(points_of(server, DILNOZA), 4468);
    assert_eq!(server.otp(DILNOZA), None, "the code served its one redeem");
}

fn points_with_a_wrong_code(server: &mut impl CapillaryApi) {
    server.send(&wire::points_isredeemable(&mobile(DILNOZA), 500));
    let otp = server.otp(DILNOZA).expect("a code was sent");
    add(server, &regular(DILNOZA, "T1-2", "10000", "250")).expect("added");
    let wrong = if otp == "0000" { "1111" } else { "0000" };
    assert!(matches!(
        wire::read_points_redeemed(&server.send(&redeem_points(DILNOZA, 500, "T1-2", wrong))),
        Err(LoyaltyError::Rejected(message)) if message.contains("validation code")
    ));
    // Other points than the code was issued for: refused as well.
    assert!(matches!(
        wire::read_points_redeemed(&server.send(&redeem_points(DILNOZA, 400, "T1-2", &otp))),
        Err(LoyaltyError::Rejected(_))
    ));
    // floor(9 750 / 1 000) × 2 = 18 earned; nothing redeemed.
    assert_eq!(points_of(server, DILNOZA), 6438);
}

fn points_over_the_balance(server: &mut impl CapillaryApi) {
    let check = wire::read_points_check(
        &server.send(&wire::points_isredeemable(&mobile(JASUR), 500)),
        500,
    )
    .expect("an answer");
    assert!(!check.redeemable);
    assert_eq!(check.value, Money::ZERO);
    assert!(!check.message.is_empty());
    assert_eq!(
        server.otp(JASUR),
        None,
        "no code for points that cannot be redeemed"
    );
    add(server, &regular(JASUR, "T1-3", "1000", "0")).expect("added");
    assert!(matches!(
        wire::read_points_redeemed(&server.send(&redeem_points(JASUR, 500, "T1-3", "1234"))),
        Err(LoyaltyError::Rejected(_))
    ));
    assert_eq!(points_of(server, JASUR), 151);
}

fn coupons(server: &mut impl CapillaryApi) {
    let check = |server: &mut dyn FnMut(&CapillaryRequest) -> Reply, code: &str| {
        wire::read_coupon_check(
            &server(&wire::coupon_isredeemable(&mobile(DILNOZA), code)),
            code,
        )
        .expect("an answer")
    };
    let mut send = |request: &CapillaryRequest| server.send(request);
    let save = check(&mut send, "SAVE10K");
    assert!(save.redeemable);
    assert_eq!(save.discount, Some(CouponDiscount::Amount(sum("10000"))));
    let perc = check(&mut send, "perc15");
    assert_eq!(perc.code, "PERC15");
    assert_eq!(
        perc.discount,
        Some(CouponDiscount::Percent(Decimal::from(15)))
    );
    let used = check(&mut send, "USED01");
    assert!(!used.redeemable);
    assert_eq!(used.discount, None);
    assert!(used.message.contains("already"), "{}", used.message);
    let unknown = check(&mut send, "NOSUCH");
    assert!(!unknown.redeemable);

    // 50 000 − 10 000 coupon = 40 000 paid in cash.
    let mut with_coupon = regular(DILNOZA, "T1-4", "50000", "0");
    with_coupon.line_items[0].discount_value = sum("10000");
    with_coupon.line_items[0].amount = sum("40000");
    with_coupon.discount = sum("10000");
    with_coupon.amount = sum("40000");
    with_coupon.payments = vec![(PaymentMode::Cash, sum("40000"))];
    let added = add(server, &with_coupon).expect("added");
    assert_eq!(added.points_earned, Some(80));
    let request = redeem_coupon("SAVE10K", "T1-4", "40000");
    let redeemed = wire::read_coupon_redeemed(&server.send(&request)).expect("redeemed");
    assert!(redeemed.redemption_id.is_some());
    assert_eq!(redeemed.value, Some(sum("10000")));
    assert_eq!(
        wire::read_coupon_redeemed(&server.send(&request)),
        Ok(redeemed)
    );
    add(server, &regular(DILNOZA, "T1-5", "1000", "0")).expect("added");
    assert!(matches!(
        wire::read_coupon_redeemed(&server.send(&redeem_coupon("SAVE10K", "T1-5", "1000"))),
        Err(LoyaltyError::Rejected(message)) if message.contains("already")
    ));
    let mut send = |request: &CapillaryRequest| server.send(request);
    assert!(!check(&mut send, "SAVE10K").redeemable);
}

fn transaction_replay_and_conflict(server: &mut impl CapillaryApi) {
    let sale = regular(DILNOZA, "T1-6", "12500", "0");
    let first = add(server, &sale).expect("added");
    assert_eq!(
        (first.points_earned, first.points_balance),
        (Some(24), Some(6444))
    );
    let replay = add(server, &sale).expect("604 is the success it means");
    assert!(replay.replayed);
    assert_eq!(
        (&replay.id, replay.points_earned, replay.points_balance),
        (&first.id, first.points_earned, first.points_balance)
    );
    assert_eq!(points_of(server, DILNOZA), 6444);
    let other = regular(DILNOZA, "T1-6", "12600", "0");
    assert!(matches!(
        add(server, &other),
        Err(LoyaltyError::Conflict(_))
    ));
    assert_eq!(points_of(server, DILNOZA), 6444);
}

fn sale_without_a_member(server: &mut impl CapillaryApi) {
    let sale = bill(TransactionKind::NotInterested, "T1-7", "9000", "0");
    let added = add(server, &sale).expect("added");
    assert!(added.id.is_some());
    assert_eq!((added.points_earned, added.points_balance), (None, None));
    let mut broken = bill(TransactionKind::NotInterested, "T1-8", "9000", "0");
    broken.payments[0].1 = sum("8999.99");
    assert!(matches!(
        add(server, &broken),
        Err(LoyaltyError::Rejected(_))
    ));
}

fn rejected_credentials(server: &mut impl CapillaryApi) {
    let wrong = Authorization::new(DEMO_TILL_CODE, "not-the-password");
    let get = wire::customer_get(&CustomerId::Mobile(mobile(DILNOZA)));
    for authorization in [None, Some(wrong.header_value())] {
        let reply = server.send_as(&get, authorization);
        let read = wire::read_member(&reply, &CustomerId::Mobile(mobile(DILNOZA)));
        assert_eq!(read, Err(LoyaltyError::TokenRejected));
        assert!(!reply.body.contains(wrong.header_value()));
    }
    let sale = wire::transaction_add(&regular(DILNOZA, "T1-9", "1000", "0"));
    let reply = server.send_as(&sale, Some(wrong.header_value()));
    assert_eq!(
        wire::read_transaction_added(&reply),
        Err(LoyaltyError::TokenRejected)
    );
    assert_eq!(points_of(server, DILNOZA), 6420);
}

/// Two teas (30 000) and 0.75 kg of apples (14 242.50) to Dilnoza, paid
/// in cash, as the till finalizes it.
fn teas_and_apples() -> Sale {
    let line = |name: &str, price: &str, quantity: &str| {
        let quantity = Quantity::new(quantity.parse().expect("a decimal")).expect("a quantity");
        Line::new(LineDraft::product(name, sum(price), quantity, 12)).expect("a line")
    };
    let customer = Customer {
        id: Who::Mobile(mobile(DILNOZA)),
        name: "Dilnoza Rahimova".into(),
        phone: None,
        balance: Money::ZERO,
        percent: Decimal::ZERO,
        card_type: String::new(),
        points: Some(6420),
        tier: Some("Gold".into()),
    };
    let due = sum("44242.50");
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: Some(customer),
        lines: vec![line("Tea", "15000", "2"), line("Apples", "18990", "0.75")],
        bill_discount: None,
        loyalty_tenders: Vec::new(),
        settlement: Settlement::new(due, due, Money::ZERO).expect("paid"),
    };
    Sale::finalize(draft, ReceiptNumber("T1-S-000010".into()), AT).expect("a sale")
}

fn refund_of(sale: &Sale, before: &[Refund], picks: Vec<RefundPick>, minute: u8) -> Refund {
    let draft = RefundDraft {
        cashier: "Aziza".into(),
        picks,
        card: None,
    };
    let earned = Earned {
        cashback: None,
        points: Some(88),
    };
    let at = LocalDateTime {
        day: 5,
        minute,
        ..AT
    };
    Refundable::of(sale, before)
        .expect("refunds that fit")
        .quote(&draft, earned)
        .expect("a refund")
        .finalize(ReceiptNumber(format!("T1-S-{:06}", 11 + before.len())), at)
}

fn send_return(
    server: &mut impl CapillaryApi,
    sale: &Sale,
    refund: &Refund,
) -> wire::TransactionAdded {
    let steps = plan::refund_steps(sale, refund);
    let request = plan::from_stored(&steps[0].1).expect("a stored request");
    wire::read_transaction_added(&server.send(&request)).expect("the return added")
}

fn planned_return_takes_back_points_once(server: &mut impl CapillaryApi) {
    let sale = teas_and_apples();
    let steps = plan::sale_steps(&sale, "");
    let bill = plan::from_stored(&steps[0].1).expect("a stored request");
    let added = wire::read_transaction_added(&server.send(&bill)).expect("added");
    // Gold: floor(44 242.50 / 1 000) × 2 = 88 points.
    assert_eq!(added.points_earned, Some(88));
    assert_eq!(points_of(server, DILNOZA), 6508);

    // One tea back: floor(15 000 / 1 000) × 2 = 30 taken back, as the
    // till's own share says (88 × 15 000 / 44 242.50 = 29.8…, up: 30).
    let tea = RefundPick {
        line: 0,
        quantity: Quantity::ONE,
    };
    let one_tea = refund_of(&sale, &[], vec![tea], 0);
    assert_eq!(one_tea.reversal().points_taken_back, Some(30));
    let returned = send_return(server, &sale, &one_tea);
    assert_eq!(returned.points_deducted, Some(30));
    assert_eq!(points_of(server, DILNOZA), 6478);
    let replay = send_return(server, &sale, &one_tea);
    assert!(replay.replayed);
    assert_eq!(replay.points_deducted, Some(30));
    assert_eq!(points_of(server, DILNOZA), 6478);

    // The rest: what is left of the 88, and no more.
    let rest = Refundable::of(&sale, std::slice::from_ref(&one_tea))
        .expect("fits")
        .everything();
    let rest = refund_of(&sale, std::slice::from_ref(&one_tea), rest, 7);
    assert_eq!(send_return(server, &sale, &rest).points_deducted, Some(58));
    assert_eq!(points_of(server, DILNOZA), 6420);
}

/// Each scenario once per server, on a fresh seed.
macro_rules! on_both_servers {
    ($($scenario:ident),* $(,)?) => {
        mod demo_rules {
            $(#[test]
            fn $scenario() {
                super::$scenario(&mut super::DemoRules(super::DemoServer::default()));
            })*
        }
        mod sandbox_http {
            $(#[test]
            fn $scenario() {
                super::$scenario(&mut super::SandboxHttp::new());
            })*
        }
    };
}

on_both_servers!(
    found_by_mobile_and_card,
    not_a_member_enrols,
    update_a_member,
    points_with_the_right_code,
    points_with_a_wrong_code,
    points_over_the_balance,
    coupons,
    transaction_replay_and_conflict,
    sale_without_a_member,
    rejected_credentials,
    planned_return_takes_back_points_once,
);

// ------------------------------------------------------ sandbox-only controls

#[test]
fn injected_unavailability_does_nothing() {
    let mut sandbox = SandboxHttp::new();
    sandbox.control("/__control/capillary/faults", r#"{"unavailableEvery": 2}"#);
    let sale = wire::transaction_add(&regular(DILNOZA, "T2-1", "5000", "0"));
    let first = sandbox.send(&wire::customer_get(&CustomerId::Mobile(mobile(DILNOZA))));
    assert_eq!(first.status, 200);
    let refused = sandbox.send(&sale);
    assert_eq!(refused.status, 503);
    assert_eq!(
        wire::read_transaction_added(&refused),
        Err(LoyaltyError::Unreachable)
    );
    let ledger: serde_json::Value =
        serde_json::from_str(&sandbox.get("/__control/capillary/ledger").body).expect("json");
    assert_eq!(ledger["bills"].as_array().map(Vec::len), Some(0));
    assert!(wire::read_transaction_added(&sandbox.send(&sale)).is_ok());
}

#[test]
fn an_answer_cut_after_commit_is_retried_to_the_original() {
    let sandbox = SandboxHttp::new();
    sandbox.control(
        "/__control/capillary/faults",
        r#"{"dropAfterCommitEvery": 1}"#,
    );
    let sale = wire::transaction_add(&regular(DILNOZA, "T2-2", "5000", "0"));
    assert!(sandbox.try_send(&sale).is_err(), "the answer is cut off");
    let retry = sandbox
        .try_send(&sale)
        .expect("a replay commits nothing, so it is answered");
    let added = wire::read_transaction_added(&retry).expect("604 on the retry");
    assert!(added.replayed);
    assert_eq!(added.points_balance, Some(6430));
    let ledger: serde_json::Value =
        serde_json::from_str(&sandbox.get("/__control/capillary/ledger").body).expect("json");
    assert_eq!(ledger["bills"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        (
            ledger["posts"].as_u64(),
            ledger["commits"].as_u64(),
            ledger["replays"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
}

#[test]
fn reset_returns_to_the_seed() {
    let mut sandbox = SandboxHttp::new();
    add(&mut sandbox, &regular(DILNOZA, "T2-3", "5000", "0")).expect("added");
    sandbox.control("/__control/capillary/faults", r#"{"latencyMs": 1}"#);
    sandbox.control("/__control/reset", "{}");
    assert_eq!(points_of(&mut sandbox, DILNOZA), 6420);
    let ledger: serde_json::Value =
        serde_json::from_str(&sandbox.get("/__control/capillary/ledger").body).expect("json");
    assert_eq!(ledger["faults"]["latencyMs"].as_u64(), Some(0));
    assert_eq!(ledger["bills"].as_array().map(Vec::len), Some(0));
}

#[test]
fn the_browser_may_send_the_authorization_header() {
    let sandbox = SandboxHttp::new();
    let preflight = Request::options("/capillary/v1.1/customer/get?format=json")
        .header(header::ORIGIN, "http://127.0.0.1:8181")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
        .body(Body::empty())
        .expect("a request");
    let response = sandbox.runtime.block_on(async {
        sandbox
            .router
            .clone()
            .oneshot(preflight)
            .await
            .unwrap_or_else(|never| match never {})
    });
    assert_eq!(response.status(), StatusCode::OK);
    let allowed = response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("authorization"), "{allowed}");
    assert_eq!(
        response
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .and_then(|v| v.to_str().ok()),
        Some("http://127.0.0.1:8181")
    );
}

#[test]
fn the_otp_hook_answers_404_when_no_code_waits() {
    let sandbox = SandboxHttp::new();
    assert_eq!(
        sandbox
            .get(&format!("/__sandbox/otp?mobile={DILNOZA}"))
            .status,
        404
    );
}
