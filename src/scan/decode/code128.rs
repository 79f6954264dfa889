//! The receipt number's Code 128 barcode in a camera frame (refunds), read
//! by rxing's Code 128 reader alone: its other formats are not compiled in.
//! rxing scans rows of the frame, both ways and, trying harder, turned a
//! quarter, so a receipt held upright or sideways both read. Its results
//! carry a chrono timestamp, which traps in wasm without chrono's JS clock
//! (rxing's `wasm_support`): the receipt e2e caught that, native tests
//! cannot.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rxing::common::HybridBinarizer;
use rxing::oned::Code128Reader;
use rxing::{BinaryBitmap, DecodeHintValue, DecodeHints, Luma8Source, Reader};

use super::frame::LumaFrame;

/// Rows averaged into each (`down_smoothed`).
const SMOOTH: usize = 4;

/// The text of the Code 128 barcode in `frame`, if one reads. A panic in
/// rxing (natively; in the worker's wasm it traps, as rqrr's would) loses
/// the frame, never the scanner.
pub fn read_code128(frame: &LumaFrame) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| read(frame)))
        .ok()
        .flatten()
        .filter(|text| !text.is_empty())
}

/// `read_code128` without the guard, for the fuzz tests: in the worker's
/// wasm a panic traps, so none may happen.
pub(super) fn read(frame: &LumaFrame) -> Option<String> {
    read_pixels(frame.pixels(), frame).or_else(|| read_pixels(&down_smoothed(frame), frame))
}

fn read_pixels(pixels: &[u8], frame: &LumaFrame) -> Option<String> {
    let source = Luma8Source::new_with_slice(pixels, frame.width(), frame.height()).ok()?;
    let mut image = BinaryBitmap::new(HybridBinarizer::new(source));
    let hints = DecodeHints::default().with(DecodeHintValue::TryHarder(true));
    let found = Code128Reader.decode_with_hints(&mut image, &hints).ok()?;
    Some(found.getText().to_owned())
}

/// Rows averaged with the `SMOOTH` rows below them. A barcode held upright
/// keeps its bars, which run down the frame, while the camera's noise, which
/// rxing's row reader would take for thin bars where blur has softened the
/// edges, shrinks by half.
fn down_smoothed(frame: &LumaFrame) -> Vec<u8> {
    let width = frame.width() as usize;
    let pixels = frame.pixels();
    let rows = pixels.len() / width.max(1);
    let mut out = Vec::with_capacity(pixels.len());
    for y in 0..rows {
        let last = (y + SMOOTH).min(rows);
        let count = (last - y) as u32;
        for x in 0..width {
            let sum: u32 = (y..last)
                .map(|row| u32::from(pixels[row * width + x]))
                .sum();
            out.push((sum / count) as u8);
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::print::barcode::{code128_modules, QUIET_ZONE};

    pub(crate) const RECEIPT: &str = "T1A2B-2611231405-000007";

    /// How a receipt's barcode is held up to the camera.
    #[derive(Clone, Copy)]
    pub(crate) struct Pose {
        /// Pixels per module.
        pub(crate) module: f64,
        /// Degrees, clockwise.
        pub(crate) turn: f64,
        /// Box blur passes.
        pub(crate) blur: usize,
        /// Largest noise added to a pixel, either way.
        pub(crate) noise: u8,
    }

    pub(crate) const STRAIGHT: Pose = Pose {
        module: 3.0,
        turn: 0.0,
        blur: 0,
        noise: 0,
    };

    /// The receipt's barcode as the printer draws it (`code128_modules`,
    /// quiet zone included) on white paper on a grey counter, each pixel
    /// sampled at four points.
    pub(crate) fn receipt_frame(text: &str, width: u32, height: u32, pose: Pose) -> LumaFrame {
        let modules = code128_modules(text).expect("printable");
        let span = (modules.len() + 2 * QUIET_ZONE) as f64 * pose.module;
        let bar_height = f64::from(height) * 0.3;
        let (cx, cy) = (f64::from(width) / 2.0, f64::from(height) / 2.0);
        let (sin, cos) = pose.turn.to_radians().sin_cos();
        let shade = |x: f64, y: f64| -> f64 {
            let (dx, dy) = (x - cx, y - cy);
            let (u, v) = (dx * cos + dy * sin, -dx * sin + dy * cos);
            if v.abs() > bar_height / 2.0 + pose.module * 4.0 || u.abs() > span / 2.0 {
                return 120.0;
            }
            let at = ((u + span / 2.0) / pose.module).floor() as isize - QUIET_ZONE as isize;
            let dark = v.abs() <= bar_height / 2.0
                && usize::try_from(at).is_ok_and(|at| modules.get(at) == Some(&true));
            if dark {
                25.0
            } else {
                235.0
            }
        };
        let (w, h) = (width as usize, height as usize);
        let mut pixels: Vec<f64> = (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f64, (i / w) as f64);
                [0.25, 0.75]
                    .iter()
                    .flat_map(|&a| [0.25, 0.75].map(|b| shade(x + a, y + b)))
                    .sum::<f64>()
                    / 4.0
            })
            .collect();
        for _ in 0..pose.blur {
            pixels = box_blur(&pixels, w, h);
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let luma = pixels
            .iter()
            .map(|&p| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let spread = f64::from(pose.noise) * 2.0 + 1.0;
                let jitter = (state % spread as u64) as f64 - f64::from(pose.noise);
                (p + jitter).clamp(0.0, 255.0) as u8
            })
            .collect();
        LumaFrame::new(width, height, luma).expect("sized")
    }

    fn box_blur(pixels: &[f64], w: usize, h: usize) -> Vec<f64> {
        (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let mut sum = 0.0;
                let mut count = 0.0;
                for ny in y.saturating_sub(1)..(y + 2).min(h) {
                    for nx in x.saturating_sub(1)..(x + 2).min(w) {
                        sum += pixels[ny * w + nx];
                        count += 1.0;
                    }
                }
                sum / count
            })
            .collect()
    }

    fn reads(width: u32, height: u32, pose: Pose) -> Option<String> {
        read_code128(&receipt_frame(RECEIPT, width, height, pose))
    }

    // A receipt number is 288 modules and its quiet zones 20 more: across
    // a 640 px frame that is at most 2 px a module, across 1280 px 4.
    #[test]
    fn a_receipt_held_straight_reads_at_both_camera_sizes() {
        let far = Pose {
            module: 2.0,
            ..STRAIGHT
        };
        assert_eq!(reads(640, 480, far).as_deref(), Some(RECEIPT));
        assert_eq!(reads(1280, 720, far).as_deref(), Some(RECEIPT));
        assert_eq!(reads(1280, 720, STRAIGHT).as_deref(), Some(RECEIPT));
    }

    #[test]
    fn a_large_barcode_reads() {
        let near = Pose {
            module: 4.0,
            ..STRAIGHT
        };
        assert_eq!(reads(1280, 720, near).as_deref(), Some(RECEIPT));
    }

    #[test]
    fn a_blurred_or_noisy_barcode_reads() {
        for (blur, noise) in [(2, 0), (0, 20), (1, 10), (1, 20)] {
            let shaky = Pose {
                blur,
                noise,
                ..STRAIGHT
            };
            let read = reads(1280, 720, shaky);
            assert_eq!(read.as_deref(), Some(RECEIPT), "blur {blur}, noise {noise}");
        }
        let far = Pose {
            module: 2.0,
            blur: 1,
            noise: 20,
            ..STRAIGHT
        };
        assert_eq!(reads(640, 480, far).as_deref(), Some(RECEIPT));
    }

    #[test]
    fn a_barcode_tilted_a_little_reads() {
        for turn in [-6.0, -3.0, 2.0, 5.0] {
            let tilted = Pose { turn, ..STRAIGHT };
            assert_eq!(
                reads(1280, 720, tilted).as_deref(),
                Some(RECEIPT),
                "{turn}°"
            );
        }
    }

    #[test]
    fn a_barcode_upside_down_reads() {
        let turned = Pose {
            turn: 180.0,
            ..STRAIGHT
        };
        assert_eq!(reads(1280, 720, turned).as_deref(), Some(RECEIPT));
    }

    #[test]
    fn a_frame_without_a_barcode_reads_nothing() {
        let counter = LumaFrame::new(640, 480, vec![120; 640 * 480]).unwrap();
        assert_eq!(read_code128(&counter), None);
    }
}
