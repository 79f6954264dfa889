//! Property tests: whatever bytes arrive, the constructors answer with a
//! frame or an error and `decode` answers with a sane list, never a panic.

use proptest::prelude::*;

use super::code128::tests::{receipt_frame, Pose, RECEIPT, STRAIGHT};
use super::guard::{read, read_sharpened, read_zoomed};
use super::pipeline::tests::{code_frame, rotated};
use super::sharpen::sharpen;
use super::view::View;
use super::{code128, decode, decode_raw, FrameError, LumaFrame};

/// A cheap deterministic byte stream, so large frames need no large
/// proptest values (which shrink slowly).
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

/// Blocks of random grey: edges and flat areas that rqrr's capstone
/// search reacts to, unlike per-pixel noise.
fn blocks(seed: u64, width: usize, height: usize, block: usize) -> Vec<u8> {
    let cols = width.div_ceil(block);
    let grid = bytes(seed, cols * height.div_ceil(block));
    (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .map(|(x, y)| {
            if grid[(y / block) * cols + x / block] < 128 {
                10
            } else {
                240
            }
        })
        .collect()
}

fn sane(payloads: &[String]) -> bool {
    payloads.iter().all(|p| !p.is_empty())
        && payloads
            .iter()
            .enumerate()
            .all(|(i, p)| !payloads[..i].contains(p))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_length_is_a_frame_or_an_error(width in 0u32..64, height in 0u32..64, len in 0usize..5000) {
        let pixels = vec![7; len];
        match LumaFrame::new(width, height, pixels) {
            Ok(frame) => prop_assert_eq!(frame.pixels().len() as u32, width * height),
            Err(FrameError::Empty { .. }) => prop_assert!(width == 0 || height == 0),
            Err(FrameError::WrongLength { expected, actual, .. }) => prop_assert_ne!(expected, actual as u64),
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
        match LumaFrame::from_rgba(width, height, &vec![200; len]) {
            Ok(frame) => prop_assert!(frame.pixels().iter().all(|&v| v == 200)),
            Err(_) => prop_assert!(width == 0 || height == 0 || len as u32 != width * height * 4),
        }
    }

    #[test]
    fn huge_sides_are_refused(width in 4097u32.., height in 4097u32..) {
        prop_assert_eq!(LumaFrame::new(width, height, vec![]), Err(FrameError::TooLarge { width, height }));
    }

    #[test]
    fn noise_never_panics(seed in any::<u64>(), width in 1u32..160, height in 1u32..160, block in 1usize..9) {
        let (w, h) = (width as usize, height as usize);
        let noise = LumaFrame::new(width, height, bytes(seed, w * h)).unwrap();
        let shapes = LumaFrame::new(width, height, blocks(seed, w, h, block)).unwrap();
        for frame in [noise, shapes] {
            prop_assert!(sane(&decode(&frame)));
            prop_assert!(sane(&decode_raw(&frame)));
        }
    }

    #[test]
    fn a_damaged_code_never_panics(seed in any::<u64>(), cut in 0usize..100_000, damage in 0usize..3000) {
        let clean = code_frame("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11", 320, 240, 4, seed % 2 == 0);
        let mut pixels = clean.pixels().to_vec();
        for (i, v) in bytes(seed, 2 * damage).chunks(2).enumerate() {
            let at = (usize::from(v[0]) * 301 + i * 7919) % pixels.len();
            pixels[at] = v[1];
        }
        // A frame cut short is refused; the rows it still has are decoded.
        let rows = (pixels.len() - cut.min(pixels.len())) / 320;
        pixels.truncate(rows * 320);
        prop_assert!(LumaFrame::new(320, 240, pixels.clone()).is_err() || rows == 240);
        if rows > 0 {
            let frame = LumaFrame::new(320, rows as u32, pixels).unwrap();
            let payloads = decode(&frame);
            prop_assert!(sane(&payloads));
            prop_assert!(payloads.len() <= 1);
        }
    }

    #[test]
    fn rgba_noise_decodes_without_panic(seed in any::<u64>(), width in 1u32..96, height in 1u32..96) {
        let rgba = bytes(seed, (width * height * 4) as usize);
        let frame = LumaFrame::from_rgba(width, height, &rgba).unwrap();
        prop_assert!(sane(&decode(&frame)));
    }

    #[test]
    fn a_code_cut_by_any_edge_never_panics(dx in -200i64..200, dy in -150i64..150, module in 1u32..6, dark_mode in any::<bool>()) {
        // Finder patterns against the frame's edges are where the vertical
        // cross-check and the block binarizer's last blocks run out of
        // pixels; small modules reach the zoomed retry.
        let code = code_frame("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11", 320, 240, module, dark_mode);
        let paper = code.pixels()[0];
        let pixels = (0..240i64)
            .flat_map(|y| (0..320i64).map(move |x| (x - dx, y - dy)))
            .map(|(x, y)| {
                if (0..320).contains(&x) && (0..240).contains(&y) {
                    code.pixels()[(y * 320 + x) as usize]
                } else {
                    paper
                }
            })
            .collect();
        let frame = LumaFrame::new(320, 240, pixels).unwrap();
        let payloads = decode(&frame);
        prop_assert!(sane(&payloads));
        prop_assert!(payloads.len() <= 1);
    }

    #[test]
    fn sharpening_keeps_any_size(seed in any::<u64>(), width in 0usize..40, height in 0usize..40, extra in 0usize..3) {
        let luma = bytes(seed, width * height + extra);
        let sharp = sharpen(&luma, width, height);
        prop_assert_eq!(sharp.len(), luma.len());
    }

    #[test]
    fn a_turned_or_damaged_code_never_panics(seed in any::<u64>(), degrees in 0.0f64..360.0, module in 1u32..6, damage in 0usize..400) {
        // Turned codes reach the fit from centres, the grouping of capstones
        // by centres and the corner fit behind them; damage makes their
        // fits and alignment searches fail in every way.
        let code = code_frame("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11", 240, 200, module, seed % 3 == 0);
        let paper = code.pixels()[0];
        let mut pixels = rotated(&code, degrees, paper).pixels().to_vec();
        for (i, v) in bytes(seed, 2 * damage).chunks(2).enumerate() {
            let at = (usize::from(v[0]) * 211 + i * 7919) % pixels.len();
            pixels[at] = v[1];
        }
        let frame = LumaFrame::new(240, 200, pixels).unwrap();
        let payloads = decode(&frame);
        prop_assert!(sane(&payloads));
        prop_assert!(payloads.len() <= 1);
        prop_assert!(sane(&decode_raw(&frame)));
    }

    #[test]
    fn any_view_zoomed_never_panics(seed in any::<u64>(), width in 1u32..120, height in 1u32..120, block in 1usize..9) {
        let (w, h) = (width as usize, height as usize);
        let frame = LumaFrame::new(width, height, blocks(seed, w, h, block)).unwrap();
        let whole = View::whole(&frame);
        for view in [whole, whole.scaled(2), whole.centre(3, 4), whole.centre(1, 3)] {
            prop_assert_eq!(view.luma().len(), view.width() * view.height());
            for reading in [read(&view), read_zoomed(&view), read_sharpened(&view)] {
                prop_assert!(reading.found.iter().all(|f| !f.text.is_empty()));
            }
        }
    }

    #[test]
    fn any_frame_read_for_a_barcode_never_panics(seed in any::<u64>(), width in 1u32..200, height in 1u32..120, block in 1usize..9) {
        // Unguarded: in the worker's wasm a panic in rxing would trap.
        let (w, h) = (width as usize, height as usize);
        let noise = LumaFrame::new(width, height, bytes(seed, w * h)).unwrap();
        let shapes = LumaFrame::new(width, height, blocks(seed, w, h, block)).unwrap();
        // Vertical stripes of random widths: bars in every wrong pattern.
        let widths = bytes(seed ^ 0x5eed, w);
        let mut dark = false;
        let mut left = 0u8;
        let row: Vec<u8> = widths
            .iter()
            .map(|&n| {
                if left == 0 {
                    dark = !dark;
                    left = n % 5 + 1;
                }
                left -= 1;
                if dark { 20 } else { 230 }
            })
            .collect();
        let stripes = LumaFrame::new(width, height, row.repeat(h)).unwrap();
        // Start, stop and checksum all have to match: noise reads as nothing.
        prop_assert_eq!(code128::read(&noise), None);
        prop_assert_eq!(code128::read(&shapes), None);
        // Stripes may happen to spell something; a panic fails the case.
        let _ = code128::read(&stripes);
    }

    #[test]
    fn a_damaged_receipt_barcode_never_panics(seed in any::<u64>(), damage in 0usize..4000, module in 1.0f64..4.5, turn in -8.0f64..8.0) {
        let pose = Pose { module, turn, ..STRAIGHT };
        let clean = receipt_frame(RECEIPT, 640, 240, pose);
        let mut pixels = clean.pixels().to_vec();
        for (i, v) in bytes(seed, 2 * damage).chunks(2).enumerate() {
            let at = (usize::from(v[0]) * 301 + i * 7919) % pixels.len();
            pixels[at] = v[1];
        }
        let frame = LumaFrame::new(640, 240, pixels).unwrap();
        // Damage may lose the number, never change it into another.
        let read = code128::read(&frame);
        prop_assert!(read.is_none() || read.as_deref() == Some(RECEIPT), "{read:?}");
    }
}
