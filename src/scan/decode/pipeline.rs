//! The order in which views of a frame are shown to rqrr, cheapest and most
//! likely first, stopping at the first that yields a code. The figures
//! behind each stage are in the module doc (`super`).

use super::frame::LumaFrame;
use super::guard::{read, read_pixels, read_sharpened, read_zoomed, Found, Reading};
use super::view::{View, INVERT, SQUARE};

/// Frames with a longer side above this are shrunk by a whole factor before
/// anything else: rqrr's time grows with the pixel count, and a 4K frame
/// would take about 25 times as long as a 640×480 one.
const MAX_SIDE: usize = 1280;

/// The longest side enlarged by the zoomed retry, before enlarging.
const ZOOM_SIDE: usize = 480;

/// The capstones one of the first views must show for the retries to run.
const GATE_CAPSTONES: usize = 2;

/// The centre view is a square of 3/4 of the shorter side.
const CENTRE: (usize, usize) = (3, 4);

/// The optional stages of `decode`, so the lab can measure what each pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// Look at the whole frame at half resolution first.
    pub coarse_first: bool,
    /// Then at the centre of the frame at full resolution, before the whole.
    pub centre_first: bool,
    /// Retry at half resolution with luma inverted (dark mode).
    pub invert: bool,
    /// Retry the centre with luma squared (glare, low contrast).
    pub contrast: bool,
    /// Retry the centre enlarged twice (small modules).
    pub zoom: bool,
    /// Retry the whole frame sharpened (blur).
    pub sharpen: bool,
    /// Run the retries after the whole frame only where a view showed two
    /// finder patterns: a frame without a code then costs three cheap views.
    pub gate: bool,
}

impl Stages {
    /// What `decode` runs.
    pub const ALL: Stages = Stages {
        coarse_first: true,
        centre_first: true,
        invert: true,
        contrast: true,
        zoom: true,
        sharpen: true,
        gate: true,
    };

    /// The whole frame only.
    pub const NONE: Stages = Stages {
        coarse_first: false,
        centre_first: false,
        invert: false,
        contrast: false,
        zoom: false,
        sharpen: false,
        gate: false,
    };
}

/// Every payload found in the frame, deduplicated, the largest code first.
pub fn decode(frame: &LumaFrame) -> Vec<String> {
    decode_with(frame, Stages::ALL)
}

/// Plain rqrr on the whole frame, behind the same guard: the baseline
/// `decode` is measured against.
pub fn decode_raw(frame: &LumaFrame) -> Vec<String> {
    ranked(read(&View::whole(frame)).found)
}

/// `decode` with a chosen set of stages.
pub fn decode_with(frame: &LumaFrame, stages: Stages) -> Vec<String> {
    ranked(attempt(frame, stages))
}

/// `decode_with`, each payload as the bytes the code holds, for the lab to
/// judge codes in other character sets (Shift_JIS) that `decode` reads as
/// lossy UTF-8: a customer code is ASCII, so Kassa converts no charset.
pub fn decode_bytes_with(frame: &LumaFrame, stages: Stages) -> Vec<Vec<u8>> {
    let mut found = attempt(frame, stages);
    found.sort_by_key(|f| std::cmp::Reverse(f.area));
    let mut payloads: Vec<Vec<u8>> = Vec::with_capacity(found.len());
    for f in found {
        if !payloads.contains(&f.bytes) {
            payloads.push(f.bytes);
        }
    }
    payloads
}

/// What the first view that yields a code finds, in `stages`' order.
fn attempt(frame: &LumaFrame, stages: Stages) -> Vec<Found> {
    let whole = View::whole(frame).fit(MAX_SIDE);
    let centre = whole.centre(CENTRE.0, CENTRE.1);
    // The half-resolution pixels serve the first view and, inverted, the
    // third: taking them is a quarter of what a codeless frame costs.
    let coarse = whole.scaled(2);
    let coarse_luma = if stages.coarse_first || stages.invert {
        coarse.luma()
    } else {
        Vec::new()
    };
    let (coarse_width, coarse_height) = (coarse.width(), coarse.height());
    let first: [&dyn Fn() -> Option<Reading>; 3] = [
        &|| {
            stages
                .coarse_first
                .then(|| read_pixels(coarse_width, coarse_height, coarse_luma.clone()))
        },
        &|| Some(read(&whole)),
        &|| {
            stages.invert.then(|| {
                let inverted = coarse_luma
                    .iter()
                    .map(|&v| INVERT[usize::from(v)])
                    .collect();
                read_pixels(coarse_width, coarse_height, inverted)
            })
        },
    ];
    let retries = [
        stages.centre_first.then_some((centre, Retry::Plain)),
        stages
            .contrast
            .then(|| (centre.toned(&SQUARE), Retry::Plain)),
        stages.sharpen.then_some((whole, Retry::Sharpened)),
        stages.invert.then(|| (whole.toned(&INVERT), Retry::Plain)),
        stages
            .zoom
            .then(|| (zoom_view(whole, centre), Retry::Zoomed)),
        (stages.zoom && stages.invert)
            .then(|| (zoom_view(whole, centre).toned(&INVERT), Retry::Zoomed)),
        (stages.zoom && stages.contrast)
            .then(|| (zoom_view(whole, centre).toned(&SQUARE), Retry::Zoomed)),
    ];
    // The most capstones one of the first views saw: a code the retries go
    // on to read shows two of its three there (both corpora), while a
    // textured background shows a lone false one in about one frame in
    // eight, which would run every retry.
    let mut capstones = 0;
    for reading in first.iter().filter_map(|view| view()) {
        if !reading.found.is_empty() {
            return reading.found;
        }
        capstones = capstones.max(reading.capstones);
    }
    if stages.gate && capstones < GATE_CAPSTONES {
        return Vec::new();
    }
    retries
        .iter()
        .flatten()
        .map(|(view, retry)| retry.read(view).found)
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// How a retry's view is read.
#[derive(Clone, Copy)]
enum Retry {
    Plain,
    /// Unsharp-masked first.
    Sharpened,
    /// Enlarged twice first.
    Zoomed,
}

impl Retry {
    fn read(self, view: &View<'_>) -> Reading {
        match self {
            Retry::Plain => read(view),
            Retry::Sharpened => read_sharpened(view),
            Retry::Zoomed => read_zoomed(view),
        }
    }
}

/// What the zoomed retry enlarges: the whole view where it is small (a
/// photo), else its centre, at most `ZOOM_SIDE` a side either way.
fn zoom_view<'a>(whole: View<'a>, centre: View<'a>) -> View<'a> {
    if whole.width().max(whole.height()) <= ZOOM_SIDE {
        whole
    } else {
        centre.centre(ZOOM_SIDE.min(centre.width()), centre.width().max(1))
    }
}

/// Largest first, as the code held up to the camera is the largest; each
/// payload once.
fn ranked(mut found: Vec<Found>) -> Vec<String> {
    found.sort_by_key(|f| std::cmp::Reverse(f.area));
    let mut texts: Vec<String> = Vec::with_capacity(found.len());
    for f in found {
        if !texts.contains(&f.text) {
            texts.push(f.text);
        }
    }
    texts
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    const CUSTOMER: &str = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";

    /// `text` as a QR code of `module` pixels per module, dark on light
    /// (or light on dark), centred in a `width`×`height` frame.
    pub(in crate::scan::decode) fn code_frame(
        text: &str,
        width: u32,
        height: u32,
        module: u32,
        dark_mode: bool,
    ) -> LumaFrame {
        let code = qrcode::QrCode::new(text).unwrap();
        let size = code.width() as u32;
        let colors = code.to_colors();
        let (left, top) = ((width - size * module) / 2, (height - size * module) / 2);
        let (ink, paper) = if dark_mode { (230, 20) } else { (20, 230) };
        let pixels = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| {
                let (mx, my) = (x.wrapping_sub(left) / module, y.wrapping_sub(top) / module);
                let dark = mx < size
                    && my < size
                    && colors[(my * size + mx) as usize] == qrcode::Color::Dark;
                if dark {
                    ink
                } else {
                    paper
                }
            })
            .collect();
        LumaFrame::new(width, height, pixels).unwrap()
    }

    /// `frame` turned by `degrees` about its centre, nearest pixel, the
    /// corners filled with `fill`.
    pub(in crate::scan::decode) fn rotated(frame: &LumaFrame, degrees: f64, fill: u8) -> LumaFrame {
        let (w, h) = (frame.width() as usize, frame.height() as usize);
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
        let pixels = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x as f64 - cx, y as f64 - cy)))
            .map(|(dx, dy)| {
                let (sx, sy) = (cx + dx * cos + dy * sin, cy - dx * sin + dy * cos);
                if sx >= 0.0 && sy >= 0.0 && (sx as usize) < w && (sy as usize) < h {
                    frame.pixels()[sy as usize * w + sx as usize]
                } else {
                    fill
                }
            })
            .collect();
        LumaFrame::new(w as u32, h as u32, pixels).unwrap()
    }

    #[test]
    fn reads_small_rotated_codes() {
        // rqrr fitted the grid from capstone corners found to the pixel: at
        // 3 px per module and turned, its fit missed by a module at the far
        // corner (shared `qrcode-6`). The fit from centres reads them.
        let code = code_frame(CUSTOMER, 320, 240, 3, false);
        for degrees in [17.0, 30.0, 45.0, 62.0] {
            let frame = rotated(&code, degrees, 230);
            assert_eq!(decode(&frame), vec![CUSTOMER.to_owned()], "{degrees}°");
        }
    }

    #[test]
    fn reads_a_code_without_a_quiet_zone_against_the_top_edge() {
        // At a pixel per module the capstone's ring is the frame's first
        // row, where the vertical cross-check used to stop (shared
        // `qrcode-5`'s version-40 codes).
        let code = qrcode::QrCode::new("KASSA-1").unwrap();
        let size = code.width();
        let colors = code.to_colors();
        let pixels = (0..48usize)
            .flat_map(|y| (0..48usize).map(move |x| (x, y)))
            .map(|(x, y)| {
                let dark = x < size && y < size && colors[y * size + x] == qrcode::Color::Dark;
                if dark {
                    20
                } else {
                    230
                }
            })
            .collect();
        let frame = LumaFrame::new(48, 48, pixels).unwrap();
        assert_eq!(decode(&frame), vec!["KASSA-1".to_owned()]);
    }

    /// `frame` blurred by a `2r+1` box, `passes` times.
    fn blurred(frame: &LumaFrame, r: usize, passes: usize) -> LumaFrame {
        let (w, h) = (frame.width() as usize, frame.height() as usize);
        let mut pixels = frame.pixels().to_vec();
        for _ in 0..passes {
            pixels = (0..h)
                .flat_map(|y| (0..w).map(move |x| (x, y)))
                .map(|(x, y)| {
                    let (mut sum, mut n) = (0u32, 0u32);
                    for yy in y.saturating_sub(r)..(y + r + 1).min(h) {
                        for xx in x.saturating_sub(r)..(x + r + 1).min(w) {
                            sum += u32::from(pixels[yy * w + xx]);
                            n += 1;
                        }
                    }
                    (sum / n) as u8
                })
                .collect();
        }
        LumaFrame::new(w as u32, h as u32, pixels).unwrap()
    }

    #[test]
    fn reads_a_blurred_code_through_the_sharpened_retry() {
        // 3 px modules under a 5×5 box blur: every other view fails.
        let frame = blurred(&code_frame(CUSTOMER, 320, 240, 3, false), 2, 1);
        let without = Stages {
            sharpen: false,
            ..Stages::ALL
        };
        assert_eq!(decode_with(&frame, without), Vec::<String>::new());
        assert_eq!(decode(&frame), vec![CUSTOMER.to_owned()]);
    }

    #[test]
    fn reads_a_clean_customer_code() {
        let frame = code_frame(CUSTOMER, 640, 480, 6, false);
        assert_eq!(decode(&frame), vec![CUSTOMER.to_owned()]);
        assert_eq!(decode_raw(&frame), vec![CUSTOMER.to_owned()]);
    }

    #[test]
    fn reads_a_dark_mode_code_that_plain_rqrr_misses() {
        let frame = code_frame(CUSTOMER, 640, 480, 6, true);
        assert_eq!(decode_raw(&frame), Vec::<String>::new());
        assert_eq!(decode(&frame), vec![CUSTOMER.to_owned()]);
        assert_eq!(
            decode_with(
                &frame,
                Stages {
                    invert: false,
                    ..Stages::ALL
                }
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reads_a_small_code_off_centre_at_full_resolution() {
        // 3 px modules are too fine for the half-resolution pass and outside
        // the centre square: only the whole frame at full size finds it.
        let mut frame = code_frame(CUSTOMER, 640, 480, 3, false);
        let shifted: Vec<u8> = (0..480usize)
            .flat_map(|y| (0..640usize).map(move |x| (x, y)))
            .map(|(x, y)| {
                if x >= 250 {
                    frame.pixels()[y * 640 + x - 250]
                } else {
                    230
                }
            })
            .collect();
        frame = LumaFrame::new(640, 480, shifted).unwrap();
        assert_eq!(decode(&frame), vec![CUSTOMER.to_owned()]);
    }

    #[test]
    fn ranks_larger_codes_first_and_lists_each_once() {
        let found = |text: &str, area| Found {
            text: text.to_owned(),
            bytes: text.as_bytes().to_vec(),
            area,
        };
        let texts = ranked(vec![
            found("small", 10),
            found("big", 900),
            found("small", 50),
        ]);
        assert_eq!(texts, vec!["big".to_owned(), "small".to_owned()]);
    }

    #[test]
    fn blank_and_tiny_frames_hold_no_code() {
        for (w, h) in [(1, 1), (20, 400), (400, 20), (640, 480)] {
            let frame = LumaFrame::new(w, h, vec![200; (w * h) as usize]).unwrap();
            assert!(decode(&frame).is_empty());
        }
    }
}
