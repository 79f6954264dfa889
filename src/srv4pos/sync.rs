//! Catalog sync with srv4pos as a pure state machine: the client does each
//! request it is handed and feeds back the answer; at the end it gets one
//! [`CatalogChange`] to apply whole, or an error and nothing.
//!
//! `GET /version` (with `If-None-Match` of the version held; 304 = up to
//! date) decides: nothing held, or a server behind the till → a full load,
//! each collection paged by [`PAGE_LIMIT`] until a short page; otherwise
//! the difference of each collection. A difference the server cannot give
//! (404, 409, 400) falls back to a full load. A full load whose pages come
//! from another version than the one it started at (`ETag`) stops with
//! [`SyncError::Moved`]: start again, and a mixed catalog is never applied.

use thiserror::Error;

use super::articles::{
    read_difference, read_page, Article, Read, WireCategory, WireCommodity, WireProduct, WireTax,
};
use super::error::StoreServerError;
use crate::domain::catalog::{
    CatalogChange, CategoryId, Changes, PlacementId, ProductId, SellerVersion, TaxId,
};

/// Items asked for per page **(ours)**.
pub const PAGE_LIMIT: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Taxes,
    Categories,
    Products,
    Commodities,
}

impl Collection {
    /// In the order they are loaded: what a product refers to comes first.
    pub const ALL: [Collection; 4] = [
        Collection::Taxes,
        Collection::Categories,
        Collection::Products,
        Collection::Commodities,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Collection::Taxes => "taxes",
            Collection::Categories => "categories",
            Collection::Products => "products",
            Collection::Commodities => "commodities",
        }
    }
}

/// A GET to make, relative to the server's base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub path: String,
    pub if_none_match: Option<String>,
}

/// What came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer<'a> {
    pub status: u16,
    pub etag: Option<&'a str>,
    pub body: &'a str,
}

/// The `ETag` of a version: `"1234"`.
pub fn etag(version: SellerVersion) -> String {
    format!("\"{version}\"")
}

/// The version an `ETag` names (`"1234"`, `W/"1234"` or a bare `1234`).
pub fn version_of_etag(etag: &str) -> Option<SellerVersion> {
    let etag = etag.trim();
    let etag = etag.strip_prefix("W/").unwrap_or(etag);
    let digits = etag.trim_matches('"');
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok().map(SellerVersion))
        .flatten()
}

/// `{"version": 1234}` (a number or a numeric string).
pub fn read_version(body: &str) -> Option<SellerVersion> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let version = &value["version"];
    version
        .as_u64()
        .or_else(|| version.as_str().and_then(|text| text.trim().parse().ok()))
        .map(SellerVersion)
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error(transparent)]
    Server(#[from] StoreServerError),
    /// The seller's data changed during a full load: start again.
    #[error("the catalog changed on the server during the load (version {started} → {now})")]
    Moved {
        started: SellerVersion,
        now: SellerVersion,
    },
}

/// The request that starts a sync: the server's version, 304 if it is the
/// one held.
pub fn version_request(held: Option<SellerVersion>) -> Request {
    Request {
        path: "/version".into(),
        if_none_match: held.map(etag),
    }
}

/// A sync that has everything it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub change: CatalogChange,
    /// Entities the server sent that could not be read.
    pub skipped: usize,
}

#[derive(Debug)]
pub enum Next {
    Fetch(Request),
    Apply(Loaded),
}

#[derive(Debug)]
pub enum Begun {
    UpToDate,
    Syncing(Box<CatalogSync>, Request),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    Diff(SellerVersion),
}

#[derive(Debug)]
pub struct CatalogSync {
    mode: Mode,
    target: SellerVersion,
    collection: usize,
    offset: usize,
    change: CatalogChange,
    skipped: usize,
}

impl CatalogSync {
    /// Decides from the answer to [`version_request`] what to load.
    pub fn begin(held: Option<SellerVersion>, answer: Answer<'_>) -> Result<Begun, SyncError> {
        if answer.status == 304 && held.is_some() {
            return Ok(Begun::UpToDate);
        }
        check(answer)?;
        let target = read_version(answer.body).ok_or(StoreServerError::UnexpectedAnswer)?;
        let mode = match held {
            Some(have) if have == target => return Ok(Begun::UpToDate),
            Some(have) if have < target => Mode::Diff(have),
            _ => Mode::Full,
        };
        let sync = CatalogSync::start(mode, target);
        let request = sync.request();
        Ok(Begun::Syncing(Box::new(sync), request))
    }

    fn start(mode: Mode, target: SellerVersion) -> CatalogSync {
        CatalogSync {
            mode,
            target,
            collection: 0,
            offset: 0,
            change: match mode {
                Mode::Full => CatalogChange::full(target),
                Mode::Diff(from) => CatalogChange::diff(from, target),
            },
            skipped: 0,
        }
    }

    /// The version this sync brings the catalog to.
    pub fn target(&self) -> SellerVersion {
        self.target
    }

    /// Whether this is a full load (rather than a difference).
    pub fn is_full(&self) -> bool {
        self.mode == Mode::Full
    }

    fn request(&self) -> Request {
        let name = Collection::ALL[self.collection].name();
        let path = match self.mode {
            Mode::Full => format!("/{name}?offset={}&limit={PAGE_LIMIT}", self.offset),
            Mode::Diff(from) => format!("/{name}-diff/{from}/{}", self.target),
        };
        Request {
            path,
            if_none_match: None,
        }
    }

    /// Takes the answer to the last request handed out.
    pub fn receive(&mut self, answer: Answer<'_>) -> Result<Next, SyncError> {
        let collection = Collection::ALL[self.collection];
        let finished = match self.mode {
            Mode::Diff(_) => match check(answer) {
                Err(
                    StoreServerError::NotFound
                    | StoreServerError::Conflict(_)
                    | StoreServerError::Rejected(_),
                ) => {
                    *self = CatalogSync::start(Mode::Full, self.target);
                    return Ok(Next::Fetch(self.request()));
                }
                Err(error) => return Err(error.into()),
                Ok(()) => {
                    self.take_difference(collection, answer.body)?;
                    true
                }
            },
            Mode::Full => {
                check(answer)?;
                if let Some(now) = answer.etag.and_then(version_of_etag) {
                    if now != self.target {
                        return Err(SyncError::Moved {
                            started: self.target,
                            now,
                        });
                    }
                }
                let received = self.take_page(collection, answer.body)?;
                self.offset += received;
                received < PAGE_LIMIT
            }
        };
        if finished {
            self.collection += 1;
            self.offset = 0;
        }
        if self.collection == Collection::ALL.len() {
            let done = CatalogSync::start(self.mode, self.target);
            let finished = std::mem::replace(self, done);
            return Ok(Next::Apply(Loaded {
                change: finished.change,
                skipped: finished.skipped,
            }));
        }
        Ok(Next::Fetch(self.request()))
    }

    fn take_page(&mut self, collection: Collection, body: &str) -> Result<usize, SyncError> {
        let unexpected = || SyncError::Server(StoreServerError::UnexpectedAnswer);
        let change = &mut self.change;
        let received = match collection {
            Collection::Taxes => add(
                &mut self.skipped,
                &mut change.taxes,
                read_page::<WireTax>(body),
            ),
            Collection::Categories => add(
                &mut self.skipped,
                &mut change.categories,
                read_page::<WireCategory>(body),
            ),
            Collection::Products => add(
                &mut self.skipped,
                &mut change.products,
                read_page::<WireProduct>(body),
            ),
            Collection::Commodities => add(
                &mut self.skipped,
                &mut change.placements,
                read_page::<WireCommodity>(body),
            ),
        };
        received.ok_or_else(unexpected)
    }

    fn take_difference(&mut self, collection: Collection, body: &str) -> Result<(), SyncError> {
        let change = &mut self.change;
        let skipped = &mut self.skipped;
        let taken = match collection {
            Collection::Taxes => differ::<WireTax, _>(skipped, &mut change.taxes, body, TaxId::new),
            Collection::Categories => {
                differ::<WireCategory, _>(skipped, &mut change.categories, body, CategoryId::new)
            }
            Collection::Products => {
                differ::<WireProduct, _>(skipped, &mut change.products, body, ProductId::new)
            }
            Collection::Commodities => {
                differ::<WireCommodity, _>(skipped, &mut change.placements, body, PlacementId::new)
            }
        };
        taken.ok_or(SyncError::Server(StoreServerError::UnexpectedAnswer))
    }
}

/// A 2xx, or the class of the failure.
fn check(answer: Answer<'_>) -> Result<(), StoreServerError> {
    match answer.status {
        200..=299 => Ok(()),
        status => Err(StoreServerError::of_answer(status, answer.body)),
    }
}

fn add<T, I>(
    skipped: &mut usize,
    into: &mut Changes<T, I>,
    read: Option<Read<T>>,
) -> Option<usize> {
    let read = read?;
    *skipped += read.skipped;
    into.changed.extend(read.entities);
    Some(read.received)
}

fn differ<A: Article, I>(
    skipped: &mut usize,
    into: &mut Changes<A::Entity, I>,
    body: &str,
    id: impl Fn(&str) -> Option<I>,
) -> Option<()> {
    let difference = read_difference::<A>(body)?;
    *skipped += difference.changed.skipped;
    into.changed.extend(difference.changed.entities);
    into.deleted
        .extend(difference.deleted.iter().filter_map(|text| id(text)));
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<'a>(body: &'a str, etag: Option<&'a str>) -> Answer<'a> {
        Answer {
            status: 200,
            etag,
            body,
        }
    }

    fn fetch(next: Next) -> Request {
        match next {
            Next::Fetch(request) => request,
            Next::Apply(_) => panic!("expected another request"),
        }
    }

    #[test]
    fn etags_name_versions() {
        assert_eq!(etag(SellerVersion(1234)), "\"1234\"");
        for tag in ["\"1234\"", "W/\"1234\"", "1234", " \"1234\" "] {
            assert_eq!(version_of_etag(tag), Some(SellerVersion(1234)), "{tag}");
        }
        assert_eq!(version_of_etag("\"abc\""), None);
        assert_eq!(version_of_etag("\"\""), None);
        assert_eq!(
            read_version(r#"{"version": "77"}"#),
            Some(SellerVersion(77))
        );
        assert_eq!(read_version(r#"{"version": -1}"#), None);
    }

    #[test]
    fn the_version_held_is_up_to_date_on_304_or_the_same_number() {
        assert_eq!(
            version_request(Some(SellerVersion(5)))
                .if_none_match
                .as_deref(),
            Some("\"5\"")
        );
        let not_modified = Answer {
            status: 304,
            etag: None,
            body: "",
        };
        assert!(matches!(
            CatalogSync::begin(Some(SellerVersion(5)), not_modified),
            Ok(Begun::UpToDate)
        ));
        assert!(matches!(
            CatalogSync::begin(Some(SellerVersion(5)), ok(r#"{"version": 5}"#, None)),
            Ok(Begun::UpToDate)
        ));
        assert_eq!(
            CatalogSync::begin(
                None,
                Answer {
                    status: 401,
                    etag: None,
                    body: ""
                }
            )
            .unwrap_err(),
            SyncError::Server(StoreServerError::KeyRejected)
        );
    }

    #[test]
    fn a_full_load_pages_every_collection_then_applies_once() {
        let Ok(Begun::Syncing(mut sync, first)) =
            CatalogSync::begin(None, ok(r#"{"version": 9}"#, None))
        else {
            panic!("a till with nothing loads in full");
        };
        assert!(sync.is_full());
        assert_eq!(first.path, "/taxes?offset=0&limit=1000");
        let taxes = r#"[{"identifier": "t", "vat": 12}]"#;
        let next = fetch(sync.receive(ok(taxes, Some("\"9\""))).unwrap());
        assert_eq!(next.path, "/categories?offset=0&limit=1000");
        let next = fetch(sync.receive(ok("[]", None)).unwrap());
        assert_eq!(next.path, "/products?offset=0&limit=1000");
        let full_page: Vec<String> = (0..PAGE_LIMIT)
            .map(|n| format!(r#"{{"identifier": "p{n}", "name": "x", "netto": 100, "tax": "t", "barcodes": ["{n}"]}}"#))
            .collect();
        let full_page = format!("[{}]", full_page.join(","));
        let next = fetch(sync.receive(ok(&full_page, Some("\"9\""))).unwrap());
        assert_eq!(next.path, "/products?offset=1000&limit=1000");
        let next = fetch(
            sync.receive(ok(
                r#"[{"identifier": "last", "name": "y", "netto": 1, "tax": "t"}, 5]"#,
                None,
            ))
            .unwrap(),
        );
        assert_eq!(next.path, "/commodities?offset=0&limit=1000");
        let Next::Apply(loaded) = sync.receive(ok("[]", None)).unwrap() else {
            panic!("every collection was loaded");
        };
        assert_eq!(loaded.skipped, 1);
        assert_eq!(loaded.change.products.changed.len(), PAGE_LIMIT + 1);
        assert_eq!(loaded.change.version, SellerVersion(9));
    }

    #[test]
    fn a_full_load_that_sees_another_version_stops() {
        let Ok(Begun::Syncing(mut sync, _)) =
            CatalogSync::begin(None, ok(r#"{"version": 9}"#, None))
        else {
            panic!("full load");
        };
        assert_eq!(
            sync.receive(ok("[]", Some("\"10\""))).unwrap_err(),
            SyncError::Moved {
                started: SellerVersion(9),
                now: SellerVersion(10)
            }
        );
    }

    #[test]
    fn a_difference_is_asked_per_collection_and_falls_back_to_a_full_load() {
        let Ok(Begun::Syncing(mut sync, first)) =
            CatalogSync::begin(Some(SellerVersion(5)), ok(r#"{"version": 8}"#, None))
        else {
            panic!("a till behind asks for the difference");
        };
        assert!(!sync.is_full());
        assert_eq!(first.path, "/taxes-diff/5/8");
        let next = fetch(
            sync.receive(ok(r#"{"changed": [], "deleted": []}"#, None))
                .unwrap(),
        );
        assert_eq!(next.path, "/categories-diff/5/8");
        let gone = Answer {
            status: 404,
            etag: None,
            body: r#"{"error": "NotFoundJsonException"}"#,
        };
        let next = fetch(sync.receive(gone).unwrap());
        assert_eq!(next.path, "/taxes?offset=0&limit=1000");
        assert!(sync.is_full());
    }

    #[test]
    fn a_difference_brings_deletions() {
        let Ok(Begun::Syncing(mut sync, _)) =
            CatalogSync::begin(Some(SellerVersion(5)), ok(r#"{"version": 6}"#, None))
        else {
            panic!("diff");
        };
        let empty = r#"{"changed": [], "deleted": []}"#;
        sync.receive(ok(empty, None)).unwrap();
        sync.receive(ok(empty, None)).unwrap();
        sync.receive(ok(r#"{"changed": [], "deleted": ["p1", ""]}"#, None))
            .unwrap();
        let Next::Apply(loaded) = sync.receive(ok(empty, None)).unwrap() else {
            panic!("done");
        };
        assert_eq!(
            loaded.change.products.deleted,
            [ProductId::new("p1").unwrap()]
        );
        assert_eq!(
            loaded.change.base,
            crate::domain::catalog::ChangeBase::Since(SellerVersion(5))
        );
        let broken = sync.receive(ok("<html>", None));
        assert!(broken.is_err());
    }
}
