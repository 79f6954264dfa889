//! The display language, shared through context.

use leptos::prelude::*;

use crate::domain::date_style::format_date_time;
use crate::domain::money::Money;
use crate::domain::number_input::format_money;
use crate::domain::sale::LocalDateTime;
use crate::i18n::{Lang, Text};
use crate::web::{languages, storage};

const STORAGE_KEY: &str = "kassa.lang";

/// The language the cashier chose; every component translates through it.
#[derive(Clone, Copy)]
pub struct Locale(RwSignal<Lang>);

impl Locale {
    /// Creates the locale from the last choice on this device, else from the
    /// browser's languages, and shares it.
    pub fn provide() {
        let saved = storage::get(STORAGE_KEY).and_then(|code| Lang::from_code(&code));
        let preferred =
            || Lang::from_preferences(languages::preferred().iter().map(String::as_str));
        let locale = Locale(RwSignal::new(saved.or_else(preferred).unwrap_or_default()));
        // Only a choice the cashier made is remembered, so a device whose
        // browser language changes follows it until someone picks one.
        Effect::new(move |first: Option<()>| {
            let lang = locale.0.get();
            if first.is_some() {
                storage::set(STORAGE_KEY, lang.code());
            }
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

    /// The language now, outside any reactive scope.
    pub fn lang_untracked(self) -> Lang {
        self.0.get_untracked()
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

    /// A date and time written the way the current language writes dates.
    pub fn date_time(self, at: LocalDateTime) -> String {
        format_date_time(at, self.0.get().date_style())
    }
}
