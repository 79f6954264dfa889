//! Drives the AppsPOS payment of the checkout: the pure step machine
//! (`loyalty::appspos::payment`) says what to send next, this sends it,
//! feeds the answer back into the payment as it is *now* (a cashier's
//! cancel during a poll wins), and stores the new state. Every call first
//! renews this tab's lease on the payment and stores the state it acts on,
//! in one transaction, so two tabs of one till never both drive it and a
//! tab that takes over goes on from what the other stored.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::finalize::finalize_sale;
use super::state::{Checkout, Dialog};
use crate::domain::line::Line;
use crate::domain::money::Money;
use crate::domain::payment::Settlement;
use crate::domain::receipt::lines_total;
use crate::domain::transaction_qr::TransactionQr;
use crate::i18n::{Describe, Text};
use crate::loyalty::appspos::payment::{Action, NotNow, Payment};
use crate::loyalty::appspos::{plan, wire};
use crate::loyalty::error::LoyaltyError;
use crate::store::db::InAppClaim;
use crate::store::in_app::{InAppProblem, InAppRecord, InAppSale};
use crate::ui::outbox::Outbox;
use crate::ui::session::CurrentSession;
use crate::web::clock::{now_ms, sleep};

/// How long this tab holds the payment without renewing: beyond the 10 s
/// request timeout.
const LEASE_MS: u64 = 15_000;
/// A call without an answer (or a lease another tab holds) is tried again
/// after this long.
const RETRY_MS: u32 = 2_000;
/// The longest nap while waiting for the next poll: the cashier's cancel
/// goes out this soon.
const NAP_MS: u64 = 250;

#[derive(Clone, Copy)]
pub struct Flow {
    checkout: Checkout,
    current: CurrentSession,
    outbox: Outbox,
    /// What keeps the payment from going on that its phase does not say:
    /// no answer, credentials refused, another tab.
    pub trouble: RwSignal<Option<Text>>,
    /// The paid sale is being finalized.
    pub busy: RwSignal<bool>,
    running: RwSignal<bool>,
    tab: StoredValue<String>,
}

impl Flow {
    pub fn new() -> Flow {
        Flow {
            checkout: Checkout::get(),
            current: CurrentSession::get(),
            outbox: Outbox::get(),
            trouble: RwSignal::new(None),
            busy: RwSignal::new(false),
            running: RwSignal::new(false),
            tab: StoredValue::new(crate::web::till::lasting_tab_id()),
        }
    }

    /// A transaction code scanned or typed: the order begins with a receipt
    /// number of its own, stored before anything is sent.
    pub fn begin(self, qr: TransactionQr) {
        let Some(session) = self.current.session() else {
            return;
        };
        let till = crate::web::till::till_id();
        let ordered = self.cart_lines();
        let checkout = self.checkout;
        spawn_local(async move {
            let begun = session
                .store
                .begin_in_app(|sequence| {
                    let invoice_no =
                        crate::store::records::receipt_number(&till, &session.shift_tag, sequence);
                    InAppRecord::new(&InAppSale {
                        payment: Payment::new(qr, &invoice_no),
                        sequence,
                        ordered,
                        voucher: Money::ZERO,
                    })
                })
                .await;
            match begun.ok().and_then(|record| record.sale()) {
                Some(sale) => {
                    checkout.in_app.set(Some(sale));
                    self.drive();
                }
                None => self.trouble.set(Some(Text::ErrStorageUnavailable)),
            }
        });
    }

    /// A cashier's decision (release, cancel, remove the voucher): applied
    /// and stored, then the payment goes on.
    pub fn decide(self, decision: impl FnOnce(&mut Payment, u64) -> Result<(), NotNow>) {
        let Some(mut sale) = self.checkout.in_app.get_untracked() else {
            return;
        };
        if decision(&mut sale.payment, now_ms()).is_err() {
            return;
        }
        self.trouble.set(None);
        // Set at once, in the same turn it was read: no answer can have
        // come in between.
        self.checkout.in_app.set(Some(sale.clone()));
        let Some(session) = self.current.session() else {
            return;
        };
        spawn_local(async move {
            let _ = session
                .store
                .set_in_app(Some(&InAppRecord::new(&sale)))
                .await;
            self.drive();
        });
    }

    /// Goes on from where the payment is, unless it is already going.
    pub fn drive(self) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        spawn_local(async move {
            self.run().await;
            let _ = self.running.try_set(false);
        });
    }

    fn cart_lines(self) -> Vec<Line> {
        self.checkout
            .cart
            .with_untracked(|cart| cart.lines().to_vec())
    }

    async fn run(self) {
        loop {
            // A dialog closed and opened again starts a driver of its own.
            if self.running.try_get_untracked().is_none() {
                return;
            }
            let (Some(session), Some(Some(mut sale))) = (
                self.current.session(),
                self.checkout.in_app.try_get_untracked(),
            ) else {
                return;
            };
            let now = now_ms();
            // A cart changed since the order is ordered again (before the
            // release only: the machine refuses later).
            let lines = self.cart_lines();
            if lines != sale.ordered
                && !matches!(sale.payment.next(), Action::SendOrder)
                && sale.payment.cart_changed().is_ok()
            {
                self.store(sale).await;
                continue;
            }
            let action = sale.payment.next();
            match action {
                Action::AwaitCashier => return,
                Action::Done => {
                    let _ = session.store.set_in_app(None).await;
                    return;
                }
                Action::Finalize(_) => return self.finalize().await,
                Action::PollAt(at) | Action::CancelAt(at) if at > now => {
                    sleep(u32::try_from((at - now).min(NAP_MS)).unwrap_or(0)).await;
                    continue;
                }
                _ => {}
            }
            let record = InAppRecord::new(&sale);
            match session
                .store
                .claim_in_app(&self.tab.get_value(), now, LEASE_MS, &record)
                .await
            {
                Ok(InAppClaim::Go) => {}
                Ok(InAppClaim::Adopt(stored)) => {
                    // Another tab went on meanwhile: its state is the truth.
                    let _ = self
                        .checkout
                        .in_app
                        .try_set(stored.as_ref().and_then(InAppRecord::sale));
                    continue;
                }
                Ok(InAppClaim::Busy) => {
                    let _ = self
                        .trouble
                        .try_set(Some(Describe::text(&InAppProblem::OtherTab)));
                    sleep(RETRY_MS).await;
                    continue;
                }
                Err(_) => {
                    let _ = self.trouble.try_set(Some(Text::ErrStorageUnavailable));
                    sleep(RETRY_MS).await;
                    continue;
                }
            }
            let Some(client) = session.backend.appspos() else {
                return;
            };
            let before = sale.payment.phase.clone();
            let qr = sale.payment.qr.clone();
            let invoice_no = sale.payment.invoice_no.clone();
            let problem: Option<LoyaltyError> = match action {
                Action::SendOrder => {
                    let order = plan::order(&qr, &invoice_no, &lines);
                    let answer = client.order(&order).await;
                    let voucher = match &answer {
                        Ok(accepted) => accepted
                            .voucher(&qr, lines_total(&lines))
                            .map(|v| v.map_or(Money::ZERO, |v| v.amount)),
                        Err(e) => Err(e.clone()),
                    };
                    let problem = voucher.as_ref().err().cloned();
                    self.apply(|sale| match voucher {
                        Ok(voucher) => {
                            sale.payment.on_order(answer);
                            sale.ordered = lines;
                            sale.voucher = voucher;
                        }
                        Err(e) => sale.payment.on_order(Err(e)),
                    });
                    problem
                }
                Action::SendBillInfo => {
                    let (bill, due) =
                        plan::bill_info(&qr, &invoice_no, &sale.ordered, sale.voucher);
                    let answer = client.bill_info(&bill).await;
                    let problem = answer.as_ref().err().cloned();
                    self.apply(|sale| sale.payment.on_bill_info(answer, due));
                    problem
                }
                Action::SendRemoveVoucher => {
                    let answer = client.done(&wire::remove_voucher(&qr, &invoice_no)).await;
                    let problem = answer.as_ref().err().cloned();
                    self.apply(|sale| {
                        if answer.is_ok() {
                            sale.voucher = Money::ZERO;
                        }
                        sale.payment.on_remove_voucher(answer);
                    });
                    problem
                }
                Action::SendRelease => {
                    let answer = client.done(&wire::release(&qr)).await;
                    let problem = answer.as_ref().err().cloned();
                    self.apply(|sale| sale.payment.on_release(answer, now_ms()));
                    problem
                }
                Action::PollAt(_) => {
                    let answer = client
                        .paid_status(&wire::paid_status(&qr, &invoice_no))
                        .await;
                    let problem = answer.as_ref().err().cloned();
                    self.apply(|sale| sale.payment.on_poll(answer, now_ms()));
                    problem
                }
                Action::CancelAt(_) => {
                    let answer = client.done(&wire::cancel(&qr)).await;
                    let problem = answer.as_ref().err().cloned();
                    self.apply(|sale| sale.payment.on_cancel(answer, now_ms()));
                    problem
                }
                Action::AwaitCashier | Action::Done | Action::Finalize(_) => None,
            };
            let Some(Some(latest)) = self.checkout.in_app.try_get_untracked() else {
                return;
            };
            self.store(latest.clone()).await;
            let moved = latest.payment.phase != before;
            let _ = self.trouble.try_set(match &problem {
                Some(LoyaltyError::TokenRejected) => Some(Text::ErrAppsPosCredentials),
                Some(e @ (LoyaltyError::Unreachable | LoyaltyError::UnexpectedAnswer)) => {
                    Some(e.text())
                }
                _ => None,
            });
            match problem {
                // The machine schedules polls and cancels itself.
                _ if moved || matches!(action, Action::PollAt(_) | Action::CancelAt(_)) => {}
                // No answer: the same call again in a moment (it is keyed
                // by the invoice, so a repeat changes nothing).
                Some(LoyaltyError::Unreachable) => sleep(RETRY_MS).await,
                // Credentials or an answer that does not check: the cashier
                // decides (try again, cancel, log in again).
                Some(_) => return,
                None => {}
            }
        }
    }

    /// Applies an answer to the payment as it is now.
    fn apply(self, change: impl FnOnce(&mut InAppSale)) {
        let _ = self.checkout.in_app.try_update(|sale| {
            if let Some(sale) = sale {
                change(sale);
            }
        });
    }

    async fn store(self, sale: InAppSale) {
        let _ = self.checkout.in_app.try_set(Some(sale.clone()));
        if let Some(session) = self.current.session() {
            if session
                .store
                .set_in_app(Some(&InAppRecord::new(&sale)))
                .await
                .is_err()
            {
                let _ = self.trouble.try_set(Some(Text::ErrStorageUnavailable));
            }
        }
    }

    /// Paid in the app: the sale is finalized with the app's tender; any
    /// rest is taken in cash or card in the payment dialog.
    async fn finalize(self) {
        let Some(session) = self.current.session() else {
            return;
        };
        let rest = self.checkout.totals.get_untracked().total_due;
        if !rest.is_zero() {
            self.checkout.dialog.set(Dialog::Payment);
            return;
        }
        let Ok(nothing) = Settlement::new(Money::ZERO, Money::ZERO, Money::ZERO) else {
            return;
        };
        let _ = self.busy.try_set(true);
        let outcome = finalize_sale(session, self.checkout, self.outbox, nothing).await;
        let _ = self.busy.try_set(false);
        match outcome {
            Ok(outcome) => {
                self.checkout.outcome.set(Some(outcome));
                self.checkout.dialog.set(Dialog::Result);
            }
            Err(text) => {
                let _ = self.trouble.try_set(Some(text));
            }
        }
    }
}
