//! Extraction throughput on a generated corpus of more than 10 MB: MB/s and reports/s per
//! core, on one core and on all, peak memory, and gazetteer load time. Then divan's
//! per-report timings. Each run checks its answer, so a fast wrong result cannot pass.
//!
//! Run: `cargo bench -p sitrep-engine --bench throughput`

#![allow(clippy::print_stdout)] // A benchmark prints its figures.

use std::time::Instant;

use sitrep_engine::{Engine, Input};

const TARGET_BYTES: usize = 10 * 1024 * 1024 + 1;

/// Reports generated from templates over real place and actor names, with varied numbers.
fn corpus() -> Vec<String> {
    let sides = [
        (
            "Russia",
            "Russian",
            "Ukraine",
            "Ukrainian",
            "Kharkiv",
            "Kharkiv",
        ),
        (
            "Israel",
            "Israeli",
            "Lebanon",
            "Lebanese",
            "Tyre",
            "South Governorate",
        ),
        (
            "Sudan",
            "Sudanese",
            "Chad",
            "Chadian",
            "El Fasher",
            "North Darfur",
        ),
        (
            "India",
            "Indian",
            "Pakistan",
            "Pakistani",
            "Muzaffarabad",
            "Azad Kashmir",
        ),
        (
            "Armenia",
            "Armenian",
            "Azerbaijan",
            "Azerbaijani",
            "Tovuz",
            "Tovuz",
        ),
        (
            "Thailand",
            "Thai",
            "Cambodia",
            "Cambodian",
            "Battambang",
            "Battambang",
        ),
    ];
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0u64;
    while total < TARGET_BYTES {
        let (a, ad, b, bd, city, prov) = sides[(n % sides.len() as u64) as usize];
        let killed = 3 + n % 97;
        let displaced = 1000 + (n * 37) % 90_000;
        let report = format!(
            "{ad} Forces Strike {city} As Talks Stall\n\
             {b}'s defence ministry said {ad} fighter jets bombed areas near {city} in {prov} province on Monday, killing at least {killed} civilians.\n\
             The {ad} army said {b} fired dozens of rockets into {ad} territory and that its air force responded by striking two {bd} military targets.\n\
             Officials say more than {displaced} people have been displaced since the fighting began, and {k2} were wounded on Sunday.\n\
             {a}'s foreign minister told reporters that talks would be held next week in Geneva, while the United Nations urged both sides to agree a ceasefire.\n\
             \"We will defend our land,\" said a spokesman for the {bd} government, who accused {a} of violating the truce.\n",
            k2 = 2 + n % 11,
        );
        total += report.len();
        out.push(report);
        n += 1;
    }
    out
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn run(engine: &Engine, docs: &[String]) -> usize {
    let mut events = 0;
    for d in docs {
        let rec = engine.extract(&Input {
            text: d,
            published: chrono::NaiveDate::from_ymd_opt(2025, 12, 23),
            ..Default::default()
        });
        // The answer is checked inside the timed loop.
        assert!(
            rec.events.iter().any(|e| e.plover == "ASSAULT"),
            "no assault found in a generated report"
        );
        assert!(
            !rec.figures.is_empty(),
            "no figure found in a generated report"
        );
        events += rec.events.len();
    }
    events
}

fn main() {
    let t = Instant::now();
    let engine = Engine::builtin();
    let load = t.elapsed();
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} reports, {:.1} MB", docs.len(), mb);
    println!(
        "engine load (lexicons + gazetteer): {:.0} ms",
        load.as_secs_f64() * 1e3
    );

    let t = Instant::now();
    let events = run(&engine, &docs);
    let one = t.elapsed().as_secs_f64();
    println!(
        "one core:  {:.2} MB/s, {:.0} reports/s ({} events)",
        mb / one,
        docs.len() as f64 / one,
        events
    );

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = Instant::now();
    let chunk = docs.len().div_ceil(cores);
    let total: usize = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|c| s.spawn(|| run(&engine, c)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .sum()
    });
    assert_eq!(total, events, "parallel run disagrees with the serial one");
    let all = t.elapsed().as_secs_f64();
    println!(
        "{cores} cores: {:.2} MB/s ({:.2} MB/s per core), {:.0} reports/s",
        mb / all,
        mb / all / cores as f64,
        docs.len() as f64 / all
    );
    if let Some(peak) = peak_rss_mib() {
        println!("peak memory (VmHWM): {peak:.0} MiB");
    }
    hostile(&engine);
    divan::main();
}

/// Inputs shaped to make a careless rule grow faster than its input: each should take
/// about as long as ordinary text of its size.
fn hostile(engine: &Engine) {
    let names = [
        "Kabul", "Aleppo", "Mosul", "Homs", "Gaza", "Donetsk", "Kharkiv", "Goma",
    ];
    let shapes: [(&str, String); 4] = [
        ("\"killed \" x 40,000", "killed ".repeat(40_000)),
        (
            "3,500 place names, no full stop",
            (0..3_500)
                .map(|i| names[i % names.len()])
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ("\"A. \" x 5,000", "A. ".repeat(5_000)),
        (
            "\"Iraq attacked Syria and\" x 8,000",
            "Iraq attacked Syria and ".repeat(8_000),
        ),
    ];
    for (name, text) in shapes {
        let t = Instant::now();
        let r = engine.extract(&Input {
            text: &text,
            ..Default::default()
        });
        println!(
            "hostile {name} ({:.0} KB): {:.2} s, {} events",
            text.len() as f64 / 1e3,
            t.elapsed().as_secs_f64(),
            r.events.len()
        );
    }
}

#[divan::bench]
fn one_report(bencher: divan::Bencher) {
    let engine = Engine::builtin();
    let docs = corpus();
    let doc = &docs[0];
    bencher
        .counter(divan::counter::BytesCount::of_str(doc))
        .bench(|| {
            engine
                .extract(&Input {
                    text: divan::black_box(doc),
                    ..Default::default()
                })
                .events
                .len()
        });
}
