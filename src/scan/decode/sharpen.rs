//! Unsharp masking of a view's luma, for blurred codes: each pixel moves
//! away from the mean of the 5×5 pixels around it, twice as far as it was.
//! A blurred code's modules keep their place but lose their contrast at
//! the edges, so rqrr's binarizer cuts neighbouring modules into one
//! another; sharpened, the grid it fits reads (generated `blur`: 3 of the 3
//! codes every other view missed).

/// Pixels each side of the mean's window.
const RADIUS: usize = 2;

/// `luma` (`width`×`height`, row-major) sharpened; the window is cut at the
/// edges. Anything but `width * height` bytes comes back unchanged.
pub(super) fn sharpen(luma: &[u8], width: usize, height: usize) -> Vec<u8> {
    if width == 0 || height == 0 || luma.len() != width * height {
        return luma.to_vec();
    }
    // Sums along each row's window, then a running sum of those down the
    // columns' windows: two additions per pixel instead of twenty-five.
    let mut across = vec![0u32; width * height];
    for (row, sums) in luma.chunks_exact(width).zip(across.chunks_exact_mut(width)) {
        let mut sum: u32 = row.iter().take(RADIUS).map(|&v| u32::from(v)).sum();
        for (x, out) in sums.iter_mut().enumerate() {
            if let Some(&v) = row.get(x + RADIUS) {
                sum += u32::from(v);
            }
            if let Some(&v) = x.checked_sub(RADIUS + 1).and_then(|i| row.get(i)) {
                sum -= u32::from(v);
            }
            *out = sum;
        }
    }
    let span =
        |at: usize, length: usize| (at + RADIUS).min(length - 1) + 1 - at.saturating_sub(RADIUS);
    let mut column = vec![0u32; width];
    for sums in across.chunks_exact(width).take(RADIUS) {
        column.iter_mut().zip(sums).for_each(|(c, &s)| *c += s);
    }
    let mut out = Vec::with_capacity(width * height);
    for y in 0..height {
        if let Some(sums) = across.chunks_exact(width).nth(y + RADIUS) {
            column.iter_mut().zip(sums).for_each(|(c, &s)| *c += s);
        }
        if let Some(sums) = y
            .checked_sub(RADIUS + 1)
            .and_then(|i| across.chunks_exact(width).nth(i))
        {
            column.iter_mut().zip(sums).for_each(|(c, &s)| *c -= s);
        }
        let rows = span(y, height) as u32;
        let row = &luma[y * width..(y + 1) * width];
        out.extend(row.iter().zip(&column).enumerate().map(|(x, (&v, &sum))| {
            let mean = (sum / (rows * span(x, width) as u32)) as i32;
            let v = i32::from(v);
            (v + 2 * (v - mean)).clamp(0, 255) as u8
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, pixel by pixel, for the running sums to match.
    fn plain(luma: &[u8], width: usize, height: usize) -> Vec<u8> {
        (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| {
                let (mut sum, mut count) = (0i32, 0i32);
                for yy in y.saturating_sub(RADIUS)..(y + RADIUS + 1).min(height) {
                    for xx in x.saturating_sub(RADIUS)..(x + RADIUS + 1).min(width) {
                        sum += i32::from(luma[yy * width + xx]);
                        count += 1;
                    }
                }
                let v = i32::from(luma[y * width + x]);
                (v + 2 * (v - sum / count)).clamp(0, 255) as u8
            })
            .collect()
    }

    #[test]
    fn matches_the_definition_at_every_size() {
        for (width, height) in [(1, 1), (1, 7), (7, 1), (3, 4), (5, 5), (6, 9), (31, 17)] {
            let luma: Vec<u8> = (0..width * height).map(|i| (i * 37 % 251) as u8).collect();
            assert_eq!(
                sharpen(&luma, width, height),
                plain(&luma, width, height),
                "{width}×{height}"
            );
        }
    }

    #[test]
    fn flat_stays_flat_and_edges_steepen() {
        assert_eq!(sharpen(&[90; 64], 8, 8), vec![90; 64]);
        let step: Vec<u8> = (0..64).map(|i| if i % 8 < 4 { 60 } else { 180 }).collect();
        let sharp = sharpen(&step, 8, 8);
        assert!(sharp[3] < 60 && sharp[4] > 180, "{sharp:?}");
    }

    #[test]
    fn a_wrong_length_comes_back_unchanged() {
        assert_eq!(sharpen(&[1, 2, 3], 2, 2), vec![1, 2, 3]);
        assert_eq!(sharpen(&[], 0, 5), Vec::<u8>::new());
    }
}
