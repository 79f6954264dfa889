//! What rqrr is shown of a frame: a window, a scale and a tone curve, read
//! pixel by pixel while rqrr copies its input. Cropping, shrinking and
//! re-toning so cost no buffer of their own.

use super::frame::LumaFrame;

/// A tone curve: the luma shown for each luma of the frame.
pub(super) type Tone = [u8; 256];

/// Builds a `Tone` at compile time from an expression in `v`, the luma as
/// `u32`.
macro_rules! tone {
    (|$v:ident| $value:expr) => {{
        let mut table = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            let $v = i as u32;
            table[i] = $value as u8;
            i += 1;
        }
        table
    }};
}

pub(super) const IDENTITY: Tone = tone!(|v| v);

/// Dark mode: light modules on a dark screen, which rqrr does not look for.
pub(super) const INVERT: Tone = tone!(|v| 255 - v);

/// Glare: rqrr calls a pixel dark below 95 % of the local mean, so a code
/// washed out to 240 on 255 reads as all light. Squaring luma squares every
/// ratio (240/255 = 0.94 becomes 0.89) while keeping black and white.
pub(super) const SQUARE: Tone = tone!(|v| (v * v + 127) / 255);

#[derive(Clone, Copy)]
pub(super) struct View<'a> {
    frame: &'a LumaFrame,
    left: usize,
    top: usize,
    width: usize,
    height: usize,
    /// Frame pixels per view pixel each way; a view pixel is their mean.
    step: usize,
    tone: &'a Tone,
}

impl<'a> View<'a> {
    pub(super) fn whole(frame: &'a LumaFrame) -> View<'a> {
        View {
            frame,
            left: 0,
            top: 0,
            width: frame.width() as usize,
            height: frame.height() as usize,
            step: 1,
            tone: &IDENTITY,
        }
    }

    /// Each view pixel becomes the mean of `factor`×`factor` pixels.
    pub(super) fn scaled(self, factor: usize) -> View<'a> {
        let factor = factor.max(1);
        View {
            width: self.width / factor,
            height: self.height / factor,
            step: self.step * factor,
            ..self
        }
    }

    /// Shrinks by a whole factor until the longer side is at most `max_side`.
    pub(super) fn fit(self, max_side: usize) -> View<'a> {
        let longer = self.width.max(self.height);
        self.scaled(longer.div_ceil(max_side.max(1)))
    }

    /// The centred square whose side is `num/den` of the shorter side.
    pub(super) fn centre(self, num: usize, den: usize) -> View<'a> {
        let side =
            (self.width.min(self.height) * num / den.max(1)).min(self.width.min(self.height));
        View {
            left: self.left + (self.width - side) / 2 * self.step,
            top: self.top + (self.height - side) / 2 * self.step,
            width: side,
            height: side,
            ..self
        }
    }

    pub(super) fn toned(self, tone: &'a Tone) -> View<'a> {
        View { tone, ..self }
    }

    pub(super) fn width(&self) -> usize {
        self.width
    }

    pub(super) fn height(&self) -> usize {
        self.height
    }

    /// The view's pixels, row by row: what rqrr binarizes. Built a row at a
    /// time rather than through `pixel`, which is the first cost of every
    /// view a frame without a code runs through.
    pub(super) fn luma(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.width * self.height);
        let stride = self.frame.width() as usize;
        let pixels = self.frame.pixels();
        let step = self.step;
        let area = step * step;
        let mut sums = vec![0usize; self.width];
        for y in 0..self.height {
            let top = (self.top + y * step) * stride + self.left;
            if step == 1 {
                let row = pixels.get(top..top + self.width).unwrap_or_default();
                if std::ptr::eq(self.tone, &IDENTITY) {
                    out.extend_from_slice(row);
                } else {
                    out.extend(row.iter().map(|&v| self.tone[usize::from(v)]));
                }
            } else if step == 2 {
                // The half-resolution views every frame starts with, summed
                // two by two rather than through the general loop below.
                let span = 2 * self.width;
                let upper = pixels.get(top..top + span).unwrap_or_default();
                let lower = pixels
                    .get(top + stride..top + stride + span)
                    .unwrap_or_default();
                out.extend(
                    upper
                        .chunks_exact(2)
                        .zip(lower.chunks_exact(2))
                        .map(|(a, b)| {
                            let sum = u32::from(a[0])
                                + u32::from(a[1])
                                + u32::from(b[0])
                                + u32::from(b[1]);
                            self.tone[(sum / 4) as usize]
                        }),
                );
            } else {
                sums.fill(0);
                let rows = pixels.get(top..).unwrap_or_default().chunks(stride);
                for row in rows.take(step) {
                    for (sum, block) in sums.iter_mut().zip(row.chunks_exact(step)) {
                        *sum += block.iter().map(|&v| usize::from(v)).sum::<usize>();
                    }
                }
                out.extend(sums.iter().map(|&sum| self.tone[(sum / area).min(255)]));
            }
            // A view is always inside its frame; were it not, the rest of
            // the row is white rather than a panic.
            out.resize((y + 1) * self.width, self.tone[255]);
        }
        out
    }

    /// The view's pixel at (x, y), what `luma` holds at `y * width + x`.
    /// Outside the view it is white rather than a panic.
    #[cfg(test)]
    pub(super) fn pixel(&self, x: usize, y: usize) -> u8 {
        let value = if x < self.width && y < self.height {
            self.mean_at(self.left + x * self.step, self.top + y * self.step)
        } else {
            None
        };
        self.tone[usize::from(value.unwrap_or(u8::MAX))]
    }

    #[cfg(test)]
    fn mean_at(&self, fx: usize, fy: usize) -> Option<u8> {
        let stride = self.frame.width() as usize;
        let pixels = self.frame.pixels();
        if self.step == 1 {
            return pixels.get(fy * stride + fx).copied();
        }
        let mut sum = 0usize;
        for row in fy..fy + self.step {
            let start = row * stride + fx;
            let block = pixels.get(start..start + self.step)?;
            sum += block.iter().map(|&v| usize::from(v)).sum::<usize>();
        }
        u8::try_from(sum / (self.step * self.step)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp(width: u32, height: u32) -> LumaFrame {
        let pixels = (0..width * height).map(|i| (i % 251) as u8).collect();
        LumaFrame::new(width, height, pixels).unwrap()
    }

    #[test]
    fn tones_keep_the_ends() {
        assert_eq!((SQUARE[0], SQUARE[255], SQUARE[240]), (0, 255, 226));
        assert_eq!((INVERT[0], INVERT[255], INVERT[10]), (255, 0, 245));
        assert!(IDENTITY
            .iter()
            .enumerate()
            .all(|(i, &v)| i == usize::from(v)));
    }

    #[test]
    fn centre_is_a_centred_square() {
        let frame = ramp(640, 480);
        let view = View::whole(&frame).centre(3, 4);
        assert_eq!(
            (view.left, view.top, view.width(), view.height()),
            (140, 60, 360, 360)
        );
        assert_eq!(view.pixel(0, 0), frame.pixels()[60 * 640 + 140]);
    }

    #[test]
    fn centre_of_a_scaled_view_keeps_the_scale() {
        let frame = ramp(640, 480);
        let view = View::whole(&frame).scaled(2).centre(1, 2);
        assert_eq!(
            (view.left, view.top, view.width(), view.height(), view.step),
            (200, 120, 120, 120, 2)
        );
    }

    #[test]
    fn fit_averages_blocks() {
        let frame = LumaFrame::new(4, 2, vec![0, 10, 20, 30, 40, 50, 60, 70]).unwrap();
        let view = View::whole(&frame).fit(2);
        assert_eq!((view.width(), view.height()), (2, 1));
        assert_eq!((view.pixel(0, 0), view.pixel(1, 0)), (25, 45));
        let same = View::whole(&frame).fit(4);
        assert_eq!((same.width(), same.height(), same.step), (4, 2, 1));
    }

    #[test]
    fn luma_is_every_pixel_in_order() {
        let frame = ramp(64, 48);
        let views = [
            View::whole(&frame),
            View::whole(&frame).scaled(2),
            View::whole(&frame).scaled(3).centre(3, 4),
            View::whole(&frame).centre(3, 4).toned(&INVERT),
        ];
        for view in views {
            let expected: Vec<u8> = (0..view.height())
                .flat_map(|y| (0..view.width()).map(move |x| (x, y)))
                .map(|(x, y)| view.pixel(x, y))
                .collect();
            assert_eq!(view.luma(), expected);
        }
    }

    #[test]
    fn outside_is_white() {
        let frame = ramp(5, 5);
        assert_eq!(View::whole(&frame).pixel(5, 0), 255);
        assert_eq!(View::whole(&frame).fit(2).pixel(3, 3), 255);
    }
}
