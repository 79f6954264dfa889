//! `misses [name…]`: for each shared-corpus image the pipeline reads wrong
//! (by bytes), what rqrr makes of a few views: capstones, grids, and each
//! grid's size and decode error. Classifies the misses by stage.
use kassa::scan::decode::{decode_bytes_with, LumaFrame, Stages};
use kassa_scan_lab::shared_corpus;

fn zoom(l: &[u8], w: usize, h: usize) -> Vec<u8> {
    let at = |x: usize, y: usize| u32::from(l[y.min(h - 1) * w + x.min(w - 1)]);
    let mut out = vec![0u8; 4 * w * h];
    for y in 0..h {
        for x in 0..w {
            let (a, b, c, d) = (at(x, y), at(x + 1, y), at(x, y + 1), at(x + 1, y + 1));
            let o = 4 * y * w + 2 * x;
            out[o] = a as u8;
            out[o + 1] = ((a + b + 1) / 2) as u8;
            out[o + 2 * w] = ((a + c + 1) / 2) as u8;
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

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
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
        let inv: Vec<u8> = p.luma.iter().map(|v| 255 - v).collect();
        println!("{name} {w}x{h}");
        println!("  {}", probe("whole", w, h, p.luma.clone()));
        println!("  {}", probe("invert", w, h, inv.clone()));
        if w * h <= 700_000 {
            println!("  {}", probe("zoom", 2 * w, 2 * h, zoom(&p.luma, w, h)));
            println!("  {}", probe("zoom inv", 2 * w, 2 * h, zoom(&inv, w, h)));
        }
    }
}
