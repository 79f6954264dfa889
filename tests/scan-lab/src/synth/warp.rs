//! Projective maps between the output frame and the flat scene, so a tilted
//! phone is drawn exactly instead of resampled from a flat picture.

/// Maps (x, y) to ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w) with
/// w = h6 x + h7 y + 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography([f64; 8]);

impl Homography {
    pub const IDENTITY: Homography = Homography([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]);

    /// The map taking each `from[i]` to `to[i]`; `None` when three points are
    /// collinear.
    pub fn between(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> Option<Homography> {
        let mut rows = [[0.0; 9]; 8];
        for (i, (&(x, y), &(u, v))) in from.iter().zip(&to).enumerate() {
            rows[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -x * u, -y * u, u];
            rows[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -x * v, -y * v, v];
        }
        solve(rows).map(Homography)
    }

    pub fn map(&self, x: f64, y: f64) -> (f64, f64) {
        let h = &self.0;
        let w = h[6] * x + h[7] * y + 1.0;
        (
            (h[0] * x + h[1] * y + h[2]) / w,
            (h[3] * x + h[4] * y + h[5]) / w,
        )
    }
}

/// Gauss-Jordan elimination with partial pivoting on an augmented 8×9
/// matrix.
fn solve(mut m: [[f64; 9]; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let pivot = (col..8).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-12 {
            return None;
        }
        m.swap(col, pivot);
        let lead = m[col];
        for (r, row) in m.iter_mut().enumerate() {
            if r != col {
                let factor = row[col] / lead[col];
                for (cell, &l) in row.iter_mut().zip(&lead) {
                    *cell -= factor * l;
                }
            }
        }
    }
    let mut h = [0.0; 8];
    for (i, row) in m.iter().enumerate() {
        h[i] = row[8] / row[i];
    }
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_four_corners() {
        let from = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)];
        let to = [(10.0, 20.0), (120.0, 5.0), (90.0, 130.0), (-5.0, 95.0)];
        let h = Homography::between(from, to).unwrap();
        for (&(x, y), &(u, v)) in from.iter().zip(&to) {
            let (mu, mv) = h.map(x, y);
            assert!(
                (mu - u).abs() < 1e-9 && (mv - v).abs() < 1e-9,
                "{mu},{mv} vs {u},{v}"
            );
        }
    }

    #[test]
    fn collinear_points_have_no_map() {
        let line = [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (3.0, 3.0)];
        assert_eq!(Homography::between(line, line), None);
    }
}
