//! The sender of sales whose outcome on the loyalty server is not known yet.
//! The rules (what each answer means, exponential backoff with jitter, the
//! pause after a rejected token) are the pure `store::outbox::Outbox`; this
//! drives it with the clock, the network and storage. Sales are written to
//! storage when finalized (`store::db::Store::finalize`), so the queue
//! survives a new login and resumes after a reload.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::CurrentSession;
use crate::loyalty::aos::wire::TransactionAccepted;
use crate::loyalty::error::LoyaltyError;
use crate::store::db::Claim;
use crate::store::outbox::{EntryState, Outbox as Queue};
use crate::store::records::PendingSale;
use crate::web::clock::{jitter_permille, now_ms};

/// How often the sender looks for a sale that is due.
const TICK: Duration = Duration::from_secs(1);

/// How long the sender lease lasts: well beyond the 10 s request timeout, so
/// it cannot lapse while a request is in flight.
const LEASE_MS: u64 = 15_000;

/// A definite answer about a pending sale.
pub type Settled = (String, Result<TransactionAccepted, LoyaltyError>);

#[derive(Clone, Copy)]
pub struct Outbox {
    queue: RwSignal<Queue>,
    sending: RwSignal<bool>,
    pub last_settled: RwSignal<Option<Settled>>,
    current: CurrentSession,
    /// This tab, as the holder of the sender lease.
    tab: StoredValue<String>,
}

impl Outbox {
    pub fn provide(current: CurrentSession) -> Outbox {
        let outbox = Outbox {
            queue: RwSignal::new(Queue::new()),
            sending: RwSignal::new(false),
            last_settled: RwSignal::new(None),
            current,
            tab: StoredValue::new(crate::web::till::tab_id()),
        };
        set_interval(move || outbox.flush(), TICK);
        let _ = window_event_listener(leptos::ev::online, move |_| {
            outbox.queue.update(|queue| queue.retry_now(now_ms()));
            outbox.flush();
        });
        // A new login may carry a new token: try again at once.
        Effect::new(move |_| {
            if current.0.with(Option::is_some) {
                outbox.queue.update(Queue::resume);
                outbox.flush();
            }
        });
        provide_context(outbox);
        outbox
    }

    pub fn get() -> Outbox {
        expect_context::<Outbox>()
    }

    pub fn count(self) -> usize {
        self.queue.with(Queue::pending_count)
    }

    /// The sales found in storage at start-up: all due now.
    pub fn restore(self, stored: Vec<PendingSale>) {
        let now = now_ms();
        self.queue.update(|queue| {
            for sale in &stored {
                queue.enqueue(&sale.receipt_number, &sale.body, now);
            }
        });
        self.flush();
    }

    /// A sale whose first send got no definite answer.
    pub fn keep(self, sale: PendingSale, first_answer: &Result<TransactionAccepted, LoyaltyError>) {
        let now = now_ms();
        self.queue.update(|queue| {
            queue.enqueue(&sale.receipt_number, &sale.body, now);
            queue.record_answer(&sale.receipt_number, first_answer, now, jitter_permille());
        });
    }

    /// Sends the oldest due sale, then the next, until none is due. One
    /// request at a time, so a receipt is never in flight twice.
    pub fn flush(self) {
        if self.sending.get_untracked() {
            return;
        }
        let due = self.queue.with_untracked(|queue| {
            queue
                .next_due(now_ms())
                .map(|entry| (entry.receipt_number.clone(), entry.body.clone()))
        });
        let (Some((number, body)), Some(session)) = (due, self.current.session()) else {
            return;
        };
        self.sending.set(true);
        spawn_local(async move {
            let tab = self.tab.get_value();
            match session.store.claim(&tab, &number, now_ms(), LEASE_MS).await {
                Ok(Claim::Send) => {}
                Ok(Claim::Gone) => {
                    self.queue.update(|queue| queue.forget(&number));
                    self.sending.set(false);
                    return;
                }
                Ok(Claim::Busy) | Err(_) => {
                    self.sending.set(false);
                    return;
                }
            }
            let answer = session.backend.submit(&body).await;
            let mut settled = false;
            self.queue.update(|queue| {
                let state = queue.record_answer(&number, &answer, now_ms(), jitter_permille());
                settled = !matches!(state, Some(EntryState::Pending { .. }) | None);
            });
            if settled {
                // Storage first: should that fail, the sale is sent again
                // after a reload and answered from the server's idempotency.
                let earned = answer.as_ref().ok().and_then(|a| a.bonus_added);
                let _ = session.store.settle(&number, earned).await;
                self.queue.update(|queue| {
                    queue.dismiss(&number);
                });
                self.last_settled.set(Some((number, answer)));
            }
            self.sending.set(false);
            if settled {
                self.flush();
            }
        });
    }
}
