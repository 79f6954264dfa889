//! The one place that calls rqrr, behind `catch_unwind`: rqrr 0.11 asserts
//! and indexes its way to panics on some images (see the module doc), and a
//! frame must never take the scanner down.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rqrr::{BitGrid, Grid, PreparedImage};

use super::sharpen::sharpen;
use super::view::View;

/// The smallest QR code is 21 modules wide; a narrower view holds none.
const MIN_SIDE: usize = 21;

/// A decoded code: its payload and the area it covers in the view, which
/// ranks several codes in one frame.
pub(super) struct Found {
    pub(super) text: String,
    /// The payload as the code holds it; `text` is it read as UTF-8.
    pub(super) bytes: Vec<u8>,
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
    read_luma(view.width(), view.height(), view.luma())
}

/// `read` of pixels already taken from a view (`View::luma`), `width` by
/// `height`: views that share their pixels share the work of taking them.
pub(super) fn read_pixels(width: usize, height: usize, luma: Vec<u8>) -> Reading {
    read_luma(width, height, luma)
}

/// `read` of the view enlarged twice each way, bilinearly: rqrr places a
/// capstone's corners to the pixel, which for modules of 2–4 pixels is a
/// large share of a module; at twice the size the grid fits twice as well.
pub(super) fn read_zoomed(view: &View<'_>) -> Reading {
    let (width, height) = (view.width(), view.height());
    let luma = view.luma();
    if width < MIN_SIDE || height < MIN_SIDE || luma.len() != width * height {
        return Reading::default();
    }
    read_luma(2 * width, 2 * height, zoom(&luma, width, height))
}

/// `read` of the view unsharp-masked (`sharpen`): blurred codes.
pub(super) fn read_sharpened(view: &View<'_>) -> Reading {
    let (width, height) = (view.width(), view.height());
    read_luma(width, height, sharpen(&view.luma(), width, height))
}

/// Bilinear ×2: each source pixel becomes four, placed at quarter steps
/// between it and its right and lower neighbours.
fn zoom(luma: &[u8], width: usize, height: usize) -> Vec<u8> {
    let at = |x: usize, y: usize| u32::from(luma[y.min(height - 1) * width + x.min(width - 1)]);
    let mut out = vec![0u8; 4 * width * height];
    for y in 0..height {
        for x in 0..width {
            let (a, b, c, d) = (at(x, y), at(x + 1, y), at(x, y + 1), at(x + 1, y + 1));
            let o = 2 * y * 2 * width + 2 * x;
            out[o] = a as u8;
            out[o + 1] = (a + b).div_ceil(2) as u8;
            out[o + 2 * width] = (a + c).div_ceil(2) as u8;
            out[o + 2 * width + 1] = ((a + b + c + d + 2) / 4) as u8;
        }
    }
    out
}

fn read_luma(width: usize, height: usize, luma: Vec<u8>) -> Reading {
    if width < MIN_SIDE || height < MIN_SIDE {
        return Reading::default();
    }
    catch_unwind(AssertUnwindSafe(|| {
        let Some(mut image) = PreparedImage::prepare_from_luma(width, height, luma) else {
            return Reading::default();
        };
        let (grids, capstones) = image.detect_grids_and_capstones();
        // rqrr fits a grid from the centres of its patterns (Kassa patch);
        // where that grid does not decode, its own fit from their corners
        // sometimes does.
        let found = grids
            .iter()
            .filter_map(|grid| {
                catch_unwind(AssertUnwindSafe(|| {
                    decode_grid(grid).or_else(|| decode_grid(&grid.corner_fit()?))
                }))
                .ok()?
            })
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
        bytes,
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
