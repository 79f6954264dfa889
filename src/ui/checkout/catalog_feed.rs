//! Keeps the shelf stocked: the catalog stored on the tablet first (so the
//! till sells with no network), then the store server's changes in the
//! background while the cashier sells, each applied and stored whole; or,
//! without a store server, the deployment's catalog file.

use std::sync::Arc;

use leptos::prelude::*;
use thiserror::Error;

use super::shelf::{Shelf, SyncStatus};
use crate::domain::catalog::Catalog;
use crate::domain::scale_barcode::ScaleLayout;
use crate::i18n::Describe;
use crate::srv4pos::address::StoreServer;
use crate::srv4pos::error::StoreServerError;
use crate::srv4pos::http;
use crate::srv4pos::sync::{version_request, Begun, CatalogSync, Next, SyncError};
use crate::store::catalog_db::CatalogStore;
use crate::store::catalog_records::CatalogStoreError;
use crate::ui::deployment::Deployment;
use crate::web::clock::sleep;

/// How often the catalog is brought up to date while the cashier sells.
const SYNC_EVERY_MS: u32 = 5 * 60_000;
/// A full load the server's changes keep overtaking is started again this
/// many times before the feed waits for the next round.
const MOVED_RETRIES: usize = 3;

#[derive(Debug, Error)]
enum FeedError {
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error(transparent)]
    Store(#[from] CatalogStoreError),
}

impl FeedError {
    fn status(&self) -> SyncStatus {
        match self {
            FeedError::Sync(SyncError::Server(StoreServerError::Unreachable)) => {
                SyncStatus::Offline
            }
            _ => SyncStatus::Failed,
        }
    }

    fn describe(&self) -> crate::i18n::Text {
        match self {
            FeedError::Sync(error) => error.text(),
            FeedError::Store(error) => error.text(),
        }
    }
}

/// Runs as long as the checkout is on screen.
pub async fn keep_stocked(shelf: Shelf, server: Option<StoreServer>, deployment: Deployment) {
    if let Some(config) = deployment.config().await {
        // A layout that cannot be an EAN-13 keeps the default: the
        // deployment's mistake must not stop every scale label.
        if let Ok(layout) = ScaleLayout::configured(&config) {
            let _ = shelf.scale.try_set(layout);
        }
    }
    match server {
        Some(server) => from_store_server(shelf, server).await,
        None => from_file(shelf).await,
    }
}

async fn from_file(shelf: Shelf) {
    let mut round = 0;
    loop {
        let read = crate::web::fetch::public_file("catalog.json")
            .await
            .and_then(|json| Catalog::from_json(&json).ok());
        let status = match read {
            Some((catalog, _skipped)) => {
                shelf.catalog.set(Some(Arc::new(catalog)));
                SyncStatus::Current
            }
            None => SyncStatus::Failed,
        };
        if !settle(shelf, status, None) || !wait_for_round(shelf, &mut round, None).await {
            return;
        }
    }
}

async fn from_store_server(shelf: Shelf, server: StoreServer) {
    let store = CatalogStore::open().await.ok();
    if let Some(store) = &store {
        if let Ok(Some((catalog, _unreadable))) = store.load().await {
            shelf.catalog.set(Some(Arc::new(catalog)));
        }
    }
    let mut round = 0;
    loop {
        if shelf.status.try_set(SyncStatus::Syncing).is_some() {
            return;
        }
        let outcome = sync(shelf, &server, store.as_ref()).await;
        let alive = match outcome {
            Ok(()) => settle(shelf, SyncStatus::Current, None),
            Err(FeedError::Store(CatalogStoreError::Stale)) => {
                // Another tab stored a newer catalog: take it and go again.
                if let Some(Ok(Some((catalog, _)))) = match &store {
                    Some(store) => Some(store.load().await),
                    None => None,
                } {
                    shelf.catalog.set(Some(Arc::new(catalog)));
                }
                continue;
            }
            Err(error) => settle(shelf, error.status(), Some(error.describe())),
        };
        if !alive || !wait_for_round(shelf, &mut round, Some(SYNC_EVERY_MS)).await {
            return;
        }
    }
}

/// Brings the shelf's catalog to the server's version.
async fn sync(
    shelf: Shelf,
    server: &StoreServer,
    store: Option<&CatalogStore>,
) -> Result<(), FeedError> {
    let mut moved = None;
    for _ in 0..MOVED_RETRIES {
        // Version 0 is the empty shelf of a till that holds nothing yet.
        let held = shelf.catalog.get_untracked().unwrap_or_default();
        let version = Some(held.version()).filter(|version| version.0 > 0);
        let answer = http::get(server, &version_request(version))
            .await
            .map_err(SyncError::Server)?;
        let (mut sync, mut request) = match CatalogSync::begin(version, answer.answer())? {
            Begun::UpToDate => return Ok(()),
            Begun::Syncing(sync, request) => (sync, request),
        };
        let loaded = loop {
            let answer = http::get(server, &request)
                .await
                .map_err(SyncError::Server)?;
            match sync.receive(answer.answer()) {
                Ok(Next::Fetch(next)) => request = next,
                Ok(Next::Apply(loaded)) => break Ok(loaded),
                Err(error @ SyncError::Moved { .. }) => break Err(error),
                Err(error) => return Err(error.into()),
            }
        };
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(error) => {
                moved = Some(error);
                continue;
            }
        };
        let next = match store {
            Some(store) => store.apply(&held, &loaded.change).await?,
            None => held
                .apply(&loaded.change)
                .map_err(CatalogStoreError::from)?,
        };
        shelf.catalog.set(Some(Arc::new(next)));
        return Ok(());
    }
    Err(FeedError::Sync(moved.unwrap_or(SyncError::Server(
        StoreServerError::UnexpectedAnswer,
    ))))
}

/// Shows how the round ended; a till with nothing stored and no source
/// still sells typed items. False once the checkout is gone.
fn settle(shelf: Shelf, status: SyncStatus, problem: Option<crate::i18n::Text>) -> bool {
    if shelf.catalog.with_untracked(Option::is_none) {
        shelf.catalog.set(Some(Arc::default()));
    }
    shelf.problem.try_set(problem).is_none() && shelf.status.try_set(status).is_none()
}

/// Waits for the cashier's "sync now" or, with `every`, the next round.
/// False once the checkout is gone.
async fn wait_for_round(shelf: Shelf, round: &mut u32, every: Option<u32>) -> bool {
    *round = round.wrapping_add(1);
    if let Some(every) = every {
        let this = *round;
        leptos::task::spawn_local(async move {
            sleep(every).await;
            shelf.wake_round(Some(this));
        });
    }
    shelf.next_round(*round).await
}
