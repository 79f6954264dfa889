//! `frames OUTDIR [--per-category N] [--codeless N] [--seed S]`: the
//! generated corpus as PNG files plus `frames.json` (file, category, width,
//! height, expected), for benchmarking the decoder in a browser. `--codeless`
//! adds N frames of each size with no code in view (category `no code`,
//! `expected` null): most frames a scanner sees, so their cost counts.

use std::path::Path;
use std::process::ExitCode;

use kassa_scan_lab::{cli, synth};
use serde::Serialize;

const USAGE: &str = "usage: frames OUTDIR [--per-category N] [--codeless N] [--seed S]";
/// The category of the frames without a code.
const CODELESS: &str = "no code";

#[derive(Serialize)]
struct Frame {
    file: String,
    category: &'static str,
    width: u32,
    height: u32,
    expected: Option<String>,
}

fn main() -> ExitCode {
    cli::finish(run(std::env::args().skip(1).collect()), USAGE)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut dir, mut per_category, mut codeless, mut seed) = (None, 8usize, 0u64, synth::SEED);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--per-category" => per_category = cli::number(args.next(), "--per-category")?,
            "--codeless" => codeless = cli::number(args.next(), "--codeless")?,
            "--seed" => seed = cli::number(args.next(), "--seed")?,
            _ if dir.is_none() => dir = Some(arg),
            _ => return Err(format!("unexpected {arg:?}")),
        }
    }
    let dir = dir.ok_or("expected OUTDIR")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let samples = synth::corpus(seed, per_category).into_iter().map(|sample| {
        let expected = Some(sample.expected);
        (
            sample.category,
            sample.width,
            sample.height,
            sample.luma,
            expected,
        )
    });
    let backgrounds = (0..codeless).flat_map(|i| {
        synth::SIZES.map(|(width, height)| {
            let luma = synth::background_frame(seed + i, width, height);
            (CODELESS, width, height, luma, None)
        })
    });
    let mut manifest = Vec::new();
    for (i, (category, width, height, luma, expected)) in samples.chain(backgrounds).enumerate() {
        let file = format!("{i:03}-{}-{width}x{height}.png", category.replace(' ', "-"));
        let image = image::GrayImage::from_raw(width, height, luma)
            .ok_or("a generated frame has the wrong size")?;
        image
            .save(dir.join(&file))
            .map_err(|e| format!("{file}: {e}"))?;
        manifest.push(Frame {
            file,
            category,
            width,
            height,
            expected,
        });
    }
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("frames.json"), json + "\n")
        .map_err(|e| format!("frames.json: {e}"))?;
    println!(
        "{}: {} frames and frames.json",
        dir.display(),
        manifest.len()
    );
    Ok(())
}
