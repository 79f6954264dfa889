//! The outbox as a pure state machine: which step of which sale to send
//! next, what each answer of a server means for it, and when to try again.
//! The browser side only moves bytes: it asks [`Outbox::next_due`], sends
//! that body, and reports the answer with [`Outbox::record_answer`].
//!
//! A sale is queued as its plan: one entry per [`Step`], in plan order.
//! Steps of one lane go one after the other; a step whose prerequisite was
//! refused is skipped, never sent (a redemption of a bill that does not
//! exist). A step with a definite answer is final: nothing sends it again.
//! A refund's steps wait for its original sale's steps of their lane, and
//! are skipped when the sale's bill was refused (nothing to refund there).
//!
//! No clocks and no randomness here, so every rule is tested natively: time
//! is a `u64` of milliseconds and jitter a per-mille chosen by the caller.
//!
//! Across tabs of the same till, only the holder of the [`Lease`] sends, so
//! two tabs never send the same step at once.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::records::PendingSale;
use super::step::{Lane, Step};
use crate::domain::money::Money;
use crate::loyalty::aos::wire::TransactionAccepted;
use crate::loyalty::error::LoyaltyError;

/// The first retry waits up to this long.
pub const BACKOFF_BASE_MS: u64 = 2_000;
/// No retry waits longer than this, however often the server was unreachable.
pub const BACKOFF_CAP_MS: u64 = 300_000;

/// How long to wait before the next attempt after `attempts` unanswered ones,
/// in milliseconds: "equal jitter". The uncapped delay doubles from
/// [`BACKOFF_BASE_MS`] up to [`BACKOFF_CAP_MS`]; half of it is always waited
/// (so a flapping network is not hammered), the other half is scaled by
/// `jitter_permille` (0..=1000, larger values count as 1000) so that tills
/// coming back online together spread their retries.
pub fn backoff_ms(attempts: u32, jitter_permille: u16) -> u64 {
    // Beyond 2^8 × base the cap has long been reached; clamping the exponent
    // keeps the shift from overflowing on absurd attempt counts.
    let doublings = attempts.saturating_sub(1).min(16);
    let delay = (BACKOFF_BASE_MS << doublings).min(BACKOFF_CAP_MS);
    let half = delay / 2;
    half + half * u64::from(jitter_permille.min(1000)) / 1000
}

/// One step of a sale, kept until its server gives a definite answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The idempotency key on the server.
    pub receipt_number: String,
    #[serde(default)]
    pub step: Step,
    /// A refund's original receipt, whose steps of this lane go first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// The exact bytes first stored; every attempt sends them unchanged, so
    /// a replay is recognised by the server instead of counted twice.
    pub body: String,
    pub state: EntryState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum EntryState {
    /// Not known to the server yet, or its outcome there is unknown.
    /// `attempts` counts the sends that ended without a definite answer.
    #[serde(rename_all = "camelCase")]
    Pending { attempts: u32, next_attempt_at: u64 },
    /// Recorded by the server, with the figures it answered.
    Confirmed { accepted: AcceptedFigures },
    /// A definite no (400/422, a wrong one-time code, a used coupon): the
    /// cashier decides what to do with the sale.
    Rejected { message: String },
    /// 409: the receipt number is taken by a different receipt. A bug to
    /// show, never to retry.
    Conflict { message: String },
    /// Never sent: the step it needs was refused.
    Skipped,
}

impl EntryState {
    pub fn is_pending(&self) -> bool {
        matches!(self, EntryState::Pending { .. })
    }

    /// A definite no, of this step or of the step it needed.
    pub fn is_refused(&self) -> bool {
        matches!(
            self,
            EntryState::Rejected { .. } | EntryState::Conflict { .. } | EntryState::Skipped
        )
    }
}

/// What [`Outbox::enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    Added,
    /// The same step with the same body was already there: nothing changed.
    AlreadyQueued,
    /// The step is already queued with a different body, which is kept:
    /// the server would answer 409 to the new one anyway.
    NumberTaken,
}

/// A server's figures for a confirmed step, in a form that can be stored:
/// amounts are decimal strings, so nothing on the way to storage is a float.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedFigures {
    #[serde(with = "money_text")]
    pub bonus_used: Option<Money>,
    #[serde(with = "money_text")]
    pub bonus_added: Option<Money>,
    #[serde(with = "money_text")]
    pub balance: Option<Money>,
    /// Points the bill earned (Capillary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_earned: Option<i64>,
    /// The customer's points after the step (Capillary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_balance: Option<i64>,
    /// The provider's id of a redemption, needed to refund it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redemption_id: Option<String>,
    /// A refund's cashback given back (AOS).
    #[serde(default, with = "money_text", skip_serializing_if = "Option::is_none")]
    pub bonus_returned: Option<Money>,
    /// A refund's share of the earned cashback, taken back (AOS).
    #[serde(default, with = "money_text", skip_serializing_if = "Option::is_none")]
    pub bonus_taken_back: Option<Money>,
    /// A refund's share of the earned points, taken back (Capillary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_taken_back: Option<i64>,
    /// The server has no refund endpoint: the refund stands in the journal
    /// and the loyalty balance was not changed (AOS 404/405).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refund_not_offered: bool,
}

impl AcceptedFigures {
    /// These figures with `later`'s where it has them: a later step knows
    /// the balance after it.
    fn then(self, later: &AcceptedFigures) -> AcceptedFigures {
        AcceptedFigures {
            bonus_used: later.bonus_used.or(self.bonus_used),
            bonus_added: later.bonus_added.or(self.bonus_added),
            balance: later.balance.or(self.balance),
            points_earned: later.points_earned.or(self.points_earned),
            points_balance: later.points_balance.or(self.points_balance),
            redemption_id: later.redemption_id.clone().or(self.redemption_id),
            bonus_returned: later.bonus_returned.or(self.bonus_returned),
            bonus_taken_back: later.bonus_taken_back.or(self.bonus_taken_back),
            points_taken_back: later.points_taken_back.or(self.points_taken_back),
            refund_not_offered: later.refund_not_offered || self.refund_not_offered,
        }
    }
}

/// How a sale ended once every step has its definite answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleSettlement {
    /// The figures of all confirmed steps, or the refusal of the sale's
    /// first step (the bill itself).
    pub answer: Result<AcceptedFigures, LoyaltyError>,
    /// Later steps refused or skipped while the bill stands (a wrong
    /// one-time code, a coupon used elsewhere): their value is now owed.
    pub refused: Vec<Step>,
}

impl From<TransactionAccepted> for AcceptedFigures {
    fn from(accepted: TransactionAccepted) -> Self {
        AcceptedFigures {
            bonus_used: accepted.bonus_used,
            bonus_added: accepted.bonus_added,
            balance: accepted.balance,
            ..AcceptedFigures::default()
        }
    }
}

/// The steps of this till not yet settled with their servers, oldest sale
/// first, and whether sending is paused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outbox {
    entries: Vec<Entry>,
    /// The loyalty credentials were rejected: nothing of that lane is sent
    /// until the cashier logs in again, since every request would be
    /// rejected the same way.
    paused: bool,
    /// The same for the store server's lane (its API key rejected, the
    /// register not approved, or its API version gone): the loyalty lane
    /// goes on meanwhile.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    store_paused: bool,
}

impl Outbox {
    pub fn new() -> Outbox {
        Outbox::default()
    }

    /// Queues a sale's one AOS transaction, due at once.
    pub fn enqueue(&mut self, receipt_number: &str, body: &str, now: u64) -> Enqueued {
        self.enqueue_step(receipt_number, Step::AosTransaction, body, now)
    }

    /// Queues one step of a sale's plan, due as soon as the steps before it
    /// allow. Steps are queued in plan order. A step already present keeps
    /// its stored body and state, whatever `body` is now.
    pub fn enqueue_step(
        &mut self,
        receipt_number: &str,
        step: Step,
        body: &str,
        now: u64,
    ) -> Enqueued {
        if let Some(entry) = self.step_entry(receipt_number, step) {
            return if entry.body == body {
                Enqueued::AlreadyQueued
            } else {
                Enqueued::NumberTaken
            };
        }
        self.entries.push(Entry {
            receipt_number: receipt_number.to_owned(),
            step,
            after: None,
            body: body.to_owned(),
            state: EntryState::Pending {
                attempts: 0,
                next_attempt_at: now,
            },
        });
        Enqueued::Added
    }

    /// Queues a stored sale again after a reload: its steps in plan order,
    /// those with a definite outcome as they ended (never to be sent again),
    /// the others due at `now`.
    pub fn restore(&mut self, sale: &PendingSale, now: u64) {
        for planned in sale.plan() {
            let added = self.enqueue_step(&sale.receipt_number, planned.step, &planned.body, now);
            let Some(index) = self.step_index(&sale.receipt_number, planned.step) else {
                continue;
            };
            if added == Enqueued::Added {
                self.entries[index].after.clone_from(&sale.original);
                if self.original_refused(index) {
                    self.entries[index].state = EntryState::Skipped;
                }
            }
            let Some(outcome) = planned.outcome.filter(|o| !o.is_pending()) else {
                continue;
            };
            let entry = &mut self.entries[index];
            if entry.state.is_pending() {
                entry.state = outcome;
            }
        }
    }

    /// Whether the steps before `index` let it go: every earlier step of its
    /// sale and lane has a definite answer, and so has every step of the
    /// sale it refunds, in that lane.
    fn is_unblocked(&self, index: usize) -> bool {
        let entry = &self.entries[index];
        let waits_for = |other: &Entry| {
            other.step.lane() == entry.step.lane()
                && other.state.is_pending()
                && entry.after.as_deref() == Some(other.receipt_number.as_str())
        };
        self.entries[..index].iter().all(|earlier| {
            earlier.receipt_number != entry.receipt_number
                || earlier.step.lane() != entry.step.lane()
                || !earlier.state.is_pending()
        }) && !self.entries.iter().any(waits_for)
    }

    /// A refund's step whose original sale's bill, in its lane, was refused.
    fn original_refused(&self, index: usize) -> bool {
        let entry = &self.entries[index];
        self.entries.iter().any(|other| {
            entry.after.as_deref() == Some(other.receipt_number.as_str())
                && other.step.lane() == entry.step.lane()
                && other.step.needs().is_none()
                && other.state.is_refused()
        })
    }

    /// The oldest pending step whose time has come and whose earlier steps
    /// are settled; `None` while paused.
    pub fn next_due(&self, now: u64) -> Option<&Entry> {
        (0..self.entries.len())
            .find(|&index| {
                matches!(self.entries[index].state, EntryState::Pending { next_attempt_at, .. } if next_attempt_at <= now)
                    && !self.is_lane_paused(self.entries[index].step.lane())
                    && self.is_unblocked(index)
            })
            .map(|index| &self.entries[index])
    }

    /// When the sender should wake up next: the earliest attempt time of any
    /// pending step (possibly already past); `None` while paused or when
    /// nothing is pending.
    pub fn next_attempt_at(&self) -> Option<u64> {
        self.entries
            .iter()
            .filter(|entry| !self.is_lane_paused(entry.step.lane()))
            .filter_map(|entry| match entry.state {
                EntryState::Pending {
                    next_attempt_at, ..
                } => Some(next_attempt_at),
                _ => None,
            })
            .min()
    }

    /// Applies the server's answer about a pending step and returns its new
    /// state; `None` (and nothing changes) if no such step is pending, since
    /// a definite answer already recorded is final. A refusal skips the
    /// later steps of the sale that need this one.
    pub fn record_answer(
        &mut self,
        receipt_number: &str,
        step: Step,
        answer: &Result<AcceptedFigures, LoyaltyError>,
        now: u64,
        jitter_permille: u16,
    ) -> Option<&EntryState> {
        let index = self.step_index(receipt_number, step)?;
        let EntryState::Pending {
            attempts,
            next_attempt_at,
        } = self.entries[index].state
        else {
            return None;
        };
        let state = match answer {
            Ok(accepted) => EntryState::Confirmed {
                accepted: accepted.clone(),
            },
            Err(LoyaltyError::Unreachable | LoyaltyError::UnexpectedAnswer) => {
                let attempts = attempts.saturating_add(1);
                EntryState::Pending {
                    attempts,
                    next_attempt_at: now.saturating_add(backoff_ms(attempts, jitter_permille)),
                }
            }
            // Not the sale's fault: it stays due, to go first after the new
            // login, and its backoff does not grow.
            Err(LoyaltyError::TokenRejected) => {
                match step.lane() {
                    Lane::Loyalty => self.paused = true,
                    Lane::StoreServer => self.store_paused = true,
                }
                EntryState::Pending {
                    attempts,
                    next_attempt_at: next_attempt_at.min(now),
                }
            }
            Err(LoyaltyError::Rejected(message)) => EntryState::Rejected {
                message: message.clone(),
            },
            // The wire mapping turns a 404 on a transaction into `Rejected`;
            // should this class arrive anyway, it is as definite a no.
            Err(error @ LoyaltyError::CustomerNotFound) => EntryState::Rejected {
                message: error.to_string(),
            },
            Err(LoyaltyError::Conflict(message)) => EntryState::Conflict {
                message: message.clone(),
            },
        };
        if state.is_refused() {
            let bill = step.needs().is_none();
            for later in &mut self.entries[index + 1..] {
                let needs_it =
                    later.receipt_number == receipt_number && later.step.needs() == Some(step);
                let refunds_it = bill
                    && later.after.as_deref() == Some(receipt_number)
                    && later.step.lane() == step.lane()
                    && later.state.is_pending();
                if needs_it || refunds_it {
                    later.state = EntryState::Skipped;
                }
            }
        }
        self.entries[index].state = state;
        Some(&self.entries[index].state)
    }

    /// After a new login: sending may go on.
    pub fn resume(&mut self) {
        self.paused = false;
        self.store_paused = false;
    }

    /// Some lane waits for a new login.
    pub fn is_paused(&self) -> bool {
        self.paused || self.store_paused
    }

    pub fn is_lane_paused(&self, lane: Lane) -> bool {
        match lane {
            Lane::Loyalty => self.paused,
            Lane::StoreServer => self.store_paused,
        }
    }

    /// The network is back (the `online` event): waiting out the backoff
    /// would only delay sales that can now go through.
    pub fn retry_now(&mut self, now: u64) {
        for entry in &mut self.entries {
            if let EntryState::Pending {
                next_attempt_at, ..
            } = &mut entry.state
            {
                *next_attempt_at = (*next_attempt_at).min(now);
            }
        }
    }

    /// Whether a step of `lane` still waits for its definite answer.
    pub fn has_pending(&self, lane: Lane) -> bool {
        self.entries
            .iter()
            .any(|entry| entry.step.lane() == lane && entry.state.is_pending())
    }

    /// Sales with a step whose outcome is still unknown.
    pub fn pending_count(&self) -> usize {
        let mut receipts: Vec<&str> = self
            .entries
            .iter()
            .filter(|entry| entry.state.is_pending())
            .map(|entry| entry.receipt_number.as_str())
            .collect();
        receipts.dedup();
        receipts.len()
    }

    /// Every step, oldest sale first, for the cashier's view of the queue.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The first step of a sale.
    pub fn entry(&self, receipt_number: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|entry| entry.receipt_number == receipt_number)
    }

    pub fn step_entry(&self, receipt_number: &str, step: Step) -> Option<&Entry> {
        self.step_index(receipt_number, step)
            .map(|index| &self.entries[index])
    }

    fn step_index(&self, receipt_number: &str, step: Step) -> Option<usize> {
        self.entries
            .iter()
            .position(|entry| entry.receipt_number == receipt_number && entry.step == step)
    }

    /// Whether every step of the sale has a definite answer.
    pub fn is_settled(&self, receipt_number: &str) -> bool {
        self.entries
            .iter()
            .filter(|entry| entry.receipt_number == receipt_number)
            .all(|entry| !entry.state.is_pending())
    }

    /// How the sale ended, once all its steps are settled.
    pub fn settlement(&self, receipt_number: &str) -> Option<SaleSettlement> {
        if self.entry(receipt_number).is_none() || !self.is_settled(receipt_number) {
            return None;
        }
        let mut figures = AcceptedFigures::default();
        let mut refused = Vec::new();
        for entry in self
            .entries
            .iter()
            .filter(|entry| entry.receipt_number == receipt_number)
        {
            let bill = entry.step.needs().is_none();
            match &entry.state {
                EntryState::Confirmed { accepted } => figures = figures.then(accepted),
                EntryState::Rejected { message } if bill => {
                    let answer = Err(LoyaltyError::Rejected(message.clone()));
                    return Some(SaleSettlement { answer, refused });
                }
                EntryState::Conflict { message } if bill => {
                    let answer = Err(LoyaltyError::Conflict(message.clone()));
                    return Some(SaleSettlement { answer, refused });
                }
                EntryState::Pending { .. } => {}
                EntryState::Rejected { .. } | EntryState::Conflict { .. } | EntryState::Skipped => {
                    refused.push(entry.step)
                }
            }
        }
        Some(SaleSettlement {
            answer: Ok(figures),
            refused,
        })
    }

    /// Removes a settled sale once the cashier has seen it. A sale with a
    /// pending step is never removed (returns `false`): its outcome is still
    /// unknown and dropping it could lose what a server has recorded.
    pub fn dismiss(&mut self, receipt_number: &str) -> bool {
        let present = self.entry(receipt_number).is_some();
        if !present || !self.is_settled(receipt_number) {
            return false;
        }
        self.forget(receipt_number);
        true
    }

    /// Drops a sale that durable storage no longer holds: another tab of the
    /// till settled it, so this tab must not send it again.
    pub fn forget(&mut self, receipt_number: &str) {
        self.entries
            .retain(|entry| entry.receipt_number != receipt_number);
    }
}

/// The right to send for this till, as a record shared by its tabs (an
/// IndexedDB lease). Read and written in one read-write transaction, so two
/// tabs cannot both see it free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    /// The tab holding it.
    pub holder: String,
    /// Expires at this moment (ms); a tab that closed or froze without
    /// releasing it stops blocking the others then.
    pub until: u64,
}

impl Lease {
    /// The lease `me` should write to hold (or renew) the right to send until
    /// `now + ttl`, or `None` while another tab holds it. `ttl` should exceed
    /// the request timeout, so the lease cannot lapse while a request is in
    /// flight.
    pub fn try_acquire(current: Option<&Lease>, me: &str, now: u64, ttl: u64) -> Option<Lease> {
        let taken = current.is_some_and(|lease| lease.holder != me && lease.until > now);
        (!taken).then(|| Lease {
            holder: me.to_owned(),
            until: now.saturating_add(ttl),
        })
    }
}

/// `Option<Money>` as a decimal string (`"5250.25"`) or `null`, exactly.
mod money_text {
    use super::*;
    use serde::de::Error as _;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Money>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.map(|money| money.to_string()).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Money>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| {
                Decimal::from_str(&text)
                    .ok()
                    .and_then(|amount| Money::new(amount).ok())
                    .ok_or_else(|| D::Error::custom("not an amount of money"))
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"rNumber":"T1-1-000001","rTotal":21200,"bonus":0}"#;
    const T0: u64 = 1_700_000_000_000;

    fn unreachable() -> Result<AcceptedFigures, LoyaltyError> {
        Err(LoyaltyError::Unreachable)
    }

    fn pending(outbox: &Outbox, receipt: &str) -> (u32, u64) {
        match outbox.entry(receipt).map(|entry| &entry.state) {
            Some(&EntryState::Pending {
                attempts,
                next_attempt_at,
            }) => (attempts, next_attempt_at),
            other => panic!("{receipt} is not pending: {other:?}"),
        }
    }

    fn one_sale() -> Outbox {
        let mut outbox = Outbox::new();
        assert_eq!(outbox.enqueue("R1", BODY, T0), Enqueued::Added);
        outbox
    }

    #[test]
    fn a_settled_plan_adds_its_figures_and_names_what_was_refused() {
        let mut outbox = Outbox::new();
        for step in [
            Step::CapillaryTransaction,
            Step::CapillaryPointsRedeem,
            Step::CapillaryCouponRedeem,
        ] {
            outbox.enqueue_step("R1", step, "{}", T0);
        }
        let earned = AcceptedFigures {
            points_earned: Some(42),
            points_balance: Some(6462),
            ..AcceptedFigures::default()
        };
        outbox.record_answer("R1", Step::CapillaryTransaction, &Ok(earned), T0, 0);
        assert_eq!(outbox.settlement("R1"), None, "steps still pending");
        let refused = Err(LoyaltyError::Rejected("wrong code".into()));
        outbox.record_answer("R1", Step::CapillaryPointsRedeem, &refused, T0, 0);
        let redeemed = AcceptedFigures {
            redemption_id: Some("C-1".into()),
            ..AcceptedFigures::default()
        };
        outbox.record_answer("R1", Step::CapillaryCouponRedeem, &Ok(redeemed), T0, 0);
        let settled = outbox.settlement("R1").unwrap();
        assert_eq!(settled.refused, [Step::CapillaryPointsRedeem]);
        let figures = settled.answer.unwrap();
        assert_eq!(
            (figures.points_earned, figures.points_balance),
            (Some(42), Some(6462))
        );
        assert_eq!(figures.redemption_id.as_deref(), Some("C-1"));

        // A refused bill is the sale's refusal; its redemptions were skipped.
        let mut outbox = Outbox::new();
        outbox.enqueue_step("R2", Step::CapillaryTransaction, "{}", T0);
        outbox.enqueue_step("R2", Step::CapillaryPointsRedeem, "{}", T0);
        outbox.record_answer(
            "R2",
            Step::CapillaryTransaction,
            &Err(LoyaltyError::Rejected("bad".into())),
            T0,
            0,
        );
        let settled = outbox.settlement("R2").unwrap();
        assert_eq!(settled.answer, Err(LoyaltyError::Rejected("bad".into())));
    }

    #[test]
    fn a_refund_waits_for_its_sale_and_is_skipped_when_the_sale_was_refused() {
        let refund = PendingSale::refund("R2", "R1", vec![(Step::AosRefund, "{}".into())]);
        let mut outbox = one_sale();
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 0);
        outbox.restore(&refund, T0);
        assert_eq!(outbox.entries()[1].after.as_deref(), Some("R1"));
        // The sale is in backoff: the refund, due at once, still waits.
        assert_eq!(outbox.next_due(T0), None);
        assert_eq!(outbox.next_due(u64::MAX).unwrap().receipt_number, "R1");
        outbox.record_answer(
            "R1",
            Step::AosTransaction,
            &Ok(AcceptedFigures::default()),
            T0,
            0,
        );
        let due = outbox.next_due(T0).unwrap();
        assert_eq!(
            (due.receipt_number.as_str(), due.step),
            ("R2", Step::AosRefund)
        );
        let refunded = AcceptedFigures {
            bonus_returned: Some(Money::sum(107)),
            bonus_taken_back: Some(Money::sum(232)),
            ..AcceptedFigures::default()
        };
        outbox.record_answer("R2", Step::AosRefund, &Ok(refunded), T0, 0);
        let settled = outbox.settlement("R2").unwrap().answer.unwrap();
        assert_eq!(settled.bonus_taken_back, Some(Money::sum(232)));

        // A sale the server refused has nothing to refund there.
        let mut outbox = one_sale();
        outbox.restore(&refund, T0);
        let no = Err(LoyaltyError::Rejected("bonus exceeds balance".into()));
        outbox.record_answer("R1", Step::AosTransaction, &no, T0, 0);
        assert_eq!(outbox.entries()[1].state, EntryState::Skipped);
        assert_eq!(outbox.next_due(u64::MAX), None);
        // Nor when the refund is queued after the refusal (a reload).
        let mut later = Outbox::new();
        later.restore(
            &PendingSale::planned("R1", vec![(Step::AosTransaction, BODY.into())]),
            T0,
        );
        later.record_answer("R1", Step::AosTransaction, &no, T0, 0);
        later.restore(&refund, T0);
        assert_eq!(
            later.step_entry("R2", Step::AosRefund).unwrap().state,
            EntryState::Skipped
        );
        // A refund whose sale left the queue long ago goes at once.
        let mut alone = Outbox::new();
        alone.restore(&refund, T0);
        assert_eq!(alone.next_due(T0).unwrap().receipt_number, "R2");
    }

    #[test]
    fn refund_figures_survive_storage_and_older_records_read() {
        let figures = AcceptedFigures {
            bonus_returned: Some(Money::sum(107)),
            points_taken_back: Some(30),
            refund_not_offered: true,
            ..AcceptedFigures::default()
        };
        let json = serde_json::to_string(&figures).unwrap();
        assert!(json.contains(r#""bonusReturned":"107.00""#), "{json}");
        assert!(json.contains(r#""refundNotOffered":true"#), "{json}");
        assert!(!json.contains("bonusTakenBack"), "{json}");
        assert_eq!(
            serde_json::from_str::<AcceptedFigures>(&json).unwrap(),
            figures
        );
        let old = r#"{"bonusUsed":null,"bonusAdded":"1.00","balance":null}"#;
        let old: AcceptedFigures = serde_json::from_str(old).unwrap();
        assert!(!old.refund_not_offered);
        assert_eq!(old.bonus_returned, None);
    }

    #[test]
    fn backoff_doubles_from_two_seconds_with_equal_jitter() {
        let schedule: Vec<(u64, u64)> = (1..=10)
            .map(|attempts| (backoff_ms(attempts, 0), backoff_ms(attempts, 1000)))
            .collect();
        assert_eq!(
            schedule,
            [
                (1_000, 2_000),
                (2_000, 4_000),
                (4_000, 8_000),
                (8_000, 16_000),
                (16_000, 32_000),
                (32_000, 64_000),
                (64_000, 128_000),
                (128_000, 256_000),
                (150_000, 300_000),
                (150_000, 300_000),
            ]
        );
        assert_eq!(backoff_ms(3, 500), 6_000);
        assert_eq!(backoff_ms(1, 1), 1_001);
    }

    #[test]
    fn backoff_is_capped_and_never_overflows() {
        for attempts in [9, 17, 64, 1_000, u32::MAX] {
            assert_eq!(backoff_ms(attempts, 1000), BACKOFF_CAP_MS, "{attempts}");
            assert_eq!(backoff_ms(attempts, 0), BACKOFF_CAP_MS / 2, "{attempts}");
        }
        // Out-of-range jitter counts as full jitter, not more.
        assert_eq!(backoff_ms(1, u16::MAX), 2_000);
        assert_eq!(backoff_ms(0, 1000), 2_000);
    }

    #[test]
    fn a_new_sale_is_due_at_once() {
        let outbox = one_sale();
        assert_eq!(pending(&outbox, "R1"), (0, T0));
        assert_eq!(outbox.next_due(T0 - 1), None);
        let due = outbox.next_due(T0).unwrap();
        assert_eq!(
            (due.receipt_number.as_str(), due.body.as_str()),
            ("R1", BODY)
        );
        assert_eq!(outbox.pending_count(), 1);
        assert_eq!(outbox.next_attempt_at(), Some(T0));
    }

    #[test]
    fn enqueue_is_idempotent_and_never_replaces_a_body() {
        let mut outbox = one_sale();
        assert_eq!(outbox.enqueue("R1", BODY, T0 + 5), Enqueued::AlreadyQueued);
        assert_eq!(
            outbox.enqueue("R1", r#"{"rNumber":"R1","bonus":999}"#, T0 + 5),
            Enqueued::NumberTaken
        );
        assert_eq!(outbox.entries().len(), 1);
        assert_eq!(outbox.entry("R1").unwrap().body, BODY);
        assert_eq!(pending(&outbox, "R1"), (0, T0));

        // Nor does it revive a settled sale.
        outbox.record_answer(
            "R1",
            Step::AosTransaction,
            &Ok(AcceptedFigures::default()),
            T0,
            0,
        );
        assert_eq!(outbox.enqueue("R1", BODY, T0 + 9), Enqueued::AlreadyQueued);
        assert_eq!(outbox.pending_count(), 0);
    }

    #[test]
    fn unknown_outcomes_retry_the_identical_body_on_schedule() {
        let mut outbox = one_sale();
        let mut now = T0;
        let mut sent = Vec::new();
        for attempt in 1..=10u32 {
            let due = outbox.next_due(now).expect("due");
            sent.push(due.body.clone());
            let answer = if attempt % 2 == 0 {
                Err(LoyaltyError::UnexpectedAnswer)
            } else {
                unreachable()
            };
            outbox.record_answer("R1", Step::AosTransaction, &answer, now, 1000);
            let wait = backoff_ms(attempt, 1000);
            assert_eq!(pending(&outbox, "R1"), (attempt, now + wait));
            assert_eq!(outbox.next_due(now + wait - 1), None);
            now += wait;
        }
        assert!(sent.iter().all(|body| body == BODY));
        assert_eq!(outbox.pending_count(), 1);
    }

    #[test]
    fn success_confirms_with_the_servers_figures() {
        let mut outbox = one_sale();
        let accepted = TransactionAccepted {
            bonus_used: Some(Money::sum(1600)),
            bonus_added: Some(Money::round(Decimal::new(525025, 2))),
            balance: None,
        };
        let state = outbox
            .record_answer("R1", Step::AosTransaction, &Ok(accepted.into()), T0, 0)
            .cloned();
        assert_eq!(
            state,
            Some(EntryState::Confirmed {
                accepted: accepted.into()
            })
        );
        assert_eq!(outbox.pending_count(), 0);
        assert_eq!(outbox.next_due(u64::MAX), None);
        assert_eq!(outbox.next_attempt_at(), None);
        let EntryState::Confirmed { accepted: figures } = outbox.entry("R1").unwrap().state.clone()
        else {
            unreachable!()
        };
        assert_eq!(figures, AcceptedFigures::from(accepted));
    }

    #[test]
    fn a_rejection_and_a_conflict_are_final_and_kept_for_the_cashier() {
        let mut outbox = Outbox::new();
        outbox.enqueue("R1", BODY, T0);
        outbox.enqueue("R2", "{}", T0);
        outbox.enqueue("R3", "[]", T0);
        let rejected = Err(LoyaltyError::Rejected("bonus exceeds balance".into()));
        let conflict = Err(LoyaltyError::Conflict("rNumber taken".into()));
        assert_eq!(
            outbox
                .record_answer("R1", Step::AosTransaction, &rejected, T0, 0)
                .cloned(),
            Some(EntryState::Rejected {
                message: "bonus exceeds balance".into()
            })
        );
        assert_eq!(
            outbox
                .record_answer("R2", Step::AosTransaction, &conflict, T0, 0)
                .cloned(),
            Some(EntryState::Conflict {
                message: "rNumber taken".into()
            })
        );
        assert_eq!(
            outbox
                .record_answer(
                    "R3",
                    Step::AosTransaction,
                    &Err(LoyaltyError::CustomerNotFound),
                    T0,
                    0
                )
                .cloned(),
            Some(EntryState::Rejected {
                message: "customer not found".into()
            })
        );
        assert_eq!(outbox.pending_count(), 0);
        assert_eq!(outbox.entries().len(), 3);
        assert_eq!(outbox.next_due(u64::MAX), None);

        // A late answer cannot overturn a definite one.
        assert_eq!(
            outbox.record_answer(
                "R1",
                Step::AosTransaction,
                &Ok(AcceptedFigures::default()),
                T0,
                0
            ),
            None
        );
        assert_eq!(
            outbox.record_answer("R9", Step::AosTransaction, &unreachable(), T0, 0),
            None
        );
        assert!(matches!(
            outbox.entry("R1").unwrap().state,
            EntryState::Rejected { .. }
        ));
    }

    #[test]
    fn a_rejected_token_pauses_everything_until_login() {
        let mut outbox = one_sale();
        outbox.enqueue("R2", "{}", T0);
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 0);
        outbox.retry_now(T0 + 10);
        outbox.record_answer(
            "R1",
            Step::AosTransaction,
            &Err(LoyaltyError::TokenRejected),
            T0 + 10,
            1000,
        );
        assert!(outbox.is_paused());
        assert_eq!(outbox.next_due(u64::MAX), None);
        assert_eq!(outbox.next_attempt_at(), None);
        assert_eq!(outbox.pending_count(), 2);
        // Neither a state change nor a longer wait for the sale itself.
        assert_eq!(pending(&outbox, "R1"), (1, T0 + 10));

        outbox.retry_now(T0 + 20);
        assert_eq!(outbox.next_due(T0 + 20), None, "online does not unpause");

        outbox.resume();
        assert!(!outbox.is_paused());
        assert_eq!(outbox.next_due(T0 + 20).unwrap().receipt_number, "R1");
    }

    #[test]
    fn the_lanes_of_a_sale_go_on_without_each_other() {
        let mut outbox = Outbox::new();
        let sale = PendingSale::planned(
            "R1",
            vec![
                (Step::AosTransaction, "aos".into()),
                (Step::StoreSale, "store".into()),
            ],
        );
        outbox.restore(&sale, T0);
        let due = |outbox: &Outbox| outbox.next_due(u64::MAX).map(|e| e.step);
        assert_eq!(due(&outbox), Some(Step::AosTransaction));
        // The loyalty server is down: the store server still gets the sale.
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 0);
        assert_eq!(outbox.next_due(T0).map(|e| e.step), Some(Step::StoreSale));
        let confirmed = Ok(AcceptedFigures::default());
        outbox.record_answer("R1", Step::StoreSale, &confirmed, T0, 0);
        assert!(!outbox.is_settled("R1"), "the loyalty step still waits");
        assert!(!outbox.has_pending(Lane::StoreServer));
        assert!(outbox.has_pending(Lane::Loyalty));
        assert_eq!(outbox.pending_count(), 1);
        outbox.record_answer("R1", Step::AosTransaction, &confirmed, T0, 0);
        assert!(outbox.settlement("R1").unwrap().answer.is_ok());
    }

    #[test]
    fn a_rejected_store_key_pauses_only_its_lane() {
        let mut outbox = Outbox::new();
        outbox.restore(
            &PendingSale::planned("R1", vec![(Step::StoreSale, "store".into())]),
            T0,
        );
        outbox.restore(
            &PendingSale::planned("R2", vec![(Step::AosTransaction, "aos".into())]),
            T0,
        );
        let rejected = Err(LoyaltyError::TokenRejected);
        outbox.record_answer("R1", Step::StoreSale, &rejected, T0, 0);
        assert!(outbox.is_lane_paused(Lane::StoreServer));
        assert!(!outbox.is_lane_paused(Lane::Loyalty));
        assert_eq!(outbox.next_due(T0).unwrap().receipt_number, "R2");
        assert_eq!(outbox.pending_count(), 2, "nothing is lost");
        outbox.resume();
        assert_eq!(outbox.next_due(T0).unwrap().receipt_number, "R1");
    }

    #[test]
    fn a_refund_and_a_receipt_confirmation_wait_for_the_sale_in_the_store_lane() {
        let mut outbox = Outbox::new();
        outbox.restore(
            &PendingSale::planned(
                "R1",
                vec![
                    (Step::AosTransaction, "aos".into()),
                    (Step::StoreSale, "store".into()),
                ],
            ),
            T0,
        );
        outbox.restore(
            &PendingSale::refund("R2", "R1", vec![(Step::StoreRefund, "refund".into())]),
            T0,
        );
        outbox.restore(
            &PendingSale::refund("R1/printed", "R1", vec![(Step::StoreReceipt, "id".into())]),
            T0,
        );
        let confirmed = Ok(AcceptedFigures::default());
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 0);
        assert_eq!(outbox.next_due(T0).map(|e| e.step), Some(Step::StoreSale));
        outbox.record_answer("R1", Step::StoreSale, &confirmed, T0, 0);
        assert_eq!(outbox.next_due(T0).map(|e| e.step), Some(Step::StoreRefund));
        outbox.record_answer("R2", Step::StoreRefund, &confirmed, T0, 0);
        assert_eq!(
            outbox.next_due(T0).map(|e| e.step),
            Some(Step::StoreReceipt)
        );

        // A sale the store server refused has no refund or receipt there.
        let mut outbox = Outbox::new();
        outbox.restore(
            &PendingSale::planned("R1", vec![(Step::StoreSale, "store".into())]),
            T0,
        );
        outbox.restore(
            &PendingSale::refund("R1/printed", "R1", vec![(Step::StoreReceipt, "id".into())]),
            T0,
        );
        let refused = Err(LoyaltyError::Rejected("lines".into()));
        outbox.record_answer("R1", Step::StoreSale, &refused, T0, 0);
        assert_eq!(
            outbox
                .step_entry("R1/printed", Step::StoreReceipt)
                .unwrap()
                .state,
            EntryState::Skipped
        );
    }

    #[test]
    fn going_online_makes_every_pending_sale_due_now() {
        let mut outbox = one_sale();
        outbox.enqueue("R2", "{}", T0);
        outbox.enqueue("R3", "[]", T0);
        for _ in 0..5 {
            outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 1000);
        }
        outbox.record_answer("R2", Step::AosTransaction, &unreachable(), T0, 1000);
        outbox.record_answer(
            "R3",
            Step::AosTransaction,
            &Ok(AcceptedFigures::default()),
            T0,
            0,
        );
        let now = T0 + 1;
        assert_eq!(outbox.next_due(now), None);

        outbox.retry_now(now);
        assert_eq!(pending(&outbox, "R1"), (5, now));
        assert_eq!(pending(&outbox, "R2"), (1, now));
        assert!(matches!(
            outbox.entry("R3").unwrap().state,
            EntryState::Confirmed { .. }
        ));
        // Oldest first; the attempt count keeps the backoff where it was.
        assert_eq!(outbox.next_due(now).unwrap().receipt_number, "R1");
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), now, 0);
        assert_eq!(pending(&outbox, "R1"), (6, now + backoff_ms(6, 0)));
        assert_eq!(outbox.next_due(now).unwrap().receipt_number, "R2");
    }

    #[test]
    fn the_earliest_attempt_time_wakes_the_sender() {
        let mut outbox = one_sale();
        outbox.enqueue("R2", "{}", T0 + 500);
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 0);
        assert_eq!(outbox.next_attempt_at(), Some(T0 + 500));
        outbox.record_answer("R2", Step::AosTransaction, &unreachable(), T0 + 500, 1000);
        assert_eq!(outbox.next_attempt_at(), Some(T0 + 1_000));
        assert_eq!(outbox.next_due(T0 + 999), None);
        assert_eq!(outbox.next_due(T0 + 1_000).unwrap().receipt_number, "R1");
    }

    #[test]
    fn only_settled_sales_can_be_dismissed() {
        let mut outbox = one_sale();
        outbox.enqueue("R2", "{}", T0);
        outbox.enqueue("R3", "[]", T0);
        outbox.record_answer(
            "R2",
            Step::AosTransaction,
            &Err(LoyaltyError::Rejected(String::new())),
            T0,
            0,
        );
        assert!(!outbox.dismiss("R1"));
        assert!(!outbox.dismiss("R9"));
        assert!(outbox.dismiss("R2"));
        assert!(!outbox.dismiss("R2"));
        let left: Vec<&str> = outbox
            .entries()
            .iter()
            .map(|entry| entry.receipt_number.as_str())
            .collect();
        assert_eq!(left, ["R1", "R3"]);
        // A dismissed number may be queued again, e.g. once corrected.
        assert_eq!(outbox.enqueue("R2", "{ }", T0), Enqueued::Added);
    }

    #[test]
    fn the_outbox_survives_a_round_trip_through_json() {
        let mut outbox = Outbox::new();
        for receipt in ["R1", "R2", "R3", "R4"] {
            outbox.enqueue(receipt, BODY, T0);
        }
        outbox.record_answer("R1", Step::AosTransaction, &unreachable(), T0, 250);
        let accepted = TransactionAccepted {
            bonus_used: Some(Money::ZERO),
            bonus_added: Some(Money::round(Decimal::new(3, 1))),
            balance: Some(Money::round(Decimal::new(12075075, 2))),
        };
        outbox.record_answer("R2", Step::AosTransaction, &Ok(accepted.into()), T0, 0);
        outbox.record_answer(
            "R3",
            Step::AosTransaction,
            &Err(LoyaltyError::Rejected("no".into())),
            T0,
            0,
        );
        outbox.record_answer(
            "R4",
            Step::AosTransaction,
            &Err(LoyaltyError::Conflict("taken".into())),
            T0,
            0,
        );
        outbox.enqueue("R5", BODY, T0);
        outbox.record_answer(
            "R5",
            Step::AosTransaction,
            &Err(LoyaltyError::TokenRejected),
            T0,
            0,
        );

        let json = serde_json::to_string(&outbox).unwrap();
        assert!(json.contains(r#""bonusAdded":"0.30""#), "{json}");
        assert!(json.contains(r#""balance":"120750.75""#), "{json}");
        assert!(json.contains(r#""paused":true"#), "{json}");
        let back: Outbox = serde_json::from_str(&json).unwrap();
        assert_eq!(back, outbox);
        assert!(back.entries().iter().all(|entry| entry.body == BODY));
    }

    #[test]
    fn stored_figures_must_be_exact_amounts() {
        let read = |json: &str| serde_json::from_str::<AcceptedFigures>(json);
        let figures = read(r#"{"bonusUsed":null,"bonusAdded":"5250.25","balance":"7"}"#).unwrap();
        assert_eq!(figures.bonus_used, None);
        assert_eq!(figures.bonus_added.unwrap().to_string(), "5250.25");
        assert_eq!(figures.balance, Some(Money::sum(7)));
        for bad in [
            r#"{"bonusUsed":"0.001","bonusAdded":null,"balance":null}"#,
            r#"{"bonusUsed":"-1","bonusAdded":null,"balance":null}"#,
            r#"{"bonusUsed":"lots","bonusAdded":null,"balance":null}"#,
            r#"{"bonusUsed":0.1,"bonusAdded":null,"balance":null}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_free_expired_or_own_lease_is_taken() {
        let ttl = 15_000;
        let mine = Lease::try_acquire(None, "tab-a", T0, ttl).unwrap();
        assert_eq!(
            mine,
            Lease {
                holder: "tab-a".into(),
                until: T0 + ttl
            }
        );
        // Renewal by the holder, even before it runs out.
        let renewed = Lease::try_acquire(Some(&mine), "tab-a", T0 + 1, ttl).unwrap();
        assert_eq!(renewed.until, T0 + 1 + ttl);
        // Another tab waits while it runs, and takes over once it has expired.
        assert_eq!(
            Lease::try_acquire(Some(&renewed), "tab-b", T0 + ttl, ttl),
            None
        );
        let theirs = Lease::try_acquire(Some(&renewed), "tab-b", T0 + 1 + ttl, ttl).unwrap();
        assert_eq!(theirs.holder, "tab-b");
        assert_eq!(
            Lease::try_acquire(Some(&theirs), "tab-a", T0 + 2 + ttl, ttl),
            None
        );
        assert_eq!(
            Lease::try_acquire(None, "tab-a", u64::MAX - 1, ttl)
                .unwrap()
                .until,
            u64::MAX
        );
    }

    #[test]
    fn a_lease_survives_a_round_trip_through_json() {
        let lease = Lease {
            holder: "tab-a".into(),
            until: T0,
        };
        let json = serde_json::to_string(&lease).unwrap();
        assert_eq!(json, r#"{"holder":"tab-a","until":1700000000000}"#);
        assert_eq!(serde_json::from_str::<Lease>(&json).unwrap(), lease);
    }

    #[test]
    fn a_sale_settled_by_another_tab_is_forgotten_even_while_pending() {
        let mut outbox = Outbox::new();
        outbox.enqueue("T1-1", "{}", 0);
        outbox.forget("T1-1");
        assert_eq!(outbox.pending_count(), 0);
        assert!(outbox.next_due(0).is_none());
    }
}
