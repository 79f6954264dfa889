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

/// `GS k 73`: Code 128, code set B (any printable ASCII). The module width
/// is the widest (1–3 dots) at which the code still fits the paper; a code
/// that does not fit even at 1 dot (or has non-ASCII text) is left out, as
/// the receipt number is printed in the header anyway.
fn code128(out: &mut Vec<u8>, paper: Paper, data: &str) {
    let printable = data.bytes().all(|b| (0x20..0x7F).contains(&b));
    // Start, the characters, check symbol: 11 modules each; stop: 13; and a
    // quiet zone of 10 modules each side.
    let modules = 11 * (data.len() + 2) + 13 + 20;
    let module = (paper.dots() / modules).min(3);
    let Ok(length) = u8::try_from(data.len() + 2) else {
        return;
    };
    if !printable || module == 0 || data.is_empty() {
        return;
    }
    align(out, Align::Center);
    out.extend_from_slice(&[GS, b'h', BARCODE_HEIGHT]);
    out.extend_from_slice(&[GS, b'w', module as u8]);
    // Human-readable text below the bars.
    out.extend_from_slice(&[GS, b'H', 2]);
    out.extend_from_slice(&[GS, b'k', 73, length, b'{', b'B']);
    out.extend_from_slice(data.as_bytes());
    out.push(LF);
    align(out, Align::Left);
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
