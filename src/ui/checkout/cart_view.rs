use leptos::prelude::*;

use super::state::{Checkout, Dialog};
use crate::domain::cart::LineId;
use crate::domain::money::Money;
use crate::domain::number_input::format_quantity;
use crate::domain::quantity::Quantity;
use crate::i18n::Text;
use crate::ui::dom_id;
use crate::ui::locale::Locale;
use crate::ui::money::MoneyText;

/// The receipt lines, in scan order.
#[component]
pub fn CartView() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let ids = Memo::new(move |_| checkout.cart.with(|cart| cart.ids().to_vec()));
    view! {
        <Show
            when=move || !ids.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <p class="cart-empty muted" data-testid="cart-empty">
                        {move || locale.t(Text::CartEmpty)}
                    </p>
                }
            }
        >
            // The list's own scroll box on a tablet; the stylesheet anchors it
            // at the newest line.
            <div class="cart-scroll">
                <ol class="cart">
                    <For each=move || ids.get() key=|id| *id let:id>
                        <CartRow id=id/>
                    </For>
                </ol>
            </div>
        </Show>
    }
}

/// One line; it follows its line by id while quantities change.
#[component]
fn CartRow(id: LineId) -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let line = Memo::new(move |_| checkout.cart.with(|cart| cart.line(id).cloned()));
    let field = move |read: fn(&crate::domain::line::Line) -> Money| {
        Signal::derive(move || line.with(|l| l.as_ref().map_or(Money::ZERO, read)))
    };
    let total = field(|l| l.total());
    let price = field(|l| l.unit_price());
    let discount = field(|l| l.discount());
    let qty_text = move || {
        line.with(|l| {
            l.as_ref()
                .map(|l| format_quantity(l.quantity(), locale.lang().number_style()))
                .unwrap_or_default()
        })
    };
    let change =
        move |step: fn(Quantity) -> Result<Quantity, crate::domain::quantity::QuantityError>| {
            checkout.cart.update(|cart| {
                let _ = cart.change_quantity(id, step);
            });
        };

    // The row's buttons say which product they change.
    let name_id = dom_id::unique("line-name");

    view! {
        <li class="cart-line" data-testid="cart-line">
            <button
                type="button"
                class="line-main"
                on:click=move |_| checkout.dialog.set(Dialog::Item(Some(id)))
            >
                // Named by what it shows, so speech input finds it by the
                // product's name; the word says what a press does.
                <span class="visually-hidden">{move || locale.t(Text::LineEdit)} ": "</span>
                <span class="line-name" id=name_id.clone() data-testid="line-name">
                    {move || line.with(|l| l.as_ref().map(|l| l.name().to_owned()).unwrap_or_default())}
                </span>
                <span class="line-detail muted">
                    <span>{qty_text}</span>
                    " × "
                    <span>{move || locale.money(price.get())}</span>
                    <Show when=move || !discount.get().is_zero()>
                        " − "
                        {move || locale.money(discount.get())}
                        " "
                        {move || locale.t(Text::LineDiscountShort)}
                    </Show>
                </span>
            </button>
            <div class="line-qty-controls">
                <button
                    type="button"
                    class="round"
                    aria-label=move || locale.t(Text::LineLess)
                    aria-describedby=name_id.clone()
                    data-testid="line-qty-minus"
                    on:click=move |_| change(Quantity::decrement)
                >
                    "−"
                </button>
                <span class="line-qty" data-testid="line-qty" data-value=move || {
                    line.with(|l| l.as_ref().map(|l| l.quantity().to_string()).unwrap_or_default())
                }>
                    {qty_text}
                </span>
                <button
                    type="button"
                    class="round"
                    aria-label=move || locale.t(Text::LineMore)
                    aria-describedby=name_id.clone()
                    data-testid="line-qty-plus"
                    on:click=move |_| change(Quantity::increment)
                >
                    "+"
                </button>
            </div>
            <MoneyText value=total test_id="line-total"/>
            <button
                type="button"
                class="ghost danger"
                data-testid="line-remove"
                aria-label=move || locale.t(Text::LineRemove)
                aria-describedby=name_id
                on:click=move |_| checkout.cart.update(|cart| cart.remove(id))
            >
                "✕"
            </button>
        </li>
    }
}
