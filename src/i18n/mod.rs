//! The one translation table of Kassa. Every sentence a cashier reads is a
//! [`Text`] in `table.rs`, in English, Russian and Uzbek (Latin script);
//! components never hold sentences of their own. Typed errors become text in
//! `errors.rs`, and numbers follow the language's [`NumberStyle`].

mod errors;
mod table;

pub use errors::Describe;
pub use table::Text;

use crate::domain::date_style::DateStyle;
use crate::domain::number_input::NumberStyle;

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

    pub fn number_style(self) -> NumberStyle {
        match self {
            Lang::En => NumberStyle::CommaGroupsDotDecimal,
            Lang::Ru | Lang::Uz => NumberStyle::SpaceGroupsCommaDecimal,
        }
    }

    pub fn date_style(self) -> DateStyle {
        match self {
            Lang::En => DateStyle::YearMonthDayDashes,
            Lang::Ru | Lang::Uz => DateStyle::DayMonthYearDots,
        }
    }

    /// The first of the browser's preferred languages (`navigator.languages`,
    /// e.g. `ru-RU`, `uz-Latn-UZ`) that Kassa speaks.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(|tag| {
            let primary = tag.split(['-', '_']).next()?;
            Lang::from_code(&primary.to_ascii_lowercase())
        })
    }
}

impl Text {
    pub fn in_lang(self, lang: Lang) -> &'static str {
        let [en, ru, uz] = *self.0;
        match lang {
            Lang::En => en,
            Lang::Ru => ru,
            Lang::Uz => uz,
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
    fn russian_is_not_english_left_untranslated() {
        let untranslated: Vec<_> = Text::ALL
            .iter()
            .filter(|text| text.in_lang(Lang::En) == text.in_lang(Lang::Ru))
            .collect();
        assert!(untranslated.is_empty(), "untranslated: {untranslated:?}");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn browser_preferences_pick_the_first_language_spoken() {
        assert_eq!(
            Lang::from_preferences(["de-DE", "ru-RU", "en"]),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::from_preferences(["uz-Latn-UZ"]), Some(Lang::Uz));
        assert_eq!(Lang::from_preferences(["EN_us"]), Some(Lang::En));
        assert_eq!(Lang::from_preferences(["de", "", "-"]), None);
        assert_eq!(Lang::from_preferences([]), None);
    }
}
