//! The receipt printer's language: receipts and test pages laid out in the
//! columns of a thermal printer, and the ESC/POS byte stream that prints
//! them, cuts the paper and kicks the cash drawer. Pure: the browser side
//! (`web::printer`) only carries the bytes to a WebUSB or Web Serial port.
//!
//! The app's own wasm never builds a stream: the code-page tables would
//! weigh on the first load, so `src/bin/print_worker.rs` does it in a worker
//! fetched when a printer is first used (see [`job`]).

pub mod barcode;
#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod code_page;
pub mod columns;
pub mod error;
pub mod escpos;
pub mod job;
pub mod receipt;
pub mod summary;
#[cfg(target_arch = "wasm32")]
pub mod worker;

/// A thermal paper roll, by the characters a line holds in the printer's
/// standard font (12×24 dots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    /// 58 mm: 384 dots, 32 columns.
    Mm58,
    /// 80 mm: 576 dots, 48 columns.
    Mm80,
}

impl Paper {
    pub fn columns(self) -> usize {
        match self {
            Paper::Mm58 => 32,
            Paper::Mm80 => 48,
        }
    }

    /// Printable dots across, for barcodes and codes drawn in dots.
    pub fn dots(self) -> usize {
        match self {
            Paper::Mm58 => 384,
            Paper::Mm80 => 576,
        }
    }

    /// From the width in millimetres as the settings keep it (`"58"`, `"80"`).
    pub fn from_millimetres(text: &str) -> Option<Paper> {
        match text {
            "58" => Some(Paper::Mm58),
            "80" => Some(Paper::Mm80),
            _ => None,
        }
    }
}

/// One printed element of a receipt, before it becomes bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line of text already fitted to the columns.
    Line(String),
    /// A line in bold (the amount to pay).
    Strong(String),
    /// A heading printed at double height and width (half the columns), centred.
    Title(String),
    /// A line centred on the paper.
    Centered(String),
    /// A dashed rule across the paper.
    Rule,
    /// A Code 128 barcode (printed with its text below).
    Barcode(String),
    /// A QR code.
    Qr(String),
}
