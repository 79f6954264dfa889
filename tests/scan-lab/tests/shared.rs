//! The shared corpus, where a checkout has it: the manifest parses, the
//! image that makes rqrr 0.11 panic is answered without one escaping, and
//! the pipeline reads at least what it read when issue 18 was closed.

use kassa::scan::decode::{decode, decode_bytes_with, decode_raw, LumaFrame, Stages};
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

#[test]
fn the_pipeline_reads_the_floor() {
    let Some(dir) = shared_corpus::locate() else {
        eprintln!("shared corpus not found; set KASSA_QR_CORPUS to check it");
        return;
    };
    let (mut as_text, mut as_bytes) = (0, 0);
    for entry in shared_corpus::entries(&dir).unwrap() {
        let picture = entry.load().unwrap();
        let frame = LumaFrame::new(picture.width, picture.height, picture.luma).unwrap();
        let text = entry.matches(&decode(&frame));
        let expected = entry.expected_bytes().unwrap();
        let bytes = decode_bytes_with(&frame, Stages::ALL)
            .iter()
            .any(|p| expected.contains(p));
        as_text += usize::from(text);
        as_bytes += usize::from(text || bytes);
    }
    eprintln!("shared corpus: {as_text} as text, {as_bytes} bit-exact");
    // `accuracy` prints them per category: 160 and 172 of 179.
    assert!(as_text >= 160 && as_bytes >= 172, "{as_text} / {as_bytes}");
}
