//! A generated corpus of customer codes on phone screens, one category per
//! way a real scan goes wrong, reproducible from a seed.

mod canvas;
mod scene;
mod warp;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use scene::Modules;
pub use warp::Homography;

use scene::{Moire, Palette, Scene};

/// The seed of the figures in the README, so anyone can regenerate them.
pub const SEED: u64 = 20_261_124;

/// The frame sizes a till's camera is asked for.
pub const SIZES: [(u32, u32); 2] = [(640, 480), (1280, 720)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Clean,
    Perspective,
    Blur,
    Noise,
    Glare,
    Inverted,
    Moire,
    Small,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Clean,
        Category::Perspective,
        Category::Blur,
        Category::Noise,
        Category::Glare,
        Category::Inverted,
        Category::Moire,
        Category::Small,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Clean => "clean",
            Category::Perspective => "perspective",
            Category::Blur => "blur",
            Category::Noise => "noise",
            Category::Glare => "glare",
            Category::Inverted => "inverted",
            Category::Moire => "moire",
            Category::Small => "small",
        }
    }
}

pub struct Sample {
    pub category: &'static str,
    pub width: u32,
    pub height: u32,
    pub luma: Vec<u8>,
    pub expected: String,
}

/// `per_category` samples of each category; within a category the frame
/// sizes alternate, 640×480 first.
pub fn corpus(seed: u64, per_category: usize) -> Vec<Sample> {
    Category::ALL
        .iter()
        .flat_map(|&c| (0..per_category).map(move |i| sample(seed, c, i)))
        .collect()
}

/// One sample, independent of every other: its own generator is seeded
/// from (seed, category, index).
pub fn sample(seed: u64, category: Category, index: usize) -> Sample {
    let stream = (category as u64) << 32 | index as u64;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let (width, height) = SIZES[index % SIZES.len()];
    let expected = customer_code(&mut rng);
    let luma = draw(
        &mut rng,
        category,
        &expected,
        width as usize,
        height as usize,
    );
    Sample {
        category: category.name(),
        width,
        height,
        luma,
        expected,
    }
}

/// A clean, upright code in the middle of a light screen, for the fake
/// camera's videos.
pub fn render_code_frame(
    text: &str,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, qrcode::types::QrError> {
    render_shifted(text, width, height, (0.0, 0.0))
}

/// As `render_code_frame`, moved by `shift` pixels: a hand is never still.
pub fn render_shifted(
    text: &str,
    width: u32,
    height: u32,
    shift: (f64, f64),
) -> Result<Vec<u8>, qrcode::types::QrError> {
    let modules = Modules::encode(text)?;
    let (w, h) = (width as f64, height as f64);
    let module = (h * 0.5 / modules.size as f64).max(1.0);
    let side = module * modules.size as f64;
    let scene = Scene {
        origin: ((w - side) / 2.0 + shift.0, (h - side) / 2.0 + shift.1),
        module,
        palette: Palette {
            screen: 235.0,
            ink: 25.0,
            body: 30.0,
        },
        margin: 3.0,
        bezel: 1.5,
        background: (110.0, 0.0, 0.0),
        moire: None,
        modules,
    };
    Ok(scene
        .render(width as usize, height as usize, &Homography::IDENTITY)
        .to_luma())
}

/// A receipt's Code 128 barcode (its number, as `kassa::print::barcode`
/// draws it for the printer) on white paper filling most of the frame's
/// width, on the grey counter, moved by `shift`; `None` for text the
/// barcode cannot carry.
pub fn render_receipt_barcode(
    text: &str,
    width: u32,
    height: u32,
    shift: (f64, f64),
) -> Option<Vec<u8>> {
    let modules = kassa::print::barcode::code128_modules(text)?;
    let quiet = kassa::print::barcode::QUIET_ZONE as f64;
    let (w, h) = (width as f64, height as f64);
    let module = (w * 0.9 / (modules.len() as f64 + 2.0 * quiet)).max(1.0);
    let span = module * (modules.len() as f64 + 2.0 * quiet);
    let left = (w - span) / 2.0 + shift.0;
    let (top, bottom) = (h * 0.35 + shift.1, h * 0.65 + shift.1);
    let shade = |x: f64, y: f64| -> f32 {
        if x < left || x >= left + span || y < top - 2.0 * module || y >= bottom + 2.0 * module {
            return 110.0;
        }
        let at = ((x - left) / module - quiet).floor();
        let dark = y >= top
            && y < bottom
            && at >= 0.0
            && modules.get(at as usize).copied().unwrap_or(false);
        if dark {
            30.0
        } else {
            235.0
        }
    };
    let mut canvas = canvas::Canvas {
        width: width as usize,
        height: height as usize,
        px: (0..width as usize * height as usize)
            .map(|i| {
                let (x, y) = ((i % width as usize) as f64, (i / width as usize) as f64);
                (shade(x + 0.25, y + 0.5) + shade(x + 0.75, y + 0.5)) / 2.0
            })
            .collect(),
    };
    canvas.blur(1, 1);
    Some(canvas.to_luma())
}

/// A frame with no code in it: the counter, a hand, clutter. Most frames a
/// scanner sees are like this, and they run every fallback.
pub fn background_frame(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (w, h) = (width as usize, height as usize);
    let base: f32 = rng.random_range(60.0..170.0);
    let mut canvas = canvas::Canvas {
        width: w,
        height: h,
        px: vec![base; w * h],
    };
    for _ in 0..rng.random_range(4..12) {
        let (x0, y0) = (rng.random_range(0..w), rng.random_range(0..h));
        let (x1, y1) = (
            (x0 + rng.random_range(8..w / 3 + 9)).min(w),
            (y0 + rng.random_range(8..h / 3 + 9)).min(h),
        );
        let level = rng.random_range(0.0..255.0);
        for y in y0..y1 {
            canvas.px[y * w + x0..y * w + x1].fill(level);
        }
    }
    canvas.blur(1, 1);
    canvas.noise(&mut rng, 4.0);
    canvas.to_luma()
}

/// A lowercase UUID v4, as AOS gives its customers.
pub fn customer_code(rng: &mut impl Rng) -> String {
    let mut b: [u8; 16] = rng.random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|v| format!("{v:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn draw(
    rng: &mut ChaCha8Rng,
    category: Category,
    text: &str,
    width: usize,
    height: usize,
) -> Vec<u8> {
    let level =
        [qrcode::EcLevel::L, qrcode::EcLevel::M, qrcode::EcLevel::Q][rng.random_range(0..3)];
    let modules = match Modules::encode_at(text, level) {
        Ok(m) => m,
        Err(_) => return vec![128; width * height],
    };
    // Sizes are chosen for 480 lines and scaled, so a category is as hard at 720.
    let scale = height as f64 / 480.0;
    let module = scale
        * match category {
            Category::Small => rng.random_range(2.3..3.2),
            _ => rng.random_range(4.5..7.5),
        };
    let side = module * modules.size as f64;
    let (w, h) = (width as f64, height as f64);
    let centre = (
        w / 2.0 + rng.random_range(-0.15..0.15) * w,
        h / 2.0 + rng.random_range(-0.12..0.12) * h,
    );
    let dark_mode = category == Category::Inverted;
    let palette = Palette {
        screen: if dark_mode {
            rng.random_range(15.0..40.0)
        } else {
            rng.random_range(205.0..250.0)
        },
        ink: if dark_mode {
            rng.random_range(190.0..240.0)
        } else {
            rng.random_range(10.0..50.0)
        },
        body: rng.random_range(10.0..40.0),
    };
    let moire = (category == Category::Moire).then(|| {
        let angle: f64 = rng.random_range(-0.3..0.3);
        let fine: f64 = rng.random_range(0.6..0.9);
        let fringe: f64 = 1.0 / rng.random_range(12.0..40.0);
        Moire {
            fine: (fine * angle.cos(), fine * angle.sin()),
            fine_depth: rng.random_range(0.2..0.4),
            fringe: (fringe * angle.sin(), fringe * angle.cos()),
            fringe_depth: rng.random_range(0.15..0.35),
        }
    });
    let scene = Scene {
        origin: (centre.0 - side / 2.0, centre.1 - side / 2.0),
        module,
        palette,
        margin: rng.random_range(2.0..4.0),
        bezel: rng.random_range(1.0..2.0),
        background: (
            rng.random_range(60.0..160.0),
            rng.random_range(-0.05..0.05),
            rng.random_range(-0.05..0.05),
        ),
        moire,
        modules,
    };
    let view = pose(rng, category, centre, side);
    let mut canvas = scene.render(width, height, &view);
    match category {
        Category::Blur => {
            let radius = (module * rng.random_range(0.25..0.45)).round().max(1.0) as usize;
            canvas.blur(radius, 2);
        }
        Category::Noise => {
            let sigma = rng.random_range(14.0..32.0);
            canvas.noise(rng, sigma);
        }
        Category::Glare => {
            let spot = (
                centre.0 + rng.random_range(-0.3..0.3) * side,
                centre.1 + rng.random_range(-0.3..0.3) * side,
            );
            // Strong enough to squeeze the contrast below what plain rqrr
            // reads over part of the code, mostly short of clipping.
            let strength = rng.random_range(120.0..380.0);
            canvas.glare(spot, side * rng.random_range(0.2..0.4), strength);
            canvas.noise(rng, 2.0);
        }
        _ => {}
    }
    canvas.to_luma()
}

/// How the phone is held: the map from frame pixels back to the upright
/// scene. Mostly a slight rotation; in `Perspective` a strong tilt.
fn pose(rng: &mut ChaCha8Rng, category: Category, centre: (f64, f64), side: f64) -> Homography {
    let (cx, cy, r) = (centre.0, centre.1, side / 2.0);
    let upright = [
        (cx - r, cy - r),
        (cx + r, cy - r),
        (cx + r, cy + r),
        (cx - r, cy + r),
    ];
    let (max_angle, jitter) = match category {
        Category::Clean => (0.05, 0.0),
        Category::Perspective => (0.6, 0.18),
        _ => (0.15, 0.03),
    };
    let angle: f64 = rng.random_range(-max_angle..=max_angle);
    let (sin, cos) = angle.sin_cos();
    let seen = upright.map(|(x, y)| {
        let (dx, dy) = (x - cx, y - cy);
        (
            cx + dx * cos - dy * sin + rng.random_range(-jitter..=jitter) * side,
            cy + dx * sin + dy * cos + rng.random_range(-jitter..=jitter) * side,
        )
    });
    Homography::between(seen, upright).unwrap_or(Homography::IDENTITY)
}
