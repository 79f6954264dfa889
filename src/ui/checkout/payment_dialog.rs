use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{Checkout, Dialog, SaleOutcome, SaleStatus};
use crate::domain::cashback;
use crate::domain::loyalty_tender::{self, LoyaltyTenderKind};
use crate::domain::money::Money;
use crate::domain::number_input::{parse_money, InputError};
use crate::domain::payment::Settlement;
use crate::domain::receipt::Totals;
use crate::domain::sale::{ReceiptNumber, Sale, SaleDraft, SaleError};
use crate::domain::shift::LoyaltyAccess;
use crate::i18n::{Describe, Text};
use crate::loyalty::aos::wire::{PaymentLabels, TransactionBody};
use crate::loyalty::capillary;
use crate::loyalty::error::LoyaltyError;
use crate::store::journal::SaleRecord;
use crate::store::outbox::SaleSettlement;
use crate::store::records::{receipt_number, PendingSale};
use crate::store::step::Step;
use crate::ui::field::{AmountField, ErrorLine};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::outbox::Outbox;
use crate::ui::session::CurrentSession;
use crate::ui::session::Session;

/// An amount field left empty means zero.
fn amount_or_zero(text: &str) -> Result<Money, InputError> {
    if text.trim().is_empty() {
        Ok(Money::ZERO)
    } else {
        parse_money(text)
    }
}

/// Offline policy: a sale that only *earns* cashback may be finalized
/// offline and queued, but one that *spends* it needs the server now — the
/// balance on screen may be stale, and a queued spend could overdraw it.
/// The customer is fetched again and the spend checked against the fresh
/// balance.
async fn confirm_cashback_spend(session: &Session, draft: &SaleDraft) -> Result<(), Text> {
    let spend = loyalty_tender::total_of(&draft.loyalty_tenders, LoyaltyTenderKind::Cashback);
    let Some(customer) = draft.customer.as_ref().filter(|_| !spend.is_zero()) else {
        return Ok(());
    };
    let Some(code) = customer.id.aos_code() else {
        return Err(Text::ErrCashbackNeedsServer);
    };
    let fresh = match session.backend.customer(code).await {
        Ok(fresh) => fresh,
        Err(LoyaltyError::Unreachable) => return Err(Text::ErrCashbackNeedsServer),
        Err(other) => return Err(other.text()),
    };
    let total = Totals::of(&draft.lines, Money::ZERO).total_before_bonus;
    cashback::check_spend(spend, Some(&fresh), total)
        .map(drop)
        .map_err(|e| e.text())
}

/// The steps the sale needs on its loyalty server, stored with it: AOS posts
/// a sale with a customer; Capillary posts every sale (a bill without a
/// member is `not_interested`) and redeems what the receipt used.
fn plan(access: &LoyaltyAccess, sale: &Sale, otp: &str) -> Option<PendingSale> {
    let number = &sale.number().0;
    match access {
        LoyaltyAccess::Aos(access) => sale.customer().map(|_| {
            let body = TransactionBody::new(sale, &access.branch_token, &PaymentLabels::default());
            PendingSale::aos(number, body.to_json())
        }),
        LoyaltyAccess::Capillary(_) => Some(PendingSale::planned(
            number,
            capillary::plan::sale_steps(sale, otp),
        )),
        LoyaltyAccess::None => None,
    }
}

/// Taking the money: cash, card or both; then the sale is finalized and sent.
#[component]
pub fn PaymentDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let cash = RwSignal::new(String::new());
    let card = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    let due = Signal::derive(move || checkout.totals.get().total_due);
    let outbox = Outbox::get();

    let settlement = Memo::new(move |_| -> Result<Settlement, Text> {
        let cash = amount_or_zero(&cash.get()).map_err(|e| e.text())?;
        let card = amount_or_zero(&card.get()).map_err(|e| e.text())?;
        Settlement::new(due.get(), cash, card).map_err(|e| e.text())
    });
    let change =
        Signal::derive(move || settlement.with(|s| s.as_ref().map_or(Money::ZERO, |s| s.change)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(session) = CurrentSession::get().session() else {
            return;
        };
        let settlement = match settlement.get_untracked() {
            Ok(settlement) => settlement,
            Err(text) => return error.set(Some(text)),
        };
        let draft = SaleDraft {
            cashier: session.opening.cashier.clone(),
            customer: checkout.customer.get_untracked(),
            lines: checkout.cart.with_untracked(|cart| cart.lines().to_vec()),
            bill_discount: checkout.bill_discount(),
            loyalty_tenders: checkout.loyalty_tenders(),
            settlement,
        };
        let otp = checkout
            .points
            .with_untracked(|p| p.as_ref().map(|p| p.otp.clone()))
            .unwrap_or_default();
        let finalized_at = crate::web::clock::now();
        let till = crate::web::till::till_id();
        busy.set(true);
        spawn_local(async move {
            if let Err(text) = confirm_cashback_spend(&session, &draft).await {
                busy.set(false);
                return error.set(Some(text));
            }
            let stored = session
                .store
                .finalize(|sequence| {
                    let number = receipt_number(&till, &session.shift_tag, sequence);
                    let sale = Sale::finalize(draft, ReceiptNumber(number.clone()), finalized_at)?;
                    let pending = plan(&session.opening.access, &sale, &otp);
                    let record = SaleRecord::new(&sale, &session.shift_tag);
                    Ok::<_, SaleError>(((sale, pending.clone()), record, pending))
                })
                .await;
            let (sale, pending) = match stored {
                Ok(Ok(made)) => made,
                Ok(Err(refused)) => {
                    busy.set(false);
                    return error.set(Some(refused.text()));
                }
                Err(_) => {
                    busy.set(false);
                    return error.set(Some(Text::ErrStorageUnavailable));
                }
            };
            let finalized = SaleOutcome::finalized(sale);
            // The stored body itself is sent, byte for byte as every retry.
            let outcome = match pending {
                None => finalized,
                // Several steps go through the outbox, one after the other;
                // the result follows them.
                Some(pending) if !pending.steps.is_empty() => {
                    outbox.add(pending);
                    SaleOutcome {
                        status: SaleStatus::Queued,
                        explanation: Some(Text::StatusSending),
                        ..finalized
                    }
                }
                Some(pending) => {
                    let answer = session
                        .backend
                        .send(Step::AosTransaction, &pending.body)
                        .await;
                    let settlement = SaleSettlement {
                        answer: answer.clone(),
                        refused: Vec::new(),
                    };
                    let outcome = finalized.answered(&settlement);
                    if outcome.status == SaleStatus::Queued {
                        outbox.keep(pending, Step::AosTransaction, &answer);
                    } else {
                        let _ = session
                            .store
                            .settle(&pending.receipt_number, &settlement)
                            .await;
                    }
                    outcome
                }
            };
            busy.set(false);
            checkout.outcome.set(Some(outcome));
            checkout.dialog.set(Dialog::Result);
        });
    };

    let nothing_due = move || due.get().is_zero();
    // Once the sale is being stored and sent it is no longer the cashier's
    // to cancel: the result follows in a moment.
    let close = Callback::new(move |_| {
        if !busy.get_untracked() {
            checkout.close_dialog();
        }
    });
    view! {
        <Modal title=Text::PayTitle on_close=close>
            <form class="stack" on:submit=submit novalidate=true>
                <p class="pay-due">
                    {move || locale.t(Text::TotalDue)} ": "
                    <MoneyText value=due test_id="pay-due"/>
                </p>
                <Show when=nothing_due>
                    <p class="muted">{move || locale.t(Text::PayNothingDue)}</p>
                </Show>
                <AmountField
                    label=Text::PayCash
                    test_id="pay-cash-input"
                    value=cash
                    shortcut=Text::PayAllCash
                    on_shortcut=Callback::new(move |_| {
                        card.set(String::new());
                        cash.set(locale.money(due.get_untracked()));
                    })
                    autofocus=true
                />
                <AmountField
                    label=Text::PayCard
                    test_id="pay-card-input"
                    value=card
                    shortcut=Text::PayAllCard
                    on_shortcut=Callback::new(move |_| {
                        cash.set(String::new());
                        card.set(locale.money(due.get_untracked()));
                    })
                />
                <p class="pay-change">
                    {move || locale.t(Text::PayChange)} ": "
                    <MoneyText value=change test_id="pay-change"/>
                </p>
                <ErrorLine error=error test_id="pay-error"/>
                <button type="submit" class="primary big" data-testid="pay-submit" disabled=move || busy.get()>
                    {move || locale.t(Text::PaySubmit)}
                </button>
            </form>
        </Modal>
    }
}
