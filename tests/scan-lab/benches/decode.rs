//! Time per frame of plain rqrr and of Kassa's pipeline on the generated
//! corpus, per frame size: median and p95 (the tail is what a cashier feels
//! as a stutter), the median over the frames it read (the wait for a read),
//! and frames without a code, which run every fallback.
//! Prints a markdown table. `scripts/bench-decode.sh` runs it.

use std::time::{Duration, Instant};

use kassa::scan::decode::{decode, decode_raw, LumaFrame};
use kassa_scan_lab::{stats, synth};

const PER_CATEGORY: usize = 16;
const ROUNDS: usize = 5;

type Decoder = fn(&LumaFrame) -> Vec<String>;

fn main() {
    let corpus = synth::corpus(synth::SEED, PER_CATEGORY);
    println!(
        "Generated corpus, seed {}, {ROUNDS} rounds after a warm-up.\n",
        synth::SEED
    );
    println!("| frame | decoder | frames | decoded | median ms | p95 ms | median ms of decoded |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (width, height) in synth::SIZES {
        let cases: Vec<(LumaFrame, String)> = corpus
            .iter()
            .filter(|s| (s.width, s.height) == (width, height))
            .filter_map(|s| {
                Some((
                    LumaFrame::new(width, height, s.luma.clone()).ok()?,
                    s.expected.clone(),
                ))
            })
            .collect();
        let empty: Vec<(LumaFrame, String)> = (0..16)
            .filter_map(|i| {
                Some((
                    LumaFrame::new(width, height, synth::background_frame(i, width, height))
                        .ok()?,
                    String::new(),
                ))
            })
            .collect();
        let decoders: [(&str, Decoder); 2] = [("rqrr", decode_raw), ("pipeline", decode)];
        for (name, decoder) in decoders {
            let (read, times) = measure(&cases, decoder);
            let decoded: Vec<_> = times
                .iter()
                .zip(read.iter().cycle())
                .filter(|(_, &r)| r)
                .map(|(t, _)| *t)
                .collect();
            let count = read.iter().filter(|&&r| r).count();
            row(
                width,
                height,
                name,
                cases.len(),
                &count.to_string(),
                &times,
                &decoded,
            );
        }
        for (name, decoder) in decoders {
            let (_, times) = measure(&empty, decoder);
            row(
                width,
                height,
                &format!("{name}, no code"),
                empty.len(),
                "–",
                &times,
                &[],
            );
        }
    }
}

/// Whether each case was read (the warm-up round), and the time of every
/// decode, round by round in case order.
fn measure(cases: &[(LumaFrame, String)], decoder: Decoder) -> (Vec<bool>, Vec<Duration>) {
    let read = cases
        .iter()
        .map(|(frame, expected)| decoder(frame).contains(expected))
        .collect();
    let mut times = Vec::with_capacity(cases.len() * ROUNDS);
    for _ in 0..ROUNDS {
        for (frame, _) in cases {
            let start = Instant::now();
            std::hint::black_box(decoder(std::hint::black_box(frame)));
            times.push(start.elapsed());
        }
    }
    (read, times)
}

#[allow(clippy::too_many_arguments)]
fn row(
    width: u32,
    height: u32,
    name: &str,
    frames: usize,
    decoded: &str,
    times: &[Duration],
    read: &[Duration],
) {
    println!(
        "| {width}×{height} | {name} | {frames} | {decoded} | {} | {} | {} |",
        stats::ms(stats::quantile(times, 0.5)),
        stats::ms(stats::quantile(times, 0.95)),
        stats::ms(stats::quantile(read, 0.5)),
    );
}
