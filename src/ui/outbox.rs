//! The sender of sales whose outcome on their servers is not known yet.
//! The rules (which step goes next, what each answer means, exponential
//! backoff with jitter, the pause after rejected credentials) are the pure
//! `store::outbox::Outbox`; this drives it with the clock, the network and
//! storage. Sales are written to storage with their whole plan when
//! finalized (`store::db::Store::finalize`), and each step's definite answer
//! is stored before the next step goes, so the queue survives a new login
//! and resumes after a reload at the step where it stopped.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::on_demand::{PartMissing, Parts};
use super::session::{CurrentSession, Session};
use crate::loyalty::error::LoyaltyError;
use crate::srv4pos::error::StoreServerError;
use crate::srv4pos::{client as store_client, plan as store_plan};
use crate::store::db::Claim;
use crate::store::outbox::{AcceptedFigures, Outbox as Queue, SaleSettlement};
use crate::store::records::PendingSale;
use crate::store::step::{Lane, Step};
use crate::web::clock::{jitter_permille, now_ms};

/// How often the sender looks for a sale that is due.
const TICK: Duration = Duration::from_secs(1);

/// How long the sender lease lasts: well beyond the 10 s request timeout, so
/// it cannot lapse while a request is in flight.
const LEASE_MS: u64 = 15_000;

/// How long sending waits before fetching the `sending` part again after it
/// could not be downloaded (unless the tablet comes back online first).
const PART_RETRY_MS: u64 = 30_000;

/// How a pending sale ended, once every step had its definite answer.
pub type Settled = (String, SaleSettlement);

#[derive(Clone, Copy)]
pub struct Outbox {
    queue: RwSignal<Queue>,
    sending: RwSignal<bool>,
    pub last_settled: RwSignal<Option<Settled>>,
    /// Why the store server's lane waits, when the cashier must know (the
    /// API key rejected, the API retired, the day closed); cleared by the
    /// next step it takes.
    pub store_problem: RwSignal<Option<StoreServerError>>,
    /// Changes this tab made on the store server (sales, refunds, cash),
    /// so another till's under the same register name can be told apart.
    pub store_changes: RwSignal<u64>,
    current: CurrentSession,
    parts: Parts,
    /// Until when sending waits for the `sending` part, which could not be
    /// downloaded.
    part_missing_until: StoredValue<u64>,
    /// This tab, as the holder of the sender lease.
    tab: StoredValue<String>,
}

impl Outbox {
    pub fn provide(current: CurrentSession) -> Outbox {
        let outbox = Outbox {
            queue: RwSignal::new(Queue::new()),
            sending: RwSignal::new(false),
            last_settled: RwSignal::new(None),
            store_problem: RwSignal::new(None),
            store_changes: RwSignal::new(0),
            current,
            parts: Parts::get(),
            part_missing_until: StoredValue::new(0),
            tab: StoredValue::new(crate::web::till::tab_id()),
        };
        set_interval(move || outbox.flush(), TICK);
        let _ = window_event_listener(leptos::ev::online, move |_| {
            outbox.part_missing_until.set_value(0);
            outbox.queue.update(|queue| queue.retry_now(now_ms()));
            outbox.flush();
        });
        // A new login may carry a new token, or a reopened store-server
        // day: try again at once.
        Effect::new(move |_| {
            if current.0.with(Option::is_some) {
                outbox.queue.update(|queue| {
                    queue.resume();
                    queue.retry_now(now_ms());
                });
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

    /// Whether a store-server step still waits (tracked).
    pub fn store_busy(self) -> bool {
        self.queue
            .with(|queue| queue.has_pending(Lane::StoreServer))
    }

    /// The same, untracked.
    pub fn store_busy_untracked(self) -> bool {
        self.queue
            .with_untracked(|queue| queue.has_pending(Lane::StoreServer))
    }

    /// The sales found in storage at start-up: all due now.
    pub fn restore(self, stored: Vec<PendingSale>) {
        let now = now_ms();
        self.queue.update(|queue| {
            for sale in &stored {
                queue.restore(sale, now);
            }
        });
        self.flush();
    }

    /// A sale of several steps, just finalized: its steps go out at once,
    /// one after the other.
    pub fn add(self, sale: PendingSale) {
        let now = now_ms();
        self.queue.update(|queue| queue.restore(&sale, now));
        self.flush();
    }

    /// A sale whose first step got no definite answer.
    pub fn keep(
        self,
        sale: PendingSale,
        step: Step,
        first_answer: &Result<AcceptedFigures, LoyaltyError>,
    ) {
        let now = now_ms();
        self.queue.update(|queue| {
            queue.restore(&sale, now);
            queue.record_answer(
                &sale.receipt_number,
                step,
                first_answer,
                now,
                jitter_permille(),
            );
        });
    }

    /// Sends the oldest due step, then the next, until none is due. One
    /// request at a time, so a step is never in flight twice.
    pub fn flush(self) {
        if self.sending.get_untracked() || now_ms() < self.part_missing_until.get_value() {
            return;
        }
        let due = self.queue.with_untracked(|queue| {
            queue
                .next_due(now_ms())
                .map(|entry| (entry.receipt_number.clone(), entry.step, entry.body.clone()))
        });
        let (Some((number, step, body)), Some(session)) = (due, self.current.session()) else {
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
            match (self.parts.send)(self, session, number, step, body).await {
                Ok(sending) => sending.await,
                // Not downloaded (offline before the first send): the queue
                // waits as for an unreachable server, and tries again later
                // or when the tablet is back online.
                Err(PartMissing) => {
                    self.part_missing_until.set_value(now_ms() + PART_RETRY_MS);
                    self.sending.set(false);
                }
            }
        });
    }

    /// The rest of sending a step whose lease this tab holds: the request,
    /// its answer recorded, the sale settled once every step has its
    /// answer. Part of the `sending` part, with the providers' wire code.
    pub async fn send_claimed(
        self,
        session: Rc<Session>,
        number: String,
        step: Step,
        body: String,
    ) {
        let answer = match step.lane() {
            Lane::Loyalty => session.backend.send(step, &body).await,
            Lane::StoreServer => self.send_to_store(&session, step, &body).await,
        };
        let mut definite = None;
        let mut settlement = None;
        self.queue.update(|queue| {
            definite = queue
                .record_answer(&number, step, &answer, now_ms(), jitter_permille())
                .filter(|state| !state.is_pending())
                .cloned();
            settlement = queue.settlement(&number);
        });
        // Storage first: should that fail, the step is sent again after
        // a reload and answered from the server's idempotency.
        if let Some(settlement) = settlement {
            let refund = self
                .queue
                .with_untracked(|q| q.entry(&number).is_some_and(|e| e.after.is_some()));
            if refund {
                // A refund: its journal record keeps how it ended.
                let _ = session.store.settle_refund(&number, &settlement).await;
            }
            let _ = session.store.settle(&number, &settlement).await;
            self.queue.update(|queue| {
                queue.dismiss(&number);
            });
            self.last_settled.set(Some((number, settlement)));
        } else if let Some(state) = definite.clone() {
            let _ = session.store.settle_step(&number, step, state).await;
        }
        self.sending.set(false);
        if definite.is_some() {
            self.flush();
        }
    }

    /// A store-server step: its stored body to its path, the answer as the
    /// outbox's class. A step kept from a shift with a store server waits,
    /// like one with rejected credentials, for a login that has one.
    async fn send_to_store(
        self,
        session: &Session,
        step: Step,
        body: &str,
    ) -> Result<AcceptedFigures, LoyaltyError> {
        let Some(server) = session.store_server.as_ref() else {
            self.store_problem.set(Some(StoreServerError::KeyRejected));
            return Err(LoyaltyError::TokenRejected);
        };
        let Some((path, body)) = store_plan::request_of(step, body, server) else {
            return Err(LoyaltyError::UnexpectedAnswer);
        };
        let answer = store_client::post(server, &path, &body).await;
        let outcome = store_plan::outcome_of(step, answer.as_ref().map(|(s, b)| (*s, b.as_str())));
        match &outcome {
            Ok(()) => {
                self.store_problem.set(None);
                if step != Step::StoreReceipt {
                    self.store_changes.update(|n| *n += 1);
                }
            }
            Err(error) if store_plan::is_standing_problem(error) => {
                self.store_problem.set(Some(error.clone()))
            }
            Err(_) => {}
        }
        store_plan::answer_class(&outcome)
    }
}
