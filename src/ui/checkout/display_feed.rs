//! The checkout's side of the customer display: the whole picture is sent
//! whenever it changes, and again to a display that says hello (opened or
//! reloaded after the checkout). A checkout that reloads sends its first
//! picture at once, so the display never shows a sale that is gone.

use leptos::prelude::*;

use super::state::{Checkout, SaleStatus};
use crate::domain::customer_view::{CustomerView, Thanks};
use crate::ui::locale::Locale;
use crate::web::customer_display::DisplayChannel;

/// What a display sends when it starts.
pub const HELLO: &str = "hello";

pub fn feed(checkout: Checkout) {
    let locale = Locale::get();
    let view = Memo::new(move |_| {
        let lang = locale.lang().code();
        let done = checkout
            .outcome
            .get()
            .filter(|outcome| outcome.status != SaleStatus::Rejected);
        match done {
            Some(outcome) => {
                let sale = &outcome.sale;
                let name = sale.customer().map(|c| c.name.as_str());
                let mut view = CustomerView::new(lang, sale.lines(), &sale.totals(), name);
                view.thanks = Some(Thanks {
                    change: sale.settlement().change.to_string(),
                    earned: outcome.bonus_earned.map(|m| m.to_string()),
                });
                view
            }
            None => {
                let totals = checkout.totals.get();
                let name = checkout
                    .customer
                    .with(|c| c.as_ref().map(|c| c.name.clone()));
                checkout
                    .cart
                    .with(|cart| CustomerView::new(lang, cart.lines(), &totals, name.as_deref()))
            }
        }
    });
    let channel = StoredValue::new_local(None::<DisplayChannel>);
    let opened = DisplayChannel::open(move |text| {
        if text == HELLO {
            let json = view.get_untracked().to_json();
            channel.with_value(|c| c.as_ref().map(|c| c.post(&json)));
        }
    });
    channel.set_value(opened);
    Effect::new(move |_| {
        let json = view.get().to_json();
        channel.with_value(|c| c.as_ref().map(|c| c.post(&json)));
    });
}
