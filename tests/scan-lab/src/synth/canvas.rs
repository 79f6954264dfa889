//! A luma image in floating point while it is drawn and degraded, so the
//! degradations stack without rounding at each step.

use rand::Rng;

pub struct Canvas {
    pub width: usize,
    pub height: usize,
    pub px: Vec<f32>,
}

impl Canvas {
    pub fn to_luma(&self) -> Vec<u8> {
        self.px
            .iter()
            .map(|&v| v.round().clamp(0.0, 255.0) as u8)
            .collect()
    }

    /// Box blur of `radius` applied `passes` times each way: two or three
    /// passes approach a Gaussian, as a defocused lens gives.
    pub fn blur(&mut self, radius: usize, passes: usize) {
        for _ in 0..passes {
            for y in 0..self.height {
                let row = &mut self.px[y * self.width..(y + 1) * self.width];
                box_line(row, radius);
            }
            let mut column = vec![0.0; self.height];
            for x in 0..self.width {
                for (y, c) in column.iter_mut().enumerate() {
                    *c = self.px[y * self.width + x];
                }
                box_line(&mut column, radius);
                for (y, c) in column.iter().enumerate() {
                    self.px[y * self.width + x] = *c;
                }
            }
        }
    }

    /// Sensor noise: Gaussian with standard deviation `sigma`.
    pub fn noise(&mut self, rng: &mut impl Rng, sigma: f32) {
        for v in &mut self.px {
            *v += sigma * gaussian(rng);
        }
    }
}

impl Canvas {
    /// A reflection on the screen: light added in a Gaussian blob, then the
    /// camera's highlight roll-off, which is what squeezes the code's
    /// contrast (light added alone would keep the difference).
    pub fn glare(&mut self, centre: (f64, f64), radius: f64, strength: f32) {
        // Light levels up to this map below 255; beyond it the sensor clips.
        const WHITE: f32 = 600.0;
        const KNEE: f32 = 150.0;
        let scale = 255.0 / (1.0 - (-WHITE / KNEE).exp());
        for y in 0..self.height {
            for x in 0..self.width {
                let (dx, dy) = (x as f64 - centre.0, y as f64 - centre.1);
                let blob = (-(dx * dx + dy * dy) / (2.0 * radius * radius)).exp() as f32;
                let v = &mut self.px[y * self.width + x];
                *v = scale * (1.0 - (-(*v + strength * blob).max(0.0) / KNEE).exp());
            }
        }
    }
}

/// Mean over a window clamped at the ends.
fn box_line(line: &mut [f32], radius: usize) {
    let n = line.len();
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0f64);
    for &v in line.iter() {
        prefix.push(prefix[prefix.len() - 1] + f64::from(v));
    }
    for (i, v) in line.iter_mut().enumerate() {
        let lo = i.saturating_sub(radius);
        let hi = (i + radius + 1).min(n);
        *v = ((prefix[hi] - prefix[lo]) / (hi - lo) as f64) as f32;
    }
}

/// Box–Muller.
fn gaussian(rng: &mut impl Rng) -> f32 {
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    let v: f64 = rng.random();
    ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
}
