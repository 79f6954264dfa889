//! The one translation table of Kassa. Every sentence a cashier reads is a
//! [`Text`] here, in English, Russian and Uzbek (Latin script); components
//! never hold sentences of their own. Errors become text in [`errors`].

mod errors;

pub use errors::Describe;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
    Uz,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Uz];

    /// The code used in `lang-select` values, `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Uz => "uz",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's own name, as a speaker would look for it in a list.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Uz => "O‘zbekcha",
        }
    }
}

/// Every cashier-facing sentence of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    AppName,
    LoginTitle,
    LoginSubtitle,
    LoginBaseUrl,
    LoginBranchToken,
    LoginCashier,
    LoginOpeningCash,
    LoginSubmit,
    LoginDemo,
    LoginDemoHint,
    Language,
    ErrMissingBaseUrl,
    ErrMissingBranchToken,
    ErrMissingCashier,
    ErrMissingOpeningCash,
}

impl Text {
    /// All keys, so tests can check that no translation is missing.
    pub const ALL: &'static [Text] = &[
        Text::AppName,
        Text::LoginTitle,
        Text::LoginSubtitle,
        Text::LoginBaseUrl,
        Text::LoginBranchToken,
        Text::LoginCashier,
        Text::LoginOpeningCash,
        Text::LoginSubmit,
        Text::LoginDemo,
        Text::LoginDemoHint,
        Text::Language,
        Text::ErrMissingBaseUrl,
        Text::ErrMissingBranchToken,
        Text::ErrMissingCashier,
        Text::ErrMissingOpeningCash,
    ];

    pub fn in_lang(self, lang: Lang) -> &'static str {
        let [en, ru, uz] = self.table();
        match lang {
            Lang::En => en,
            Lang::Ru => ru,
            Lang::Uz => uz,
        }
    }

    fn table(self) -> [&'static str; 3] {
        match self {
            Text::AppName => ["Kassa", "Касса", "Kassa"],
            Text::LoginTitle => ["Open shift", "Открыть смену", "Smenani ochish"],
            Text::LoginSubtitle => [
                "Connect this till to your loyalty server",
                "Подключите кассу к серверу лояльности",
                "Kassani sodiqlik serveriga ulang",
            ],
            Text::LoginBaseUrl => [
                "Loyalty server address",
                "Адрес сервера лояльности",
                "Sodiqlik serveri manzili",
            ],
            Text::LoginBranchToken => ["Branch token", "Токен филиала", "Filial tokeni"],
            Text::LoginCashier => ["Cashier", "Кассир", "Kassir"],
            Text::LoginOpeningCash => ["Cash in drawer", "Наличные в кассе", "Kassadagi naqd pul"],
            Text::LoginSubmit => ["Open shift", "Открыть смену", "Smenani ochish"],
            Text::LoginDemo => ["Try the demo", "Демо-режим", "Demo rejim"],
            Text::LoginDemoHint => [
                "No server needed: sample customers and products",
                "Без сервера: тестовые покупатели и товары",
                "Serversiz: namunaviy xaridorlar va mahsulotlar",
            ],
            Text::Language => ["Language", "Язык", "Til"],
            Text::ErrMissingBaseUrl => [
                "Enter the loyalty server address",
                "Укажите адрес сервера лояльности",
                "Sodiqlik serveri manzilini kiriting",
            ],
            Text::ErrMissingBranchToken => [
                "Enter the branch token",
                "Укажите токен филиала",
                "Filial tokenini kiriting",
            ],
            Text::ErrMissingCashier => [
                "Enter the cashier's name",
                "Укажите имя кассира",
                "Kassir ismini kiriting",
            ],
            Text::ErrMissingOpeningCash => [
                "Enter the cash in the drawer (0 if empty)",
                "Укажите сумму наличных в кассе (0, если пусто)",
                "Kassadagi naqd pulni kiriting (bo‘sh bo‘lsa 0)",
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated_into_every_language() {
        for text in Text::ALL {
            for lang in Lang::ALL {
                assert!(
                    !text.in_lang(lang).trim().is_empty(),
                    "{text:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn russian_differs_from_english_where_words_are_involved() {
        assert_ne!(
            Text::LoginTitle.in_lang(Lang::En),
            Text::LoginTitle.in_lang(Lang::Ru)
        );
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
