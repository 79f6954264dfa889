//! A local HTTP sandbox of the AOS cashback API.
//!
//! It serves the two endpoints of the contract with the very rules of
//! `kassa::loyalty::aos::rules` (the demo backend runs the same code), answers
//! CORS like a real deployment must, and adds test controls under
//! `/__control/`: injected latency, a rate of 503s, dropping the connection
//! after a transaction was committed, and the ledger for assertions.
//!
//! A library, so that tests can drive the very router the binary serves
//! in-process, without a port.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kassa::loyalty::aos::rules::{Ledger, Seed};
use kassa::loyalty::aos::wire::Reply;
use serde::{Deserialize, Serialize};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub mod srv4pos;

/// Faults to inject, set by tests through `POST /__control/faults`.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
struct Faults {
    /// Delay before every API answer.
    latency_ms: u64,
    /// Share of API requests (0–100 %) answered 503 without doing anything.
    unavailable_percent: u8,
    /// The same for transactions only: customers can still be looked up
    /// while sales cannot be posted.
    transactions_unavailable_percent: u8,
    /// Share of transactions (0–100 %) committed and then left unanswered:
    /// the connection is cut, so the client cannot know it succeeded.
    drop_after_commit_percent: u8,
}

struct Sandbox {
    seed: Seed,
    ledger: Ledger,
    faults: Faults,
    /// Transaction requests received, and those answered from the
    /// idempotency record (replays).
    posts: u64,
    replays: u64,
}

type Shared = Arc<Mutex<Sandbox>>;

fn lock(state: &Shared) -> std::sync::MutexGuard<'_, Sandbox> {
    // A panic while holding the lock cannot leave the ledger half-written
    // (every mutation is one call), so a poisoned lock is still usable.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Deserialize)]
struct ProfileQuery {
    #[serde(default)]
    filial: String,
    #[serde(default)]
    client: String,
}

async fn profile(State(state): State<Shared>, Query(query): Query<ProfileQuery>) -> Response {
    if let Some(refusal) = injected_faults(&state).await {
        return refusal;
    }
    let reply = lock(&state).ledger.profile(&query.filial, &query.client);
    to_response(reply)
}

async fn transaction(State(state): State<Shared>, body: Bytes) -> Response {
    if let Some(refusal) = injected_faults(&state).await {
        return refusal;
    }
    if chance(lock(&state).faults.transactions_unavailable_percent) {
        return unavailable();
    }
    let text = String::from_utf8_lossy(&body);
    let (reply, drop_connection) = {
        let mut sandbox = lock(&state);
        sandbox.posts += 1;
        let receipts_before = sandbox.ledger.receipts().len();
        let reply = sandbox.ledger.post_transaction(&text);
        let committed = sandbox.ledger.receipts().len() > receipts_before;
        if reply.status == 200 && !committed {
            sandbox.replays += 1;
        }
        let drop = reply.status == 200 && chance(sandbox.faults.drop_after_commit_percent);
        (reply, drop)
    };
    if drop_connection {
        return cut_connection();
    }
    to_response(reply)
}

/// Latency first, then maybe a 503 (before anything is done).
async fn injected_faults(state: &Shared) -> Option<Response> {
    let faults = lock(state).faults;
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    chance(faults.unavailable_percent).then(unavailable)
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "<html><body>503 Service Unavailable</body></html>",
    )
        .into_response()
}

fn chance(percent: u8) -> bool {
    percent > 0 && fastrand::u8(0..100) < percent
}

/// A response whose body fails at once: hyper aborts the connection, and
/// the client sees a network error although the work was committed.
fn cut_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped after commit"))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(failing))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn to_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        reply.body,
    )
        .into_response()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LedgerView<'a> {
    customers: &'a [kassa::loyalty::aos::rules::CustomerAccount],
    receipts: &'a [kassa::loyalty::aos::rules::AcceptedReceipt],
    posts: u64,
    replays: u64,
    faults: Faults,
}

async fn ledger(State(state): State<Shared>) -> Response {
    let sandbox = lock(&state);
    Json(LedgerView {
        customers: sandbox.ledger.customers(),
        receipts: sandbox.ledger.receipts(),
        posts: sandbox.posts,
        replays: sandbox.replays,
        faults: sandbox.faults,
    })
    .into_response()
}

async fn set_faults(State(state): State<Shared>, Json(faults): Json<Faults>) -> Response {
    lock(&state).faults = faults;
    StatusCode::NO_CONTENT.into_response()
}

/// Back to the seed, no faults: each test starts from a known ledger.
async fn reset(State(state): State<Shared>) -> Response {
    let mut sandbox = lock(&state);
    sandbox.ledger = Ledger::new(sandbox.seed.clone());
    sandbox.faults = Faults::default();
    sandbox.posts = 0;
    sandbox.replays = 0;
    StatusCode::NO_CONTENT.into_response()
}

/// The sandbox's routes over a fresh ledger from `seed`; `/__control/reset`
/// returns to that seed.
pub fn router(seed: Seed) -> Router {
    let state = Arc::new(Mutex::new(Sandbox {
        ledger: Ledger::new(seed.clone()),
        seed,
        faults: Faults::default(),
        posts: 0,
        replays: 0,
    }));
    // The browser calls the API from the app's own origin: allow whichever
    // origin asks (this is a local test server), with the JSON POST preflight.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE]);
    Router::new()
        .route("/store/customers/profile", get(profile))
        .route("/transactions", post(transaction))
        .route("/__control/ledger", get(ledger))
        .route("/__control/faults", post(set_faults))
        .route("/__control/reset", post(reset))
        .layer(cors)
        .with_state(state)
}
