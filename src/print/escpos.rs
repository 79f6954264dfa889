//! Blocks into the ESC/POS commands that Epson-compatible thermal printers
//! understand. Only the few commands a receipt needs, each with its bytes
//! named here once.

use super::code_page::CodePage;
use super::{Block, Paper};

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const LF: u8 = 0x0A;

/// `ESC @`: forget any mode a previous job left behind.
const INITIALIZE: [u8; 2] = [ESC, b'@'];
/// `ESC p 0 25 250`: a 50 ms pulse on drawer pin 2, then 500 ms off.
pub const DRAWER_PULSE: [u8; 5] = [ESC, b'p', 0, 25, 250];
/// `GS V 66 3`: feed the receipt past the cutter (3 dots more), partial cut.
const FEED_AND_CUT: [u8; 4] = [GS, b'V', 66, 3];

/// Barcode height in dots (≈ 10 mm).
const BARCODE_HEIGHT: u8 = 80;
/// QR module size in dots: ≈ 0.75 mm, read by phone cameras at arm's length.
const QR_MODULE: u8 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left = 0,
    Center = 1,
}

/// What a stream does besides printing its blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extras {
    /// Kick the drawer open before printing (the cashier needs it first).
    pub open_drawer: bool,
}

/// The whole job: initialize, select the code page, optionally kick the
/// drawer, print the blocks, cut.
pub fn stream(blocks: &[Block], paper: Paper, page: CodePage, extras: Extras) -> Vec<u8> {
    let mut out = Vec::with_capacity(2048);
    out.extend_from_slice(&INITIALIZE);
    out.extend_from_slice(&[ESC, b't', page.table()]);
    if extras.open_drawer {
        out.extend_from_slice(&DRAWER_PULSE);
    }
    for block in blocks {
        match block {
            Block::Line(text) => line(&mut out, page, text),
            Block::Strong(text) => {
                out.extend_from_slice(&[ESC, b'E', 1]);
                line(&mut out, page, text);
                out.extend_from_slice(&[ESC, b'E', 0]);
            }
            Block::Title(text) => {
                align(&mut out, Align::Center);
                out.extend_from_slice(&[GS, b'!', 0x11]);
                line(&mut out, page, text);
                out.extend_from_slice(&[GS, b'!', 0x00]);
                align(&mut out, Align::Left);
            }
            Block::Centered(text) => {
                align(&mut out, Align::Center);
                line(&mut out, page, text);
                align(&mut out, Align::Left);
            }
            Block::Rule => line(&mut out, page, &"-".repeat(paper.columns())),
            Block::Barcode(data) => code128(&mut out, paper, data),
            Block::Qr(data) => qr(&mut out, data),
        }
    }
    out.extend_from_slice(&FEED_AND_CUT);
    out
}

/// Only the drawer pulse, for `drawer-open` and cash in/out.
pub fn drawer_only() -> Vec<u8> {
    let mut out = INITIALIZE.to_vec();
    out.extend_from_slice(&DRAWER_PULSE);
    out
}

fn line(out: &mut Vec<u8>, page: CodePage, text: &str) {
    out.extend(page.encode(text));
    out.push(LF);
}

fn align(out: &mut Vec<u8>, align: Align) {
    out.extend_from_slice(&[ESC, b'a', align as u8]);
}

/// `GS k 73`: Code 128. Runs of four digits or more go in code set C (two
/// digits a symbol), the rest in code set B (printable ASCII), so a receipt
/// number takes few modules. The module width is the widest (1–3 dots) at
/// which the code still fits the paper; a code that does not fit even at 1
/// dot (or has non-ASCII text) is left out: the number is printed in the
/// header anyway.
fn code128(out: &mut Vec<u8>, paper: Paper, data: &str) {
    let Some((encoded, symbols)) = code128_data(data) else {
        return;
    };
    // Start, data and check symbols: 11 modules each; stop: 13; a quiet
    // zone of 10 modules each side.
    let modules = 11 * (symbols + 2) + 13 + 20;
    let module = (paper.dots() / modules).min(3);
    let Ok(length) = u8::try_from(encoded.len()) else {
        return;
    };
    if module == 0 {
        return;
    }
    align(out, Align::Center);
    out.extend_from_slice(&[GS, b'h', BARCODE_HEIGHT]);
    out.extend_from_slice(&[GS, b'w', module as u8]);
    // Human-readable text below the bars.
    out.extend_from_slice(&[GS, b'H', 2]);
    out.extend_from_slice(&[GS, b'k', 73, length]);
    out.extend_from_slice(&encoded);
    out.push(LF);
    align(out, Align::Left);
}

/// The `GS k 73` data of `text` (`{B` / `{C` set switches, code set C as
/// one byte per digit pair) and the number of symbols it makes.
fn code128_data(text: &str) -> Option<(Vec<u8>, usize)> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || !bytes.iter().all(|b| (0x20..0x7F).contains(b)) {
        return None;
    }
    let mut encoded = Vec::with_capacity(bytes.len() + 8);
    let mut symbols = 0;
    let mut set_c = None;
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run >= 4 {
            // An odd run leaves its first digit in code set B.
            if run % 2 == 1 {
                switch(&mut encoded, &mut symbols, &mut set_c, false);
                encoded.push(bytes[at]);
                symbols += 1;
                at += 1;
            }
            switch(&mut encoded, &mut symbols, &mut set_c, true);
            let end = at + run - run % 2;
            for pair in bytes[at..end].chunks(2) {
                encoded.push((pair[0] - b'0') * 10 + (pair[1] - b'0'));
                symbols += 1;
            }
            at = end;
        } else {
            switch(&mut encoded, &mut symbols, &mut set_c, false);
            // A literal `{` is doubled, as `{` starts a set switch.
            if bytes[at] == b'{' {
                encoded.push(b'{');
            }
            encoded.push(bytes[at]);
            symbols += 1;
            at += 1;
        }
    }
    Some((encoded, symbols))
}

/// Selects code set C (`true`) or B: the first selection is the start
/// symbol (counted by the caller), a later one a code symbol of its own.
fn switch(encoded: &mut Vec<u8>, symbols: &mut usize, set_c: &mut Option<bool>, to_c: bool) {
    if *set_c == Some(to_c) {
        return;
    }
    if set_c.is_some() {
        *symbols += 1;
    }
    encoded.extend_from_slice(if to_c { b"{C" } else { b"{B" });
    *set_c = Some(to_c);
}

/// `GS ( k`: a QR code (model 2, error correction M), centred.
fn qr(out: &mut Vec<u8>, data: &str) {
    let Ok(stored) = u16::try_from(data.len() + 3) else {
        return;
    };
    let [low, high] = stored.to_le_bytes();
    align(out, Align::Center);
    out.extend_from_slice(&[GS, b'(', b'k', 4, 0, 49, 65, 50, 0]);
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 67, QR_MODULE]);
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 69, 49]);
    out.extend_from_slice(&[GS, b'(', b'k', low, high, 49, 80, 48]);
    out.extend_from_slice(data.as_bytes());
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 81, 48]);
    out.push(LF);
    align(out, Align::Left);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawer_pulse_opens_pin_2() {
        assert_eq!(drawer_only(), [ESC, b'@', ESC, b'p', 0, 25, 250]);
        let with = stream(
            &[],
            Paper::Mm58,
            CodePage::Cp866,
            Extras { open_drawer: true },
        );
        assert!(with.windows(5).any(|w| w == DRAWER_PULSE));
        let without = stream(&[], Paper::Mm58, CodePage::Cp866, Extras::default());
        assert!(!without.windows(2).any(|w| w == [ESC, b'p']));
    }

    #[test]
    fn every_job_selects_its_code_page_and_ends_with_a_cut() {
        let bytes = stream(&[], Paper::Mm80, CodePage::Windows1251, Extras::default());
        assert_eq!(&bytes[..5], &[ESC, b'@', ESC, b't', 46]);
        assert!(bytes.ends_with(&FEED_AND_CUT));
    }

    #[test]
    fn digit_runs_go_in_code_set_c() {
        let (data, symbols) = code128_data("T1A2B-2611231405-000007").unwrap();
        let mut expected = b"{BT1A2B-{C".to_vec();
        expected.extend([26, 11, 23, 14, 5]);
        expected.extend(b"{B-{C");
        expected.extend([0, 0, 7]);
        assert_eq!(data, expected);
        // 6 + switch + 5 + switch + 1 + switch + 3
        assert_eq!(symbols, 18);
        let (data, _) = code128_data("12345").unwrap();
        assert_eq!(data, [b'{', b'B', b'1', b'{', b'C', 23, 45]);
        assert_eq!(code128_data("A1"), Some((b"{BA1".to_vec(), 2)));
        assert_eq!(code128_data("{"), Some((b"{B{{".to_vec(), 1)));
        assert_eq!(code128_data("Ё"), None);
    }

    #[test]
    fn a_barcode_too_wide_for_the_paper_is_left_out() {
        let long = "X".repeat(40);
        let bytes = stream(
            &[Block::Barcode(long)],
            Paper::Mm58,
            CodePage::Cp866,
            Extras::default(),
        );
        assert!(!bytes.windows(2).any(|w| w == [GS, b'k']));
    }
}
