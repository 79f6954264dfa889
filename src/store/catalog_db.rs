//! The catalog in IndexedDB: its own database (`kassa-catalog`), so its
//! upgrades never touch the sales', with one object store of buckets and a
//! head (`catalog_records`). Every sync is written in ONE transaction — the
//! buckets it touched, then the head — so a tab closed mid-sync leaves the
//! previous version whole; the catalog in memory is replaced only after
//! the transaction completed.

use wasm_bindgen::JsValue;

use super::catalog_records::{buckets, restore, to_write, BucketKey, CatalogStoreError, Head};
use crate::domain::catalog::{Catalog, CatalogChange, ChangeBase};
use crate::web::indexed_db::{self, Database, Refused};

const DATABASE: &str = "kassa-catalog";
const SHELVES: &str = "catalog";
const HEAD_KEY: &str = "head";

impl From<Refused> for CatalogStoreError {
    fn from(_: Refused) -> Self {
        CatalogStoreError::Unavailable
    }
}

pub struct CatalogStore {
    db: Database,
}

impl CatalogStore {
    pub async fn open() -> Result<CatalogStore, CatalogStoreError> {
        let db = indexed_db::open(DATABASE, 1, &[SHELVES]).await?;
        Ok(CatalogStore { db })
    }

    /// The stored catalog and the count of stored records that did not
    /// read; `None` when nothing (or another layout) is stored.
    pub async fn load(&self) -> Result<Option<(Catalog, usize)>, CatalogStoreError> {
        let transaction = self.db.transaction(&[SHELVES], false)?;
        let shelves = transaction.store(SHELVES)?;
        let Some(head) = read_head(&shelves).await? else {
            return Ok(None);
        };
        let mut stored = Vec::new();
        for key in BucketKey::all() {
            let json = shelves.get(&JsValue::from_str(&key.key())).await?;
            if let Some(json) = json.and_then(|value| value.as_string()) {
                stored.push((key, json));
            }
        }
        Ok(Some(restore(head, &stored)))
    }

    /// Applies `change` to `current` and stores the result whole, then
    /// returns it. A difference is stored only over the very catalog it was
    /// applied to (checked inside the transaction), else `Stale`.
    pub async fn apply(
        &self,
        current: &Catalog,
        change: &CatalogChange,
    ) -> Result<Catalog, CatalogStoreError> {
        let next = current.apply(change)?;
        let written = buckets(&next, &to_write(current, &next, change));
        let transaction = self.db.transaction(&[SHELVES], true)?;
        let shelves = transaction.store(SHELVES)?;
        if change.base != ChangeBase::Full {
            let held = read_head(&shelves).await?.map(|head| head.version);
            if held != Some(current.version().0) {
                transaction.abort()?;
                return Err(CatalogStoreError::Stale);
            }
        }
        for (key, json) in &written {
            shelves
                .put(&JsValue::from_str(json), &JsValue::from_str(&key.key()))
                .await?;
        }
        shelves
            .put(
                &JsValue::from_str(&Head::of(&next).to_json()),
                &JsValue::from_str(HEAD_KEY),
            )
            .await?;
        transaction.commit().await?;
        Ok(next)
    }
}

async fn read_head(shelves: &indexed_db::ObjectStore) -> Result<Option<Head>, CatalogStoreError> {
    Ok(shelves
        .get(&JsValue::from_str(HEAD_KEY))
        .await?
        .and_then(|value| value.as_string())
        .and_then(|json| Head::read(&json)))
}
