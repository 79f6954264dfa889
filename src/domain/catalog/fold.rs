//! One folded form for product names and what the cashier types, so that a
//! word matches whichever script or spelling either side used.
//!
//! Folding lowercases, writes Cyrillic (Russian and Uzbek) in Uzbek Latin
//! (`чой` → `choy`, `сут` → `sut`, `ў` → `o`, `ғ` → `g`), drops every form
//! of the Uzbek apostrophe (`o' oʻ o‘ o’ o\``, so `oʻzbek` is `ozbek`) and
//! the hard and soft signs, and merges the letters Russian and Uzbek
//! spellings swap (`к`/`қ` → `k`, `х`/`ҳ` → `x`, so `h` → `x` too). The
//! same fold on both sides keeps every match consistent; a few extra
//! matches (`hol` also finds `xol`) are the price of finding the product
//! however it was typed. Cyrillic becomes Latin and never the reverse,
//! so every key typed extends the folded query as a prefix.

/// Appends the folded form of `c` to `out`.
fn fold_char(c: char, out: &mut String) {
    let latin = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' | 'ы' | 'і' => "i",
        'й' => "y",
        'к' | 'қ' | 'q' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' | 'ў' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' | 'ҳ' | 'h' => "x",
        'ц' => "ts",
        // What `ch` and `sh` fold to, as `h` becomes `x`.
        'ч' => "cx",
        'ш' | 'щ' => "sx",
        'ю' => "yu",
        'я' => "ya",
        // Uzbek apostrophes in every form, and the signs they stand for.
        '\'' | '`' | '´' | 'ʻ' | 'ʼ' | 'ʹ' | '‘' | '’' | '′' | 'ъ' | 'ь' => "",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(latin);
}

/// `text` folded: lowercase, Latin, apostrophes gone. Characters that are
/// neither letters nor digits become spaces (word breaks).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for lower in c.to_lowercase() {
            if lower.is_alphanumeric() || is_apostrophe_like(lower) {
                fold_char(lower, &mut out);
            } else {
                out.push(' ');
            }
        }
    }
    out
}

fn is_apostrophe_like(c: char) -> bool {
    matches!(c, '\'' | '`' | '´' | 'ʻ' | 'ʼ' | 'ʹ' | '‘' | '’' | '′')
}

/// The folded words of `text`.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_fold_to_one_form() {
        assert_eq!(fold("Чой"), fold("choy"));
        assert_eq!(fold("СУТ"), fold("Sut"));
        assert_eq!(fold("Ўзбекистон"), fold("Oʻzbekiston"));
        assert_eq!(fold("Ғишт"), fold("G‘isht"));
        assert_eq!(fold("Қатиқ"), fold("Qatiq"));
        assert_eq!(fold("Ҳалва"), fold("Halva"));
        assert_eq!(fold("Хлеб"), fold("xleb"));
        assert_eq!(fold("Шоколад"), fold("shokolad"));
        assert_eq!(fold("Мағъиз"), fold("mag'iz"));
        assert_eq!(fold("Ёғ"), fold("yog`"));
    }

    #[test]
    fn apostrophes_join_and_punctuation_splits() {
        for form in ["o'", "oʻ", "o‘", "o’", "o`", "oʼ", "o´"] {
            assert_eq!(fold(&format!("{form}zbek")), "ozbek", "{form}");
        }
        assert_eq!(words("Coca-Cola 1.5 l"), ["coca", "cola", "1", "5", "l"]);
        assert_eq!(words("<b>Non</b> 🍞"), ["b", "non", "b"]);
        assert!(words("\u{200f}\u{202e}").is_empty());
    }
}
