//! The customer-facing window: the receipt as the cashier builds it, the
//! amount to pay, then thanks with the cashback earned. It only listens:
//! no controls, no storage, no shift.

use leptos::prelude::*;

use super::checkout::DISPLAY_HELLO;
use super::locale::Locale;
use super::money::MoneyText;
use crate::domain::customer_view::{money, CustomerView, ViewLine};
use crate::domain::money::Money;
use crate::domain::number_input::format_quantity;
use crate::domain::quantity::Quantity;
use crate::i18n::{Lang, Text};
use crate::web::customer_display::DisplayChannel;

#[component]
pub fn CustomerDisplay() -> impl IntoView {
    Locale::provide();
    let locale = Locale::get();
    let view = RwSignal::new(CustomerView::default());
    let channel = DisplayChannel::open(move |text| {
        let Some(shown) = CustomerView::from_json(&text) else {
            return;
        };
        if let Some(lang) = Lang::from_code(&shown.lang) {
            if lang != locale.lang_untracked() {
                locale.set(lang);
            }
        }
        view.set(shown);
    });
    if let Some(channel) = &channel {
        channel.post(DISPLAY_HELLO);
    }
    let channel = StoredValue::new_local(channel);
    on_cleanup(move || drop(channel.try_update_value(Option::take)));

    let figure = move |pick: fn(&CustomerView) -> &str| {
        Signal::derive(move || view.with(|v| money(pick(v)).unwrap_or(Money::ZERO)))
    };
    view! {
        <main class="customer-display">
            <h1 class="brand">{move || locale.t(Text::AppName)}</h1>
            {move || view.with(|v| v.customer.clone()).map(|name| view! {
                <p class="cd-customer" data-testid="cd-customer">{name}</p>
            })}
            <Show when=move || view.with(|v| v.lines.is_empty() && v.thanks.is_none())>
                <p class="cd-welcome">{move || locale.t(Text::CustomerDisplayWelcome)}</p>
            </Show>
            <ul class="cd-lines">
                {move || view.with(|v| v.lines.clone()).into_iter().map(|line| view! { <DisplayLine line=line/> }).collect_view()}
            </ul>
            <dl class="cd-totals">
                <div class="row">
                    <dt>{move || locale.t(Text::TotalBeforeBonus)}</dt>
                    <dd><MoneyText value=figure(|v| &v.total) test_id="cd-total"/></dd>
                </div>
                <Show when=move || view.with(|v| money(&v.bonus).is_some_and(|b| !b.is_zero()))>
                    <div class="row">
                        <dt>{move || locale.t(Text::BonusApplied)}</dt>
                        <dd><MoneyText value=figure(|v| &v.bonus) test_id="cd-bonus"/></dd>
                    </div>
                </Show>
                <div class="row cd-due">
                    <dt>{move || locale.t(Text::TotalDue)}</dt>
                    <dd><MoneyText value=figure(|v| &v.due) test_id="cd-due"/></dd>
                </div>
            </dl>
            {move || view.with(|v| v.thanks.clone()).map(|thanks| {
                let change = money(&thanks.change).unwrap_or(Money::ZERO);
                let earned = thanks.earned.as_deref().and_then(money);
                view! {
                    <section class="cd-thanks" data-testid="cd-thanks">
                        <p class="cd-thanks-title">{move || locale.t(Text::ReceiptThanks)}</p>
                        <p>{move || locale.t(Text::PayChange)} ": " <MoneyText value=Signal::stored(change) test_id="cd-change"/></p>
                        {earned.map(|earned| view! {
                            <p>{move || locale.t(Text::BonusEarned)} ": " <MoneyText value=Signal::stored(earned) test_id="cd-earned"/></p>
                        })}
                    </section>
                }
            })}
        </main>
    }
}

#[component]
fn DisplayLine(line: ViewLine) -> impl IntoView {
    let locale = Locale::get();
    let quantity = line
        .quantity
        .parse()
        .ok()
        .and_then(|q| Quantity::new(q).ok());
    let total = money(&line.total).unwrap_or(Money::ZERO);
    view! {
        <li class="row" data-testid="cd-line">
            <span class="cd-name">{line.name}</span>
            <span class="cd-qty">{move || quantity.map(|q| format_quantity(q, locale.lang().number_style())).unwrap_or_default()}</span>
            <MoneyText value=Signal::stored(total) test_id="cd-line-total"/>
        </li>
    }
}
