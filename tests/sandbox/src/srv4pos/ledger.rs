//! The store server's side of selling: sales and refunds (`POST /sales`,
//! idempotent by identifier), printed-receipt confirmations, cash in and
//! out per register, the registers' versions, days and their X/Z reports —
//! every figure computed from what was posted, so a test can compare a
//! till's own report with the server's.
//!
//! Faults for these writes only (`POST /srv4pos/__control/ledger/faults`):
//! the next n writes 503 without doing anything, the next n applied and
//! then left unanswered (the connection cut), the next n refused with a
//! status (401, 403, 410), and sales refused with 422 `DAY_IS_CLOSED`. `GET /srv4pos/__control/ledger` lists what was recorded.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{admit, error, lock, Shared};

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct LedgerFaults {
    /// The next n writes answer 503 and change nothing.
    unavailable_next: u32,
    /// The next n writes are applied, then the connection is cut.
    drop_next: u32,
    /// The next n writes answer `refuse_status` (401, 403 or 410).
    refuse_next: u32,
    refuse_status: u16,
    /// Sales answer 422 `DAY_IS_CLOSED` until this is cleared.
    day_closed: bool,
}

struct PostedSale {
    body: Value,
    answer: Value,
    day: usize,
    receipt_printed: bool,
}

struct Movement {
    body: Value,
    register: String,
    day: usize,
}

struct Day {
    id: String,
    number: u64,
    opened: String,
    closed: Option<String>,
}

#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct LedgerSeen {
    sale_posts: u64,
    replays: u64,
    conflicts: u64,
    dropped: u64,
    receipts: u64,
    balance_posts: u64,
}

pub(super) struct Ledger {
    sales: BTreeMap<String, PostedSale>,
    /// Identifiers in the order first recorded.
    order: Vec<String>,
    movements: BTreeMap<String, Movement>,
    /// Changes recorded under each register name.
    registers: BTreeMap<String, u64>,
    days: Vec<Day>,
    faults: LedgerFaults,
    seen: LedgerSeen,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            sales: BTreeMap::new(),
            order: Vec::new(),
            movements: BTreeMap::new(),
            registers: BTreeMap::new(),
            days: vec![Day::numbered(1)],
            faults: LedgerFaults::default(),
            seen: LedgerSeen::default(),
        }
    }
}

impl Day {
    fn numbered(number: u64) -> Day {
        Day {
            id: format!("day-{number}"),
            number,
            opened: now(),
            closed: None,
        }
    }
}

/// UTC now as `YYYY-MM-DDTHH:MM:SS` (civil date from days, H. Hinnant).
fn now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0);
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

fn unprocessable(kind: &str) -> Response {
    error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Unprocessable",
        json!({"type": kind}),
    )
}

fn invalid(field: &str, message: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "ValueNotValid",
        json!([{"field": field, "message": message}]),
    )
}

/// What a write meets before it is handled: the store server's checks
/// (API version, seller, key), then this ledger's faults. Reads meet only
/// the checks, so a till's own background reads (its register version,
/// the day's report) never take a fault meant for its sale.
async fn admitted(
    state: &Shared,
    api: &str,
    seller: &str,
    headers: &HeaderMap,
) -> Result<(), Response> {
    admit(state, api, seller, headers).await?;
    let mut store = lock(state);
    let faults = &mut store.ledger.faults;
    if faults.refuse_next > 0 {
        faults.refuse_next -= 1;
        return Err(match faults.refuse_status {
            403 => error(StatusCode::FORBIDDEN, "Forbidden", json!("not approved")),
            410 => error(StatusCode::GONE, "Gone", json!("API version gone")),
            _ => error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                json!("API key rejected"),
            ),
        });
    }
    if faults.unavailable_next > 0 {
        faults.unavailable_next -= 1;
        return Err(crate::unavailable());
    }
    Ok(())
}

/// The answer to a write that was applied, or a cut connection when a
/// dropped answer is due.
fn applied(state: &Shared, answer: Response) -> Response {
    let mut store = lock(state);
    if store.ledger.faults.drop_next > 0 {
        store.ledger.faults.drop_next -= 1;
        store.ledger.seen.dropped += 1;
        return crate::cut_connection();
    }
    answer
}

fn sale_shape_problem(body: &Value) -> Option<Response> {
    let identifier = body["identifier"].as_str().unwrap_or_default();
    if identifier.trim().is_empty() {
        return Some(invalid("identifier", "required"));
    }
    if body["cashRegisterName"]
        .as_str()
        .unwrap_or_default()
        .is_empty()
    {
        return Some(invalid("cashRegisterName", "required"));
    }
    let Some(lines) = body["lines"].as_array() else {
        return Some(invalid("lines", "an array"));
    };
    if lines.is_empty() {
        return Some(invalid("lines", "a sale has lines"));
    }
    for (at, line) in lines.iter().enumerate() {
        for field in ["quantity", "price", "discount", "vat", "amount"] {
            if line[field].as_i64().is_none_or(|n| n < 0) {
                return Some(invalid(
                    &format!("lines[{at}].{field}"),
                    "a non-negative integer",
                ));
            }
        }
    }
    let Some(payments) = body["payments"].as_array() else {
        return Some(invalid("payments", "an array"));
    };
    if payments.iter().any(|p| p["amount"].as_i64().is_none()) {
        return Some(invalid("payments", "amounts are integers"));
    }
    None
}

pub(super) async fn post_sale(
    State(state): State<Shared>,
    Path((api, seller)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if let Err(refusal) = admitted(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let Ok(body) = serde_json::from_str::<Value>(&body) else {
        return invalid("body", "not JSON");
    };
    if let Some(problem) = sale_shape_problem(&body) {
        return problem;
    }
    let answer = {
        let mut store = lock(&state);
        let ledger = &mut store.ledger;
        ledger.seen.sale_posts += 1;
        let identifier = body["identifier"].as_str().unwrap_or_default().to_owned();
        if let Some(posted) = ledger.sales.get(&identifier) {
            if posted.body == body {
                ledger.seen.replays += 1;
                return (StatusCode::OK, Json(posted.answer.clone())).into_response();
            }
            ledger.seen.conflicts += 1;
            return error(
                StatusCode::CONFLICT,
                "VersionConflict",
                json!("the identifier is taken by another sale"),
            );
        }
        if ledger.faults.day_closed {
            return unprocessable("DAY_IS_CLOSED");
        }
        if body["refund"] == json!(true) {
            let original = body["original"].as_str().unwrap_or_default();
            if !ledger.sales.contains_key(original) {
                return invalid("original", "no such sale");
            }
        }
        let day = ledger.days.len() - 1;
        let register = body["cashRegisterName"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        *ledger.registers.entry(register).or_default() += 1;
        let answer = json!({
            "identifier": identifier,
            "dayId": ledger.days[day].id,
            "version": super::FIRST_VERSION + ledger.order.len() as u64 + 1,
        });
        ledger.sales.insert(
            identifier.clone(),
            PostedSale {
                body,
                answer: answer.clone(),
                day,
                receipt_printed: false,
            },
        );
        ledger.order.push(identifier);
        answer
    };
    applied(&state, (StatusCode::CREATED, Json(answer)).into_response())
}

pub(super) async fn confirm_receipt(
    State(state): State<Shared>,
    Path((api, seller, identifier)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admitted(&state, &api, &seller, &headers).await {
        return refusal;
    }
    {
        let mut store = lock(&state);
        let ledger = &mut store.ledger;
        let Some(sale) = ledger.sales.get_mut(&identifier) else {
            return error(StatusCode::NOT_FOUND, "NotFound", json!("no such sale"));
        };
        if sale.receipt_printed {
            return unprocessable("RECEIPT_IS_PRINTED_ALREADY");
        }
        sale.receipt_printed = true;
        ledger.seen.receipts += 1;
    }
    applied(&state, StatusCode::NO_CONTENT.into_response())
}

pub(super) async fn post_balance(
    State(state): State<Shared>,
    Path((api, seller, register)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if let Err(refusal) = admitted(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let Ok(body) = serde_json::from_str::<Value>(&body) else {
        return invalid("body", "not JSON");
    };
    let identifier = body["identifier"].as_str().unwrap_or_default().to_owned();
    if identifier.is_empty() {
        return invalid("identifier", "required");
    }
    if body["amount"].as_i64().is_none_or(|amount| amount == 0) {
        return invalid("amount", "a non-zero integer");
    }
    {
        let mut store = lock(&state);
        let ledger = &mut store.ledger;
        ledger.seen.balance_posts += 1;
        if let Some(recorded) = ledger.movements.get(&identifier) {
            if recorded.body == body && recorded.register == register {
                ledger.seen.replays += 1;
                return StatusCode::NO_CONTENT.into_response();
            }
            ledger.seen.conflicts += 1;
            return error(
                StatusCode::CONFLICT,
                "VersionConflict",
                json!("the identifier is taken by another movement"),
            );
        }
        *ledger.registers.entry(register.clone()).or_default() += 1;
        let day = ledger.days.len() - 1;
        ledger.movements.insert(
            identifier,
            Movement {
                body,
                register,
                day,
            },
        );
    }
    applied(&state, StatusCode::NO_CONTENT.into_response())
}

pub(super) async fn register_version(
    State(state): State<Shared>,
    Path((api, seller, register)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let store = lock(&state);
    let version = store.ledger.registers.get(&register).copied().unwrap_or(0);
    Json(json!({"version": version})).into_response()
}

pub(super) async fn close_day(
    State(state): State<Shared>,
    Path((api, seller)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admitted(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let answer = {
        let mut store = lock(&state);
        let ledger = &mut store.ledger;
        let current = ledger.days.len() - 1;
        let busy = ledger.sales.values().any(|sale| sale.day == current)
            || ledger.movements.values().any(|m| m.day == current);
        if !busy {
            return unprocessable("DAY_IS_CLOSED");
        }
        let day = &mut ledger.days[current];
        day.closed = Some(now());
        let answer = json!({"dayId": day.id, "number": day.number});
        let next = day.number + 1;
        ledger.days.push(Day::numbered(next));
        answer
    };
    applied(&state, Json(answer).into_response())
}

pub(super) async fn days(
    State(state): State<Shared>,
    Path((api, seller)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let store = lock(&state);
    let days: Vec<Value> = store
        .ledger
        .days
        .iter()
        .map(|day| {
            json!({"dayId": day.id, "number": day.number, "opened": day.opened, "closed": day.closed})
        })
        .collect();
    Json(Value::Array(days)).into_response()
}

/// The VAT a gross amount contains, half away from zero to the tiyin.
fn contained_vat(amount: i64, rate: i64) -> i64 {
    let (numerator, denominator) = (amount * rate, 100 + rate);
    (2 * numerator + denominator) / (2 * denominator)
}

pub(super) async fn report(
    State(state): State<Shared>,
    Path((api, seller, day_id)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let store = lock(&state);
    let ledger = &store.ledger;
    let Some(at) = ledger.days.iter().position(|day| day.id == day_id) else {
        return error(StatusCode::NOT_FOUND, "NotFound", json!("no such day"));
    };
    let day = &ledger.days[at];
    let (mut sales, mut refunds, mut total, mut refund_total) = (0u64, 0u64, 0i64, 0i64);
    let mut by_payment: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_vat: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for identifier in &ledger.order {
        let sale = &ledger.sales[identifier];
        if sale.day != at {
            continue;
        }
        let refund = sale.body["refund"] == json!(true);
        let sign = if refund { -1 } else { 1 };
        let lines = sale.body["lines"].as_array().cloned().unwrap_or_default();
        let amount: i64 = lines.iter().filter_map(|l| l["amount"].as_i64()).sum();
        if refund {
            refunds += 1;
            refund_total += amount;
        } else {
            sales += 1;
            total += amount;
        }
        for payment in sale.body["payments"].as_array().into_iter().flatten() {
            let kind = payment["type"].as_str().unwrap_or("CASH").to_owned();
            *by_payment.entry(kind).or_default() += sign * payment["amount"].as_i64().unwrap_or(0);
        }
        for line in &lines {
            let rate = line["vat"].as_i64().unwrap_or(0);
            let amount = line["amount"].as_i64().unwrap_or(0);
            let figures = by_vat.entry(rate.to_string()).or_default();
            figures.0 += sign * amount;
            figures.1 += sign * contained_vat(amount, rate);
        }
    }
    let (mut cash_in, mut cash_out) = (0i64, 0i64);
    for movement in ledger.movements.values().filter(|m| m.day == at) {
        let amount = movement.body["amount"].as_i64().unwrap_or(0);
        if amount > 0 {
            cash_in += amount;
        } else {
            cash_out -= amount;
        }
    }
    let by_vat: BTreeMap<String, Value> = by_vat
        .into_iter()
        .map(|(rate, (amount, vat))| (rate, json!({"amount": amount, "vat": vat})))
        .collect();
    Json(json!({
        "dayId": day.id,
        "number": day.number,
        "type": if day.closed.is_some() { "Z" } else { "X" },
        "sales": sales,
        "refunds": refunds,
        "total": total,
        "refundTotal": refund_total,
        "byPayment": by_payment,
        "byVat": by_vat,
        "cashIn": cash_in,
        "cashOut": cash_out,
    }))
    .into_response()
}

pub(super) async fn set_faults(
    State(state): State<Shared>,
    Json(faults): Json<LedgerFaults>,
) -> Response {
    lock(&state).ledger.faults = faults;
    StatusCode::NO_CONTENT.into_response()
}

/// What was recorded, for assertions: every sale once, however often it
/// was posted.
pub(super) async fn recorded(State(state): State<Shared>) -> Response {
    let store = lock(&state);
    let ledger = &store.ledger;
    let sales: Vec<Value> = ledger
        .order
        .iter()
        .map(|identifier| {
            let sale = &ledger.sales[identifier];
            json!({
                "identifier": identifier,
                "receiptNumber": sale.body["receiptNumber"],
                "refund": sale.body["refund"],
                "original": sale.body["original"],
                "dayId": ledger.days[sale.day].id,
                "receiptPrinted": sale.receipt_printed,
                "body": sale.body,
            })
        })
        .collect();
    let movements: Vec<Value> = ledger
        .movements
        .values()
        .map(|m| json!({"register": m.register, "body": m.body, "dayId": ledger.days[m.day].id}))
        .collect();
    Json(json!({
        "sales": sales,
        "distinctSales": ledger.sales.len(),
        "movements": movements,
        "registers": ledger.registers,
        "currentDay": ledger.days.last().map(|day| day.id.clone()),
        "seen": ledger.seen,
        "faults": ledger.faults,
    }))
    .into_response()
}
