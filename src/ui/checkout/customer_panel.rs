use leptos::prelude::*;

use super::shortcuts::Shortcut;
use super::state::{Checkout, Dialog};
use crate::domain::money::Money;
use crate::domain::provider::BalanceKind;
use crate::i18n::Text;
use crate::ui::locale::Locale;
use crate::ui::money::MoneyText;
use crate::ui::on_demand::{on_demand, Parts};

/// The loyalty customer of this receipt, or the button to scan one.
#[component]
pub fn CustomerPanel() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let parts = Parts::get();
    let has_customer = move || checkout.customer.with(Option::is_some);
    view! {
        <section class="card customer">
            <h2 class="section-title">{move || locale.t(Text::CustomerTitle)}</h2>
            // Stays on the page while its content changes, so a screen reader
            // announces the customer found (or gone) while the focus is
            // back on the barcode field.
            <div role="status">
                <Show
                    when=has_customer
                    fallback=move || view! { <p class="muted">{move || locale.t(Text::NoCustomer)}</p> }
                >
                    // The name is text, never markup: whatever the server sends stays inert.
                    <p class="customer-name" data-testid="customer-name">
                        {move || checkout.customer.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())}
                    </p>
                </Show>
            </div>
            <Show
                when=has_customer
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            data-testid="scan-open"
                            aria-keyshortcuts=Shortcut::FindCustomer.key()
                            on:click=move |_| checkout.dialog.set(Dialog::Scan)
                        >
                            {move || locale.t(Text::ScanOpen)}
                        </button>
                    }
                }
            >
                {on_demand((parts.customer_details)())}
            </Show>
        </section>
    }
}

/// The customer's balance (money or points) and the way to take them off
/// the receipt: downloaded with the customer dialogs, which come first.
#[component]
pub fn CustomerDetails() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let balance = Signal::derive(move || {
        checkout
            .customer
            .with(|c| c.as_ref().map_or(Money::ZERO, |c| c.balance))
    });
    view! {
                <Show when=move || checkout.provider.capabilities().balance == BalanceKind::Money>
                    <dl>
                        <div class="row">
                            <dt>{move || locale.t(Text::CustomerBalance)}</dt>
                            <dd><MoneyText value=balance test_id="customer-balance"/></dd>
                        </div>
                        <div class="row">
                            <dt>{move || locale.t(Text::CustomerPercent)}</dt>
                            <dd>
                                <span data-testid="customer-percent">
                                    {move || checkout.customer.with(|c| c.as_ref().map(|c| c.percent.normalize().to_string()).unwrap_or_default())}
                                </span>
                                "%"
                            </dd>
                        </div>
                    </dl>
                </Show>
                <Show when=move || checkout.provider.capabilities().balance == BalanceKind::Points>
                    <PointsBalance/>
                </Show>
                <button
                    type="button"
                    class="ghost"
                    data-testid="customer-clear"
                    on:click=move |_| checkout.clear_customer()
                >
                    {move || locale.t(Text::CustomerClear)}
                </button>
    }
}

/// A points member's balance, tier and the way to correct their details.
#[component]
fn PointsBalance() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let points = move || {
        checkout
            .customer
            .with(|c| c.as_ref().and_then(|c| c.points))
            .unwrap_or(0)
    };
    let tier = move || {
        checkout
            .customer
            .with(|c| c.as_ref().and_then(|c| c.tier.clone()))
            .unwrap_or_default()
    };
    view! {
        <dl>
            <div class="row">
                <dt>{move || locale.t(Text::CustomerPoints)}</dt>
                <dd><span data-testid="customer-points" data-value=points>{points}</span></dd>
            </div>
            <div class="row">
                <dt>{move || locale.t(Text::CustomerTier)}</dt>
                <dd><span data-testid="customer-tier">{tier}</span></dd>
            </div>
        </dl>
        <Show when=move || checkout.provider.capabilities().enrolment>
            <button type="button" class="ghost" data-testid="customer-edit"
                on:click=move |_| checkout.dialog.set(Dialog::EditMember)>
                {move || locale.t(Text::CustomerEdit)}
            </button>
        </Show>
    }
}
