use leptos::prelude::*;

use super::locale::Locale;
use crate::domain::money::Money;

/// An amount on screen: formatted for the cashier, with the plain decimal in
/// `data-value` for tests and integrations.
#[component]
pub fn MoneyText(#[prop(into)] value: Signal<Money>, test_id: &'static str) -> impl IntoView {
    let locale = Locale::get();
    view! {
        <span class="money" data-testid=test_id data-value=move || value.get().to_string()>
            {move || locale.money(value.get())}
        </span>
    }
}
