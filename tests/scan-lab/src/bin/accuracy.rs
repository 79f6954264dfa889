//! `accuracy [--per-category N] [--seed S] [--quick] [--misses]`: how many
//! codes plain rqrr and Kassa's pipeline read, per category of the shared
//! and the generated corpus, how often rqrr panicked, and what each pipeline
//! stage adds (`--quick` leaves the stages out; `--misses` lists the inputs
//! the pipeline got wrong).
//! Prints markdown tables. Run with `--profile lab`: under the release
//! profile a panic aborts instead of being caught and counted.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kassa::scan::decode::{decode, decode_bytes_with, decode_raw, decode_with, LumaFrame, Stages};
use kassa_scan_lab::{shared_corpus, stats, synth};

/// Where each caught panic came from, collected by our panic hook.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Whether the payloads of a decode hold the expected text.
type Judge = Box<dyn Fn(&[String]) -> bool>;

struct Case {
    category: String,
    name: String,
    frame: LumaFrame,
    correct: Judge,
    /// The payload bytes any form of the expected text takes (shared corpus).
    expected_bytes: Vec<Vec<u8>>,
}

fn main() -> ExitCode {
    if cfg!(panic = "abort") {
        eprintln!("built with panic=abort: run with `cargo run --profile lab -p kassa-scan-lab --bin accuracy`");
        return ExitCode::from(2);
    }
    let Some(options) = options(std::env::args().skip(1)) else {
        eprintln!("usage: accuracy [--per-category N] [--seed S] [--quick] [--misses]");
        return ExitCode::from(2);
    };
    let (per_category, seed) = (options.per_category, options.seed);
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", short(l.file()), l.line()))
            .unwrap_or_default();
        PANICS.lock().unwrap_or_else(|e| e.into_inner()).push(place);
    }));

    let shared = shared_cases();
    let generated = generated_cases(seed, per_category);
    let empty: Vec<_> = (0..8)
        .filter_map(|i| LumaFrame::new(640, 480, synth::background_frame(seed + i, 640, 480)).ok())
        .collect();

    if !shared.is_empty() {
        println!("### Shared corpus (zxing blackbox), decoded correctly\n");
        compare(&shared, true, options.misses);
    }
    println!(
        "### Generated corpus (seed {seed}, {per_category} per category), decoded correctly\n"
    );
    compare(&generated, false, options.misses);
    if !options.quick {
        println!("### What each stage adds\n");
        stages(&shared, &generated, &empty);
    }
    ExitCode::SUCCESS
}

struct Options {
    per_category: usize,
    seed: u64,
    quick: bool,
    misses: bool,
}

fn options(mut args: impl Iterator<Item = String>) -> Option<Options> {
    let mut options = Options {
        per_category: 24,
        seed: synth::SEED,
        quick: false,
        misses: false,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--per-category" => options.per_category = args.next()?.parse().ok()?,
            "--seed" => options.seed = args.next()?.parse().ok()?,
            "--quick" => options.quick = true,
            "--misses" => options.misses = true,
            _ => return None,
        }
    }
    Some(options)
}

fn shared_cases() -> Vec<Case> {
    let Some(dir) = shared_corpus::locate() else {
        println!(
            "(shared corpus not found: set KASSA_QR_CORPUS to shared/qr-corpus to include it)\n"
        );
        return Vec::new();
    };
    let entries = match shared_corpus::entries(&dir) {
        Ok(e) => e,
        Err(e) => {
            println!("(shared corpus unreadable: {e})\n");
            return Vec::new();
        }
    };
    entries
        .into_iter()
        .filter_map(|entry| {
            let picture = entry.load().map_err(|e| println!("(skipped: {e})")).ok()?;
            let frame = LumaFrame::new(picture.width, picture.height, picture.luma).ok()?;
            let name = entry
                .path
                .strip_prefix(&dir)
                .unwrap_or(&entry.path)
                .display()
                .to_string();
            let expected_bytes = entry.expected_bytes().unwrap_or_default();
            Some(Case {
                category: entry.category.clone(),
                name,
                frame,
                correct: Box::new(move |p| entry.matches(p)),
                expected_bytes,
            })
        })
        .collect()
}

fn generated_cases(seed: u64, per_category: usize) -> Vec<Case> {
    synth::corpus(seed, per_category)
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let frame = LumaFrame::new(s.width, s.height, s.luma).ok()?;
            let expected = s.expected;
            Some(Case {
                category: s.category.to_owned(),
                name: format!("{} #{i} {}×{}", s.category, s.width, s.height),
                frame,
                correct: Box::new(move |p| p.contains(&expected)),
                expected_bytes: Vec::new(),
            })
        })
        .collect()
}

/// Decodes the case `repeats` times, returning whether it was right, the
/// shortest time (the machine may be busy with other work), and the places
/// rqrr panicked.
fn run(
    case: &Case,
    decoder: &dyn Fn(&LumaFrame) -> Vec<String>,
    repeats: usize,
) -> (bool, Duration, Vec<String>) {
    PANICS.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let mut payloads = Vec::new();
    let mut took = Duration::MAX;
    for _ in 0..repeats.max(1) {
        let start = Instant::now();
        payloads = decoder(&case.frame);
        took = took.min(start.elapsed());
    }
    let panics = std::mem::take(&mut *PANICS.lock().unwrap_or_else(|e| e.into_inner()));
    ((case.correct)(&payloads), took, panics)
}

fn compare(cases: &[Case], show_panics: bool, show_misses: bool) {
    let mut rows: BTreeMap<&str, [usize; 6]> = BTreeMap::new();
    let mut panicked = Vec::new();
    let mut missed = Vec::new();
    for case in cases {
        let (raw_ok, _, raw_panics) = run(case, &decode_raw, 1);
        let (ok, _, panics) = run(case, &decode, 1);
        let bytes_ok = ok
            || decode_bytes_with(&case.frame, Stages::ALL)
                .iter()
                .any(|p| case.expected_bytes.contains(p));
        if !ok {
            missed.push(case.name.as_str());
        }
        let row = rows.entry(&case.category).or_default();
        let counts = [
            1,
            raw_ok.into(),
            ok.into(),
            (!raw_panics.is_empty()).into(),
            (!panics.is_empty()).into(),
            bytes_ok.into(),
        ];
        for (r, c) in row.iter_mut().zip(counts) {
            *r += c;
        }
        if !raw_panics.is_empty() || !panics.is_empty() {
            let mut places = raw_panics;
            places.extend(panics);
            places.sort();
            places.dedup();
            panicked.push(format!("{}: {}", case.name, places.join(", ")));
        }
    }
    println!(
        "| category | inputs | rqrr | pipeline | pipeline, Shift_JIS as bytes | inputs where rqrr panicked (raw / pipeline) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut total = [0; 6];
    for (category, row) in &rows {
        println!(
            "| {category} | {} | {} | {} | {} | {} / {} |",
            row[0], row[1], row[2], row[5], row[3], row[4]
        );
        for (t, r) in total.iter_mut().zip(row) {
            *t += r;
        }
    }
    println!(
        "| **total** | {} | {} | {} | {} | {} / {} |\n",
        total[0], total[1], total[2], total[5], total[3], total[4]
    );
    if show_panics || !panicked.is_empty() {
        for line in &panicked {
            println!("- panic caught: {line}");
        }
        println!();
    }
    if show_misses {
        println!("Missed by the pipeline: {}\n", missed.join(", "));
    }
}

fn stages(shared: &[Case], generated: &[Case], empty: &[LumaFrame]) {
    let all = Stages::ALL;
    let configs = [
        ("none (whole frame)", Stages::NONE),
        (
            "coarse first only",
            Stages {
                coarse_first: true,
                ..Stages::NONE
            },
        ),
        (
            "centre first only",
            Stages {
                centre_first: true,
                ..Stages::NONE
            },
        ),
        (
            "invert only",
            Stages {
                invert: true,
                ..Stages::NONE
            },
        ),
        (
            "contrast only",
            Stages {
                contrast: true,
                ..Stages::NONE
            },
        ),
        (
            "all but coarse first",
            Stages {
                coarse_first: false,
                ..all
            },
        ),
        (
            "all but centre first",
            Stages {
                centre_first: false,
                ..all
            },
        ),
        (
            "all but invert",
            Stages {
                invert: false,
                ..all
            },
        ),
        (
            "all but contrast",
            Stages {
                contrast: false,
                ..all
            },
        ),
        ("all but zoom", Stages { zoom: false, ..all }),
        (
            "all but sharpen",
            Stages {
                sharpen: false,
                ..all
            },
        ),
        ("all but gate", Stages { gate: false, ..all }),
        ("all (decode)", all),
    ];
    println!("| stages | generated | shared | median ms 640×480 | median ms 1280×720 | p95 ms all | no code, median ms 640×480 |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (label, stages) in configs {
        let pipeline = |frame: &LumaFrame| decode_with(frame, stages);
        let mut by_size: BTreeMap<u32, Vec<Duration>> = BTreeMap::new();
        let mut times = Vec::new();
        let mut generated_ok = 0;
        for case in generated {
            let (ok, took, _) = run(case, &pipeline, 3);
            generated_ok += usize::from(ok);
            by_size.entry(case.frame.width()).or_default().push(took);
            times.push(took);
        }
        let shared_ok = shared.iter().filter(|c| run(c, &pipeline, 1).0).count();
        let idle: Vec<_> = empty
            .iter()
            .map(|frame| {
                (0..3)
                    .map(|_| {
                        let start = Instant::now();
                        decode_with(frame, stages);
                        start.elapsed()
                    })
                    .min()
                    .unwrap_or_default()
            })
            .collect();
        let median = |w: u32| stats::ms(by_size.get(&w).and_then(|t| stats::quantile(t, 0.5)));
        println!(
            "| {label} | {generated_ok}/{} | {shared_ok}/{} | {} | {} | {} | {} |",
            generated.len(),
            shared.len(),
            median(640),
            median(1280),
            stats::ms(stats::quantile(&times, 0.95)),
            stats::ms(stats::quantile(&idle, 0.5)),
        );
    }
    println!();
}

/// `…/rqrr-0.11.0/src/geometry.rs` → `rqrr-0.11.0/src/geometry.rs`.
fn short(file: &str) -> &str {
    file.find("rqrr-").map_or(file, |i| &file[i..])
}
