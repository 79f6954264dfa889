//! The catalog the checkout sells from, and how current it is. What fills
//! it (the stored catalog, the store server's sync, the deployment's file)
//! is the catalog part's (`catalog_feed.rs`); this is what the first load
//! needs to sell from it.

use std::sync::Arc;

use futures_channel::oneshot;
use leptos::prelude::*;

use crate::domain::catalog::Catalog;
use crate::domain::line::Line;
use crate::domain::scale_barcode::ScaleLayout;
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
    /// How this store's scales print their labels (`config.json`).
    pub scale: RwSignal<ScaleLayout>,
    /// Wakes the feed between rounds: the cashier's "sync now", or the
    /// round's timer (numbered, so a late timer cannot cut the next round short).
    wake: StoredValue<Option<(u32, oneshot::Sender<()>)>>,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf {
            catalog: RwSignal::new(None),
            status: RwSignal::new(SyncStatus::Syncing),
            problem: RwSignal::new(None),
            scale: RwSignal::new(ScaleLayout::default()),
            wake: StoredValue::new(None),
        }
    }
}

impl Shelf {
    /// Names the catalog product each receipt line sold, for the store
    /// server (`None`: typed by hand, or no longer in the catalog).
    pub fn product_names(self) -> impl Fn(&Line) -> Option<String> {
        let catalog = self.catalog.get_untracked();
        let scale = self.scale.get_untracked();
        move |line| {
            catalog
                .as_ref()?
                .sold_under(line.barcode(), &scale)
                .map(|product| product.id().as_str().to_owned())
        }
    }

    pub fn ask_sync(self) {
        self.wake_round(None);
    }

    /// Ends the wait of round `round` (any round when `None`).
    pub fn wake_round(self, round: Option<u32>) {
        self.wake.try_update_value(|waiting| {
            if round.is_none() || waiting.as_ref().map(|(at, _)| *at) == round {
                if let Some((_, wake)) = waiting.take() {
                    let _ = wake.send(());
                }
            }
        });
    }

    /// Waits for the next round to be woken. False once the checkout is
    /// gone (the waiting sender is dropped with it).
    pub async fn next_round(self, round: u32) -> bool {
        let (wake, woken) = oneshot::channel();
        if self.wake.try_set_value(Some((round, wake))).is_some() {
            return false;
        }
        woken.await.is_ok()
    }
}
