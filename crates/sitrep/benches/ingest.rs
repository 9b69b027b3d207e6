//! Ingest throughput: 10,000 generated reports (eight towns, a hundred days) extracted on
//! all cores and stored in batches of 256, each batch merged into incidents in its
//! transaction as `sitrep ingest` does, into a fresh store on disk. Prints reports/s and peak memory, and checks
//! that every report was stored once and that a second pass stores nothing new.
//!
//! Then a period brief over everything stored, timed (it must take under a second).
//!
//! Run: `cargo bench -p sitrep --bench ingest`

#![allow(clippy::print_stdout)] // A benchmark prints its figures.

use std::time::Instant;

use rayon::prelude::*;
use sitrep::EngineMerger;
use sitrep_engine::{Engine, Input, NaiveDate};
use sitrep_model::Record;
use sitrep_store::Store;

const REPORTS: usize = 10_000;
const BATCH: usize = 256;

fn report(i: usize) -> String {
    let places = [
        "Kharkiv",
        "Sumy",
        "El Fasher",
        "Goma",
        "Jenin",
        "Kidal",
        "Baidoa",
        "Sittwe",
    ];
    let place = places[i % places.len()];
    format!(
        "Fighting near {place} kills {k} as talks stall\n\
         At least {k} civilians were killed and {w} wounded when shells hit a market in {place} on Monday, local officials said. \
         The army said it had repelled an attack by armed groups and accused them of using civilians as shields. \
         Report number {i} notes that more than {d} people have fled since the fighting began, according to the United Nations, \
         which urged both sides to agree a ceasefire and allow aid convoys to reach the town.\n",
        k = 2 + i % 60,
        w = 5 + i % 90,
        d = 1000 + (i * 37) % 50_000,
    )
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn ingest(
    engine: &Engine,
    merger: &EngineMerger<'_>,
    store: &mut Store,
    texts: &[String],
) -> (usize, usize) {
    let (mut new, mut known) = (0, 0);
    for (b, chunk) in texts.chunks(BATCH).enumerate() {
        let records: Vec<Record> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, t)| {
                let i = b * BATCH + k;
                let published = NaiveDate::from_ymd_opt(2025, 3, 4)
                    .and_then(|d| d.checked_add_days(chrono::Days::new((i % 100) as u64)));
                engine.extract(&Input {
                    text: t,
                    id: Some(format!("gen-{}", b * BATCH + k)),
                    published,
                    ..Default::default()
                })
            })
            .collect();
        let done = store
            .insert_merged(&records, merger)
            .expect("store accepts the batch");
        new += done.new;
        known += done.known;
    }
    (new, known)
}

fn main() {
    let dir = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let texts: Vec<String> = (0..REPORTS).map(report).collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let engine = Engine::builtin();
    let merger = EngineMerger {
        lexicon: engine.lexicon(),
    };
    let mut store = Store::open(&dir.join("bench.db")).expect("store opens");
    let t = Instant::now();
    let (new, known) = ingest(&engine, &merger, &mut store, &texts);
    let secs = t.elapsed().as_secs_f64();
    assert_eq!((new, known), (REPORTS, 0), "every report stored once");
    let t2 = Instant::now();
    let again = ingest(&engine, &merger, &mut store, &texts);
    assert_eq!(again, (0, REPORTS), "a second pass stores nothing new");
    println!(
        "ingest: {REPORTS} reports ({mb:.1} MB) in {secs:.2} s: {:.0} reports/s, {:.2} MB/s",
        REPORTS as f64 / secs,
        mb / secs
    );
    println!(
        "second pass (all known): {:.2} s",
        t2.elapsed().as_secs_f64()
    );
    if let Some(p) = peak_rss_mib() {
        println!("peak memory (VmHWM): {p:.0} MiB");
    }
    let size = std::fs::metadata(dir.join("bench.db"))
        .map(|m| m.len())
        .unwrap_or(0)
        + std::fs::metadata(dir.join("bench.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!("store size: {:.1} MB", size as f64 / 1e6);
    let incidents = store
        .incidents(&sitrep_store::IncidentQuery::default())
        .expect("incidents read");
    println!("incidents: {}", incidents.len());
    // A period brief over everything stored: read, track, assemble, render.
    let t3 = Instant::now();
    let brief =
        sitrep::brief::build(&store, &sitrep::brief::Scope::default()).expect("the brief builds");
    let md = sitrep::brief::markdown::render(&brief);
    println!(
        "period brief over {REPORTS} stored reports: {:.0} ms ({} key incidents, {} references, {} KB of Markdown)",
        t3.elapsed().as_secs_f64() * 1000.0,
        brief.incidents.len(),
        brief.references.len(),
        md.len() / 1024
    );
    std::fs::remove_dir_all(dir).ok();
}
