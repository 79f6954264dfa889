//! `misses [name…]` / `misses --generated [index]`: for each shared-corpus
//! (or generated) image the pipeline reads wrong (by bytes), what rqrr makes of
//! a few views: capstones, grids, and each grid's size and decode error.
//! Sorts the misses by the stage that loses them.
use kassa::scan::decode::{decode, decode_bytes_with, LumaFrame, Stages};
use kassa_scan_lab::{shared_corpus, synth};

fn zoom(l: &[u8], w: usize, h: usize) -> Vec<u8> {
    let at = |x: usize, y: usize| u32::from(l[y.min(h - 1) * w + x.min(w - 1)]);
    let mut out = vec![0u8; 4 * w * h];
    for y in 0..h {
        for x in 0..w {
            let (a, b, c, d) = (at(x, y), at(x + 1, y), at(x, y + 1), at(x + 1, y + 1));
            let o = 4 * y * w + 2 * x;
            out[o] = a as u8;
            out[o + 1] = (a + b).div_ceil(2) as u8;
            out[o + 2 * w] = (a + c).div_ceil(2) as u8;
            out[o + 2 * w + 1] = ((a + b + c + d + 2) / 4) as u8;
        }
    }
    out
}

fn probe(label: &str, w: usize, h: usize, luma: Vec<u8>) -> String {
    let Some(mut img) = rqrr::PreparedImage::prepare_from_luma(w, h, luma) else {
        return format!("{label}: -");
    };
    let (grids, caps) = img.detect_grids_and_capstones();
    let res: Vec<String> = grids
        .iter()
        .map(|g| {
            let mut out = Vec::new();
            match g.decode_to(&mut out) {
                Ok(m) => format!("ok v{}", m.version.0),
                Err(e) => format!("{e:?}@{}", rqrr::BitGrid::size(&g.grid)),
            }
        })
        .collect();
    format!("{label}: caps {caps} grids {res:?}")
}

/// Unsharp masking as `decode`'s sharpened retry does it: the mean of the
/// `2r+1` square, `k/2` times the difference added.
fn sharpen(l: &[u8], w: usize, h: usize, r: usize, k: i32) -> Vec<u8> {
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let (mut sum, mut n) = (0i32, 0i32);
            for yy in y.saturating_sub(r)..(y + r + 1).min(h) {
                for xx in x.saturating_sub(r)..(x + r + 1).min(w) {
                    sum += i32::from(l[yy * w + xx]);
                    n += 1;
                }
            }
            let p = i32::from(l[y * w + x]);
            out[y * w + x] = (p + k * (p - sum / n) / 2).clamp(0, 255) as u8;
        }
    }
    out
}

fn views(w: usize, h: usize, luma: &[u8]) {
    for (r, k) in [(1, 2), (2, 2), (2, 4), (3, 2), (3, 4)] {
        println!(
            "  {}",
            probe(&format!("sharp {r} {k}"), w, h, sharpen(luma, w, h, r, k))
        );
    }
    let inv: Vec<u8> = luma.iter().map(|v| 255 - v).collect();
    println!("  {}", probe("whole", w, h, luma.to_vec()));
    println!("  {}", probe("invert", w, h, inv.clone()));
    let half: Vec<u8> = (0..h / 2)
        .flat_map(|y| (0..w / 2).map(move |x| (x, y)))
        .map(|(x, y)| {
            let at = |dx, dy| u32::from(luma[(2 * y + dy) * w + 2 * x + dx]);
            ((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4) as u8
        })
        .collect();
    println!("  {}", probe("half", w / 2, h / 2, half));
    if w * h <= 700_000 {
        println!("  {}", probe("zoom", 2 * w, 2 * h, zoom(luma, w, h)));
        println!("  {}", probe("zoom inv", 2 * w, 2 * h, zoom(&inv, w, h)));
    }
}

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    if names.first().map(String::as_str) == Some("--generated") {
        for (i, s) in synth::corpus(synth::SEED, 24).into_iter().enumerate() {
            let frame = LumaFrame::new(s.width, s.height, s.luma.clone()).unwrap();
            if decode(&frame).contains(&s.expected)
                || !names[1..].iter().all(|n| *n == i.to_string())
            {
                continue;
            }
            println!("{} #{i} {}x{}", s.category, s.width, s.height);
            views(s.width as usize, s.height as usize, &s.luma);
        }
        return;
    }
    let dir = shared_corpus::locate().unwrap();
    for entry in shared_corpus::entries(&dir).unwrap() {
        let name = entry.path.strip_prefix(&dir).unwrap().display().to_string();
        if !names.is_empty() && !names.iter().any(|n| name.ends_with(n.as_str())) {
            continue;
        }
        let p = entry.load().unwrap();
        let frame = LumaFrame::new(p.width, p.height, p.luma.clone()).unwrap();
        let expected = entry.expected_bytes().unwrap_or_default();
        let ok = decode_bytes_with(&frame, Stages::ALL)
            .iter()
            .any(|b| expected.contains(b));
        if ok && names.is_empty() {
            continue;
        }
        let (w, h) = (p.width as usize, p.height as usize);
        println!("{name} {w}x{h}");
        views(w, h, &p.luma);
    }
}
