//! The generated corpus is reproducible and shaped as declared.

use kassa_scan_lab::synth::{self, Category};

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = synth::sample(7, Category::Noise, 0);
    let b = synth::sample(7, Category::Noise, 0);
    let c = synth::sample(8, Category::Noise, 0);
    assert_eq!(a.luma, b.luma);
    assert_eq!(a.expected, b.expected);
    assert_ne!(a.luma, c.luma);
    assert_ne!(a.expected, c.expected);
}

#[test]
fn every_category_gives_frames_of_the_declared_sizes() {
    for category in Category::ALL {
        for (index, (width, height)) in synth::SIZES.into_iter().enumerate() {
            let s = synth::sample(1, category, index);
            assert_eq!(
                (s.category, s.width, s.height),
                (category.name(), width, height)
            );
            assert_eq!(s.luma.len(), (width * height) as usize);
            let (min, max) = s
                .luma
                .iter()
                .fold((255, 0), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            assert!(
                max - min > 60,
                "{} has no contrast: {min}..{max}",
                s.category
            );
        }
    }
}

#[test]
fn corpus_is_per_category_in_order() {
    let corpus = synth::corpus(3, 2);
    let names: Vec<_> = corpus.iter().map(|s| s.category).collect();
    let expected: Vec<_> = Category::ALL
        .iter()
        .flat_map(|c| [c.name(), c.name()])
        .collect();
    assert_eq!(names, expected);
}

#[test]
fn customer_codes_are_lowercase_uuids() {
    let s = synth::sample(5, Category::Clean, 0);
    let code = s.expected.as_bytes();
    assert_eq!(code.len(), 36);
    for (i, &c) in code.iter().enumerate() {
        if [8, 13, 18, 23].contains(&i) {
            assert_eq!(c, b'-');
        } else {
            assert!(
                c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
                "{}",
                s.expected
            );
        }
    }
}

#[test]
fn a_rendered_code_frame_decodes_to_its_text() {
    let text = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";
    let luma = synth::render_code_frame(text, 640, 480).unwrap();
    let frame = kassa::scan::decode::LumaFrame::new(640, 480, luma).unwrap();
    assert_eq!(kassa::scan::decode::decode(&frame), vec![text.to_owned()]);
}

#[test]
fn background_frames_hold_no_code() {
    let luma = synth::background_frame(1, 640, 480);
    let frame = kassa::scan::decode::LumaFrame::new(640, 480, luma).unwrap();
    assert!(kassa::scan::decode::decode(&frame).is_empty());
}

#[test]
fn receipt_barcode_frames_read_as_their_number() {
    let number = "T30FA-2612011819-000001";
    for shift in [(0.0, 0.0), (3.0, 0.0), (-1.5, 1.7)] {
        let luma = synth::render_receipt_barcode(number, 1280, 720, shift).unwrap();
        let frame = kassa::scan::decode::LumaFrame::new(1280, 720, luma).unwrap();
        assert_eq!(
            kassa::scan::decode::read_code128(&frame).as_deref(),
            Some(number),
            "{shift:?}"
        );
    }
}
