use leptos::prelude::*;

use super::state::Checkout;
use crate::domain::cashback;
use crate::domain::money::Money;
use crate::domain::number_input::parse_money;
use crate::i18n::{Describe, Text};
use crate::ui::field::{AmountField, ErrorLine};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;

/// How much of the customer's cashback this receipt spends.
#[component]
pub fn BonusDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let max = Signal::derive(move || {
        let total = checkout.totals.get().total_before_bonus;
        checkout
            .customer
            .with(|c| cashback::max_spend(c.as_ref(), total))
    });
    let current = checkout.bonus.get_untracked();
    let amount = RwSignal::new(if current.is_zero() {
        String::new()
    } else {
        locale.money(current)
    });
    let error = RwSignal::new(None::<Text>);

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = parse_money(&amount.get())
            .map_err(|e| e.text())
            .and_then(|value| {
                let total = checkout.totals.get_untracked().total_before_bonus;
                checkout
                    .customer
                    .with_untracked(|c| cashback::check_spend(value, c.as_ref(), total))
                    .map_err(|e| e.text())
            });
        match checked {
            Ok(bonus) => {
                checkout.bonus.set(bonus);
                checkout.close_dialog();
            }
            Err(text) => error.set(Some(text)),
        }
    };

    view! {
        <Modal title=Text::BonusTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <form class="stack" on:submit=apply novalidate=true>
                <p class="muted">
                    {move || locale.t(Text::BonusAvailable)} ": "
                    <MoneyText value=max test_id="bonus-available"/>
                </p>
                <AmountField
                    label=Text::BonusAmount
                    test_id="bonus-input"
                    value=amount
                    shortcut=Text::BonusMax
                    shortcut_test_id="bonus-max"
                    on_shortcut=Callback::new(move |_| {
                        error.set(None);
                        amount.set(locale.money(max.get_untracked()));
                    })
                    autofocus=true
                />
                <ErrorLine error=error test_id="bonus-error"/>
                <div class="actions">
                    <button
                        type="button"
                        class="ghost"
                        data-testid="bonus-remove"
                        on:click=move |_| {
                            checkout.bonus.set(Money::ZERO);
                            checkout.close_dialog();
                        }
                    >
                        {move || locale.t(Text::BonusRemove)}
                    </button>
                    <button type="submit" class="primary" data-testid="bonus-apply">
                        {move || locale.t(Text::BonusApply)}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
