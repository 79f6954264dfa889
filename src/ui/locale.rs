//! The display language, shared through context.

use leptos::prelude::*;

use crate::domain::money::Money;
use crate::domain::number_input::format_money;
use crate::i18n::{Lang, Text};
use crate::web::storage;

const STORAGE_KEY: &str = "kassa.lang";

/// The language the cashier chose; every component translates through it.
#[derive(Clone, Copy)]
pub struct Locale(RwSignal<Lang>);

impl Locale {
    /// Creates the locale from the last choice on this device and shares it.
    pub fn provide() {
        let saved = storage::get(STORAGE_KEY).and_then(|code| Lang::from_code(&code));
        let locale = Locale(RwSignal::new(saved.unwrap_or_default()));
        Effect::new(move |_| {
            let lang = locale.0.get();
            storage::set(STORAGE_KEY, lang.code());
            crate::web::document::set_lang(lang.code());
        });
        provide_context(locale);
    }

    pub fn get() -> Locale {
        expect_context::<Locale>()
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }

    pub fn set(self, lang: Lang) {
        self.0.set(lang);
    }

    /// The text in the current language; reactive when called inside a view.
    pub fn t(self, text: Text) -> &'static str {
        text.in_lang(self.0.get())
    }

    /// Money written the way the current language writes numbers.
    pub fn money(self, money: Money) -> String {
        format_money(money, self.0.get().number_style())
    }
}
