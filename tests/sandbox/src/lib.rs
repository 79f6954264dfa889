//! A local HTTP sandbox of the AOS cashback API and of Capillary.
//!
//! It serves the endpoints of the AOS contract (profile, transactions and
//! the refund of §3) with the very rules of
//! `kassa::loyalty::aos::rules` (the demo backend runs the same code), answers
//! CORS like a real deployment must, and adds test controls under
//! `/__control/`: injected latency, a rate of 503s, dropping the connection
//! after a transaction was committed, and the ledger for assertions.
//!
//! Capillary lives under `/capillary` (base URL `http://HOST:PORT/capillary`),
//! answered by `kassa::loyalty::capillary::rules` through its one `handle`,
//! with its own faults (`/__control/capillary/faults`), its ledger
//! (`/__control/capillary/ledger`) and the one-time code an SMS would carry
//! (`/__sandbox/otp?mobile=…`). See `capillary.rs`.
//!
//! AppsPOS lives under `/appspos` (base URL `http://HOST:PORT/appspos`),
//! answered by `kassa::loyalty::appspos::rules` with the signature check,
//! its faults (`/__control/appspos/faults`), its ledger
//! (`/__control/appspos/ledger`: charges, refunds, duplicates) and the hook
//! `POST /__sandbox/appspos/in-process {"polls": n}`, and
//! `POST /__sandbox/appspos/codes` for a fresh transaction code. See
//! `appspos.rs`.
//!
//! A library, so that tests can drive the very router the binary serves
//! in-process, without a port.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use kassa::loyalty::aos::rules::{Ledger, Seed};
use kassa::loyalty::aos::wire::Reply;
use kassa::loyalty::appspos::rules::{self as appspos_rules, AppsPosServer};
use kassa::loyalty::capillary::rules::{self as capillary_rules, CapillaryServer};
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
    /// Share of transactions and refunds (0–100 %) committed and then left
    /// unanswered: the connection is cut, so the client cannot know it
    /// succeeded.
    drop_after_commit_percent: u8,
    /// Answer refunds 404, as a server without the refund endpoint would.
    refund_endpoint_missing: bool,
}

mod appspos;
mod capillary;

struct Sandbox {
    seed: Seed,
    ledger: Ledger,
    faults: Faults,
    /// Transaction requests received, and those answered from the
    /// idempotency record (replays).
    posts: u64,
    replays: u64,
    /// The same for refunds.
    refund_posts: u64,
    refund_replays: u64,
    capillary_seed: capillary_rules::Seed,
    capillary: CapillaryServer,
    capillary_state: capillary::State,
    appspos_seed: appspos_rules::Seed,
    appspos: AppsPosServer,
    appspos_state: appspos::State,
}

type Shared = Arc<Mutex<Sandbox>>;

pub(crate) fn lock(state: &Shared) -> std::sync::MutexGuard<'_, Sandbox> {
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

async fn refund(State(state): State<Shared>, body: Bytes) -> Response {
    if let Some(refusal) = injected_faults(&state).await {
        return refusal;
    }
    let faults = lock(&state).faults;
    if faults.refund_endpoint_missing {
        return (
            StatusCode::NOT_FOUND,
            "<html><body>404 Not Found</body></html>",
        )
            .into_response();
    }
    if chance(faults.transactions_unavailable_percent) {
        return unavailable();
    }
    let text = String::from_utf8_lossy(&body);
    let (reply, drop_connection) = {
        let mut sandbox = lock(&state);
        sandbox.refund_posts += 1;
        let before = sandbox.ledger.refunds().len();
        let reply = sandbox.ledger.post_refund(&text);
        let committed = sandbox.ledger.refunds().len() > before;
        if reply.status == 200 && !committed {
            sandbox.refund_replays += 1;
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

pub(crate) fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "<html><body>503 Service Unavailable</body></html>",
    )
        .into_response()
}

pub(crate) fn chance(percent: u8) -> bool {
    percent > 0 && fastrand::u8(0..100) < percent
}

/// Whether the `count`-th event is one of every `n` (never when `n` is 0).
pub(crate) fn every(n: u32, count: u64) -> bool {
    n > 0 && count.is_multiple_of(u64::from(n))
}

/// A response whose body fails at once: hyper aborts the connection, and
/// the client sees a network error although the work was committed.
pub(crate) fn cut_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped after commit"))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(failing))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

pub(crate) fn to_response(reply: Reply) -> Response {
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
    refunds: &'a [kassa::loyalty::aos::rules::AcceptedRefund],
    posts: u64,
    replays: u64,
    refund_posts: u64,
    refund_replays: u64,
    faults: Faults,
}

async fn ledger(State(state): State<Shared>) -> Response {
    let sandbox = lock(&state);
    Json(LedgerView {
        customers: sandbox.ledger.customers(),
        receipts: sandbox.ledger.receipts(),
        refunds: sandbox.ledger.refunds(),
        posts: sandbox.posts,
        replays: sandbox.replays,
        refund_posts: sandbox.refund_posts,
        refund_replays: sandbox.refund_replays,
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
    sandbox.refund_posts = 0;
    sandbox.refund_replays = 0;
    sandbox.capillary = CapillaryServer::new(sandbox.capillary_seed.clone());
    sandbox.capillary_state = capillary::State::default();
    sandbox.appspos = AppsPosServer::new(sandbox.appspos_seed.clone());
    sandbox.appspos_state = appspos::State::default();
    StatusCode::NO_CONTENT.into_response()
}

/// The sandbox's routes over a fresh ledger from `seed`, and Capillary's
/// and AppsPOS's from the demo's seeds; `/__control/reset` returns to
/// those seeds.
pub fn router(seed: Seed) -> Router {
    router_with(seed, capillary_rules::Seed::demo())
}

/// [`router`] with a Capillary seed of the caller's.
pub fn router_with(seed: Seed, capillary_seed: capillary_rules::Seed) -> Router {
    let state = Arc::new(Mutex::new(Sandbox {
        ledger: Ledger::new(seed.clone()),
        seed,
        faults: Faults::default(),
        posts: 0,
        replays: 0,
        refund_posts: 0,
        refund_replays: 0,
        capillary: CapillaryServer::new(capillary_seed.clone()),
        capillary_seed,
        capillary_state: capillary::State::default(),
        appspos: AppsPosServer::new(appspos_rules::Seed::demo()),
        appspos_seed: appspos_rules::Seed::demo(),
        appspos_state: appspos::State::default(),
    }));
    // The browser calls the API from the app's own origin: allow whichever
    // origin asks (this is a local test server), with the JSON POST preflight.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]);
    Router::new()
        .route("/store/customers/profile", get(profile))
        .route("/transactions", post(transaction))
        .route("/transactions/refund", post(refund))
        .route("/__control/ledger", get(ledger))
        .route("/__control/faults", post(set_faults))
        .route("/__control/reset", post(reset))
        .route("/capillary/{*path}", any(capillary::api))
        .route("/__control/capillary/faults", post(capillary::set_faults))
        .route("/__control/capillary/ledger", get(capillary::ledger))
        .route("/__sandbox/otp", get(capillary::otp))
        .route("/appspos/{*path}", post(appspos::api))
        .route("/__control/appspos/faults", post(appspos::set_faults))
        .route("/__control/appspos/ledger", get(appspos::ledger))
        .route(
            "/__sandbox/appspos/in-process",
            post(appspos::set_in_process),
        )
        .route("/__sandbox/appspos/codes", post(appspos::add_code))
        .layer(cors)
        .with_state(state)
}
