//! One suite of contract scenarios, run against both AOS servers Kassa ships:
//! the rules the in-browser demo backend runs, and the sandbox reached
//! through real HTTP requests and responses. Every answer is read by the
//! client's own mapping, so a scenario passing on both says that the demo,
//! the sandbox and the client agree on `shared/spec/aos-contract.md`.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::loyalty_tender::cashback_spend;
use kassa::domain::money::Money;
use kassa::domain::number_input::{parse_money, parse_quantity};
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::refund::{Earned, Refund, RefundDraft, RefundPick, Refundable};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::loyalty::aos::rules::{Ledger, Seed};
use kassa::loyalty::aos::wire::{
    self, PaymentLabels, RefundAccepted, RefundBody, Reply, TransactionAccepted, TransactionBody,
};
use kassa::loyalty::error::LoyaltyError;
use rust_decimal::Decimal;
use tokio::runtime::Runtime;
use tower::ServiceExt;

const BRANCH: &str = "sandbox-branch-token";
const DILNOZA: &str = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";
const JASUR: &str = "0b7e3c1a-9d2f-4e6b-8a15-3c4d5e6f7a8b";
const FINALIZED_AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 11,
    day: 23,
    hour: 10,
    minute: 0,
    second: 0,
};

/// An AOS server as the client sees it: a request in, an HTTP answer out.
trait AosServer {
    fn profile(&mut self, filial: &str, client: &str) -> Reply;
    fn post(&mut self, body: &str) -> Reply;
    fn post_refund(&mut self, body: &str) -> Reply;
}

fn seed() -> Seed {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seed.json");
    let text = std::fs::read_to_string(path).expect("the sandbox seed is readable");
    serde_json::from_str(&text).expect("the sandbox seed is valid")
}

/// What the demo backend runs: the shared rules, called directly.
struct DemoRules(Ledger);

impl DemoRules {
    fn new() -> DemoRules {
        DemoRules(Ledger::new(seed()))
    }
}

impl AosServer for DemoRules {
    fn profile(&mut self, filial: &str, client: &str) -> Reply {
        self.0.profile(filial, client)
    }

    fn post(&mut self, body: &str) -> Reply {
        self.0.post_transaction(body)
    }

    fn post_refund(&mut self, body: &str) -> Reply {
        self.0.post_refund(body)
    }
}

/// The sandbox's router, called in-process through HTTP requests, so its
/// routing, query and body extraction and status mapping are all exercised.
struct SandboxHttp {
    router: Router,
    runtime: Runtime,
}

impl SandboxHttp {
    fn new() -> SandboxHttp {
        SandboxHttp {
            router: kassa_sandbox::router(seed()),
            runtime: runtime(),
        }
    }
}

impl AosServer for SandboxHttp {
    // The tokens and codes of these scenarios are URL-safe, so they go into
    // the query as they are.
    fn profile(&mut self, filial: &str, client: &str) -> Reply {
        let request = Request::get(format!(
            "/store/customers/profile?filial={filial}&client={client}"
        ))
        .body(Body::empty())
        .expect("a valid request");
        call(&self.runtime, &self.router, request)
    }

    fn post(&mut self, body: &str) -> Reply {
        self.post_to("/transactions", body)
    }

    fn post_refund(&mut self, body: &str) -> Reply {
        self.post_to("/transactions/refund", body)
    }
}

impl SandboxHttp {
    fn post_to(&self, path: &str, body: &str) -> Reply {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("a valid request");
        call(&self.runtime, &self.router, request)
    }
}

// Current-thread, so that the driver stays synchronous like the trait.
fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn call(runtime: &Runtime, router: &Router, request: Request<Body>) -> Reply {
    runtime.block_on(async {
        let response = router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|never| match never {});
        let status = response.status().as_u16();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the whole body");
        Reply {
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    })
}

fn code(text: &str) -> CustomerCode {
    CustomerCode::parse(text).expect("a customer code")
}

fn money(text: &str) -> Money {
    parse_money(text).expect("an amount of money")
}

fn read_customer(
    server: &mut impl AosServer,
    filial: &str,
    client: &str,
) -> Result<Customer, LoyaltyError> {
    let client = code(client);
    wire::read_profile(&client, &server.profile(filial, client.as_str()))
}

/// The customer as the till gets them after scanning their code.
fn customer(server: &mut impl AosServer, client: &str) -> Customer {
    read_customer(server, BRANCH, client).expect("a seeded customer")
}

fn balance(server: &mut impl AosServer, client: &str) -> Money {
    customer(server, client).balance
}

fn submit(
    server: &mut impl AosServer,
    body: &TransactionBody,
) -> Result<TransactionAccepted, LoyaltyError> {
    wire::read_transaction(&server.post(&body.to_json()))
}

fn line(name: &str, price: &str, quantity: &str, discount: &str) -> Line {
    let quantity = parse_quantity(quantity).expect("a quantity");
    Line::new(LineDraft {
        discount: money(discount),
        ..LineDraft::product(name, money(price), quantity, 12)
    })
    .expect("a valid line")
}

/// The body the till sends for a sale to `customer` finalized under the
/// receipt `number`, `card` paid by card and the rest in cash.
fn sale(
    customer: &Customer,
    number: &str,
    lines: Vec<Line>,
    bonus: Money,
    card: Money,
) -> TransactionBody {
    let sale = finalized(customer, number, lines, bonus, card);
    TransactionBody::new(&sale, BRANCH, &PaymentLabels::default())
}

fn finalized(
    customer: &Customer,
    number: &str,
    lines: Vec<Line>,
    bonus: Money,
    card: Money,
) -> Sale {
    let due = lines.iter().map(Line::total).sum::<Money>() - bonus;
    let settlement = Settlement::new(due, due - card, card).expect("paid in full");
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: Some(customer.clone()),
        lines,
        bill_discount: None,
        loyalty_tenders: cashback_spend(bonus),
        settlement,
    };
    Sale::finalize(draft, ReceiptNumber(number.into()), FINALIZED_AT)
        .expect("a sale the till accepts")
}

/// A discounted TV and weighed apples, 125 205.10 in all: 115 010 − 5, plus
/// 0.75 kg × 13 600.13 = 10 200.0975, rounded to 10 200.10.
fn tv_and_apples(customer: &Customer, number: &str, bonus: &str) -> TransactionBody {
    TransactionBody::new(
        &tv_and_apples_sale(customer, number, bonus),
        BRANCH,
        &PaymentLabels::default(),
    )
}

fn tv_and_apples_sale(customer: &Customer, number: &str, bonus: &str) -> Sale {
    finalized(
        customer,
        number,
        vec![
            line("TV", "115010", "1", "5"),
            line("Apples", "13600.13", "0.75", "0"),
        ],
        money(bonus),
        money("50000"),
    )
}

/// The refund of `picks` (line, quantity) of `sale` after `before`, as the
/// till works it out, numbered `number`.
fn refund_of(sale: &Sale, before: &[Refund], picks: &[(usize, &str)], number: &str) -> Refund {
    let draft = RefundDraft {
        cashier: "Aziza".into(),
        picks: picks
            .iter()
            .map(|&(line, quantity)| RefundPick {
                line,
                quantity: Quantity::new(parse_quantity(quantity).expect("a quantity").value())
                    .expect("a quantity"),
            })
            .collect(),
        card: None,
    };
    let earned = Earned {
        cashback: Some(money("5260.26")),
        points: None,
    };
    Refundable::of(sale, before)
        .expect("refunds that fit the sale")
        .quote(&draft, earned)
        .expect("a refund the till accepts")
        .finalize(ReceiptNumber(number.into()), FINALIZED_AT)
}

fn post_refund(
    server: &mut impl AosServer,
    refund: &Refund,
) -> Result<RefundAccepted, LoyaltyError> {
    let body = RefundBody::new(refund, BRANCH, &PaymentLabels::default());
    wire::read_refund(&server.post_refund(&body.to_json()))
}

fn refund_changes_the_balance_once(server: &mut impl AosServer) {
    let dilnoza = customer(server, DILNOZA);
    let sale = tv_and_apples_sale(&dilnoza, "T1-1", "20000");
    let body = TransactionBody::new(&sale, BRANCH, &PaymentLabels::default());
    assert!(submit(server, &body).is_ok());
    assert_eq!(balance(server, DILNOZA), money("110260.76"));

    // The apples, 10 200.10 of 125 205.10: 20 000 spent → 1 629.34… given
    // back (down); 5 260.26 earned → 428.53… taken back (up).
    let apples = refund_of(&sale, &[], &[(1, "0.75")], "T1-2");
    assert_eq!(apples.tenders().cashback, money("1629.34"));
    assert_eq!(apples.reversal().cashback_taken_back, Some(money("428.54")));
    let answered = Ok(RefundAccepted {
        bonus_returned: Some(money("1629.34")),
        bonus_taken_back: Some(money("428.54")),
        balance: Some(money("111461.56")),
        not_offered: false,
    });
    assert_eq!(post_refund(server, &apples), answered);
    // A retry of the same refund changes nothing and gets the same answer.
    assert_eq!(post_refund(server, &apples), answered);
    assert_eq!(balance(server, DILNOZA), money("111461.56"));

    // The same number for another refund is a bug to show, not a refund.
    let tv = refund_of(&sale, std::slice::from_ref(&apples), &[(0, "1")], "T1-2");
    assert_eq!(
        post_refund(server, &tv),
        Err(LoyaltyError::Conflict(
            "refund number already used for a different refund".into()
        ))
    );
    // The rest under its own number: the sale is reversed to the tiyin.
    let tv = refund_of(&sale, std::slice::from_ref(&apples), &[(0, "1")], "T1-3");
    let rest = post_refund(server, &tv).expect("the rest refunded");
    assert_eq!(rest.bonus_returned, Some(money("18370.66")));
    assert_eq!(rest.bonus_taken_back, Some(money("4831.72")));
    assert_eq!(balance(server, DILNOZA), money("125000.50"));

    // Nothing is left: a third refund of the TV is refused.
    let again = refund_of(&sale, &[], &[(0, "1")], "T1-4");
    assert_eq!(
        post_refund(server, &again),
        Err(LoyaltyError::Rejected(
            "the refund exceeds what is left of the receipt".into()
        ))
    );
    assert_eq!(balance(server, DILNOZA), money("125000.50"));
}

fn refund_of_an_unknown_receipt(server: &mut impl AosServer) {
    let dilnoza = customer(server, DILNOZA);
    let never_sent = tv_and_apples_sale(&dilnoza, "T9-1", "0");
    let refund = refund_of(&never_sent, &[], &[(1, "0.75")], "T9-2");
    assert_eq!(
        post_refund(server, &refund),
        Err(LoyaltyError::Rejected(
            "the original receipt was not found".into()
        ))
    );
    assert_eq!(balance(server, DILNOZA), money("125000.50"));
}

fn profile_found(server: &mut impl AosServer) {
    assert_eq!(
        read_customer(server, BRANCH, DILNOZA),
        Ok(Customer {
            id: CustomerId::AosCode(code(DILNOZA)),
            name: "Dilnoza Rahimova".into(),
            phone: Some("+998901234567".into()),
            balance: money("125000.50"),
            percent: Decimal::from(5),
            card_type: "static".into(),
            points: None,
            tier: None,
        })
    );
}

fn unknown_customer(server: &mut impl AosServer) {
    assert_eq!(
        read_customer(server, BRANCH, "00000000-0000-4000-8000-000000000000"),
        Err(LoyaltyError::CustomerNotFound)
    );
}

fn rejected_token(server: &mut impl AosServer) {
    const WRONG: &str = "not-our-branch-5f2c";
    let reply = server.profile(WRONG, DILNOZA);
    let read = wire::read_profile(&code(DILNOZA), &reply);
    assert_eq!(read, Err(LoyaltyError::TokenRejected));
    assert!(!reply.body.contains(WRONG), "{}", reply.body);
    assert!(!format!("{read:?}").contains(WRONG));

    let dilnoza = customer(server, DILNOZA);
    let mut body = tv_and_apples(&dilnoza, "T1-1", "20000");
    body.filial = WRONG.into();
    let reply = server.post(&body.to_json());
    let read = wire::read_transaction(&reply);
    assert_eq!(read, Err(LoyaltyError::TokenRejected));
    assert!(!reply.body.contains(WRONG), "{}", reply.body);
    assert_eq!(balance(server, DILNOZA), money("125000.50"));
}

fn transaction_accepted(server: &mut impl AosServer) {
    let dilnoza = customer(server, DILNOZA);
    // Credited: round_half_up((125 205.10 − 20 000) × 5 / 100) =
    // round(5 260.255) = 5 260.26; balance 125 000.50 − 20 000 + 5 260.26.
    assert_eq!(
        submit(server, &tv_and_apples(&dilnoza, "T1-1", "20000")),
        Ok(TransactionAccepted {
            bonus_used: Some(money("20000")),
            bonus_added: Some(money("5260.26")),
            balance: Some(money("110260.76")),
        })
    );
    assert_eq!(balance(server, DILNOZA), money("110260.76"));
}

fn bonus_over_balance(server: &mut impl AosServer) {
    // Two tills scanned Jasur (8 200) and the first spent 8 000 of it; the
    // second still shows the old balance, so the till lets 5 000 through.
    let jasur = customer(server, JASUR);
    let tea = || vec![line("Tea", "8000", "1", "0")];
    let first = sale(&jasur, "T1-1", tea(), money("8000"), Money::ZERO);
    assert_eq!(
        submit(server, &first),
        Ok(TransactionAccepted {
            bonus_used: Some(money("8000")),
            bonus_added: Some(Money::ZERO),
            balance: Some(money("200")),
        })
    );
    let second = sale(&jasur, "T2-1", tea(), money("5000"), Money::ZERO);
    assert_eq!(
        submit(server, &second),
        Err(LoyaltyError::Rejected(
            "bonus exceeds the customer's balance".into()
        ))
    );
    assert_eq!(balance(server, JASUR), money("200"));
}

fn payments_not_adding_up(server: &mut impl AosServer) {
    let dilnoza = customer(server, DILNOZA);
    let mut body = tv_and_apples(&dilnoza, "T1-1", "20000");
    // The till's own rules cannot produce this: it stands for a client bug.
    body.payments[0].total -= Decimal::new(10, 2);
    assert_eq!(
        submit(server, &body),
        Err(LoyaltyError::Rejected(
            "payments do not add up to rTotal - bonus".into()
        ))
    );
    assert_eq!(balance(server, DILNOZA), money("125000.50"));
}

fn malformed_body(server: &mut impl AosServer) {
    assert_eq!(
        wire::read_transaction(&server.post("{\"rNumber\": ")),
        Err(LoyaltyError::Rejected("malformed transaction body".into()))
    );
}

fn idempotent_replay(server: &mut impl AosServer) {
    let dilnoza = customer(server, DILNOZA);
    let body = tv_and_apples(&dilnoza, "T1-1", "20000");
    let first = submit(server, &body);
    assert!(first.is_ok(), "{first:?}");
    let first_balance = balance(server, DILNOZA);
    assert_eq!(submit(server, &body), first);
    assert_eq!(balance(server, DILNOZA), first_balance);
}

fn conflicting_receipt_number(server: &mut impl AosServer) {
    let dilnoza = customer(server, DILNOZA);
    let first = submit(server, &tv_and_apples(&dilnoza, "T1-1", "20000"));
    assert!(first.is_ok(), "{first:?}");
    let after_first = balance(server, DILNOZA);
    assert_eq!(
        submit(server, &tv_and_apples(&dilnoza, "T1-1", "0")),
        Err(LoyaltyError::Conflict(
            "receipt number already used for a different receipt".into()
        ))
    );
    assert_eq!(balance(server, DILNOZA), after_first);
}

/// Each scenario once per server, on a fresh seed.
macro_rules! on_both_servers {
    ($($scenario:ident),* $(,)?) => {
        mod demo_rules {
            $(#[test]
            fn $scenario() {
                super::$scenario(&mut super::DemoRules::new());
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
    profile_found,
    unknown_customer,
    rejected_token,
    transaction_accepted,
    bonus_over_balance,
    payments_not_adding_up,
    malformed_body,
    idempotent_replay,
    conflicting_receipt_number,
    refund_changes_the_balance_once,
    refund_of_an_unknown_receipt,
);

/// A server without the refund endpoint: the refund is recorded locally
/// and nothing changed on the server (aos-contract.md §3).
#[test]
fn a_server_without_refunds_leaves_the_balance_alone() {
    let mut sandbox = SandboxHttp::new();
    let dilnoza = customer(&mut sandbox, DILNOZA);
    let sale = tv_and_apples_sale(&dilnoza, "T1-1", "20000");
    let body = TransactionBody::new(&sale, BRANCH, &PaymentLabels::default());
    assert!(submit(&mut sandbox, &body).is_ok());
    let faults = sandbox.post_to("/__control/faults", r#"{"refundEndpointMissing": true}"#);
    assert_eq!(faults.status, 204);
    let refund = refund_of(&sale, &[], &[(1, "0.75")], "T1-2");
    let answer = post_refund(&mut sandbox, &refund).expect("a definite outcome");
    assert!(answer.not_offered);
    assert_eq!(balance(&mut sandbox, DILNOZA), money("110260.76"));
}

/// Whatever a misbehaving server answers over HTTP becomes a typed result.
#[test]
fn malformed_profile_answers_map_to_typed_results() {
    const JSON: &str = "application/json";
    let client = code(DILNOZA);
    let tolerated = |name: &str, balance: &str, percent: i64, card_type: &str| {
        Ok(Customer {
            id: CustomerId::AosCode(client.clone()),
            name: name.into(),
            phone: None,
            balance: money(balance),
            percent: Decimal::from(percent),
            card_type: card_type.into(),
            points: None,
            tier: None,
        })
    };
    let answers = [
        (
            "/missing-name",
            StatusCode::OK,
            JSON,
            r#"{"balance": 10}"#,
            Err(LoyaltyError::UnexpectedAnswer),
        ),
        (
            "/string-balance",
            StatusCode::OK,
            JSON,
            r#"{"name": "A", "balance": "10.5"}"#,
            tolerated("A", "10.50", 0, "static"),
        ),
        (
            "/envelope",
            StatusCode::OK,
            JSON,
            r#"{"data": {"name": "B", "balance": 125000.5, "percent": 5, "cardType": "gold"}}"#,
            tolerated("B", "125000.50", 5, "gold"),
        ),
        (
            "/unknown-fields",
            StatusCode::OK,
            JSON,
            r#"{"name": "C", "balance": 1, "tier": {"level": [1, 2]}, "success": true}"#,
            tolerated("C", "1", 0, "static"),
        ),
        (
            "/garbage",
            StatusCode::OK,
            JSON,
            r#"{"name": "D", "balance": "#,
            Err(LoyaltyError::UnexpectedAnswer),
        ),
        (
            "/html-502",
            StatusCode::BAD_GATEWAY,
            "text/html",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            Err(LoyaltyError::Unreachable),
        ),
        (
            "/empty",
            StatusCode::OK,
            JSON,
            "",
            Err(LoyaltyError::UnexpectedAnswer),
        ),
    ];
    let router = answers.iter().fold(
        Router::new(),
        |router, &(path, status, content_type, body, _)| {
            router.route(
                path,
                get(move || async move { (status, [(header::CONTENT_TYPE, content_type)], body) }),
            )
        },
    );
    let runtime = runtime();
    for (path, _, _, _, expected) in answers {
        let request = Request::get(path)
            .body(Body::empty())
            .expect("a valid request");
        let reply = call(&runtime, &router, request);
        assert_eq!(wire::read_profile(&client, &reply), expected, "{path}");
    }
}
