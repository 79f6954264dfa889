//! Catalog sync against the srv4pos sandbox, over real HTTP requests and
//! responses (in-process): Kassa's own sync state machine and wire mapping
//! on one side, the sandbox's store server on the other. A scenario passing
//! here says the two agree on `shared/spec/srv4pos-contract.md`.

use axum::body::Body;
use axum::http::{header, Request as HttpRequest};
use axum::Router;
use kassa::domain::catalog::{Catalog, ProductId, SellerVersion};
use kassa::srv4pos::address::StoreServer;
use kassa::srv4pos::error::StoreServerError;
use kassa::srv4pos::sample;
use kassa::srv4pos::sync::{version_request, Answer, Begun, CatalogSync, Next, Request, SyncError};
use kassa_sandbox::srv4pos::{router, StoreConfig, FIRST_VERSION};
use serde_json::{json, Value};
use tokio::runtime::Runtime;
use tower::ServiceExt;

const ORIGIN: &str = "http://127.0.0.1";

struct Reply {
    status: u16,
    etag: Option<String>,
    body: String,
}

impl Reply {
    fn answer(&self) -> Answer<'_> {
        Answer {
            status: self.status,
            etag: self.etag.as_deref(),
            body: &self.body,
        }
    }
}

/// A till and the sandbox it syncs with.
struct Till {
    router: Router,
    runtime: Runtime,
    server: StoreServer,
}

impl Till {
    fn new(products: usize) -> Till {
        Till::with(
            StoreConfig {
                products,
                ..StoreConfig::default()
            },
            "/srv4pos/v45/UZ301234567",
            "sandbox-srv4pos-key",
        )
    }

    fn with(config: StoreConfig, base: &str, key: &str) -> Till {
        Till {
            router: Router::new().nest("/srv4pos", router(config)),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime"),
            server: StoreServer::new(&format!("{ORIGIN}{base}"), "Kassa 1", key)
                .expect("a valid store server"),
        }
    }

    fn send(&self, request: HttpRequest<Body>) -> Reply {
        self.runtime.block_on(async {
            let response = self
                .router
                .clone()
                .oneshot(request)
                .await
                .unwrap_or_else(|never| match never {});
            let status = response.status().as_u16();
            let etag = response
                .headers()
                .get(header::ETAG)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("the whole body");
            Reply {
                status,
                etag,
                body: String::from_utf8_lossy(&body).into_owned(),
            }
        })
    }

    /// A GET as the browser client makes it: the server's URL, the key.
    fn get(&self, request: &Request) -> Reply {
        let url = self.server.url(&request.path);
        let mut http = HttpRequest::get(url.trim_start_matches(ORIGIN))
            .header(header::AUTHORIZATION, self.server.authorization());
        if let Some(tag) = &request.if_none_match {
            http = http.header(header::IF_NONE_MATCH, tag);
        }
        self.send(http.body(Body::empty()).expect("a valid request"))
    }

    fn control(&self, path: &str, body: Value) -> Reply {
        let request = HttpRequest::post(format!("/srv4pos/__control/{path}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("a valid request");
        let reply = self.send(request);
        assert!(reply.status < 300, "control {path}: {}", reply.body);
        reply
    }

    fn state(&self) -> Value {
        let request = HttpRequest::get("/srv4pos/__control/state")
            .body(Body::empty())
            .expect("a valid request");
        serde_json::from_str(&self.send(request).body).expect("the state is JSON")
    }

    /// One whole sync: the catalog after it (the one held if up to date).
    fn sync(&self, held: &Catalog, holds: bool) -> Result<Catalog, SyncError> {
        let version = holds.then(|| held.version());
        let reply = self.get(&version_request(version));
        let (mut sync, mut request) = match CatalogSync::begin(version, reply.answer())? {
            Begun::UpToDate => return Ok(held.clone()),
            Begun::Syncing(sync, request) => (sync, request),
        };
        loop {
            let reply = self.get(&request);
            match sync.receive(reply.answer())? {
                Next::Fetch(next) => request = next,
                Next::Apply(loaded) => {
                    assert_eq!(
                        loaded.skipped, 0,
                        "the sandbox sends only readable articles"
                    );
                    return Ok(held.apply(&loaded.change).expect("a loaded change applies"));
                }
            }
        }
    }

    fn full(&self) -> Catalog {
        self.sync(&Catalog::default(), false).expect("a full load")
    }
}

fn id(text: &str) -> ProductId {
    ProductId::new(text).expect("an identifier")
}

#[test]
fn a_full_load_pages_through_every_collection() {
    let till = Till::new(2_500);
    let catalog = till.full();
    assert_eq!(catalog.version(), SellerVersion(FIRST_VERSION));
    assert_eq!((catalog.len(), catalog.unsellable_count()), (2_500, 0));
    // Taxes and categories fit a page; products and commodities take three.
    assert_eq!(till.state()["seen"]["pages"], 8);
    let fifth = sample::product(5, StoreConfig::default().seed);
    let barcode = fifth["barcodes"][0].as_str().expect("a barcode");
    let sold = catalog
        .find(barcode)
        .expect("the product sells by its barcode");
    assert_eq!(sold.id(), &id("p5"));
    let netto = fifth["netto"].as_i64().expect("a net price");
    let vat = match fifth["tax"].as_str() {
        Some("vat0") => 0,
        Some("vat15") => 15,
        _ => 12,
    };
    // Gross = netto × (100 + vat) / 100 rounded half away from zero, in
    // tiyin; the sample's prices are whole sums, so it is exact here.
    assert_eq!(
        sold.unit_price().amount() * rust_decimal::Decimal::ONE_HUNDRED,
        rust_decimal::Decimal::from(netto * (100 + vat) / 100)
    );
}

#[test]
fn a_till_up_to_date_gets_a_304() {
    let till = Till::new(50);
    let catalog = till.full();
    let again = till.sync(&catalog, true).expect("up to date");
    assert_eq!(again, catalog);
    assert_eq!(till.state()["seen"]["notModified"], 1);
}

#[test]
fn the_difference_brings_the_till_to_what_a_full_load_gives() {
    let till = Till::new(300);
    let before = till.full();
    let moved_barcode = before.product(&id("p8")).expect("p8").barcodes()[0].clone();
    till.control("reprice", json!({"count": 100}));
    till.control(
        "catalog",
        json!({
            "changed": {
                "products": [{"identifier": "p-new", "name": "Choy yangi", "netto": 150000,
                              "tax": "vat12", "barcodes": [moved_barcode], "unit": "pcs"}],
                "taxes": [{"identifier": "vat15", "vat": 16}]
            },
            "deleted": {"products": ["p7"], "commodities": ["k7"]}
        }),
    );
    let synced = till.sync(&before, true).expect("a difference");
    assert_eq!(till.state()["seen"]["diffs"], 4);
    assert_eq!(synced.version(), SellerVersion(FIRST_VERSION + 104));
    assert!(synced.product(&id("p7")).is_none());
    assert_eq!(
        synced.find(&moved_barcode).expect("moved").id(),
        &id("p-new")
    );
    assert!(synced
        .product(&id("p8"))
        .expect("p8 stays")
        .barcodes()
        .is_empty());
    let repriced = synced.product(&id("p0")).expect("p0");
    assert_ne!(
        Some(repriced.unit_price()),
        before.product(&id("p0")).map(|p| p.unit_price())
    );
    // The difference and a full load agree on every product and price,
    // and on the product each barcode sells (the moved one aside: a full
    // load cannot tell which of two holders is the newer).
    let full = till.full();
    assert_eq!(synced.version(), full.version());
    let priced = |catalog: &Catalog| -> Vec<(ProductId, String)> {
        let mut priced: Vec<(ProductId, String)> = catalog
            .products()
            .map(|p| (p.id().clone(), p.unit_price().to_string()))
            .collect();
        priced.sort();
        priced
    };
    assert_eq!(priced(&synced), priced(&full));
    for product in full.products() {
        for barcode in product.barcodes().iter().filter(|b| **b != moved_barcode) {
            assert_eq!(
                synced.find(barcode).map(|p| p.id()),
                Some(product.id()),
                "{barcode}"
            );
        }
    }
    assert_eq!(
        synced
            .page(&kassa::domain::catalog::CategoryId::new("c0-0").unwrap())
            .len(),
        full.page(&kassa::domain::catalog::CategoryId::new("c0-0").unwrap())
            .len()
    );
}

#[test]
fn a_version_older_than_the_history_loads_in_full() {
    let till = Till::new(40);
    let (old, _) =
        Catalog::from_json(include_str!("../../../public/catalog.json")).expect("the demo catalog");
    assert!(old.version() < SellerVersion(FIRST_VERSION));
    let synced = till.sync(&old, true).expect("a full load after all");
    assert_eq!(synced, till.full());
}

#[test]
fn a_catalog_changed_during_a_full_load_is_not_applied() {
    let till = Till::new(1_500);
    let reply = till.get(&version_request(None));
    let Begun::Syncing(mut sync, mut request) =
        CatalogSync::begin(None, reply.answer()).expect("the version")
    else {
        panic!("a full load");
    };
    for _ in 0..3 {
        let reply = till.get(&request);
        let Next::Fetch(next) = sync.receive(reply.answer()).expect("a page") else {
            panic!("more to load");
        };
        request = next;
    }
    till.control("reprice", json!({"count": 1}));
    let reply = till.get(&request);
    assert_eq!(
        sync.receive(reply.answer()).unwrap_err(),
        SyncError::Moved {
            started: SellerVersion(FIRST_VERSION),
            now: SellerVersion(FIRST_VERSION + 1)
        }
    );
}

#[test]
fn pages_follow_offset_and_limit() {
    let till = Till::new(30);
    let page = |query: &str| -> Vec<Value> {
        let reply = till.get(&Request {
            path: format!("/products{query}"),
            if_none_match: None,
        });
        assert_eq!(reply.status, 200);
        assert_eq!(reply.etag.as_deref(), Some("\"1000\""));
        serde_json::from_str(&reply.body).expect("an array")
    };
    assert_eq!(page("?offset=0&limit=7").len(), 7);
    assert_eq!(page("?offset=28&limit=7").len(), 2);
    assert!(page("?offset=30").is_empty());
    assert_eq!(page("").len(), 30);
    let first = page("?offset=0&limit=7");
    let next = page("?offset=7&limit=7");
    assert!(first.iter().all(|a| !next.contains(a)));
    let bad = till.get(&Request {
        path: "/products?offset=-1".into(),
        if_none_match: None,
    });
    assert_eq!(
        StoreServerError::of_answer(bad.status, &bad.body),
        StoreServerError::Rejected("offset/limit: must be a non-negative integer".into())
    );
}

#[test]
fn refusals_are_classified() {
    let sync_error = |till: &Till| till.sync(&Catalog::default(), false).unwrap_err();
    let wrong_key = Till::with(StoreConfig::default(), "/srv4pos/v45/UZ301234567", "guess");
    assert_eq!(
        sync_error(&wrong_key),
        SyncError::Server(StoreServerError::KeyRejected)
    );
    let old_api = Till::with(
        StoreConfig::default(),
        "/srv4pos/v44/UZ301234567",
        "sandbox-srv4pos-key",
    );
    assert_eq!(
        sync_error(&old_api),
        SyncError::Server(StoreServerError::ApiGone)
    );
    let other_seller = Till::with(
        StoreConfig::default(),
        "/srv4pos/v45/UZ000",
        "sandbox-srv4pos-key",
    );
    assert_eq!(
        sync_error(&other_seller),
        SyncError::Server(StoreServerError::NotFound)
    );
    let till = Till::new(10);
    till.control("faults", json!({"notApproved": true}));
    assert_eq!(
        sync_error(&till),
        SyncError::Server(StoreServerError::NotApproved)
    );
    till.control("faults", json!({"unavailablePercent": 100}));
    assert_eq!(
        sync_error(&till),
        SyncError::Server(StoreServerError::Unreachable)
    );
    till.control("reset", json!({}));
    assert_eq!(till.full().len(), 10);
}

#[test]
fn the_sandbox_can_grow_to_a_store_of_twenty_thousand() {
    let till = Till::new(10);
    till.control("size", json!({"products": 20_000}));
    let catalog = till.full();
    assert_eq!(catalog.len(), 20_000);
    assert_eq!(till.state()["counts"]["products"], 20_000);
}
