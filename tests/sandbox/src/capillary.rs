//! Capillary under `/capillary`: every request goes to the rules' one
//! `handle`, so the sandbox and the demo answer alike; around it, the faults
//! a real network has, and the views tests assert on.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Query, State as Extract};
use axum::http::{header, HeaderMap, Method as HttpMethod, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kassa::loyalty::capillary::rules::{Account, BillRecord, Coupon, RedemptionRecord};
use kassa::loyalty::capillary::wire::{CapillaryRequest, Method};
use serde::{Deserialize, Serialize};

use super::{chance, cut_connection, every, lock, to_response, unavailable, Shared};

/// Faults to inject, set through `POST /__control/capillary/faults`.
/// Counts (`…_every`) make a run repeatable: `3` hits the 3rd, 6th, …
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Faults {
    /// Delay before every Capillary answer.
    latency_ms: u64,
    /// Share of requests (0–100 %) answered 503 without doing anything.
    unavailable_percent: u8,
    /// Every n-th request answered 503 without doing anything (0: never).
    unavailable_every: u32,
    /// Share of committed postings (transaction/add, points/redeem,
    /// coupon/redeem) whose answer is cut off: done, but the till cannot know.
    drop_after_commit_percent: u8,
    /// Every n-th committed posting's answer cut off (0: never).
    drop_after_commit_every: u32,
}

/// The sandbox's own bookkeeping of Capillary traffic.
#[derive(Debug, Default)]
pub(crate) struct State {
    faults: Faults,
    requests: u64,
    /// Postings received, those that changed the ledger, and those answered
    /// from an idempotency record.
    posts: u64,
    commits: u64,
    replays: u64,
}

const POSTINGS: [&str; 3] = [
    "/v1.1/transaction/add",
    "/v1.1/points/redeem",
    "/v1.1/coupon/redeem",
];

pub(crate) async fn api(
    Extract(state): Extract<Shared>,
    method: HttpMethod,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
    body: Bytes,
) -> Response {
    let (faults, request_number) = {
        let mut sandbox = lock(&state);
        sandbox.capillary_state.requests += 1;
        (
            sandbox.capillary_state.faults,
            sandbox.capillary_state.requests,
        )
    };
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if chance(faults.unavailable_percent) || every(faults.unavailable_every, request_number) {
        return unavailable();
    }
    let method = match method {
        HttpMethod::GET => Method::Get,
        HttpMethod::POST => Method::Post,
        _ => return StatusCode::METHOD_NOT_ALLOWED.into_response(),
    };
    let path = uri
        .path()
        .strip_prefix("/capillary")
        .unwrap_or_default()
        .to_owned();
    let posting = method == Method::Post && POSTINGS.contains(&path.as_str());
    let request = CapillaryRequest {
        method,
        path,
        query,
        body: (method == Method::Post).then(|| String::from_utf8_lossy(&body).into_owned()),
    };
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let (reply, drop_connection) = {
        let mut sandbox = lock(&state);
        let before = ledger_size(&sandbox.capillary);
        let reply = sandbox.capillary.handle(&request, authorization);
        let committed = ledger_size(&sandbox.capillary) > before;
        let bookkeeping = &mut sandbox.capillary_state;
        let mut drop = false;
        if posting {
            bookkeeping.posts += 1;
            if committed {
                bookkeeping.commits += 1;
                drop = chance(faults.drop_after_commit_percent)
                    || every(faults.drop_after_commit_every, bookkeeping.commits);
            } else if is_replay(&reply.body) {
                bookkeeping.replays += 1;
            }
        }
        (reply, drop)
    };
    if drop_connection {
        return cut_connection();
    }
    to_response(reply)
}

fn ledger_size(server: &kassa::loyalty::capillary::rules::CapillaryServer) -> usize {
    server.bills().len() + server.redemptions().len()
}

/// A success answered from the idempotency record: 604 for a bill, the
/// original 800/700 for a redeem (which, unlike a first answer, committed
/// nothing).
fn is_replay(body: &str) -> bool {
    ["\"code\":604", "\"code\":800", "\"code\":700"]
        .iter()
        .any(|code| body.contains(code))
        && !body.contains("\"code\":409")
}

pub(crate) async fn set_faults(
    Extract(state): Extract<Shared>,
    Json(faults): Json<Faults>,
) -> Response {
    lock(&state).capillary_state.faults = faults;
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LedgerView<'a> {
    customers: &'a [Account],
    coupons: &'a [Coupon],
    bills: &'a [BillRecord],
    redemptions: &'a [RedemptionRecord],
    requests: u64,
    posts: u64,
    commits: u64,
    replays: u64,
    faults: Faults,
}

pub(crate) async fn ledger(Extract(state): Extract<Shared>) -> Response {
    let sandbox = lock(&state);
    let bookkeeping = &sandbox.capillary_state;
    Json(LedgerView {
        customers: sandbox.capillary.customers(),
        coupons: sandbox.capillary.coupons(),
        bills: sandbox.capillary.bills(),
        redemptions: sandbox.capillary.redemptions(),
        requests: bookkeeping.requests,
        posts: bookkeeping.posts,
        commits: bookkeeping.commits,
        replays: bookkeeping.replays,
        faults: bookkeeping.faults,
    })
    .into_response()
}

#[derive(Deserialize)]
pub(crate) struct OtpQuery {
    #[serde(default)]
    mobile: String,
}

/// `GET /__sandbox/otp?mobile=…` → `{"otp": "…"}`, or 404 when none waits.
pub(crate) async fn otp(
    Extract(state): Extract<Shared>,
    Query(query): Query<OtpQuery>,
) -> Response {
    match lock(&state).capillary.last_otp(&query.mobile) {
        Some(otp) => Json(serde_json::json!({ "otp": otp })).into_response(),
        None => (StatusCode::NOT_FOUND, Json(serde_json::json!({}))).into_response(),
    }
}
