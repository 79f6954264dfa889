//! AppsPOS under `/appspos` (base URL `http://HOST:PORT/appspos`): every
//! call goes to the rules' one `handle`, so the sandbox and the demo answer
//! alike; around it, the faults a real network has, the hook that sets how
//! many polls stay "in process", and the ledger tests assert on.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kassa::loyalty::appspos::rules::{
    AppsPosServer, ChargeRecord, Code, RefundRecord, Transaction,
};
use serde::{Deserialize, Serialize};

use super::{chance, cut_connection, every, lock, to_response, unavailable, Shared};

/// Faults to inject, set through `POST /__control/appspos/faults`. Counts
/// (`…_every`) make a run repeatable: `3` hits the 3rd, 6th, … call.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Faults {
    /// Delay before every AppsPOS answer (a slow server).
    latency_ms: u64,
    /// Share of calls (0–100 %) answered 503 without doing anything.
    unavailable_percent: u8,
    /// Every n-th call answered 503 without doing anything (0: never).
    unavailable_every: u32,
    /// Share of calls that changed the server's state whose answer is cut
    /// off: done, but the till cannot know.
    drop_after_commit_percent: u8,
    /// Every n-th such call's answer cut off (0: never).
    drop_after_commit_every: u32,
}

/// The sandbox's own bookkeeping of AppsPOS traffic.
#[derive(Debug, Default)]
pub(crate) struct State {
    faults: Faults,
    requests: u64,
    /// Calls that changed the server's state.
    commits: u64,
    dropped: u64,
}

pub(crate) async fn api(
    Extract(state): Extract<Shared>,
    Path(path): Path<String>,
    body: Bytes,
) -> Response {
    let (faults, request_number) = {
        let mut sandbox = lock(&state);
        sandbox.appspos_state.requests += 1;
        (sandbox.appspos_state.faults, sandbox.appspos_state.requests)
    };
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if chance(faults.unavailable_percent) || every(faults.unavailable_every, request_number) {
        return unavailable();
    }
    let body = String::from_utf8_lossy(&body);
    let (reply, drop_connection) = {
        let mut sandbox = lock(&state);
        let before = fingerprint(&sandbox.appspos);
        let reply = sandbox.appspos.handle(&format!("/{path}"), &body);
        let committed = fingerprint(&sandbox.appspos) != before;
        let bookkeeping = &mut sandbox.appspos_state;
        let mut drop = false;
        if committed {
            bookkeeping.commits += 1;
            drop = chance(faults.drop_after_commit_percent)
                || every(faults.drop_after_commit_every, bookkeeping.commits);
            bookkeeping.dropped += u64::from(drop);
        }
        (reply, drop)
    };
    if drop_connection {
        return cut_connection();
    }
    to_response(reply)
}

/// The server's state as text: a call that changes it committed something.
fn fingerprint(server: &AppsPosServer) -> String {
    serde_json::to_string(&(
        server.transactions(),
        server.charges(),
        server.refunds(),
        server.cancels(),
    ))
    .unwrap_or_default()
}

pub(crate) async fn set_faults(
    Extract(state): Extract<Shared>,
    Json(faults): Json<Faults>,
) -> Response {
    lock(&state).appspos_state.faults = faults;
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
pub(crate) struct Polls {
    polls: u32,
}

/// `POST /__sandbox/appspos/in-process {"polls": n}`: how many polls after
/// a release answer "in process".
pub(crate) async fn set_in_process(
    Extract(state): Extract<Shared>,
    Json(polls): Json<Polls>,
) -> Response {
    lock(&state).appspos.set_in_process_polls(polls.polls);
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /__sandbox/appspos/codes` with a seed code (`{"code": "QR-…",
/// "voucher": "5000.00", "fails": false, "covers_all": false}`): the code a
/// customer's app shows for the next sale.
pub(crate) async fn add_code(Extract(state): Extract<Shared>, Json(code): Json<Code>) -> Response {
    if kassa::domain::transaction_qr::TransactionQr::parse(&code.code).is_err() {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    }
    lock(&state).appspos.add_code(code);
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LedgerView<'a> {
    transactions: Vec<&'a Transaction>,
    charges: &'a [ChargeRecord],
    refunds: &'a [RefundRecord],
    cancels: u64,
    /// Charges beyond the first of one transaction code: must stay 0.
    duplicate_charges: usize,
    in_process_polls: u32,
    requests: u64,
    commits: u64,
    dropped: u64,
    faults: Faults,
}

pub(crate) async fn ledger(Extract(state): Extract<Shared>) -> Response {
    let sandbox = lock(&state);
    let charges = sandbox.appspos.charges();
    let mut codes: Vec<&str> = charges
        .iter()
        .map(|c| c.transaction_qrcode.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let bookkeeping = &sandbox.appspos_state;
    Json(LedgerView {
        transactions: sandbox.appspos.transactions(),
        charges,
        refunds: sandbox.appspos.refunds(),
        cancels: sandbox.appspos.cancels(),
        duplicate_charges: charges.len() - codes.len(),
        in_process_polls: sandbox.appspos.in_process_polls(),
        requests: bookkeeping.requests,
        commits: bookkeeping.commits,
        dropped: bookkeeping.dropped,
        faults: bookkeeping.faults,
    })
    .into_response()
}
