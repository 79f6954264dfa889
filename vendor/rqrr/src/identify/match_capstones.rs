use crate::CapStone;

#[derive(Debug, Clone)]
pub struct CapStoneGroup(pub CapStone, pub CapStone, pub CapStone);

#[derive(Clone, Copy, Debug, PartialEq)]
struct Neighbor {
    index: usize,
    distance: f64,
}

/// Return each pair Capstone indexes that are likely to be from a QR code
/// Ordered from most symmetric to least symmetric
pub fn find_and_rank_possible_neighbors(capstones: &[CapStone], idx: usize) -> Vec<(usize, usize)> {
    const VIABILITY_THRESHOLD: f64 = 0.25;

    let (hlist, vlist) = find_possible_neighbors(capstones, idx);
    let mut res = Vec::new();
    struct NeighborSet {
        score: f64,
        h_index: usize,
        v_index: usize,
    }
    /* Test each possible grouping */
    for hn in hlist {
        for vn in vlist.iter() {
            let score = {
                if hn.distance < vn.distance {
                    (1.0f64 - hn.distance / vn.distance).abs()
                } else {
                    (1.0f64 - vn.distance / hn.distance).abs()
                }
            };
            if score < VIABILITY_THRESHOLD {
                res.push(NeighborSet {
                    score,
                    h_index: hn.index,
                    v_index: vn.index,
                });
            }
        }
    }

    // Kassa patch: `total_cmp` where rqrr expected no NaN and panicked on one.
    res.sort_unstable_by(|a, b| a.score.total_cmp(&b.score));
    let mut pairs: Vec<(usize, usize)> = res.iter().map(|n| (n.h_index, n.v_index)).collect();
    for pair in corner_pairs(capstones, idx) {
        if !pairs.contains(&pair) && !pairs.contains(&(pair.1, pair.0)) {
            pairs.push(pair);
        }
    }
    pairs
}

/// Kassa patch: pairs of capstones that, with capstone `idx` at the corner,
/// make the right angle and equal sides of a QR code's three capstones, by
/// their stones' centres and module sizes (as zxing groups finder
/// patterns), best first. rqrr's test above measures the others along
/// `idx`'s own axes, which it takes from the capstone's corners: blur and
/// small modules tilt those, and a readable code's group is never tried
/// (generated `blur`, shared `qrcode-3/23.png`). `from_group` then checks
/// each pair for timing and alignment patterns as it checks rqrr's.
fn corner_pairs(capstones: &[CapStone], idx: usize) -> Vec<(usize, usize)> {
    const MAX_SIDE_MISMATCH: f64 = 0.4;
    const MAX_COSINE: f64 = 0.35;
    const MAX_MODULE_RATIO: f64 = 1.5;
    const MAX_PAIRS: usize = 6;
    let corner = &capstones[idx];
    let (cx, cy) = corner.stone_centre;
    let side = |other: &CapStone| {
        let (dx, dy) = (other.stone_centre.0 - cx, other.stone_centre.1 - cy);
        let modules = (dx * dx + dy * dy).sqrt() / corner.module;
        let similar = other.module <= corner.module * MAX_MODULE_RATIO
            && corner.module <= other.module * MAX_MODULE_RATIO;
        // At least version 1's 14 modules between stones, at most 40's 170.
        (similar && (12.0..=180.0).contains(&modules)).then_some((dx, dy))
    };
    let mut found: Vec<(f64, (usize, usize))> = Vec::new();
    for (a, cap_a) in capstones.iter().enumerate() {
        let Some((ax, ay)) = (a != idx).then(|| side(cap_a)).flatten() else {
            continue;
        };
        for (b, cap_b) in capstones.iter().enumerate().skip(a + 1) {
            let Some((bx, by)) = (b != idx).then(|| side(cap_b)).flatten() else {
                continue;
            };
            let (la, lb) = ((ax * ax + ay * ay).sqrt(), (bx * bx + by * by).sqrt());
            let mismatch = 1.0 - la.min(lb) / la.max(lb);
            let cosine = (ax * bx + ay * by) / (la * lb);
            if mismatch < MAX_SIDE_MISMATCH && cosine.abs() < MAX_COSINE {
                found.push((mismatch + cosine.abs(), (a, b)));
            }
        }
    }
    found.sort_unstable_by(|x, y| x.0.total_cmp(&y.0));
    // Each pair tried costs `from_group` a copy of the image: a picture
    // full of finder-like shapes must not make that quadratic.
    found.into_iter().take(MAX_PAIRS).map(|(_, pair)| pair).collect()
}

fn find_possible_neighbors(capstones: &[CapStone], idx: usize) -> (Vec<Neighbor>, Vec<Neighbor>) {
    let cap = &capstones[idx];
    let mut hlist = Vec::new();
    let mut vlist = Vec::new();

    /* Look for potential neighbours by examining the relative gradients
     * from this capstone to others.
     */
    #[allow(clippy::needless_range_loop)]
    for others_idx in 0..capstones.len() {
        if others_idx == idx {
            continue;
        }

        let cmp_cap = &capstones[others_idx];

        let (mut u, mut v) = cap.c.unmap(&cmp_cap.center);
        u = (u - 3.5f64).abs();
        v = (v - 3.5f64).abs();

        if u < 0.2f64 * v {
            hlist.push(Neighbor {
                index: others_idx,
                distance: v,
            });
        }

        if v < 0.2f64 * u {
            vlist.push(Neighbor {
                index: others_idx,
                distance: u,
            });
        }
    }

    (hlist, vlist)
}
