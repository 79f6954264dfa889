//! The one place that calls rqrr, behind `catch_unwind`: rqrr 0.11 asserts
//! and indexes its way to panics on some images (see the module doc), and a
//! frame must never take the scanner down.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rqrr::{BitGrid, Grid, PreparedImage};

use super::view::View;

/// The smallest QR code is 21 modules wide; a narrower view holds none.
const MIN_SIDE: usize = 21;

/// A decoded code: its payload and the area it covers in the view, which
/// ranks several codes in one frame.
pub(super) struct Found {
    pub(super) text: String,
    pub(super) area: u64,
}

/// What rqrr made of one view.
#[derive(Default)]
pub(super) struct Reading {
    pub(super) found: Vec<Found>,
    /// Finder patterns seen, read or not: none means no code in the view.
    pub(super) capstones: usize,
}

/// Every code rqrr decodes in the view. A panic in detection loses the view;
/// one in a single code's decoding loses only that code.
pub(super) fn read(view: &View<'_>) -> Reading {
    if view.width() < MIN_SIDE || view.height() < MIN_SIDE {
        return Reading::default();
    }
    catch_unwind(AssertUnwindSafe(|| {
        let Some(mut image) =
            PreparedImage::prepare_from_luma(view.width(), view.height(), view.luma())
        else {
            return Reading::default();
        };
        let (grids, capstones) = image.detect_grids_and_capstones();
        let found = grids
            .iter()
            .filter_map(|grid| catch_unwind(AssertUnwindSafe(|| decode_grid(grid))).ok()?)
            .collect();
        Reading { found, capstones }
    }))
    .unwrap_or_default()
}

/// Payloads that are not UTF-8 are decoded lossily rather than dropped: a
/// customer code is ASCII, so such a payload is some other code, and the
/// cashier is better told "not a customer code" than shown nothing.
fn decode_grid<G: BitGrid>(grid: &Grid<G>) -> Option<Found> {
    let mut bytes = Vec::new();
    grid.decode_to(&mut bytes).ok()?;
    if bytes.is_empty() {
        return None;
    }
    Some(Found {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        area: area(&grid.bounds),
    })
}

/// Shoelace area; absolute, so the corners' winding does not matter.
fn area(corners: &[rqrr::Point; 4]) -> u64 {
    let twice: i64 = (0..4)
        .map(|i| {
            let (a, b) = (corners[i], corners[(i + 1) % 4]);
            i64::from(a.x) * i64::from(b.y) - i64::from(b.x) * i64::from(a.y)
        })
        .sum();
    twice.unsigned_abs() / 2
}
