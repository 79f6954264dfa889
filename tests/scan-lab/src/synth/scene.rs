//! A phone held up to the till's camera: a background, the phone's body, its
//! screen and the customer's code on it, drawn through a homography with
//! 2×2 supersampling.

use super::canvas::Canvas;
use super::warp::Homography;

/// A QR code's modules, `true` for dark, row-major, without quiet zone.
pub struct Modules {
    pub size: usize,
    pub dark: Vec<bool>,
}

impl Modules {
    pub fn encode(text: &str) -> Result<Modules, qrcode::types::QrError> {
        Modules::encode_at(text, qrcode::EcLevel::M)
    }

    pub fn encode_at(
        text: &str,
        level: qrcode::EcLevel,
    ) -> Result<Modules, qrcode::types::QrError> {
        let code = qrcode::QrCode::with_error_correction_level(text, level)?;
        Ok(Modules {
            size: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }
}

/// Screen and ink levels of the code as the camera sees them.
#[derive(Clone, Copy)]
pub struct Palette {
    pub screen: f32,
    /// A dark module; in dark mode lighter than the screen.
    pub ink: f32,
    pub body: f32,
}

/// A screen's pixel grid beating against the camera's: a fine grating that
/// aliases when sampled, and the slow fringes it leaves.
#[derive(Clone, Copy)]
pub struct Moire {
    /// Cycles per scene pixel along x and y.
    pub fine: (f64, f64),
    pub fine_depth: f32,
    pub fringe: (f64, f64),
    pub fringe_depth: f32,
}

pub struct Scene {
    pub modules: Modules,
    /// Scene coordinates of the code's top-left corner and one module's side.
    pub origin: (f64, f64),
    pub module: f64,
    pub palette: Palette,
    /// Light margin around the code and bezel, in modules.
    pub margin: f64,
    pub bezel: f64,
    /// Background: level and its gradient per pixel along x and y.
    pub background: (f32, f32, f32),
    pub moire: Option<Moire>,
}

impl Scene {
    pub fn render(&self, width: usize, height: usize, view: &Homography) -> Canvas {
        const SUB: [f64; 2] = [0.25, 0.75];
        let mut px = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                let mut sum = 0.0;
                for sy in SUB {
                    for sx in SUB {
                        let (u, v) = view.map(x as f64 + sx, y as f64 + sy);
                        sum += self.value(u, v);
                    }
                }
                px.push(sum / 4.0);
            }
        }
        Canvas { width, height, px }
    }

    fn value(&self, u: f64, v: f64) -> f32 {
        let side = self.modules.size as f64;
        let (mx, my) = (
            (u - self.origin.0) / self.module,
            (v - self.origin.1) / self.module,
        );
        // The screen is portrait: twice as tall below the code as its margin above.
        let screen = mx > -self.margin
            && mx < side + self.margin
            && my > -self.margin * 2.0
            && my < side + self.margin * 5.0;
        let body = mx > -self.margin - self.bezel
            && mx < side + self.margin + self.bezel
            && my > -self.margin * 2.0 - self.bezel * 2.0
            && my < side + self.margin * 5.0 + self.bezel * 2.0;
        if screen {
            let in_code = (0.0..side).contains(&mx) && (0.0..side).contains(&my);
            let dark = in_code && self.modules.dark[my as usize * self.modules.size + mx as usize];
            let level = if dark {
                self.palette.ink
            } else {
                self.palette.screen
            };
            level * self.moire.map_or(1.0, |m| m.factor(u, v))
        } else if body {
            self.palette.body
        } else {
            let (base, gx, gy) = self.background;
            base + gx * u as f32 + gy * v as f32
        }
    }
}

impl Moire {
    fn factor(&self, u: f64, v: f64) -> f32 {
        let wave = |(fx, fy): (f64, f64)| {
            (0.5 + 0.5 * (std::f64::consts::TAU * (fx * u + fy * v)).cos()) as f32
        };
        (1.0 - self.fine_depth * wave(self.fine)) * (1.0 - self.fringe_depth * wave(self.fringe))
    }
}
