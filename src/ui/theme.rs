//! Light or dark colours: the device's setting until the cashier picks one,
//! then that pick on this device. The stylesheet holds both palettes; this
//! only sets `data-theme` on `<html>` when the cashier has chosen.

use leptos::prelude::*;

use crate::web::{document, storage};

/// Read by `index.html` too, before the app starts, to avoid a flash of the
/// other palette.
const STORAGE_KEY: &str = "kassa.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    pub fn code(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Scheme> {
        match code {
            "light" => Some(Scheme::Light),
            "dark" => Some(Scheme::Dark),
            _ => None,
        }
    }

    pub fn other(self) -> Scheme {
        match self {
            Scheme::Light => Scheme::Dark,
            Scheme::Dark => Scheme::Light,
        }
    }
}

/// The cashier's pick, if any, shared through context.
#[derive(Clone, Copy)]
pub struct Theme(RwSignal<Option<Scheme>>);

impl Theme {
    pub fn provide() {
        let chosen = storage::get(STORAGE_KEY).and_then(|code| Scheme::from_code(&code));
        let theme = Theme(RwSignal::new(chosen));
        Effect::new(move |_| {
            if let Some(scheme) = theme.0.get() {
                storage::set(STORAGE_KEY, scheme.code());
                document::set_theme(scheme.code());
            }
        });
        provide_context(theme);
    }

    pub fn get() -> Theme {
        expect_context::<Theme>()
    }

    /// The palette on screen; reactive to the cashier's pick (the device
    /// setting is read when asked, the stylesheet follows it by itself).
    pub fn scheme(self) -> Scheme {
        self.0.get().unwrap_or_else(|| {
            if document::prefers_dark() {
                Scheme::Dark
            } else {
                Scheme::Light
            }
        })
    }

    /// Switches to the other palette and keeps that as the cashier's pick.
    pub fn toggle(self) {
        let next = self.scheme().other();
        self.0.set(Some(next));
    }
}
