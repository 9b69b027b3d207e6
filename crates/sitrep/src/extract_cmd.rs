//! `sitrep extract`: reports in, one record each out, in input order, extracted in parallel.

use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Instant;

use anyhow::bail;
use rayon::prelude::*;
use sitrep_engine::{Engine, Input};
use sitrep_model::Record;

use crate::cli::ExtractArgs;
use crate::input::{self, InputError, Report};
use crate::record_stream::RecordStream;

/// Reports extracted per batch: enough to keep every core busy, few enough that memory
/// stays flat however large the archive (one report is capped at 16 MB on reading).
const BATCH_REPORTS: usize = 256;
const BATCH_BYTES: usize = 32 << 20;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let published = match &args.published {
        Some(s) => Some(input::date_flag("--published", s)?),
        None => None,
    };
    let mut errors: Vec<InputError> = Vec::new();
    let paths = input::expand(&args.inputs, &mut errors);
    let mut failed = errors.len();
    report(&errors);
    let engine = Engine::new(
        sitrep_engine::lexicon::Lexicon::builtin(),
        crate::gazetteer_cmd::load()?,
    );
    let progress = Progress::new();
    let mut out = RecordStream::new(io::BufWriter::new(io::stdout().lock()), args.format);
    // Inputs are read on their own thread while the batch before is extracted; the
    // bounded channel keeps at most a few inputs in memory ahead of extraction.
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = mpsc::sync_channel::<(Vec<Report>, Vec<InputError>)>(4);
        let reader = scope.spawn(move || {
            for p in &paths {
                let mut errors = Vec::new();
                let reports = input::read(p, &mut errors);
                if tx.send((reports, errors)).is_err() {
                    break;
                }
            }
        });
        let mut batch: Vec<Report> = Vec::new();
        let mut bytes = 0;
        for (reports, errors) in rx {
            report(&errors);
            failed += errors.len();
            for r in reports {
                bytes += r.text.len();
                batch.push(r);
                if batch.len() >= BATCH_REPORTS || bytes >= BATCH_BYTES {
                    extract_batch(&engine, &args, published, &progress, &batch, &mut out)?;
                    batch.clear();
                    bytes = 0;
                }
            }
        }
        extract_batch(&engine, &args, published, &progress, &batch, &mut out)?;
        reader
            .join()
            .map_err(|_| anyhow::anyhow!("the input reader stopped unexpectedly"))
    })?;
    progress.finish();
    if out.count() == 0 && failed > 0 {
        bail!("no report could be read");
    }
    out.finish()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn report(errors: &[InputError]) {
    for e in errors {
        eprintln!("sitrep: {}: {}", e.input, e.message);
    }
}

/// Extracts one batch in parallel and writes its records in input order.
fn extract_batch<W: io::Write>(
    engine: &Engine,
    args: &ExtractArgs,
    published: Option<chrono::NaiveDate>,
    progress: &Progress,
    batch: &[Report],
    out: &mut RecordStream<W>,
) -> anyhow::Result<()> {
    let records: Vec<Record> = batch
        .par_iter()
        .map(|r| {
            progress.tick();
            let mut rec = engine.extract(&Input {
                text: &r.text,
                id: r.id.clone(),
                title: r.title.clone(),
                published: r.published.or(published),
                source: Some(r.source.clone()),
            });
            if args.no_text {
                rec.document.text.clear();
            }
            if let Some(min) = args.min_confidence {
                rec.events.retain(|e| e.confidence.is_none_or(|c| c >= min));
            }
            rec
        })
        .collect();
    for r in &records {
        out.push(r)?;
    }
    Ok(())
}

/// A progress line on a terminal (none in a pipe, and none before 50 reports): count and
/// rate, redrawn at most five times a second. The total is not known in advance: inputs are
/// read as extraction goes.
struct Progress {
    done: AtomicUsize,
    start: Instant,
    last: Mutex<Instant>,
    terminal: bool,
}

impl Progress {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            done: AtomicUsize::new(0),
            start: now,
            last: Mutex::new(now),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.terminal || done < 50 {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.elapsed().as_millis() < 200 {
            return;
        }
        *last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        eprint!(
            "\r\x1b[2Kextracting: {done} reports, {:.0}/s",
            done as f64 / secs
        );
    }

    fn finish(&self) {
        let done = self.done.load(Ordering::Relaxed);
        if self.terminal && done >= 50 {
            eprintln!(
                "\r\x1b[2Kextracted {done} reports in {:.1}s",
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}

/// A readable rendering: what a desk editor would scan.
pub fn pretty(r: &Record) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "# {}", r.headline);
    let _ = writeln!(
        s,
        "source: {}  published: {}",
        r.document.source.as_deref().unwrap_or("-"),
        r.document.published.as_deref().unwrap_or("unknown")
    );
    let _ = writeln!(s, "\n{}\n", r.summary);
    let _ = writeln!(s, "events:");
    for e in &r.events {
        let locs: Vec<String> = e
            .locations
            .iter()
            .map(|l| format!("{} ({})", l.name, l.country.as_deref().unwrap_or("?")))
            .collect();
        let _ = writeln!(
            s,
            "  {:<9} {:<34} {} -> {}  at {}  on {}  [{:?}{}]",
            e.plover,
            e.sub_event_type
                .as_deref()
                .or(e.mode.as_deref())
                .unwrap_or("-"),
            e.actor1.as_deref().unwrap_or("?"),
            e.actor2.as_deref().unwrap_or("?"),
            if locs.is_empty() {
                "-".to_string()
            } else {
                locs.join(", ")
            },
            e.date.as_deref().or(e.date_text.as_deref()).unwrap_or("-"),
            e.status,
            e.claimed_by
                .as_deref()
                .map(|c| format!(" by {c}"))
                .unwrap_or_default(),
        );
    }
    let _ = writeln!(s, "figures:");
    for f in &r.figures {
        let _ = writeln!(
            s,
            "  {:?} {} {:?} in {}{}{}",
            f.kind,
            f.count,
            f.qualifier,
            f.country.as_deref().unwrap_or(if f.countries.is_empty() {
                "?"
            } else {
                "several"
            }),
            if f.cumulative { " (cumulative)" } else { "" },
            f.claimed_by
                .as_deref()
                .map(|c| format!(" per {c}"))
                .unwrap_or_default(),
        );
    }
    let places: Vec<String> = r
        .places
        .iter()
        .map(|p| {
            format!(
                "{} [{:?}, {}]",
                p.name,
                p.kind,
                p.country.as_deref().unwrap_or("?")
            )
        })
        .collect();
    let _ = writeln!(s, "places: {}", places.join("; "));
    let actors: Vec<String> = r
        .actors
        .iter()
        .map(|a| format!("{} [{:?}]", a.name, a.kind))
        .collect();
    let _ = writeln!(s, "actors: {}", actors.join("; "));
    s
}
