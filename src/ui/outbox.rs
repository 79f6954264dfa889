//! Sales whose outcome on the loyalty server is not known yet, resent with
//! the identical body until a definite answer. They are written to storage
//! when the sale is finalized (see `store::db::Store::finalize`); this keeps
//! the sender's view of them, survives a new login and resumes after a reload.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::CurrentSession;
use crate::loyalty::aos::wire::TransactionAccepted;
use crate::loyalty::error::LoyaltyError;
use crate::store::records::PendingSale;

const RETRY_EVERY: Duration = Duration::from_secs(3);

/// A definite answer about a pending sale.
pub type Settled = (String, Result<TransactionAccepted, LoyaltyError>);

#[derive(Clone, Copy)]
pub struct Outbox {
    pending: RwSignal<Vec<PendingSale>>,
    sending: RwSignal<bool>,
    /// The token was rejected: nothing is sent until the cashier logs in again.
    paused: RwSignal<bool>,
    pub last_settled: RwSignal<Option<Settled>>,
    current: CurrentSession,
}

impl Outbox {
    pub fn provide(current: CurrentSession) -> Outbox {
        let outbox = Outbox {
            pending: RwSignal::new(Vec::new()),
            sending: RwSignal::new(false),
            paused: RwSignal::new(false),
            last_settled: RwSignal::new(None),
            current,
        };
        set_interval(move || outbox.flush(), RETRY_EVERY);
        let _ = window_event_listener(leptos::ev::online, move |_| outbox.flush());
        // A new login may carry a new token: try again at once.
        Effect::new(move |_| {
            if current.0.with(Option::is_some) {
                outbox.paused.set(false);
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
        self.pending.with(Vec::len)
    }

    /// The sales found in storage at start-up.
    pub fn restore(self, stored: Vec<PendingSale>) {
        self.pending.set(stored);
        self.flush();
    }

    /// Keeps a sale for retry; `paused` when the token was just rejected.
    pub fn keep(self, sale: PendingSale, paused: bool) {
        self.pending.update(|pending| {
            if !pending.contains(&sale) {
                pending.push(sale);
            }
        });
        if paused {
            self.paused.set(true);
        }
    }

    /// Sends the oldest pending sale, then the next, until one stays unknown.
    /// One request at a time, so a receipt is never in flight twice.
    pub fn flush(self) {
        if self.sending.get_untracked() || self.paused.get_untracked() {
            return;
        }
        let Some(next) = self
            .pending
            .with_untracked(|pending| pending.first().cloned())
        else {
            return;
        };
        let Some(session) = self.current.session() else {
            return;
        };
        self.sending.set(true);
        spawn_local(async move {
            let answer = session.backend.submit(&next.body).await;
            match answer {
                Err(LoyaltyError::Unreachable | LoyaltyError::UnexpectedAnswer) => {}
                Err(LoyaltyError::TokenRejected) => self.paused.set(true),
                answer => {
                    // Leaves storage first: if that fails the sale stays
                    // queued and its retry is answered from the server's
                    // idempotency record.
                    if session.store.settle(&next.receipt_number).await.is_ok() {
                        self.pending
                            .update(|pending| pending.retain(|p| *p != next));
                        self.last_settled
                            .set(Some((next.receipt_number.clone(), answer)));
                    }
                }
            }
            self.sending.set(false);
            if self
                .pending
                .with_untracked(|p| p.first().is_some_and(|first| *first != next))
            {
                self.flush();
            }
        });
    }
}
