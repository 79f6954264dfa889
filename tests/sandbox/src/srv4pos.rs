//! A local srv4pos store server for Kassa's tests and demos, mounted by the
//! binary under `/srv4pos`: `http://127.0.0.1:8788/srv4pos/v45/UZ301234567`.
//!
//! It serves a generated catalog of any size (`kassa::srv4pos::sample`) the
//! way the contract says: `Authorization: Basic base64(apiKey)`, the seller
//! version, `ETag`/`If-None-Match` → 304, paged collections, and exact
//! differences between any two versions since it started (every change is
//! logged with the version it made). Older API versions answer 410.
//!
//! Test controls under `/srv4pos/__control/`: `catalog` (change or delete
//! articles, one version each), `reprice` (the first N products' prices),
//! `size` (regenerate with N products), `faults` (latency, 503s, 403 not
//! approved), `reset`, and `state` (version, counts, requests seen).
//!
//! Sales, receipts, cash, registers and days are `ledger.rs`'s, with their
//! own faults (`__control/ledger/faults`) and record (`__control/ledger`).

mod ledger;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use kassa::srv4pos::sample;
use kassa::srv4pos::sync::{version_of_etag, Collection, PAGE_LIMIT};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// What the store server serves.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    pub products: usize,
    pub seed: u64,
    pub seller: String,
    pub api_key: String,
    /// The API version served; lower ones are gone (410).
    pub api_version: u32,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            products: 200,
            seed: 16,
            seller: "UZ301234567".into(),
            api_key: "sandbox-srv4pos-key".into(),
            api_version: 45,
        }
    }
}

/// The seller version of a freshly generated catalog.
pub const FIRST_VERSION: u64 = 1000;

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
struct Faults {
    latency_ms: u64,
    /// Share of API requests (0–100 %) answered 503.
    unavailable_percent: u8,
    /// The register is not approved: every API request is 403.
    not_approved: bool,
}

/// One collection's articles, by identifier.
type Articles = BTreeMap<String, Value>;

/// An article changed (`Some`) or deleted (`None`) at a version.
struct Logged {
    version: u64,
    collection: usize,
    identifier: String,
    article: Option<Value>,
}

#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Seen {
    requests: u64,
    not_modified: u64,
    pages: u64,
    diffs: u64,
}

struct Store {
    config: StoreConfig,
    version: u64,
    articles: [Articles; 4],
    log: Vec<Logged>,
    faults: Faults,
    seen: Seen,
    ledger: ledger::Ledger,
}

type Shared = Arc<Mutex<Store>>;

fn lock(state: &Shared) -> MutexGuard<'_, Store> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn keyed(items: Vec<Value>) -> Articles {
    items
        .into_iter()
        .map(|item| (identifier_of(&item), item))
        .collect()
}

fn identifier_of(article: &Value) -> String {
    match &article["identifier"] {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn collection_at(name: &str) -> Option<usize> {
    Collection::ALL
        .iter()
        .position(|collection| collection.name() == name)
}

impl Store {
    fn generated(config: StoreConfig) -> Store {
        let catalog = sample::catalog(config.products, config.seed);
        Store {
            articles: [
                keyed(catalog.taxes),
                keyed(catalog.categories),
                keyed(catalog.products),
                keyed(catalog.commodities),
            ],
            config,
            version: FIRST_VERSION,
            log: Vec::new(),
            faults: Faults::default(),
            seen: Seen::default(),
            ledger: ledger::Ledger::default(),
        }
    }

    /// One change, one version.
    fn record(&mut self, collection: usize, identifier: String, article: Option<Value>) {
        self.version += 1;
        match &article {
            Some(article) => {
                self.articles[collection].insert(identifier.clone(), article.clone());
            }
            None => {
                self.articles[collection].remove(&identifier);
            }
        }
        self.log.push(Logged {
            version: self.version,
            collection,
            identifier,
            article,
        });
    }
}

fn error(status: StatusCode, name: &str, details: Value) -> Response {
    (
        status,
        Json(json!({"error": format!("{name}JsonException"), "details": details})),
    )
        .into_response()
}

fn with_etag(version: u64, body: Value) -> Response {
    let mut response = Json(body).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!("\"{version}\"")) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

fn not_modified(version: u64) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    if let Ok(value) = HeaderValue::from_str(&format!("\"{version}\"")) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

fn asks_for(headers: &HeaderMap, version: u64) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .and_then(version_of_etag)
        .is_some_and(|held| held.0 == version)
}

/// The checks every API request passes first: faults, the API version,
/// the seller, the key. `Err` is the answer to give instead.
async fn admit(
    state: &Shared,
    api: &str,
    seller: &str,
    headers: &HeaderMap,
) -> Result<(), Response> {
    let faults = {
        let mut store = lock(state);
        store.seen.requests += 1;
        store.faults
    };
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.unavailable_percent > 0 && fastrand::u8(0..100) < faults.unavailable_percent {
        return Err((StatusCode::SERVICE_UNAVAILABLE, "503 Service Unavailable").into_response());
    }
    let store = lock(state);
    let asked: Option<u32> = api.strip_prefix('v').and_then(|n| n.parse().ok());
    match asked {
        Some(version) if version < store.config.api_version => {
            return Err(error(
                StatusCode::GONE,
                "Gone",
                json!("this API version is no longer served"),
            ))
        }
        Some(version) if version == store.config.api_version => {}
        _ => {
            return Err(error(
                StatusCode::NOT_FOUND,
                "NotFound",
                json!("no such API version"),
            ))
        }
    }
    if seller != store.config.seller {
        return Err(error(
            StatusCode::NOT_FOUND,
            "NotFound",
            json!("no such seller"),
        ));
    }
    let expected = format!("Basic {}", STANDARD.encode(&store.config.api_key));
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    if given != Some(expected.as_str()) {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            json!("API key rejected"),
        ));
    }
    if faults.not_approved {
        return Err(error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            json!("cash register not approved"),
        ));
    }
    Ok(())
}

async fn version(
    State(state): State<Shared>,
    Path((api, seller)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let mut store = lock(&state);
    if asks_for(&headers, store.version) {
        store.seen.not_modified += 1;
        return not_modified(store.version);
    }
    with_etag(store.version, json!({"version": store.version}))
}

#[derive(Deserialize)]
struct Paging {
    offset: Option<String>,
    limit: Option<String>,
}

async fn page(
    State(state): State<Shared>,
    Path((api, seller, name)): Path<(String, String, String)>,
    Query(paging): Query<Paging>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let Some(collection) = collection_at(&name) else {
        return error(StatusCode::NOT_FOUND, "NotFound", json!(name));
    };
    let number = |text: Option<&String>, default: usize| match text {
        None => Some(default),
        Some(text) => text.parse::<usize>().ok(),
    };
    let (Some(offset), Some(limit)) = (
        number(paging.offset.as_ref(), 0),
        number(paging.limit.as_ref(), PAGE_LIMIT),
    ) else {
        return error(
            StatusCode::BAD_REQUEST,
            "ValueNotValid",
            json!([{"field": "offset/limit", "message": "must be a non-negative integer"}]),
        );
    };
    let mut store = lock(&state);
    if asks_for(&headers, store.version) {
        store.seen.not_modified += 1;
        return not_modified(store.version);
    }
    store.seen.pages += 1;
    let items: Vec<Value> = store.articles[collection]
        .values()
        .skip(offset)
        .take(limit.min(PAGE_LIMIT))
        .cloned()
        .collect();
    with_etag(store.version, Value::Array(items))
}

async fn difference(
    State(state): State<Shared>,
    Path((api, seller, name, from, to)): Path<(String, String, String, String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, &api, &seller, &headers).await {
        return refusal;
    }
    let Some(collection) = name.strip_suffix("-diff").and_then(collection_at) else {
        return error(StatusCode::NOT_FOUND, "NotFound", json!(name));
    };
    let (Ok(from), Ok(to)) = (from.parse::<u64>(), to.parse::<u64>()) else {
        return error(
            StatusCode::BAD_REQUEST,
            "ValueNotValid",
            json!([{"field": "from/to", "message": "versions are integers"}]),
        );
    };
    let mut store = lock(&state);
    if to > store.version || from > to {
        return error(
            StatusCode::CONFLICT,
            "VersionConflict",
            json!({"version": store.version}),
        );
    }
    if from < FIRST_VERSION {
        // The sandbox keeps the history of what it changed, not before.
        return error(
            StatusCode::NOT_FOUND,
            "NotFound",
            json!("no history before that version"),
        );
    }
    store.seen.diffs += 1;
    let mut last: BTreeMap<&str, Option<&Value>> = BTreeMap::new();
    for logged in &store.log {
        if logged.collection == collection && logged.version > from && logged.version <= to {
            last.insert(&logged.identifier, logged.article.as_ref());
        }
    }
    let changed: Vec<&Value> = last.values().filter_map(|article| *article).collect();
    let deleted: Vec<&str> = last
        .iter()
        .filter(|(_, article)| article.is_none())
        .map(|(identifier, _)| *identifier)
        .collect();
    with_etag(to, json!({"changed": changed, "deleted": deleted}))
}

/// `{"changed": {"products": [...]}, "deleted": {"products": ["p1"]}}`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct CatalogEdit {
    changed: BTreeMap<String, Vec<Value>>,
    deleted: BTreeMap<String, Vec<String>>,
}

async fn edit_catalog(State(state): State<Shared>, Json(edit): Json<CatalogEdit>) -> Response {
    let mut store = lock(&state);
    for (name, articles) in edit.changed {
        let Some(collection) = collection_at(&name) else {
            return error(StatusCode::BAD_REQUEST, "ValueNotValid", json!(name));
        };
        for article in articles {
            store.record(collection, identifier_of(&article), Some(article));
        }
    }
    for (name, identifiers) in edit.deleted {
        let Some(collection) = collection_at(&name) else {
            return error(StatusCode::BAD_REQUEST, "ValueNotValid", json!(name));
        };
        for identifier in identifiers {
            store.record(collection, identifier, None);
        }
    }
    Json(json!({"version": store.version})).into_response()
}

#[derive(Deserialize)]
struct Count {
    count: usize,
}

/// Raises the price of the first `count` products by 1.00 each.
async fn reprice(State(state): State<Shared>, Json(count): Json<Count>) -> Response {
    let mut store = lock(&state);
    let products = collection_at("products").unwrap_or(2);
    let repriced: Vec<Value> = store.articles[products]
        .values()
        .take(count.count)
        .map(|product| {
            let mut product = product.clone();
            let netto = product["netto"].as_u64().unwrap_or(0);
            product["netto"] = json!(netto + 100);
            product
        })
        .collect();
    for product in repriced {
        store.record(products, identifier_of(&product), Some(product));
    }
    Json(json!({"version": store.version})).into_response()
}

#[derive(Deserialize)]
struct Size {
    products: usize,
}

async fn resize(State(state): State<Shared>, Json(size): Json<Size>) -> Response {
    let mut store = lock(&state);
    let config = StoreConfig {
        products: size.products,
        ..store.config.clone()
    };
    *store = Store::generated(config);
    StatusCode::NO_CONTENT.into_response()
}

async fn set_faults(State(state): State<Shared>, Json(faults): Json<Faults>) -> Response {
    lock(&state).faults = faults;
    StatusCode::NO_CONTENT.into_response()
}

async fn reset(State(state): State<Shared>, config: axum::Extension<StoreConfig>) -> Response {
    *lock(&state) = Store::generated(config.0);
    StatusCode::NO_CONTENT.into_response()
}

async fn store_state(State(state): State<Shared>) -> Response {
    let store = lock(&state);
    let counts: BTreeMap<&str, usize> = Collection::ALL
        .iter()
        .zip(&store.articles)
        .map(|(collection, articles)| (collection.name(), articles.len()))
        .collect();
    Json(json!({
        "version": store.version,
        "counts": counts,
        "seen": store.seen,
        "faults": store.faults,
    }))
    .into_response()
}

/// The store server's routes, to be nested under `/srv4pos`.
pub fn router(config: StoreConfig) -> Router {
    let state = Arc::new(Mutex::new(Store::generated(config.clone())));
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
        ])
        .expose_headers([header::ETAG]);
    Router::new()
        .route("/__control/catalog", post(edit_catalog))
        .route("/__control/reprice", post(reprice))
        .route("/__control/size", post(resize))
        .route("/__control/faults", post(set_faults))
        .route("/__control/reset", post(reset))
        .route("/__control/state", get(store_state))
        .route("/__control/ledger", get(ledger::recorded))
        .route("/__control/ledger/faults", post(ledger::set_faults))
        .route("/{api}/{seller}/sales", post(ledger::post_sale))
        .route(
            "/{api}/{seller}/sales/{identifier}/receipt",
            post(ledger::confirm_receipt),
        )
        .route(
            "/{api}/{seller}/registrations/{register}/balance",
            post(ledger::post_balance),
        )
        .route(
            "/{api}/{seller}/registrations/{register}/version",
            get(ledger::register_version),
        )
        .route("/{api}/{seller}/days/current", post(ledger::close_day))
        .route("/{api}/{seller}/days", get(ledger::days))
        .route("/{api}/{seller}/days/{day}/report", get(ledger::report))
        .route("/{api}/{seller}/version", get(version))
        .route("/{api}/{seller}/{collection}", get(page))
        .route("/{api}/{seller}/{collection}/{from}/{to}", get(difference))
        .layer(axum::Extension(config))
        .layer(cors)
        .with_state(state)
}
