//! `qr-video TEXT OUT.y4m [--frames N] [--blank N] [--size WxH]`: a short
//! video of a clean code of TEXT for Chromium's fake camera, which loops it.
//! Each frame moves the code a little along a circle, so the loop looks like
//! a hand holding a phone and the decoder sees frames that differ.
//! `--blank N` starts it with N frames of an empty counter, so a test can
//! tell the first frame that holds the code. `--code128` shows TEXT as the
//! Code 128 barcode a printed receipt carries instead of a QR code.

use std::process::ExitCode;

use kassa_scan_lab::{cli, synth, y4m};

const USAGE: &str =
    "usage: qr-video TEXT OUT.y4m [--frames N] [--blank N] [--size WxH] [--code128]";
/// The empty counter's grey, the code frames' background.
const COUNTER: u8 = 110;
const FPS: u32 = 10;

fn main() -> ExitCode {
    cli::finish(run(std::env::args().skip(1).collect()), USAGE)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut positional = Vec::new();
    let (mut frames, mut blank, mut size) = (10usize, 0usize, (640u32, 480u32));
    let mut code128 = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--frames" => frames = cli::number(args.next(), "--frames")?,
            "--code128" => code128 = true,
            "--blank" => blank = cli::number(args.next(), "--blank")?,
            "--size" => size = parse_size(&args.next().unwrap_or_default())?,
            _ => positional.push(arg),
        }
    }
    let [text, out] =
        <[String; 2]>::try_from(positional).map_err(|_| "expected TEXT and OUT.y4m".to_owned())?;
    if frames == 0 || size.0 < 2 || size.1 < 2 {
        return Err("need at least one frame of at least 2×2".into());
    }
    let (width, height) = size;
    let empty = vec![COUNTER; width as usize * height as usize];
    let pictures = std::iter::repeat_n(Ok(empty), blank)
        .chain((0..frames).map(|i| {
            let turn = std::f64::consts::TAU * i as f64 / frames as f64;
            let shift = (3.0 * turn.cos(), 2.0 * turn.sin());
            if code128 {
                return synth::render_receipt_barcode(&text, width, height, shift)
                    .ok_or_else(|| "TEXT has no Code 128 barcode".to_owned());
            }
            synth::render_shifted(&text, width, height, shift)
                .map_err(|e| format!("cannot encode TEXT: {e}"))
        }))
        .collect::<Result<Vec<_>, _>>()?;
    let file = std::fs::File::create(&out).map_err(|e| format!("{out}: {e}"))?;
    let mut writer = std::io::BufWriter::new(file);
    y4m::write(&mut writer, width, height, FPS, &pictures).map_err(|e| format!("{out}: {e}"))?;
    println!("{out}: {blank} blank and {frames} code frames of {width}×{height} at {FPS} fps");
    Ok(())
}

fn parse_size(value: &str) -> Result<(u32, u32), String> {
    value
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .ok_or_else(|| format!("--size needs WxH, got {value:?}"))
}
