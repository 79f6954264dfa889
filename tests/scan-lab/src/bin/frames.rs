//! `frames OUTDIR [--per-category N] [--seed S]`: the generated corpus as
//! PNG files plus `frames.json` (file, category, width, height, expected),
//! for benchmarking the decoder in a browser.

use std::path::Path;
use std::process::ExitCode;

use kassa_scan_lab::{cli, synth};
use serde::Serialize;

const USAGE: &str = "usage: frames OUTDIR [--per-category N] [--seed S]";

#[derive(Serialize)]
struct Frame {
    file: String,
    category: &'static str,
    width: u32,
    height: u32,
    expected: String,
}

fn main() -> ExitCode {
    cli::finish(run(std::env::args().skip(1).collect()), USAGE)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut dir, mut per_category, mut seed) = (None, 8usize, synth::SEED);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--per-category" => per_category = cli::number(args.next(), "--per-category")?,
            "--seed" => seed = cli::number(args.next(), "--seed")?,
            _ if dir.is_none() => dir = Some(arg),
            _ => return Err(format!("unexpected {arg:?}")),
        }
    }
    let dir = dir.ok_or("expected OUTDIR")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut manifest = Vec::new();
    for (i, sample) in synth::corpus(seed, per_category).into_iter().enumerate() {
        let file = format!(
            "{:03}-{}-{}x{}.png",
            i, sample.category, sample.width, sample.height
        );
        let image = image::GrayImage::from_raw(sample.width, sample.height, sample.luma)
            .ok_or("a generated frame has the wrong size")?;
        image
            .save(dir.join(&file))
            .map_err(|e| format!("{file}: {e}"))?;
        manifest.push(Frame {
            file,
            category: sample.category,
            width: sample.width,
            height: sample.height,
            expected: sample.expected,
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
