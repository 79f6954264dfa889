use leptos::prelude::*;

use super::state::Checkout;
use crate::domain::cart::LineId;
use crate::domain::line::{ClassCode, CommissionTin, Line, LineDraft};
use crate::domain::number_input::{format_quantity, parse_money, parse_quantity, InputError};
use crate::i18n::{Describe, Text};
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;

/// The item form: a product typed by hand, or an edit of a cart line.
#[component]
pub fn ItemForm(line: Option<LineId>) -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let existing = line.and_then(|id| checkout.cart.with_untracked(|cart| cart.line(id).cloned()));
    let style = locale.lang().number_style();
    let money_text =
        |m: crate::domain::money::Money| crate::domain::number_input::format_money(m, style);

    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|l| l.name().to_owned())
            .unwrap_or_default(),
    );
    let price = RwSignal::new(
        existing
            .as_ref()
            .map(|l| money_text(l.unit_price()))
            .unwrap_or_default(),
    );
    let qty = RwSignal::new(
        existing
            .as_ref()
            .map_or("1".to_owned(), |l| format_quantity(l.quantity(), style)),
    );
    let vat = RwSignal::new(
        existing
            .as_ref()
            .map_or("12".to_owned(), |l| l.vat_percent().to_string()),
    );
    let discount = RwSignal::new(
        existing
            .as_ref()
            .filter(|l| !l.discount().is_zero())
            .map(|l| money_text(l.discount()))
            .unwrap_or_default(),
    );
    let class_code = RwSignal::new(
        existing
            .as_ref()
            .map(|l| l.class_code().as_str().to_owned())
            .unwrap_or_default(),
    );
    let barcode = existing
        .as_ref()
        .map(|l| l.barcode().to_owned())
        .unwrap_or_default();
    let commission_tin = existing
        .map(|l| l.commission_tin().clone())
        .unwrap_or_default();
    let error = RwSignal::new(None::<Text>);

    let read_form = move || -> Result<Line, Text> {
        let input = |e: InputError| e.text();
        let discount_text = discount.get();
        let draft = LineDraft {
            name: name.get(),
            barcode: barcode.clone(),
            unit_price: parse_money(&price.get()).map_err(input)?,
            quantity: parse_quantity(&qty.get()).map_err(input)?,
            discount: if discount_text.trim().is_empty() {
                crate::domain::money::Money::ZERO
            } else {
                parse_money(&discount_text).map_err(input)?
            },
            vat_percent: vat
                .get()
                .trim()
                .parse::<u8>()
                .map_err(|_| Text::ErrVatPercent)?,
            class_code: ClassCode::parse(&class_code.get()).map_err(|e| e.text())?,
            commission_tin: CommissionTin::clone(&commission_tin),
        };
        Line::new(draft).map_err(|e| e.text())
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_form() {
            Ok(new_line) => {
                checkout.cart.update(|cart| match line {
                    Some(id) => {
                        cart.replace(id, new_line);
                    }
                    None => {
                        cart.add(new_line);
                    }
                });
                checkout.close_dialog();
            }
            Err(text) => error.set(Some(text)),
        }
    };

    let title = if line.is_some() {
        Text::ItemEditTitle
    } else {
        Text::ItemAddManual
    };
    view! {
        <Modal title=title on_close=Callback::new(move |_| checkout.close_dialog())>
            <form class="form-grid" on:submit=save novalidate=true>
                <div class="span-2">
                    <Field label=Text::ItemName test_id="item-name" value=name autofocus=true/>
                </div>
                <Field label=Text::ItemPrice test_id="item-price" value=price input_mode="decimal"/>
                <Field label=Text::ItemQty test_id="item-qty" value=qty input_mode="decimal"/>
                <Field label=Text::ItemVatPercent test_id="item-vat-percent" value=vat input_mode="numeric"/>
                <Field label=Text::ItemDiscount test_id="item-discount" value=discount input_mode="decimal"/>
                <div class="span-2">
                    <Field label=Text::ItemClassCode test_id="item-class-code" value=class_code input_mode="numeric"/>
                </div>
                <div class="span-2">
                    <ErrorLine error=error test_id="item-error"/>
                </div>
                <button class="primary span-2" type="submit" data-testid="item-save">
                    {move || locale.t(Text::ItemSave)}
                </button>
            </form>
        </Modal>
    }
}
