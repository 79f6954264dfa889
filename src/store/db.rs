//! IndexedDB, through `rexie`: a small futures-based wrapper over the `idb`
//! crate that exposes real transactions across several object stores, which
//! is the one thing Kassa needs from it (finalizing a sale writes the outbox
//! and the receipt sequence atomically). `indexed_db_futures` would do as
//! well; `rexie`'s API is the smaller of the two.

use crate::domain::money::Money;
use rexie::{ObjectStore, Rexie, TransactionMode};
use thiserror::Error;
use wasm_bindgen::JsValue;

use super::journal::SaleRecord;
use super::outbox::Lease;
use super::records::{CashMovementRecord, PendingSale, ShiftRecord};

const DATABASE: &str = "kassa";
const OUTBOX: &str = "outbox";
const JOURNAL: &str = "journal";
const META: &str = "meta";
const SEQUENCE_KEY: &str = "receiptSequence";
const SHIFT_KEY: &str = "shift";
const LEASE_KEY: &str = "senderLease";

/// Whether this tab may send a pending sale now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The lease is ours and the sale is still pending: send it.
    Send,
    /// Another tab of this till is the sender.
    Busy,
    /// The sale is no longer pending (another tab settled it).
    Gone,
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("browser storage is unavailable")]
    Unavailable,
}

impl From<rexie::Error> for StoreError {
    fn from(_: rexie::Error) -> Self {
        StoreError::Unavailable
    }
}

pub struct Store {
    db: Rexie,
}

impl Store {
    pub async fn open() -> Result<Store, StoreError> {
        let db = Rexie::builder(DATABASE)
            .version(2)
            .add_object_store(ObjectStore::new(OUTBOX))
            .add_object_store(ObjectStore::new(JOURNAL))
            .add_object_store(ObjectStore::new(META))
            .build()
            .await?;
        Ok(Store { db })
    }

    /// Finalizes a sale durably: takes the next receipt sequence, lets
    /// `build` make the sale with it, and writes the new sequence, the
    /// journal record and the sale's outbox entry (if it is to be posted) in
    /// ONE transaction, before any network call. If `build` refuses, nothing
    /// is written and the sequence is not used up.
    pub async fn finalize<T, E>(
        &self,
        build: impl FnOnce(u32) -> Result<(T, SaleRecord, Option<PendingSale>), E>,
    ) -> Result<Result<T, E>, StoreError> {
        let transaction = self
            .db
            .transaction(&[OUTBOX, META, JOURNAL], TransactionMode::ReadWrite)?;
        let meta = transaction.store(META)?;
        let outbox = transaction.store(OUTBOX)?;
        let journal = transaction.store(JOURNAL)?;
        let sequence = meta
            .get(JsValue::from_str(SEQUENCE_KEY))
            .await?
            .and_then(|value| value.as_string())
            .and_then(|next| next.parse::<u32>().ok())
            .unwrap_or(1);
        let (made, record, pending) = match build(sequence) {
            Ok(made) => made,
            Err(refused) => {
                transaction.abort().await?;
                return Ok(Err(refused));
            }
        };
        let next = JsValue::from_str(&(sequence + 1).to_string());
        meta.put(&next, Some(&JsValue::from_str(SEQUENCE_KEY)))
            .await?;
        journal
            .add(
                &to_js(&record),
                Some(&JsValue::from_str(&record.receipt_number)),
            )
            .await?;
        if let Some(pending) = pending {
            outbox
                .put(
                    &to_js(&pending),
                    Some(&JsValue::from_str(&pending.receipt_number)),
                )
                .await?;
        }
        transaction.commit().await?;
        Ok(Ok(made))
    }

    /// Every sale still waiting for the server, oldest receipt first.
    pub async fn pending_sales(&self) -> Result<Vec<PendingSale>, StoreError> {
        let transaction = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let values = transaction.store(OUTBOX)?.get_all(None, None).await?;
        Ok(values.iter().filter_map(from_js).collect())
    }

    /// Takes (or renews) this till's sender lease for `tab` and checks the
    /// sale is still pending, in one transaction: two tabs of the same till
    /// never send the same receipt, and a tab never resends what another
    /// already settled.
    pub async fn claim(
        &self,
        tab: &str,
        receipt_number: &str,
        now: u64,
        ttl: u64,
    ) -> Result<Claim, StoreError> {
        let transaction = self
            .db
            .transaction(&[OUTBOX, META], TransactionMode::ReadWrite)?;
        let meta = transaction.store(META)?;
        let lease_key = JsValue::from_str(LEASE_KEY);
        let current: Option<Lease> = meta
            .get(lease_key.clone())
            .await?
            .as_ref()
            .and_then(from_js);
        let Some(lease) = Lease::try_acquire(current.as_ref(), tab, now, ttl) else {
            transaction.abort().await?;
            return Ok(Claim::Busy);
        };
        meta.put(&to_js(&lease), Some(&lease_key)).await?;
        let pending = transaction
            .store(OUTBOX)?
            .key_exists(JsValue::from_str(receipt_number))
            .await?;
        transaction.commit().await?;
        Ok(if pending { Claim::Send } else { Claim::Gone })
    }

    /// The server gave a definite answer: the sale leaves the outbox, and
    /// the journal keeps the cashback it credited.
    pub async fn settle(
        &self,
        receipt_number: &str,
        earned: Option<Money>,
    ) -> Result<(), StoreError> {
        let transaction = self
            .db
            .transaction(&[OUTBOX, JOURNAL], TransactionMode::ReadWrite)?;
        let key = JsValue::from_str(receipt_number);
        transaction.store(OUTBOX)?.delete(key.clone()).await?;
        let journal = transaction.store(JOURNAL)?;
        let record: Option<SaleRecord> = journal.get(key.clone()).await?.as_ref().and_then(from_js);
        if let (Some(mut record), Some(earned)) = (record, earned) {
            record.earned = Some(earned.to_string());
            journal.put(&to_js(&record), Some(&key)).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The journal of one shift, in receipt order.
    pub async fn journal(&self, shift_tag: &str) -> Result<Vec<SaleRecord>, StoreError> {
        let transaction = self.db.transaction(&[JOURNAL], TransactionMode::ReadOnly)?;
        let values = transaction.store(JOURNAL)?.get_all(None, None).await?;
        let mut records: Vec<SaleRecord> = values
            .iter()
            .filter_map(from_js)
            .filter(|record: &SaleRecord| record.shift_tag == shift_tag)
            .collect();
        records.sort_by(|a, b| a.receipt_number.cmp(&b.receipt_number));
        Ok(records)
    }

    /// Cash movements of one shift, in the order they happened.
    pub async fn cash_movements(
        &self,
        shift_tag: &str,
    ) -> Result<Vec<CashMovementRecord>, StoreError> {
        let transaction = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let key = JsValue::from_str(&movements_key(shift_tag));
        let value = transaction.store(META)?.get(key).await?;
        Ok(value.as_ref().and_then(from_js).unwrap_or_default())
    }

    /// Appends a cash movement to its shift.
    pub async fn add_cash_movement(
        &self,
        shift_tag: &str,
        movement: CashMovementRecord,
    ) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let meta = transaction.store(META)?;
        let key = JsValue::from_str(&movements_key(shift_tag));
        let mut movements: Vec<CashMovementRecord> = meta
            .get(key.clone())
            .await?
            .as_ref()
            .and_then(from_js)
            .unwrap_or_default();
        movements.push(movement);
        meta.put(&to_js(&movements), Some(&key)).await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn shift(&self) -> Result<Option<ShiftRecord>, StoreError> {
        let transaction = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let value = transaction
            .store(META)?
            .get(JsValue::from_str(SHIFT_KEY))
            .await?;
        Ok(value.as_ref().and_then(from_js))
    }

    /// Remembers the open shift, or forgets it (`None`) when the cashier
    /// leaves it.
    pub async fn set_shift(&self, shift: Option<&ShiftRecord>) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let meta = transaction.store(META)?;
        let key = JsValue::from_str(SHIFT_KEY);
        match shift {
            Some(shift) => meta.put(&to_js(shift), Some(&key)).await.map(drop)?,
            None => meta.delete(key).await?,
        }
        transaction.commit().await?;
        Ok(())
    }
}

fn movements_key(shift_tag: &str) -> String {
    format!("cashMovements:{shift_tag}")
}

/// Records are stored as JSON text: exact decimals, readable in devtools.
fn to_js(record: &impl serde::Serialize) -> JsValue {
    JsValue::from_str(&serde_json::to_string(record).unwrap_or_default())
}

fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_json::from_str(&value.as_string()?).ok()
}
