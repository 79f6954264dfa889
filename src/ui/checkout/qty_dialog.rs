//! The weight of a weighed product, typed from the scale's display (up to
//! grams), instead of selling one kilogram.

use leptos::prelude::*;

use super::state::Checkout;
use crate::domain::catalog::ProductId;
use crate::domain::money::Money;
use crate::domain::number_input::parse_quantity;
use crate::i18n::{Describe, Text};
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;

#[component]
pub fn QtyDialog(product: ProductId, barcode: String) -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let shelf = checkout.shelf;
    let name = shelf.catalog.with_untracked(|catalog| {
        catalog
            .as_ref()
            .and_then(|catalog| catalog.product(&product))
            .map(|product| (product.name().to_owned(), product.unit_price()))
    });
    let (name, unit_price) = name.unwrap_or_default();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let line = move || {
        let quantity = parse_quantity(&typed.get()).map_err(|e| e.text())?;
        shelf.catalog.with_untracked(|catalog| {
            catalog
                .as_ref()
                .and_then(|catalog| catalog.product(&product))
                .and_then(|product| product.line_of(quantity, &barcode))
                .ok_or(Text::ErrTooLarge)
        })
    };
    let preview = Signal::derive({
        let line = line.clone();
        move || line().map_or(Money::ZERO, |line| line.total())
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match line() {
            Ok(line) => {
                checkout.cart.update(|cart| {
                    cart.add(line);
                });
                checkout.close_dialog();
            }
            Err(text) => error.set(Some(text)),
        }
    };

    view! {
        <Modal title=Text::QtyTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <form class="stack" novalidate=true on:submit=apply data-testid="qty-dialog">
                <p class="qty-product">
                    <bdi class="line-name">{name}</bdi> " · "
                    <MoneyText value=unit_price test_id="qty-unit-price"/> " "
                    <span class="muted">{move || locale.t(Text::PerKg)}</span>
                </p>
                <Field label=Text::QtyWeight test_id="qty-input" value=typed
                    input_mode="decimal" autofocus=true/>
                <p class="qty-total">
                    <MoneyText value=preview test_id="qty-line-total"/>
                </p>
                <ErrorLine error=error test_id="qty-error"/>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="qty-apply">
                        {move || locale.t(Text::QtyApply)}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
