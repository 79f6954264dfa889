use kassa_scan_lab::shared_corpus;
use rqrr::BitGrid;

fn main() {
    let dir = shared_corpus::locate().unwrap();
    let entries = shared_corpus::entries(&dir).unwrap();
    for arg in std::env::args().skip(1) {
        let entry = entries.iter().find(|e| e.path.ends_with(&arg)).unwrap();
        let p = entry.load().unwrap();
        let (w, h) = (p.width as usize, p.height as usize);
        for invert in [false, true] {
            let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
                let v = p.luma[y * w + x];
                if invert {
                    255 - v
                } else {
                    v
                }
            });
            let grids = img.detect_grids();
            let res: Vec<String> = grids
                .iter()
                .map(|g| match g.decode() {
                    Ok((m, t)) => format!("ok v{} {:?}", m.version.0, &t[..t.len().min(20)]),
                    Err(e) => format!("err {e:?} size {}", g.grid.size()),
                })
                .collect();
            println!(
                "{arg} {w}x{h} inv={invert}: {} grids {:?}",
                grids.len(),
                res
            );
        }
    }
}
