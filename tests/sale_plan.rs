//! A multi-step sale (Capillary: `transaction/add`, `points/redeem`,
//! `coupon/redeem`) survives a crash at every point: each step takes effect
//! on the server exactly once, a step whose definite answer was stored is
//! never sent again, and a refused step skips only what needs it.
//!
//! The till is simulated as the browser side runs it: the stored record
//! (IndexedDB) is the only thing that survives a crash; the outbox is
//! rebuilt from it; the server is idempotent by bill number and step, as
//! capillary-contract.md requires (604 on a replayed bill).

use std::collections::HashMap;

use kassa::loyalty::error::LoyaltyError;
use kassa::store::outbox::{AcceptedFigures, EntryState, Outbox};
use kassa::store::records::PendingSale;
use kassa::store::step::Step;

const BILL: &str = "T1-S-000007";
const PLAN: [Step; 3] = [
    Step::CapillaryTransaction,
    Step::CapillaryPointsRedeem,
    Step::CapillaryCouponRedeem,
];

/// The server side: how often each step took effect, and how often each
/// was received at all.
#[derive(Default)]
struct Server {
    effects: HashMap<Step, u32>,
    received: HashMap<Step, u32>,
    /// Steps this server refuses for good (a wrong one-time code, a used coupon).
    refuses: Vec<Step>,
}

impl Server {
    fn handle(&mut self, step: Step, body: &str) -> Result<AcceptedFigures, LoyaltyError> {
        assert_eq!(body, body_of(step), "a retry must send the identical body");
        *self.received.entry(step).or_default() += 1;
        if self.refuses.contains(&step) {
            return Err(LoyaltyError::Rejected("811".into()));
        }
        // Idempotent: a replay answers as the first time and changes nothing.
        self.effects.entry(step).or_insert(1);
        Ok(AcceptedFigures {
            points_balance: Some(100),
            ..AcceptedFigures::default()
        })
    }
}

fn body_of(step: Step) -> String {
    format!(r#"{{"bill":"{BILL}","step":"{step:?}"}}"#)
}

fn stored_plan() -> PendingSale {
    PendingSale::planned(BILL, PLAN.iter().map(|&s| (s, body_of(s))).collect())
}

/// Where a crash may strike while the till works through one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CrashPoint {
    /// The request left, the server committed, the answer never arrived.
    AfterSend,
    /// The answer arrived but was not stored yet.
    BeforeStore,
}

/// Runs the plan to the end, crashing at the `n`-th moment listed in
/// `crashes` (counted over the whole run), and returns the stored record
/// and the server.
fn run(crashes: &[(usize, CrashPoint)], refuses: &[Step]) -> (PendingSale, Server) {
    let mut record = stored_plan();
    let mut server = Server {
        refuses: refuses.to_vec(),
        ..Server::default()
    };
    let mut moment = 0;
    let mut restarts = 0;
    'reload: loop {
        restarts += 1;
        assert!(restarts < 20, "the plan never finished");
        let mut outbox = Outbox::new();
        outbox.restore(&record, 0);
        while let Some(entry) = outbox.next_due(u64::MAX).cloned() {
            let answer = server.handle(entry.step, &entry.body);
            moment += 1;
            if crashes.contains(&(moment, CrashPoint::AfterSend)) {
                continue 'reload;
            }
            let state = outbox
                .record_answer(BILL, entry.step, &answer, 0, 0)
                .cloned()
                .expect("the step was pending");
            if crashes.contains(&(moment, CrashPoint::BeforeStore)) {
                continue 'reload;
            }
            if !state.is_pending() {
                record.settle_step(entry.step, state);
            }
            for skipped in outbox
                .entries()
                .iter()
                .filter(|e| e.state == EntryState::Skipped)
            {
                record.settle_step(skipped.step, EntryState::Skipped);
            }
        }
        return (record, server);
    }
}

fn outcome(record: &PendingSale, step: Step) -> Option<EntryState> {
    record
        .steps
        .iter()
        .find(|planned| planned.step == step)
        .and_then(|planned| planned.outcome.clone())
}

#[test]
fn without_a_crash_each_step_goes_once_in_order() {
    let (record, server) = run(&[], &[]);
    assert!(record.is_settled());
    for step in PLAN {
        assert_eq!(server.received.get(&step), Some(&1), "{step:?}");
        assert!(matches!(
            outcome(&record, step),
            Some(EntryState::Confirmed { .. })
        ));
    }
}

#[test]
fn every_single_and_double_crash_point_resumes_with_one_effect_per_step() {
    let points = [CrashPoint::AfterSend, CrashPoint::BeforeStore];
    let mut schedules: Vec<Vec<(usize, CrashPoint)>> = Vec::new();
    for first in 1..=6 {
        for a in points {
            schedules.push(vec![(first, a)]);
            for second in first + 1..=8 {
                for b in points {
                    schedules.push(vec![(first, a), (second, b)]);
                }
            }
        }
    }
    for schedule in schedules {
        let (record, server) = run(&schedule, &[]);
        assert!(record.is_settled(), "{schedule:?}");
        for step in PLAN {
            assert_eq!(server.effects.get(&step), Some(&1), "{schedule:?} {step:?}");
            assert!(
                matches!(outcome(&record, step), Some(EntryState::Confirmed { .. })),
                "{schedule:?} {step:?}"
            );
        }
        // A resent step is one whose answer was lost or not stored: at
        // most one resend per crash.
        let sends: u32 = server.received.values().sum();
        assert!(
            sends as usize <= PLAN.len() + schedule.len(),
            "{schedule:?}"
        );
    }
}

#[test]
fn a_step_with_a_stored_answer_is_never_sent_again() {
    let mut record = stored_plan();
    record.settle_step(
        Step::CapillaryTransaction,
        EntryState::Confirmed {
            accepted: AcceptedFigures::default(),
        },
    );
    let mut outbox = Outbox::new();
    outbox.restore(&record, 0);
    assert_eq!(
        outbox.next_due(u64::MAX).map(|e| e.step),
        Some(Step::CapillaryPointsRedeem)
    );
    assert_eq!(outbox.pending_count(), 1);
}

#[test]
fn a_refused_redemption_keeps_the_sale_and_the_coupon_goes_on() {
    let (record, server) = run(
        &[(2, CrashPoint::BeforeStore)],
        &[Step::CapillaryPointsRedeem],
    );
    assert!(record.is_settled());
    assert!(matches!(
        outcome(&record, Step::CapillaryTransaction),
        Some(EntryState::Confirmed { .. })
    ));
    assert!(matches!(
        outcome(&record, Step::CapillaryPointsRedeem),
        Some(EntryState::Rejected { .. })
    ));
    assert!(matches!(
        outcome(&record, Step::CapillaryCouponRedeem),
        Some(EntryState::Confirmed { .. })
    ));
    assert_eq!(server.effects.get(&Step::CapillaryPointsRedeem), None);
}

#[test]
fn a_refused_bill_skips_its_redemptions_unsent() {
    let (record, server) = run(&[], &[Step::CapillaryTransaction]);
    assert!(record.is_settled());
    for step in [Step::CapillaryPointsRedeem, Step::CapillaryCouponRedeem] {
        assert_eq!(outcome(&record, step), Some(EntryState::Skipped));
        assert_eq!(server.received.get(&step), None);
    }
}

#[test]
fn a_record_of_an_earlier_version_is_one_aos_step() {
    let old: PendingSale =
        serde_json::from_str(r#"{"receiptNumber":"R1","body":"{\"rNumber\":\"R1\"}"}"#).unwrap();
    let plan = old.plan();
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].step, Step::AosTransaction);
    assert_eq!(plan[0].body, r#"{"rNumber":"R1"}"#);
    let written =
        serde_json::to_string(&PendingSale::aos("R1", r#"{"rNumber":"R1"}"#.into())).unwrap();
    assert_eq!(
        written,
        r#"{"receiptNumber":"R1","body":"{\"rNumber\":\"R1\"}"}"#
    );
}
