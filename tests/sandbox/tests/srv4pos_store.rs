//! The store server's side of selling against the srv4pos sandbox, over
//! real HTTP requests and responses (in-process): Kassa's wire (the golden
//! bodies of `tests/golden/srv4pos/`, its paths, its answer classes and its
//! report reader) on one side, the sandbox's ledger on the other.

use axum::body::Body;
use axum::http::{header, Request as HttpRequest};
use axum::Router;
use kassa::srv4pos::address::StoreServer;
use kassa::srv4pos::days::{
    read_days, report_path, ClosedDay, ReportKind, ServerReport, CLOSE_DAY_PATH, DAYS_PATH,
};
use kassa::srv4pos::error::StoreServerError;
use kassa::srv4pos::sales::{receipt_path, SaleAccepted, SALES_PATH};
use kassa_sandbox::srv4pos::{router, StoreConfig};
use serde_json::{json, Value};
use tokio::runtime::Runtime;
use tower::ServiceExt;

const ORIGIN: &str = "http://127.0.0.1";
const SALE: &str = include_str!("../../golden/srv4pos/sale.json");
const REFUND: &str = include_str!("../../golden/srv4pos/refund.json");
const CASH_OUT: &str = include_str!("../../golden/srv4pos/balance_out.json");
const SALE_ID: &str = "3f2b8c1e-6a4d-4e59-9b7a-0c1d2e3f4a5b";

/// An answer, or `None` when the connection was cut before it.
struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn class(&self) -> StoreServerError {
        StoreServerError::of_answer(self.status, &self.body)
    }
}

struct Till {
    router: Router,
    runtime: Runtime,
    server: StoreServer,
}

impl Till {
    fn new() -> Till {
        Till {
            router: Router::new().nest("/srv4pos", router(StoreConfig::default())),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime"),
            server: StoreServer::new(
                &format!("{ORIGIN}/srv4pos/v45/UZ301234567"),
                "Kassa 1",
                "sandbox-srv4pos-key",
            )
            .expect("a valid store server"),
        }
    }

    fn send(&self, request: HttpRequest<Body>) -> Option<Reply> {
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
                .ok()?;
            Some(Reply {
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
            })
        })
    }

    /// A request as the browser client makes it: the server's URL, the key.
    fn call(&self, method: &str, path: &str, body: Option<&str>) -> Option<Reply> {
        let url = self.server.url(path);
        let request = HttpRequest::builder()
            .method(method)
            .uri(url.trim_start_matches(ORIGIN))
            .header(header::AUTHORIZATION, self.server.authorization())
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.trim().to_owned())))
            .expect("a valid request");
        self.send(request)
    }

    fn post(&self, path: &str, body: &str) -> Reply {
        self.call("POST", path, Some(body)).expect("an answer")
    }

    fn get(&self, path: &str) -> Reply {
        self.call("GET", path, None).expect("an answer")
    }

    fn faults(&self, faults: Value) {
        let request = HttpRequest::post("/srv4pos/__control/ledger/faults")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(faults.to_string()))
            .expect("a valid request");
        let reply = self.send(request).expect("an answer");
        assert_eq!(reply.status, 204, "{}", reply.body);
    }

    fn ledger(&self) -> Value {
        let request = HttpRequest::get("/srv4pos/__control/ledger")
            .body(Body::empty())
            .expect("a valid request");
        serde_json::from_str(&self.send(request).expect("an answer").body).expect("JSON")
    }
}

#[test]
fn a_sale_is_recorded_once_however_often_it_is_posted() {
    let till = Till::new();
    let first = till.post(SALES_PATH, SALE);
    assert_eq!(first.status, 201, "{}", first.body);
    let accepted = SaleAccepted::read(&first.body).expect("the contract's answer");
    assert_eq!(accepted.identifier, SALE_ID);
    let again = till.post(SALES_PATH, SALE);
    assert_eq!(again.status, 200);
    assert_eq!(SaleAccepted::read(&again.body), Some(accepted));
    let changed = SALE.replace("\"cashier\":\"Aziza\"", "\"cashier\":\"Bobur\"");
    let conflict = till.post(SALES_PATH, &changed);
    assert!(matches!(conflict.class(), StoreServerError::Conflict(_)));
    let ledger = till.ledger();
    assert_eq!(ledger["distinctSales"], 1);
    assert_eq!(ledger["seen"]["replays"], 1);
    assert_eq!(ledger["seen"]["conflicts"], 1);
}

#[test]
fn unavailable_and_dropped_answers_leave_one_sale() {
    let till = Till::new();
    till.faults(json!({"unavailableNext": 2, "dropNext": 1}));
    for _ in 0..2 {
        assert!(till.post(SALES_PATH, SALE).class().is_unknown_outcome());
    }
    assert!(
        till.call("POST", SALES_PATH, Some(SALE)).is_none(),
        "the answer is dropped after the write"
    );
    assert_eq!(till.ledger()["distinctSales"], 1);
    let retried = till.post(SALES_PATH, SALE);
    assert_eq!(retried.status, 200, "the retry gets the original answer");
    let ledger = till.ledger();
    assert_eq!(ledger["distinctSales"], 1);
    assert_eq!(ledger["seen"]["dropped"], 1);
}

#[test]
fn a_closed_day_refuses_sales_until_reopened() {
    let till = Till::new();
    till.faults(json!({"dayClosed": true}));
    assert_eq!(
        till.post(SALES_PATH, SALE).class(),
        StoreServerError::DayClosed
    );
    assert_eq!(till.ledger()["distinctSales"], 0);
    till.faults(json!({}));
    assert_eq!(till.post(SALES_PATH, SALE).status, 201);
}

#[test]
fn credentials_and_api_version_refusals_are_classified() {
    let till = Till::new();
    for (status, class) in [
        (401, StoreServerError::KeyRejected),
        (403, StoreServerError::NotApproved),
        (410, StoreServerError::ApiGone),
    ] {
        till.faults(json!({"refuseNext": 1, "refuseStatus": status}));
        assert_eq!(till.post(SALES_PATH, SALE).class(), class);
    }
    assert_eq!(till.ledger()["distinctSales"], 0, "nothing was recorded");
    assert_eq!(till.post(SALES_PATH, SALE).status, 201);
}

#[test]
fn a_receipt_is_confirmed_once_and_a_second_time_is_done() {
    let till = Till::new();
    assert_eq!(
        till.post(&receipt_path(SALE_ID), "").class(),
        StoreServerError::NotFound
    );
    till.post(SALES_PATH, SALE);
    assert_eq!(till.post(&receipt_path(SALE_ID), "").status, 204);
    assert_eq!(
        till.post(&receipt_path(SALE_ID), "").class(),
        StoreServerError::ReceiptPrintedAlready
    );
    assert_eq!(till.ledger()["sales"][0]["receiptPrinted"], true);
}

#[test]
fn a_refund_needs_its_sale() {
    let till = Till::new();
    assert!(matches!(
        till.post(SALES_PATH, REFUND).class(),
        StoreServerError::Rejected(_)
    ));
    till.post(SALES_PATH, SALE);
    assert_eq!(till.post(SALES_PATH, REFUND).status, 201);
    assert_eq!(till.ledger()["sales"][1]["original"], SALE_ID);
}

#[test]
fn cash_is_idempotent_by_identifier_and_counts_in_the_register_version() {
    let till = Till::new();
    let version = |till: &Till| -> u64 {
        let reply = till.get(&till.server.register_path("/version"));
        assert_eq!(reply.status, 200);
        serde_json::from_str::<Value>(&reply.body).unwrap()["version"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(version(&till), 0);
    let balance = till.server.register_path("/balance");
    till.faults(json!({"dropNext": 1}));
    assert!(till.call("POST", &balance, Some(CASH_OUT)).is_none());
    assert_eq!(till.post(&balance, CASH_OUT).status, 204);
    assert_eq!(till.ledger()["movements"].as_array().unwrap().len(), 1);
    till.post(SALES_PATH, SALE);
    assert_eq!(version(&till), 2, "one movement and one sale");
}

#[test]
fn the_day_report_is_computed_from_what_was_posted_and_z_closes_it() {
    let till = Till::new();
    assert_eq!(
        till.post(CLOSE_DAY_PATH, "").class(),
        StoreServerError::DayClosed,
        "nothing to close"
    );
    till.post(SALES_PATH, SALE);
    till.post(SALES_PATH, REFUND);
    till.post(&till.server.register_path("/balance"), CASH_OUT);
    let days = read_days(&till.get(DAYS_PATH).body).expect("days");
    assert_eq!((days.len(), days[0].closed.as_deref()), (1, None));
    let x = ServerReport::read(&till.get(&report_path(&days[0].day_id)).body).expect("a report");
    assert_eq!(x.kind, ReportKind::X);
    assert_eq!((x.sales, x.refunds), (1, 1));
    assert_eq!(x.total.to_string(), "46537.50");
    assert_eq!(x.refund_total.to_string(), "11150.00");
    assert_eq!(x.by_payment["CASH"].to_string(), "14850.00");
    assert_eq!(x.cash_out.to_string(), "120000.50");
    // 22 300 + 23 737.50 + 500 − 11 150 = 35 387.50 at 12 %; VAT per line:
    // 2 389.29 + 2 543.30 + 53.57 − 1 194.64 = 3 791.52.
    assert_eq!(x.by_vat[&12].amount.to_string(), "35387.50");
    assert_eq!(x.by_vat[&12].vat.to_string(), "3791.52");

    let closed = ClosedDay::read(&till.post(CLOSE_DAY_PATH, "").body).expect("closed");
    assert_eq!(closed.number, 1);
    let z = ServerReport::read(&till.get(&report_path(&closed.day_id)).body).expect("a report");
    assert_eq!(z.kind, ReportKind::Z);
    let days = read_days(&till.get(DAYS_PATH).body).expect("days");
    assert_eq!(days.len(), 2);
    assert!(days[0].closed.is_some() && days[1].closed.is_none());
}
