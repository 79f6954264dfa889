//! IndexedDB, the little of it Kassa uses: one database of object stores
//! with out-of-line keys, and transactions over several stores that commit
//! or abort as a whole.
//!
//! Written over `web_sys` rather than taken from `rexie`/`idb` (used before):
//! those carried a builder, `tokio` and `indexmap` into the first download,
//! about 6 KB brotli of issue 8's 200 KB. Each request is awaited as a
//! promise whose `resolve`/`reject` are the request's own event handlers, so
//! a request costs no Rust closure; the awaiting task continues in the same
//! microtask checkpoint, while its transaction is still active.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

/// The browser refused: no IndexedDB (private mode, blocked storage), a
/// failed request, or an aborted transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

impl From<JsValue> for Refused {
    fn from(_: JsValue) -> Self {
        Refused
    }
}

pub struct Database(IdbDatabase);

pub struct Transaction(IdbTransaction);

pub struct ObjectStore(IdbObjectStore);

/// Opens (creating or upgrading as needed) database `name` at `version`
/// with at least the object stores `stores`.
pub async fn open(
    name: &str,
    version: u32,
    stores: &'static [&'static str],
) -> Result<Database, Refused> {
    let factory = web_sys::window()
        .ok_or(Refused)?
        .indexed_db()?
        .ok_or(Refused)?;
    let request = factory.open_with_u32(name, version)?;
    let on_upgrade = Closure::once(upgrade(request.clone(), stores));
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let opened = settled(&request).await;
    request.set_onupgradeneeded(None);
    Ok(Database(opened?.dyn_into()?))
}

fn upgrade(request: IdbOpenDbRequest, stores: &'static [&'static str]) -> impl FnOnce() {
    move || {
        let Ok(database) = request.result().and_then(|db| db.dyn_into::<IdbDatabase>()) else {
            return;
        };
        let existing = database.object_store_names();
        for store in stores {
            if !existing.contains(store) {
                // A failure aborts the upgrade, and `open` reports it.
                let _ = database.create_object_store(store);
            }
        }
    }
}

impl Database {
    pub fn transaction(&self, stores: &[&str], write: bool) -> Result<Transaction, Refused> {
        let names: Array = stores.iter().map(|name| JsValue::from_str(name)).collect();
        let mode = if write {
            IdbTransactionMode::Readwrite
        } else {
            IdbTransactionMode::Readonly
        };
        Ok(Transaction(
            self.0
                .transaction_with_str_sequence_and_mode(&names, mode)?,
        ))
    }
}

impl Transaction {
    pub fn store(&self, name: &str) -> Result<ObjectStore, Refused> {
        Ok(ObjectStore(self.0.object_store(name)?))
    }

    /// Waits until the writes are durable (`complete`). IndexedDB commits
    /// by itself once no request is pending; its explicit `commit()` is not
    /// in every browser Kassa supports.
    pub async fn commit(self) -> Result<(), Refused> {
        let done = Promise::new(&mut |resolve: Function, reject: Function| {
            self.0.set_oncomplete(Some(&resolve));
            self.0.set_onabort(Some(&reject));
            self.0.set_onerror(Some(&reject));
        });
        JsFuture::from(done).await?;
        Ok(())
    }

    /// Abandons every write made in this transaction.
    pub fn abort(self) -> Result<(), Refused> {
        Ok(self.0.abort()?)
    }
}

impl ObjectStore {
    pub async fn get(&self, key: &JsValue) -> Result<Option<JsValue>, Refused> {
        let value = settled(&self.0.get(key)?).await?;
        Ok((!value.is_undefined()).then_some(value))
    }

    pub async fn get_all(&self) -> Result<Vec<JsValue>, Refused> {
        let values: Array = settled(&self.0.get_all()?).await?.dyn_into()?;
        Ok(values.to_vec())
    }

    pub async fn contains(&self, key: &JsValue) -> Result<bool, Refused> {
        let count = settled(&self.0.count_with_key(key)?).await?;
        Ok(count.as_f64().is_some_and(|n| n > 0.0))
    }

    /// Adds a record; refused if `key` exists.
    pub async fn add(&self, value: &JsValue, key: &JsValue) -> Result<(), Refused> {
        settled(&self.0.add_with_key(value, key)?).await?;
        Ok(())
    }

    /// Adds or replaces a record.
    pub async fn put(&self, value: &JsValue, key: &JsValue) -> Result<(), Refused> {
        settled(&self.0.put_with_key(value, key)?).await?;
        Ok(())
    }

    pub async fn delete(&self, key: &JsValue) -> Result<(), Refused> {
        settled(&self.0.delete(key)?).await?;
        Ok(())
    }
}

/// The request's result once it succeeded.
async fn settled(request: &IdbRequest) -> Result<JsValue, Refused> {
    let done = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await?;
    Ok(request.result()?)
}
