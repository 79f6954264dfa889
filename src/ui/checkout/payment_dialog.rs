use leptos::prelude::*;
use leptos::task::spawn_local;

use super::finalize::finalize_sale;
use super::state::{Checkout, Dialog};
use crate::domain::money::Money;
use crate::domain::number_input::{parse_money, InputError};
use crate::domain::payment::Settlement;
use crate::i18n::{Describe, Text};
use crate::store::in_app::InAppProblem;
use crate::ui::field::{AmountField, ErrorLine};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::outbox::Outbox;
use crate::ui::session::CurrentSession;

/// An amount field left empty means zero.
fn amount_or_zero(text: &str) -> Result<Money, InputError> {
    if text.trim().is_empty() {
        Ok(Money::ZERO)
    } else {
        parse_money(text)
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
        if checkout.in_app_unsettled() {
            return error.set(Some(InAppProblem::UnderWay.text()));
        }
        busy.set(true);
        spawn_local(async move {
            let outcome = finalize_sale(session, checkout, outbox, settlement).await;
            let outcome = match outcome {
                Ok(outcome) => outcome,
                Err(text) => {
                    busy.set(false);
                    return error.set(Some(text));
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
