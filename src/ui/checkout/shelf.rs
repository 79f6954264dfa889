//! The catalog the checkout sells from, and how current it is. What fills
//! it (the stored catalog, the store server's sync, the deployment's file)
//! is the catalog part's (`catalog_feed.rs`); this is what the first load
//! needs to sell from it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::catalog::Catalog;
use crate::i18n::Text;

/// How the catalog on the tablet stands against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    /// As the source has it (or the deployment's file, read).
    Current,
    Syncing,
    /// The source cannot be reached: selling goes on from the stored catalog.
    Offline,
    /// The source answered but the catalog could not be brought up to date.
    Failed,
}

impl SyncStatus {
    /// The `catalog-sync-status` text of ui-contract.md.
    pub fn code(self) -> &'static str {
        match self {
            SyncStatus::Current => "current",
            SyncStatus::Syncing => "syncing",
            SyncStatus::Offline => "offline",
            SyncStatus::Failed => "failed",
        }
    }

    pub fn text(self) -> Text {
        match self {
            SyncStatus::Current => Text::CatalogCurrent,
            SyncStatus::Syncing => Text::CatalogSyncing,
            SyncStatus::Offline => Text::CatalogOffline,
            SyncStatus::Failed => Text::CatalogFailed,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Shelf {
    /// `None` until the first catalog is read (scans wait for it). Shared,
    /// not copied: a store's catalog is tens of megabytes.
    pub catalog: RwSignal<Option<Arc<Catalog>>>,
    pub status: RwSignal<SyncStatus>,
    /// Why the last sync did not bring the catalog up to date.
    pub problem: RwSignal<Option<Text>>,
    /// Raised by the cashier's "sync now"; the feed compares it with the
    /// last request it served.
    pub sync_asked: RwSignal<u32>,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf {
            catalog: RwSignal::new(None),
            status: RwSignal::new(SyncStatus::Syncing),
            problem: RwSignal::new(None),
            sync_asked: RwSignal::new(0),
        }
    }
}

impl Shelf {
    pub fn ask_sync(self) {
        self.sync_asked
            .update(|asked| *asked = asked.wrapping_add(1));
    }
}
