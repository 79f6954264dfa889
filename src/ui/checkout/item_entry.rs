use leptos::html::Input;
use leptos::prelude::*;

use super::state::{Checkout, Dialog};
use crate::domain::catalog::Scanned;
use crate::i18n::{Describe, Text};
use crate::scan::wedge::WedgeKey;
use crate::ui::field::ErrorLine;
use crate::ui::locale::Locale;
use crate::web::focus;

/// The barcode field. It holds the focus whenever no dialog is open, so a
/// keyboard-wedge scanner (which types the code and Enter) always lands here.
#[component]
pub fn ItemEntry() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let input: NodeRef<Input> = NodeRef::new();

    Effect::new(move |_| {
        if checkout.dialog.get() == Dialog::None {
            if let Some(input) = input.get() {
                let _ = input.focus();
            }
        }
    });

    // A tap on a cart button leaves the focus on that button, where the
    // scanner's Enter would press it again. Any printable key typed outside
    // a text field goes to the barcode field instead.
    let typing = window_event_listener(leptos::ev::keydown, move |ev| {
        let with_modifier = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        let printable = WedgeKey::from_key(&ev.key(), with_modifier) == WedgeKey::Char;
        let idle = checkout.dialog.get_untracked() == Dialog::None;
        if printable && idle && !focus::in_text_field() {
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    });
    // Gone with the checkout: on the login screen its state no longer exists.
    on_cleanup(move || typing.remove());

    // Codes scanned while the catalog is still being read (the first
    // seconds of a shift) are looked up as soon as it is there, in order.
    let early = StoredValue::new(Vec::<String>::new());
    let look_up = move |typed: &str| {
        let found = checkout.shelf.catalog.with_untracked(|catalog| {
            catalog.as_ref().map(|catalog| {
                match catalog.scanned(typed, &checkout.shelf.scale.get_untracked()) {
                    Scanned::Line(line) => Ok(Some(line)),
                    Scanned::Weigh(product) => {
                        checkout.dialog.set(Dialog::Quantity {
                            product: product.id().clone(),
                            barcode: typed.to_owned(),
                        });
                        Ok(None)
                    }
                    Scanned::Unknown => Err(Text::ErrUnknownBarcode),
                    Scanned::Misread(error) => Err(error.text()),
                }
            })
        });
        match found {
            Some(Ok(line)) => {
                if let Some(line) = line {
                    checkout.cart.update(|cart| {
                        cart.add_scanned(line);
                    });
                }
                error.set(None);
            }
            Some(Err(text)) => error.set(Some(text)),
            None => early.update_value(|codes| codes.push(typed.to_owned())),
        }
    };
    Effect::new(move |_| {
        if checkout.shelf.catalog.with(Option::is_some) {
            for typed in early.try_update_value(std::mem::take).unwrap_or_default() {
                look_up(&typed);
            }
        }
    });
    let add = move || {
        let typed = code.get_untracked();
        let typed = typed.trim();
        if typed.is_empty() {
            return;
        }
        look_up(typed);
        code.set(String::new());
    };

    view! {
        <div class="item-entry">
            <input
                node_ref=input
                class="barcode-input"
                data-testid="item-barcode-input"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="enter"
                placeholder=move || locale.t(Text::ItemBarcode)
                aria-label=move || locale.t(Text::ItemBarcode)
                prop:value=move || code.get()
                on:input=move |ev| code.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        add();
                    }
                }
                on:blur=move |_| {
                    // Give the focus back after taps elsewhere on the screen,
                    // unless a dialog took it. By the next frame the checkout
                    // may be gone (the shift was left), hence `try_`.
                    request_animation_frame(move || {
                        let idle = checkout.dialog.try_get_untracked() == Some(Dialog::None);
                        if idle && focus::focused().is_none() {
                            if let Some(input) = input.try_get_untracked().flatten() {
                                let _ = input.focus();
                            }
                        }
                    });
                }
            />
            <button
                type="button"
                class="secondary"
                data-testid="item-add-manual"
                on:click=move |_| {
                    error.set(None);
                    checkout.dialog.set(Dialog::Item(None));
                }
            >
                {move || locale.t(Text::ItemAddManual)}
            </button>
        </div>
        <ErrorLine error=error test_id="item-error"/>
    }
}
