//! The shared corpus, where a checkout has it: the manifest parses, and the
//! image that makes rqrr 0.11 panic is answered without one escaping.

use kassa::scan::decode::{decode, decode_raw, LumaFrame};
use kassa_scan_lab::shared_corpus;

#[test]
fn manifest_lists_every_image() {
    let Some(dir) = shared_corpus::locate() else {
        eprintln!("shared corpus not found; set KASSA_QR_CORPUS to check it");
        return;
    };
    let entries = shared_corpus::entries(&dir).unwrap();
    assert!(entries.len() >= 100, "{} entries", entries.len());
    assert!(entries
        .iter()
        .all(|e| e.path.is_file() && e.expected_sha256.len() == 64));
}

#[test]
fn the_image_that_panics_rqrr_is_caught() {
    let Some(dir) = shared_corpus::locate() else {
        eprintln!("shared corpus not found; set KASSA_QR_CORPUS to check it");
        return;
    };
    let entries = shared_corpus::entries(&dir).unwrap();
    let entry = entries
        .iter()
        .find(|e| e.path.ends_with("zxing-blackbox/qrcode-6/7.png"))
        .expect("qrcode-6/7.png in the manifest");
    let picture = entry.load().unwrap();
    let frame = LumaFrame::new(picture.width, picture.height, picture.luma).unwrap();
    assert!(decode_raw(&frame).iter().all(|p| !p.is_empty()));
    assert!(decode(&frame).iter().all(|p| !p.is_empty()));
}
