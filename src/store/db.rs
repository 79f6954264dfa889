//! Kassa's records in IndexedDB (`web::indexed_db`): transactions across
//! several object stores are the one thing Kassa needs from it (finalizing a
//! sale or a refund writes the journal, the outbox and the receipt sequence
//! atomically).

use crate::domain::sale::LocalDateTime;
use crate::web::indexed_db::{self, Database, Refused};
use thiserror::Error;
use wasm_bindgen::JsValue;

use super::in_app::InAppRecord;
use super::journal::moment;
use super::journal::{SaleRecord, TenderRecord};
use super::outbox::{EntryState, Lease, SaleSettlement};
use super::records::{CashMovementRecord, PendingSale, ShiftRecord};
use super::refund_journal::{records_of, RefundRecord};
use super::retention;
use super::shift_hint;
use super::step::Step;
use crate::domain::refund::RefundError;

const DATABASE: &str = "kassa";
const OUTBOX: &str = "outbox";
const JOURNAL: &str = "journal";
/// Refund records, keyed by the refund's own receipt number.
const REFUNDS: &str = "refunds";
const META: &str = "meta";
const SEQUENCE_KEY: &str = "receiptSequence";
const SHIFT_KEY: &str = "shift";
const LEASE_KEY: &str = "senderLease";
const IN_APP_KEY: &str = "appsposPayment";
const IN_APP_LEASE_KEY: &str = "appsposLease";

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

/// Whether this tab may call AppsPOS for the payment under way now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InAppClaim {
    /// The lease is ours and the state about to be acted on is stored.
    Go,
    /// Taken over from another tab: go on from its stored state (`None`:
    /// the payment ended there).
    Adopt(Option<InAppRecord>),
    /// Another tab of this till drives the payment.
    Busy,
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("browser storage is unavailable")]
    Unavailable,
}

impl From<Refused> for StoreError {
    fn from(_: Refused) -> Self {
        StoreError::Unavailable
    }
}

pub struct Store {
    db: Database,
}

impl Store {
    pub async fn open() -> Result<Store, StoreError> {
        let db = indexed_db::open(DATABASE, 3, &[OUTBOX, JOURNAL, META, REFUNDS]).await?;
        Ok(Store { db })
    }

    /// Finalizes a sale durably: takes the next receipt sequence (or the one
    /// `reserved` for an AppsPOS payment, whose record then goes), lets
    /// `build` make the sale with it, and writes the new sequence, the
    /// journal record and the sale's outbox entry (if it is to be posted) in
    /// ONE transaction, before any network call. If `build` refuses, nothing
    /// is written and the sequence is not used up. A reserved sale already
    /// in the journal (finalized before a crash) is refused by the journal's
    /// key, so it is never finalized twice.
    pub async fn finalize<T, E>(
        &self,
        reserved: Option<u32>,
        build: impl FnOnce(u32) -> Result<(T, SaleRecord, Option<PendingSale>), E>,
    ) -> Result<Result<T, E>, StoreError> {
        let transaction = self.db.transaction(&[OUTBOX, META, JOURNAL], true)?;
        let meta = transaction.store(META)?;
        let outbox = transaction.store(OUTBOX)?;
        let journal = transaction.store(JOURNAL)?;
        let sequence = match reserved {
            Some(sequence) => sequence,
            None => next_sequence(&meta).await?,
        };
        let (made, record, pending) = match build(sequence) {
            Ok(made) => made,
            Err(refused) => {
                transaction.abort()?;
                return Ok(Err(refused));
            }
        };
        match reserved {
            Some(_) => meta.delete(&JsValue::from_str(IN_APP_KEY)).await?,
            None => {
                let next = JsValue::from_str(&(sequence + 1).to_string());
                meta.put(&next, &JsValue::from_str(SEQUENCE_KEY)).await?;
            }
        }
        journal
            .add(&to_js(&record), &JsValue::from_str(&record.receipt_number))
            .await?;
        if let Some(pending) = pending {
            outbox
                .put(
                    &to_js(&pending),
                    &JsValue::from_str(&pending.receipt_number),
                )
                .await?;
        }
        transaction.commit().await?;
        Ok(Ok(made))
    }

    /// Finalizes a refund of the sale `original` durably, like a sale: in
    /// ONE transaction, `build` gets the next receipt sequence, the sale's
    /// journal record and every refund recorded against it (so what is
    /// refundable is what the journal says at this moment, whichever tab
    /// wrote last), and the sequence, the refund record and its outbox
    /// plan (if any) are written. `Ok(None)` when the sale is not in the
    /// journal; if `build` refuses, or a refund record of the sale no
    /// longer reads, nothing is written.
    pub async fn finalize_refund<T>(
        &self,
        original: &str,
        build: impl FnOnce(
            u32,
            &SaleRecord,
            &[RefundRecord],
        ) -> Result<(T, RefundRecord, Option<PendingSale>), RefundError>,
    ) -> Result<Option<Result<T, RefundError>>, StoreError> {
        let transaction = self
            .db
            .transaction(&[OUTBOX, META, JOURNAL, REFUNDS], true)?;
        let meta = transaction.store(META)?;
        let refunds = transaction.store(REFUNDS)?;
        let sale: Option<SaleRecord> = transaction
            .store(JOURNAL)?
            .get(&JsValue::from_str(original))
            .await?
            .as_ref()
            .and_then(from_js);
        let Some(sale) = sale else {
            transaction.abort()?;
            return Ok(None);
        };
        let recorded = records_of(&texts(&refunds.get_all().await?), original);
        let sequence = meta
            .get(&JsValue::from_str(SEQUENCE_KEY))
            .await?
            .and_then(|value| value.as_string())
            .and_then(|next| next.parse::<u32>().ok())
            .unwrap_or(1);
        let built = recorded.and_then(|recorded| build(sequence, &sale, &recorded));
        let (made, record, pending) = match built {
            Ok(made) => made,
            Err(refused) => {
                transaction.abort()?;
                return Ok(Some(Err(refused)));
            }
        };
        let next = JsValue::from_str(&(sequence + 1).to_string());
        meta.put(&next, &JsValue::from_str(SEQUENCE_KEY)).await?;
        refunds
            .add(&to_js(&record), &JsValue::from_str(&record.receipt_number))
            .await?;
        if let Some(pending) = pending {
            transaction
                .store(OUTBOX)?
                .put(
                    &to_js(&pending),
                    &JsValue::from_str(&pending.receipt_number),
                )
                .await?;
        }
        transaction.commit().await?;
        Ok(Some(Ok(made)))
    }

    /// A sale of this till by its receipt number (typed or scanned from
    /// the printed receipt), with every refund recorded against it.
    pub async fn sale_with_refunds(
        &self,
        receipt_number: &str,
    ) -> Result<Option<(SaleRecord, Result<Vec<RefundRecord>, RefundError>)>, StoreError> {
        let transaction = self.db.transaction(&[JOURNAL, REFUNDS], false)?;
        let sale: Option<SaleRecord> = transaction
            .store(JOURNAL)?
            .get(&JsValue::from_str(receipt_number))
            .await?
            .as_ref()
            .and_then(from_js);
        let Some(sale) = sale else {
            return Ok(None);
        };
        let stored = texts(&transaction.store(REFUNDS)?.get_all().await?);
        Ok(Some((sale, records_of(&stored, receipt_number))))
    }

    /// The refunds made in one shift, in receipt order (for its report).
    pub async fn refunds(&self, shift_tag: &str) -> Result<Vec<RefundRecord>, StoreError> {
        let transaction = self.db.transaction(&[REFUNDS], false)?;
        let mut records: Vec<RefundRecord> = transaction
            .store(REFUNDS)?
            .get_all()
            .await?
            .iter()
            .filter_map(from_js)
            .filter(|record: &RefundRecord| record.shift_tag == shift_tag)
            .collect();
        records.sort_by(|a, b| a.receipt_number.cmp(&b.receipt_number));
        Ok(records)
    }

    /// Removes sales and refunds the journal no longer has to keep
    /// (`retention`), except those still in the outbox.
    pub async fn prune(&self, today: LocalDateTime) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[OUTBOX, JOURNAL, REFUNDS], true)?;
        let outbox = transaction.store(OUTBOX)?;
        let expired = |at: [u16; 6]| moment(at).is_some_and(|at| retention::may_remove(at, today));
        let journal = transaction.store(JOURNAL)?;
        let sales: Vec<Dated> = journal
            .get_all()
            .await?
            .iter()
            .filter_map(from_js)
            .collect();
        let refunds = transaction.store(REFUNDS)?;
        let records: Vec<Dated> = refunds
            .get_all()
            .await?
            .iter()
            .filter_map(from_js)
            .collect();
        let old_sales = sales
            .iter()
            .filter(|s| expired(s.finalized_at))
            .map(|s| (&journal, &s.receipt_number));
        let old_refunds = records
            .iter()
            .filter(|r| expired(r.finalized_at))
            .map(|r| (&refunds, &r.receipt_number));
        for (store, number) in old_sales.chain(old_refunds) {
            let key = JsValue::from_str(number);
            if !outbox.contains(&key).await? {
                store.delete(&key).await?;
            }
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Begins an AppsPOS payment: takes the next receipt sequence for its
    /// invoice number and writes the payment's record, in one transaction.
    pub async fn begin_in_app(
        &self,
        build: impl FnOnce(u32) -> InAppRecord,
    ) -> Result<InAppRecord, StoreError> {
        let transaction = self.db.transaction(&[META], true)?;
        let meta = transaction.store(META)?;
        let sequence = next_sequence(&meta).await?;
        let record = build(sequence);
        let next = JsValue::from_str(&(sequence + 1).to_string());
        meta.put(&next, &JsValue::from_str(SEQUENCE_KEY)).await?;
        meta.put(&to_js(&record), &JsValue::from_str(IN_APP_KEY))
            .await?;
        transaction.commit().await?;
        Ok(record)
    }

    /// The AppsPOS payment under way, if any.
    pub async fn in_app(&self) -> Result<Option<InAppRecord>, StoreError> {
        let transaction = self.db.transaction(&[META], false)?;
        let value = transaction
            .store(META)?
            .get(&JsValue::from_str(IN_APP_KEY))
            .await?;
        Ok(value.as_ref().and_then(from_js))
    }

    /// Stores the payment's new state, or forgets it (`None`: cancelled or
    /// refused, nothing left to resume).
    pub async fn set_in_app(&self, record: Option<&InAppRecord>) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[META], true)?;
        let meta = transaction.store(META)?;
        let key = JsValue::from_str(IN_APP_KEY);
        match record {
            Some(record) => meta.put(&to_js(record), &key).await?,
            None => meta.delete(&key).await?,
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Takes (or renews) the right to drive the AppsPOS payment for `tab`
    /// and stores `record`, its state about to be acted on, in one
    /// transaction: two tabs of one till never both call AppsPOS for one
    /// order, and every call goes out with its state stored. A tab taking
    /// the payment over from another adopts what that one stored instead.
    pub async fn claim_in_app(
        &self,
        tab: &str,
        now: u64,
        ttl: u64,
        record: &InAppRecord,
    ) -> Result<InAppClaim, StoreError> {
        let transaction = self.db.transaction(&[META], true)?;
        let meta = transaction.store(META)?;
        let lease_key = JsValue::from_str(IN_APP_LEASE_KEY);
        let current: Option<Lease> = meta.get(&lease_key).await?.as_ref().and_then(from_js);
        let Some(lease) = Lease::try_acquire(current.as_ref(), tab, now, ttl) else {
            transaction.abort()?;
            return Ok(InAppClaim::Busy);
        };
        meta.put(&to_js(&lease), &lease_key).await?;
        let key = JsValue::from_str(IN_APP_KEY);
        let held = current.is_some_and(|lease| lease.holder == tab);
        let claim = if held {
            meta.put(&to_js(record), &key).await?;
            InAppClaim::Go
        } else {
            let stored: Option<InAppRecord> = meta.get(&key).await?.as_ref().and_then(from_js);
            if stored.as_ref() == Some(record) {
                InAppClaim::Go
            } else {
                InAppClaim::Adopt(stored)
            }
        };
        transaction.commit().await?;
        Ok(claim)
    }

    /// Queues a record of its own (a printed receipt's confirmation),
    /// durably, before it is sent. One already there is kept as it is.
    pub async fn queue(&self, pending: &PendingSale) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[OUTBOX], true)?;
        let outbox = transaction.store(OUTBOX)?;
        let key = JsValue::from_str(&pending.receipt_number);
        if !outbox.contains(&key).await? {
            outbox.put(&to_js(pending), &key).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Every sale still waiting for the server, oldest receipt first.
    pub async fn pending_sales(&self) -> Result<Vec<PendingSale>, StoreError> {
        let transaction = self.db.transaction(&[OUTBOX], false)?;
        let values = transaction.store(OUTBOX)?.get_all().await?;
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
        let transaction = self.db.transaction(&[OUTBOX, META], true)?;
        let meta = transaction.store(META)?;
        let lease_key = JsValue::from_str(LEASE_KEY);
        let current: Option<Lease> = meta.get(&lease_key).await?.as_ref().and_then(from_js);
        let Some(lease) = Lease::try_acquire(current.as_ref(), tab, now, ttl) else {
            transaction.abort()?;
            return Ok(Claim::Busy);
        };
        meta.put(&to_js(&lease), &lease_key).await?;
        let pending = transaction
            .store(OUTBOX)?
            .contains(&JsValue::from_str(receipt_number))
            .await?;
        transaction.commit().await?;
        Ok(if pending { Claim::Send } else { Claim::Gone })
    }

    /// A step of a multi-step sale has its definite answer: it is written
    /// into the stored plan before the next step is sent, so a reload never
    /// sends it again.
    pub async fn settle_step(
        &self,
        receipt_number: &str,
        step: Step,
        outcome: EntryState,
    ) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[OUTBOX], true)?;
        let outbox = transaction.store(OUTBOX)?;
        let key = JsValue::from_str(receipt_number);
        let stored: Option<PendingSale> = outbox.get(&key).await?.as_ref().and_then(from_js);
        if let Some(mut sale) = stored {
            sale.settle_step(step, outcome);
            outbox.put(&to_js(&sale), &key).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The servers gave their definite answers: the sale (or refund) leaves
    /// the outbox; the journal keeps the cashback or points a sale earned.
    /// How a refund's loyalty side ended is written before, by
    /// [`Store::settle_refund`].
    pub async fn settle(
        &self,
        receipt_number: &str,
        settlement: &SaleSettlement,
    ) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[OUTBOX, JOURNAL], true)?;
        let key = JsValue::from_str(receipt_number);
        transaction.store(OUTBOX)?.delete(&key).await?;
        let journal = transaction.store(JOURNAL)?;
        let record: Option<SaleRecord> = journal.get(&key).await?.as_ref().and_then(from_js);
        let accepted = settlement.answer.as_ref().ok();
        let earned = accepted.and_then(|a| a.bonus_added);
        let points = accepted
            .and_then(|a| a.points_earned)
            .and_then(|p| u64::try_from(p).ok());
        if let Some(mut record) = record.filter(|_| earned.is_some() || points.is_some()) {
            record.earned = earned.map(|e| e.to_string()).or(record.earned);
            record.earned_points = points.or(record.earned_points);
            journal.put(&to_js(&record), &key).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The journal keeps how a refund's loyalty side ended. Written before
    /// the refund leaves the outbox (`settle`): should the tab close in
    /// between, the step is answered again from the server's idempotency
    /// and written again. Reached only from the refund part, so the first
    /// load does not carry the refund record's reader.
    pub async fn settle_refund(
        &self,
        receipt_number: &str,
        settlement: &SaleSettlement,
    ) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[REFUNDS], true)?;
        let refunds = transaction.store(REFUNDS)?;
        let key = JsValue::from_str(receipt_number);
        let refund: Option<RefundRecord> = refunds.get(&key).await?.as_ref().and_then(from_js);
        if let Some(mut refund) = refund {
            refund.settle(settlement);
            refunds.put(&to_js(&refund), &key).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Records what the cashier took after the sale for a refused
    /// redemption, with the sale it belongs to.
    pub async fn add_owed_payment(
        &self,
        receipt_number: &str,
        payment: (TenderRecord, String),
    ) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[JOURNAL], true)?;
        let journal = transaction.store(JOURNAL)?;
        let key = JsValue::from_str(receipt_number);
        let record: Option<SaleRecord> = journal.get(&key).await?.as_ref().and_then(from_js);
        if let Some(mut record) = record {
            record.owed_payments.push(payment);
            journal.put(&to_js(&record), &key).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The journal of one shift, in receipt order.
    pub async fn journal(&self, shift_tag: &str) -> Result<Vec<SaleRecord>, StoreError> {
        let transaction = self.db.transaction(&[JOURNAL], false)?;
        let values = transaction.store(JOURNAL)?.get_all().await?;
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
        let transaction = self.db.transaction(&[META], false)?;
        let key = JsValue::from_str(&movements_key(shift_tag));
        let value = transaction.store(META)?.get(&key).await?;
        Ok(value.as_ref().and_then(from_js).unwrap_or_default())
    }

    /// Appends a cash movement to its shift, and its store-server step (if
    /// the shift has a store server) to the outbox, in one transaction.
    pub async fn add_cash_movement(
        &self,
        shift_tag: &str,
        movement: CashMovementRecord,
        pending: Option<&PendingSale>,
    ) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[META, OUTBOX], true)?;
        if let Some(pending) = pending {
            transaction
                .store(OUTBOX)?
                .put(&to_js(pending), &JsValue::from_str(&pending.receipt_number))
                .await?;
        }
        let meta = transaction.store(META)?;
        let key = JsValue::from_str(&movements_key(shift_tag));
        let mut movements: Vec<CashMovementRecord> = meta
            .get(&key)
            .await?
            .as_ref()
            .and_then(from_js)
            .unwrap_or_default();
        movements.push(movement);
        meta.put(&to_js(&movements), &key).await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn shift(&self) -> Result<Option<ShiftRecord>, StoreError> {
        let transaction = self.db.transaction(&[META], false)?;
        let value = transaction
            .store(META)?
            .get(&JsValue::from_str(SHIFT_KEY))
            .await?;
        let record = value.as_ref().and_then(from_js);
        shift_hint::write(record.is_some());
        Ok(record)
    }

    /// Remembers the open shift, or forgets it (`None`) when the cashier
    /// leaves it.
    pub async fn set_shift(&self, shift: Option<&ShiftRecord>) -> Result<(), StoreError> {
        if shift.is_some() {
            shift_hint::write(true);
        }
        let transaction = self.db.transaction(&[META], true)?;
        let meta = transaction.store(META)?;
        let key = JsValue::from_str(SHIFT_KEY);
        match shift {
            Some(shift) => meta.put(&to_js(shift), &key).await?,
            None => meta.delete(&key).await?,
        }
        transaction.commit().await?;
        if shift.is_none() {
            shift_hint::write(false);
        }
        Ok(())
    }
}

/// The little of a sale or refund record that pruning needs (serde skips
/// the rest unread).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dated {
    receipt_number: String,
    finalized_at: [u16; 6],
}

/// The next receipt sequence (1 on a new device).
async fn next_sequence(meta: &indexed_db::ObjectStore) -> Result<u32, StoreError> {
    Ok(meta
        .get(&JsValue::from_str(SEQUENCE_KEY))
        .await?
        .and_then(|value| value.as_string())
        .and_then(|next| next.parse::<u32>().ok())
        .unwrap_or(1))
}

fn movements_key(shift_tag: &str) -> String {
    format!("cashMovements:{shift_tag}")
}

/// The JSON texts of stored values.
fn texts(values: &[JsValue]) -> Vec<String> {
    values.iter().filter_map(JsValue::as_string).collect()
}

/// Records are stored as JSON text: exact decimals, readable in devtools.
fn to_js(record: &impl serde::Serialize) -> JsValue {
    JsValue::from_str(&serde_json::to_string(record).unwrap_or_default())
}

fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_json::from_str(&value.as_string()?).ok()
}
