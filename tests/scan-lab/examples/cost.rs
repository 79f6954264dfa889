use kassa::scan::decode::{decode, LumaFrame};
use kassa_scan_lab::synth;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let only: Option<u64> = std::env::args().nth(2).and_then(|n| n.parse().ok());
    let frames: Vec<LumaFrame> = if mode == "empty" {
        (0..8)
            .filter(|i| only.is_none_or(|o| o == *i))
            .map(|i| {
                LumaFrame::new(640, 480, synth::background_frame(synth::SEED + i, 640, 480))
                    .unwrap()
            })
            .collect()
    } else {
        synth::corpus(synth::SEED, 8)
            .into_iter()
            .filter(|s| s.width == 640)
            .map(|s| LumaFrame::new(s.width, s.height, s.luma).unwrap())
            .collect()
    };
    println!("{} frames, {} payloads", frames.len(), run(&frames));
}

#[inline(never)]
fn run(frames: &[LumaFrame]) -> usize {
    frames.iter().map(|f| decode(f).len()).sum()
}
