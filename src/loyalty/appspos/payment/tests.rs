use super::*;

fn qr() -> TransactionQr {
    TransactionQr::parse("QR-20261201-0A1B-0000001").unwrap()
}

fn sum(whole: i64) -> Money {
    Money::sum(whole)
}

fn paid(amount: i64) -> Paid {
    Paid {
        paid_amount: sum(amount),
        transaction_id: "t-1".into(),
        refund_id: "r-1".into(),
    }
}

fn accepted(total: i64) -> OrderAccepted {
    OrderAccepted {
        total_final_amount: sum(total),
        zero_dollar_pay: total == 0,
        unique_number: None,
    }
}

/// What the app's server does, as far as the machine can tell: how many
/// releases and charges happened in effect.
struct App {
    due: i64,
    in_process_polls: u32,
    fails: bool,
    released: bool,
    releases: u32,
    polls: u32,
    charges: u32,
    cancels: u32,
}

impl App {
    fn new(due: i64, in_process_polls: u32) -> App {
        App {
            due,
            in_process_polls,
            fails: false,
            released: false,
            releases: 0,
            polls: 0,
            charges: 0,
            cancels: 0,
        }
    }

    fn release(&mut self) -> Result<(), LoyaltyError> {
        if !self.released {
            self.released = true;
            self.releases += 1;
        }
        Ok(())
    }

    fn poll(&mut self) -> Result<PaidStatus, LoyaltyError> {
        if !self.released {
            return Ok(PaidStatus::Failed {
                message: "not released".into(),
            });
        }
        if self.charges > 0 {
            return Ok(PaidStatus::Paid(paid(self.due)));
        }
        self.polls += 1;
        if self.polls <= self.in_process_polls {
            return Ok(PaidStatus::InProcess);
        }
        if self.fails {
            self.released = false;
            return Ok(PaidStatus::Failed {
                message: "declined".into(),
            });
        }
        self.charges += 1;
        Ok(PaidStatus::Paid(paid(self.due)))
    }

    fn cancel(&mut self) -> Result<(), LoyaltyError> {
        if self.charges > 0 {
            return Err(LoyaltyError::Rejected("already paid".into()));
        }
        self.cancels += 1;
        self.released = false;
        Ok(())
    }
}

/// Stored, then read back after a reload.
fn reloaded(stored: &str, now: u64) -> Payment {
    let mut payment: Payment = serde_json::from_str(stored).unwrap();
    payment.resume(now);
    payment
}

/// Drives a payment to its end as the till would, releasing as soon as the
/// cashier may. At action number `crash_at` the request reaches the server,
/// but the tab dies before the answer is stored: the payment is reloaded
/// as it was stored before that action.
fn drive(app: &mut App, crash_at: Option<usize>) -> (Payment, Vec<Action>) {
    let due = sum(app.due);
    let mut payment = Payment::new(qr(), "T1-S-000001");
    let mut now = 1_000u64;
    let mut actions = Vec::new();
    for index in 0..500 {
        let stored = serde_json::to_string(&payment).unwrap();
        let action = payment.next();
        actions.push(action.clone());
        let crash = crash_at == Some(index);
        match action {
            Action::SendOrder => payment.on_order(Ok(accepted(app.due))),
            Action::SendBillInfo => payment.on_bill_info(Ok(due), due),
            Action::SendRemoveVoucher => payment.on_remove_voucher(Ok(())),
            // The cashier releases as soon as the figures agree, and stops
            // at anything else (a failure, a mismatch).
            Action::AwaitCashier => {
                if !matches!(payment.phase, Phase::Agreed { .. }) {
                    break;
                }
                payment.release(now).unwrap();
            }
            Action::SendRelease => {
                let answer = app.release();
                payment.on_release(answer, now);
            }
            Action::PollAt(at) => {
                now = now.max(at);
                let answer = app.poll();
                payment.on_poll(answer, now);
            }
            Action::CancelAt(at) => {
                now = now.max(at);
                let answer = app.cancel();
                payment.on_cancel(answer, now);
            }
            Action::Finalize(_) | Action::Done => break,
        }
        if crash {
            now += 5_000;
            payment = reloaded(&stored, now);
        }
    }
    (payment, actions)
}

#[test]
fn a_payment_from_order_to_paid() {
    let mut app = App::new(8, 2);
    let (payment, actions) = drive(&mut app, None);
    assert_eq!(payment.phase, Phase::Paid { paid: paid(8) });
    assert_eq!(payment.next(), Action::Finalize(paid(8)));
    assert_eq!((app.releases, app.charges, app.cancels), (1, 1, 0));
    assert_eq!(
        &actions[..4],
        &[
            Action::SendOrder,
            Action::SendBillInfo,
            Action::AwaitCashier,
            Action::SendRelease
        ]
    );
    // Released at 1 000 ms: polls at 3 000, 5 000, 7 000 (two "in process").
    assert_eq!(
        actions[4..7].to_vec(),
        [
            Action::PollAt(3_000),
            Action::PollAt(5_000),
            Action::PollAt(7_000)
        ]
    );
}

#[test]
fn a_crash_at_any_point_ends_with_one_charge_and_one_release() {
    let (_, clean) = drive(&mut App::new(8, 3), None);
    for crash_at in 0..clean.len() {
        let mut app = App::new(8, 3);
        let (payment, actions) = drive(&mut app, Some(crash_at));
        assert_eq!(
            payment.phase,
            Phase::Paid { paid: paid(8) },
            "crash at {crash_at}: {actions:?}"
        );
        assert_eq!((app.releases, app.charges), (1, 1), "crash at {crash_at}");
        let sent_releases = actions
            .iter()
            .filter(|a| **a == Action::SendRelease)
            .count();
        assert_eq!(
            sent_releases, 1,
            "crash at {crash_at}: the release is never sent twice"
        );
    }
}

#[test]
fn a_crash_after_the_release_was_sent_polls_instead_of_releasing_again() {
    let mut payment = Payment::new(qr(), "R");
    payment.on_order(Ok(accepted(8)));
    payment.on_bill_info(Ok(sum(8)), sum(8));
    payment.release(1_000).unwrap();
    let stored = serde_json::to_string(&payment).unwrap();
    let resumed = reloaded(&stored, 9_000);
    // The 2 minutes run from the release, not from the reload.
    assert_eq!(
        resumed.phase,
        Phase::Paying {
            since: 1_000,
            next_poll_at: 9_000,
            in_process: 0,
            released: false,
            zero_dollar_pay: false,
        }
    );
    assert_eq!(resumed.next(), Action::PollAt(9_000));
    assert_eq!(resumed.status(), Status::Released);
}

#[test]
fn a_release_that_never_arrived_is_sent_again_once_the_server_says_so() {
    let mut payment = Payment::new(qr(), "R");
    payment.on_order(Ok(accepted(8)));
    payment.on_bill_info(Ok(sum(8)), sum(8));
    payment.release(1_000).unwrap();
    // A 503: nothing was done, but the till cannot know.
    payment.on_release(Err(LoyaltyError::Unreachable), 1_000);
    assert_eq!(payment.next(), Action::PollAt(3_000));
    let not_released = || {
        Ok(PaidStatus::Failed {
            message: "Payment not released".into(),
        })
    };
    payment.on_poll(not_released(), 3_000);
    assert_eq!(payment.next(), Action::SendRelease);
    payment.on_release(Ok(()), 3_000);
    // Now the release is known: a "0" is the payment's failure.
    payment.on_poll(not_released(), 5_000);
    assert_eq!(payment.status(), Status::Failed);

    // Once a poll said "in process", the release had arrived.
    let mut payment = Payment::new(qr(), "R");
    payment.phase = Phase::Paying {
        since: 0,
        next_poll_at: 0,
        in_process: 1,
        released: false,
        zero_dollar_pay: false,
    };
    payment.on_poll(not_released(), 2_000);
    assert_eq!(payment.status(), Status::Failed);
    // And past the 2 minutes nothing is released again.
    payment.phase = Phase::Paying {
        since: 0,
        next_poll_at: 0,
        in_process: 0,
        released: false,
        zero_dollar_pay: false,
    };
    payment.on_poll(not_released(), POLL_LIMIT_MS);
    assert_eq!(payment.status(), Status::Failed);
}

#[test]
fn every_stored_phase_resumes_where_it_was() {
    let stored = |phase: Phase| {
        let payment = Payment {
            qr: qr(),
            invoice_no: "R".into(),
            phase,
        };
        reloaded(&serde_json::to_string(&payment).unwrap(), 50_000)
    };
    let cases = [
        (Phase::Ordering { again: false }, Action::SendOrder),
        (
            Phase::Ordered {
                total_final_amount: sum(8),
                zero_dollar_pay: false,
            },
            Action::SendBillInfo,
        ),
        (
            Phase::Agreed {
                total_payable: sum(8),
                zero_dollar_pay: false,
            },
            Action::AwaitCashier,
        ),
        (Phase::RemovingVoucher, Action::SendRemoveVoucher),
        (
            Phase::Paying {
                since: 1_000,
                next_poll_at: 3_000,
                in_process: 4,
                released: true,
                zero_dollar_pay: false,
            },
            Action::PollAt(3_000),
        ),
        (Phase::Paid { paid: paid(8) }, Action::Finalize(paid(8))),
        (
            Phase::Failed {
                message: "declined".into(),
            },
            Action::AwaitCashier,
        ),
        (
            Phase::Cancelling {
                reason: CancelReason::TimedOut,
                retry_at: 7_000,
            },
            Action::CancelAt(7_000),
        ),
        (
            Phase::Cancelled {
                reason: CancelReason::ByCashier,
            },
            Action::Done,
        ),
        (
            Phase::Refused {
                message: "used".into(),
            },
            Action::Done,
        ),
    ];
    for (phase, action) in cases {
        assert_eq!(stored(phase.clone()).next(), action, "{phase:?}");
        assert_eq!(stored(phase.clone()).phase, phase, "resumes unchanged");
    }
}

#[test]
fn paid_only_completes_and_cancelled_stays_cancelled() {
    let mut payment = Payment::new(qr(), "R");
    payment.phase = Phase::Paid { paid: paid(8) };
    assert_eq!(payment.cancel(10), Err(NotNow));
    assert_eq!(payment.release(10), Err(NotNow));
    assert_eq!(payment.cart_changed(), Err(NotNow));
    payment.on_poll(
        Ok(PaidStatus::Failed {
            message: "late".into(),
        }),
        10,
    );
    payment.on_release(Ok(()), 10);
    assert_eq!(payment.phase, Phase::Paid { paid: paid(8) });
    assert_eq!(payment.status(), Status::Paid);

    payment.phase = Phase::Cancelled {
        reason: CancelReason::ByCashier,
    };
    payment.on_poll(Ok(PaidStatus::Paid(paid(8))), 10);
    payment.on_order(Ok(accepted(8)));
    assert_eq!(payment.release(10), Err(NotNow));
    assert_eq!(payment.cancel(10), Err(NotNow));
    assert_eq!(payment.status(), Status::Cancelled);
    assert_eq!(payment.next(), Action::Done);
}

#[test]
fn two_minutes_in_process_cancel_the_order() {
    let mut app = App::new(8, u32::MAX);
    let (payment, actions) = drive(&mut app, None);
    assert_eq!(
        payment.phase,
        Phase::Cancelled {
            reason: CancelReason::TimedOut
        }
    );
    assert_eq!((app.charges, app.cancels), (0, 1));
    // Released at 1 000 ms, polled every 2 s, the poll at 121 000 is the last.
    let polls: Vec<u64> = actions
        .iter()
        .filter_map(|a| match a {
            Action::PollAt(at) => Some(*at),
            _ => None,
        })
        .collect();
    assert_eq!(polls.len(), 60);
    assert_eq!(polls.last(), Some(&121_000));
}

#[test]
fn no_answer_while_polling_keeps_polling_within_the_limit() {
    let mut payment = Payment::new(qr(), "R");
    payment.phase = Phase::Paying {
        since: 0,
        next_poll_at: 2_000,
        in_process: 0,
        released: true,
        zero_dollar_pay: false,
    };
    payment.on_poll(Err(LoyaltyError::Unreachable), 2_000);
    assert_eq!(payment.next(), Action::PollAt(4_000));
    assert_eq!(payment.status(), Status::Released, "no poll answered yet");
    payment.on_poll(Ok(PaidStatus::InProcess), 4_000);
    assert_eq!(payment.status(), Status::Paying);
    payment.on_poll(Err(LoyaltyError::UnexpectedAnswer), 120_000);
    assert_eq!(payment.next(), Action::CancelAt(120_000));
}

#[test]
fn a_failed_payment_may_be_retried_or_cancelled() {
    let mut app = App::new(8, 1);
    app.fails = true;
    let (mut payment, _) = drive(&mut app, None);
    assert_eq!(payment.status(), Status::Failed);
    assert_eq!(payment.next(), Action::AwaitCashier);
    let failed = payment.clone();
    payment.release(200_000).unwrap();
    assert_eq!(payment.next(), Action::SendRelease);
    let mut other_tender = failed;
    other_tender.cancel(200_000).unwrap();
    assert_eq!(other_tender.next(), Action::CancelAt(200_000));
    other_tender.on_cancel(Ok(()), 200_000);
    assert_eq!(other_tender.status(), Status::Cancelled);
    assert_eq!(app.charges, 0);
}

#[test]
fn a_cancel_refused_because_the_app_was_paid_ends_paid() {
    let mut payment = Payment::new(qr(), "R");
    payment.phase = Phase::Cancelling {
        reason: CancelReason::ByCashier,
        retry_at: 0,
    };
    payment.on_cancel(Err(LoyaltyError::Unreachable), 10);
    assert_eq!(payment.next(), Action::CancelAt(10 + CANCEL_RETRY_MS));
    payment.on_cancel(Err(LoyaltyError::Rejected("already paid".into())), 3_000);
    assert_eq!(payment.next(), Action::PollAt(3_000));
    payment.on_poll(Err(LoyaltyError::Unreachable), 3_000);
    assert_eq!(payment.next(), Action::PollAt(5_000));
    payment.on_poll(Ok(PaidStatus::Paid(paid(8))), 5_000);
    assert_eq!(payment.next(), Action::Finalize(paid(8)));

    payment.phase = Phase::Verifying {
        next_poll_at: 0,
        message: "refused".into(),
    };
    payment.on_poll(Ok(PaidStatus::InProcess), 10);
    assert_eq!(
        payment.phase,
        Phase::Failed {
            message: "refused".into()
        }
    );
}

#[test]
fn a_mismatch_stops_and_a_changed_cart_orders_again() {
    let mut payment = Payment::new(qr(), "R");
    payment.on_order(Err(LoyaltyError::Unreachable));
    assert_eq!(payment.next(), Action::SendOrder, "no answer: send again");
    payment.on_order(Ok(accepted(8)));
    payment.on_bill_info(Ok(sum(9)), sum(8));
    assert_eq!(
        payment.phase,
        Phase::Stopped {
            reason: StopReason::Mismatch {
                total_payable: sum(9),
                due: sum(8)
            }
        }
    );
    assert_eq!(payment.release(0), Err(NotNow));
    payment.cart_changed().unwrap();
    assert_eq!(payment.phase, Phase::Ordering { again: true });
    // The server has an order now: a cancel is sent.
    payment.cancel(5).unwrap();
    assert_eq!(payment.next(), Action::CancelAt(5));
}

#[test]
fn removing_the_voucher_orders_again_before_the_release_only() {
    let mut payment = Payment::new(qr(), "R");
    assert_eq!(payment.remove_voucher(), Err(NotNow));
    payment.on_order(Ok(accepted(6)));
    payment.on_bill_info(Ok(sum(6)), sum(6));
    payment.remove_voucher().unwrap();
    assert_eq!(payment.next(), Action::SendRemoveVoucher);
    payment.on_remove_voucher(Err(LoyaltyError::Unreachable));
    assert_eq!(payment.next(), Action::SendRemoveVoucher);
    payment.on_remove_voucher(Ok(()));
    assert_eq!(payment.next(), Action::SendOrder);
    payment.on_order(Ok(accepted(8)));
    payment.on_bill_info(Ok(sum(8)), sum(8));
    payment.release(0).unwrap();
    assert_eq!(payment.remove_voucher(), Err(NotNow));
    assert_eq!(payment.cart_changed(), Err(NotNow));
}

#[test]
fn a_refused_order_ends_and_a_fresh_one_cancels_without_a_call() {
    let mut payment = Payment::new(qr(), "R");
    payment.on_order(Err(LoyaltyError::Rejected("code already used".into())));
    assert_eq!(payment.status(), Status::Failed);
    assert_eq!(payment.next(), Action::Done);
    let mut fresh = Payment::new(qr(), "R");
    fresh.cancel(0).unwrap();
    assert_eq!(fresh.next(), Action::Done);
}

#[test]
fn a_zero_dollar_pay_polls_at_once() {
    let mut app = App::new(0, 0);
    let (payment, actions) = drive(&mut app, None);
    assert_eq!(payment.phase, Phase::Paid { paid: paid(0) });
    assert_eq!(actions[4], Action::PollAt(1_000), "no 2 s wait");
}

#[test]
fn the_stored_form_keeps_amounts_as_text() {
    let mut payment = Payment::new(qr(), "R");
    payment.phase = Phase::Paid { paid: paid(8) };
    let json = serde_json::to_string(&payment).unwrap();
    assert!(json.contains(r#""paidAmount":"8.00""#), "{json}");
    assert!(
        json.contains(r#""qr":"QR-20261201-0A1B-0000001""#),
        "{json}"
    );
    assert!(serde_json::from_str::<Payment>(&json.replace("QR-2026", "XX-2026")).is_err());
}
