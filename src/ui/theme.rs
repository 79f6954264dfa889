//! Light or dark colours: the device's setting until the cashier picks one,
//! then that pick on this device. The stylesheet holds both palettes; this
//! only sets `data-theme` on `<html>` when the cashier has chosen.

use leptos::prelude::*;

use crate::web::{document, storage};

/// Read by `src/web/theme.js` too, before the app starts, to avoid a flash of the
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

/// The cashier's pick, if any, and the device's setting, shared through context.
#[derive(Clone, Copy)]
pub struct Theme {
    chosen: RwSignal<Option<Scheme>>,
    device_dark: RwSignal<bool>,
}

impl Theme {
    pub fn provide() {
        let chosen = storage::get(STORAGE_KEY).and_then(|code| Scheme::from_code(&code));
        let device_dark = RwSignal::new(false);
        device_dark.set(document::watch_prefers_dark(move |dark| {
            let _ = device_dark.try_set(dark);
        }));
        let theme = Theme {
            chosen: RwSignal::new(chosen),
            device_dark,
        };
        Effect::new(move |_| {
            if let Some(scheme) = theme.chosen.get() {
                storage::set(STORAGE_KEY, scheme.code());
                document::set_theme(scheme.code());
            }
        });
        provide_context(theme);
    }

    pub fn get() -> Theme {
        expect_context::<Theme>()
    }

    /// The palette on screen (the stylesheet follows the device by itself;
    /// this tells the toggle which state it is in).
    pub fn scheme(self) -> Scheme {
        self.chosen.get().unwrap_or_else(|| {
            if self.device_dark.get() {
                Scheme::Dark
            } else {
                Scheme::Light
            }
        })
    }

    /// Switches to the other palette and keeps that as the cashier's pick.
    pub fn toggle(self) {
        let next = self.scheme().other();
        self.chosen.set(Some(next));
    }
}
