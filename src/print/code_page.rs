//! Text into the printer's code page. Thermal printers know no UTF-8: the
//! Cyrillic of a Russian receipt is printed through CP866 or Windows-1251,
//! whichever the printer has (encoded by `encoding_rs`). Typography that
//! neither page has — the Uzbek ‘ and ʻ of o‘ and g‘, typographic quotes and
//! dashes, × — becomes its ASCII look-alike, so nothing prints as `?`.

use encoding_rs::{EncoderResult, Encoding, IBM866, WINDOWS_1251};
use serde::{Deserialize, Serialize};

/// The Cyrillic code page selected on the printer with `ESC t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum CodePage {
    /// PC866 (Cyrillic #2): table 17 on Epson and most of its clones.
    #[default]
    Cp866,
    /// WPC1251: table 46.
    Windows1251,
}

/// What a character that the page lacks prints as.
pub const UNPRINTABLE: u8 = b'?';

impl CodePage {
    pub const ALL: [CodePage; 2] = [CodePage::Cp866, CodePage::Windows1251];

    /// The number of the table in `ESC t n`.
    pub fn table(self) -> u8 {
        match self {
            CodePage::Cp866 => 17,
            CodePage::Windows1251 => 46,
        }
    }

    /// The code the settings keep.
    pub fn code(self) -> &'static str {
        match self {
            CodePage::Cp866 => "cp866",
            CodePage::Windows1251 => "windows-1251",
        }
    }

    pub fn from_code(code: &str) -> Option<CodePage> {
        CodePage::ALL.into_iter().find(|page| page.code() == code)
    }

    pub fn encoding(self) -> &'static Encoding {
        match self {
            CodePage::Cp866 => IBM866,
            CodePage::Windows1251 => WINDOWS_1251,
        }
    }

    /// The bytes that print `text`; a character the page has no glyph for
    /// prints as [`UNPRINTABLE`].
    pub fn encode(self, text: &str) -> Vec<u8> {
        let mut encoder = self.encoding().new_encoder();
        let mut bytes = Vec::with_capacity(text.len());
        let mut one = [0u8; 4];
        let mut out = [0u8; 4];
        for c in text.chars().map(printable) {
            let (result, _, written) = encoder.encode_from_utf8_without_replacement(
                c.encode_utf8(&mut one),
                &mut out,
                false,
            );
            match result {
                EncoderResult::InputEmpty => bytes.extend_from_slice(&out[..written]),
                EncoderResult::Unmappable(_) | EncoderResult::OutputFull => bytes.push(UNPRINTABLE),
            }
        }
        bytes
    }
}

/// The character that stands in on paper for one no code page of ours has.
fn printable(c: char) -> char {
    match c {
        // ‘ ’ ʻ ʼ ` ´: the Uzbek Latin apostrophes and their look-alikes.
        '\u{2018}' | '\u{2019}' | '\u{02BB}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00D7}' => 'x',
        '\u{2026}' => '.',
        // Uzbek Cyrillic letters that neither page has, as Russian spells them.
        'Ў' => 'У',
        'ў' => 'у',
        'Қ' => 'К',
        'қ' => 'к',
        'Ғ' => 'Г',
        'ғ' => 'г',
        'Ҳ' => 'Х',
        'ҳ' => 'х',
        // Accented Latin letters of imported product names, CP866 has none.
        'À'..='Å' => 'A',
        'à'..='å' => 'a',
        'Ç' => 'C',
        'ç' => 'c',
        'È'..='Ë' => 'E',
        'è'..='ë' => 'e',
        'Ì'..='Ï' => 'I',
        'ì'..='ï' => 'i',
        'Ñ' => 'N',
        'ñ' => 'n',
        'Ò'..='Ö' => 'O',
        'ò'..='ö' => 'o',
        'Ù'..='Ü' => 'U',
        'ù'..='ü' => 'u',
        'Ý' => 'Y',
        'ý' | 'ÿ' => 'y',
        // No-break and narrow spaces, as in grouped figures.
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' => ' ',
        c if c.is_control() => ' ',
        c => c,
    }
}

/// The width `text` takes on paper, in columns: one per character.
pub fn width(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_in_both_pages() {
        assert_eq!(
            CodePage::Cp866.encode("Чек ё№"),
            [0x97, 0xA5, 0xAA, b' ', 0xF1, 0xFC]
        );
        assert_eq!(
            CodePage::Windows1251.encode("Чек ё№"),
            [0xD7, 0xE5, 0xEA, b' ', 0xB8, 0xB9]
        );
    }

    #[test]
    fn uzbek_apostrophes_print_as_ascii() {
        for page in CodePage::ALL {
            assert_eq!(page.encode("o‘g’ʻʼ"), b"o'g'''");
        }
    }

    #[test]
    fn uzbek_cyrillic_and_accents_fall_back_to_letters_the_pages_have() {
        assert_eq!(
            CodePage::Cp866.encode("Ўқғҳ"),
            CodePage::Cp866.encode("Укгх")
        );
        assert_eq!(
            CodePage::Windows1251.encode("Nestlé Müller"),
            b"Nestle Muller"
        );
    }

    #[test]
    fn what_no_page_has_is_a_question_mark() {
        assert_eq!(CodePage::Cp866.encode("€☺"), b"??");
        assert_eq!(CodePage::Cp866.encode("−5 × 2"), b"-5 x 2");
    }

    #[test]
    fn codes_round_trip() {
        for page in CodePage::ALL {
            assert_eq!(CodePage::from_code(page.code()), Some(page));
        }
        assert_eq!(CodePage::from_code("utf-8"), None);
    }
}
