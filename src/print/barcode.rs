//! The receipt number as a Code 128 barcode for the printed page, as the
//! bars' modules (the ESC/POS printer draws its own from the text, see
//! `escpos`). Encoded by `barcoders`, character set B: a receipt number is
//! letters, digits and dashes.

use barcoders::sym::code128::Code128;

/// Blank modules on each side, so a scanner finds the first bar.
pub const QUIET_ZONE: usize = 10;

/// The bars of `text`, one `true` per dark module, or `None` for text set B
/// cannot carry (outside printable ASCII).
pub fn code128_modules(text: &str) -> Option<Vec<bool>> {
    if text.is_empty() || !text.bytes().all(|byte| (0x20..0x7f).contains(&byte)) {
        return None;
    }
    let encoded = Code128::new(format!("\u{0181}{text}")).ok()?.encode();
    Some(encoded.into_iter().map(|module| module == 1).collect())
}

/// The dark runs as (first module, width), quiet zone included: what an SVG
/// draws as one rectangle each.
pub fn bars(modules: &[bool]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, dark) in modules.iter().chain(std::iter::once(&false)).enumerate() {
        match (*dark, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                runs.push((QUIET_ZONE + from, at - from));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(modules: &[bool]) -> String {
        modules
            .iter()
            .map(|&dark| if dark { '1' } else { '0' })
            .collect()
    }

    #[test]
    fn a_receipt_number_is_start_b_its_symbols_the_checksum_and_stop() {
        let number = "T1A2B-2611231405-000007";
        let modules = code128_modules(number).unwrap();
        // Start B, 11 modules per symbol, checksum, stop (13 modules).
        assert_eq!(modules.len(), 11 * (1 + number.len() + 1) + 13);
        let text = pattern(&modules);
        assert!(text.starts_with("11010010000"), "{text}");
        assert!(text.ends_with("1100011101011"), "{text}");
    }

    #[test]
    fn the_checksum_follows_the_standard() {
        // "PJJ123C" in set B: checksum value 54 ("V"), pattern 11101000110.
        let modules = code128_modules("PJJ123C").unwrap();
        let text = pattern(&modules);
        let checksum = &text[11 * 8..11 * 9];
        assert_eq!(checksum, "11101000110");
    }

    #[test]
    fn text_outside_printable_ascii_has_no_barcode() {
        assert_eq!(code128_modules(""), None);
        assert_eq!(code128_modules("Чек-1"), None);
        assert_eq!(code128_modules("A\tB"), None);
    }

    #[test]
    fn bars_are_the_dark_runs_after_the_quiet_zone() {
        let modules = [true, true, false, true, false, false, true];
        assert_eq!(
            bars(&modules),
            vec![(QUIET_ZONE, 2), (QUIET_ZONE + 3, 1), (QUIET_ZONE + 6, 1)]
        );
    }
}
