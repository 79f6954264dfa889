//! Function keys for tills with a keyboard: the checkout's main actions
//! without reaching for the screen. Escape, which closes a dialog, belongs to
//! the dialog itself (`ui::modal`).

use leptos::prelude::*;

use super::state::{Checkout, Dialog};

/// A checkout action bound to a function key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    FindCustomer,
    SpendCashback,
    Pay,
}

impl Shortcut {
    const ALL: [Shortcut; 3] = [
        Shortcut::FindCustomer,
        Shortcut::SpendCashback,
        Shortcut::Pay,
    ];

    /// The key as `KeyboardEvent.key` and `aria-keyshortcuts` spell it; the
    /// hint on the button is drawn from that attribute.
    pub fn key(self) -> &'static str {
        match self {
            Shortcut::FindCustomer => "F2",
            Shortcut::SpendCashback => "F4",
            Shortcut::Pay => "F8",
        }
    }

    fn for_key(key: &str) -> Option<Shortcut> {
        Shortcut::ALL
            .into_iter()
            .find(|shortcut| shortcut.key() == key)
    }

    /// The dialog it opens, when its button could be pressed now.
    fn dialog(self, checkout: Checkout) -> Option<Dialog> {
        let (allowed, dialog) = match self {
            Shortcut::FindCustomer => (checkout.can_find_customer(), Dialog::Scan),
            Shortcut::SpendCashback => (checkout.can_spend_cashback(), Dialog::Bonus),
            Shortcut::Pay => (checkout.can_pay(), Dialog::Payment),
        };
        allowed.then_some(dialog)
    }
}

/// Listens for the function keys while the checkout screen is shown. A key
/// does nothing over an open dialog, so a dialog is never swapped for
/// another behind the cashier's back.
pub fn listen(checkout: Checkout) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(shortcut) = Shortcut::for_key(&ev.key()) else {
            return;
        };
        // With a modifier the key belongs to the browser or the system.
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.shift_key() {
            return;
        }
        ev.prevent_default();
        if ev.repeat() || checkout.dialog.get_untracked() != Dialog::None {
            return;
        }
        if let Some(dialog) = shortcut.dialog(checkout) {
            checkout.dialog.set(dialog);
        }
    });
    on_cleanup(move || keys.remove());
}
