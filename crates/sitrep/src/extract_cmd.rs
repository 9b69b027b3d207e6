//! `sitrep extract`: reports in, one record each out, in input order, extracted in parallel.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::bail;
use rayon::prelude::*;
use sitrep_engine::{Engine, Input};
use sitrep_model::Record;

use crate::cli::{ExtractArgs, Format};
use crate::input::{self, InputError, Report};
use crate::output::write_out;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let published = match &args.published {
        Some(s) => Some(input::date_flag("--published", s)?),
        None => None,
    };
    let mut errors: Vec<InputError> = Vec::new();
    let paths = input::expand(&args.inputs, &mut errors);
    let reports: Vec<Report> = paths
        .iter()
        .flat_map(|p| input::read(p, &mut errors))
        .collect();
    for e in &errors {
        eprintln!("sitrep: {}: {}", e.input, e.message);
    }
    if reports.is_empty() && !errors.is_empty() {
        bail!("no report could be read");
    }
    let engine = Engine::new(
        sitrep_engine::lexicon::Lexicon::builtin(),
        crate::gazetteer_cmd::load()?,
    );
    let progress = Progress::new(reports.len());
    let records: Vec<Record> = reports
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
    progress.finish();
    let out = render(&records, args.format)?;
    write_out(&out)?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A progress line on a terminal (none in a pipe or for a handful of reports): count,
/// rate and time left, redrawn at most five times a second.
struct Progress {
    total: usize,
    done: AtomicUsize,
    start: Instant,
    last: Mutex<Instant>,
    show: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        let now = Instant::now();
        Self {
            total,
            done: AtomicUsize::new(0),
            start: now,
            last: Mutex::new(now),
            show: total >= 50 && std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.show {
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
        let rate = done as f64 / secs;
        let left = (self.total - done) as f64 / rate.max(1e-9);
        eprint!(
            "\r\x1b[2Kextracting {done}/{} reports, {rate:.0}/s, {left:.0}s left",
            self.total
        );
    }

    fn finish(&self) {
        if self.show {
            eprintln!(
                "\r\x1b[2Kextracted {} reports in {:.1}s",
                self.total,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}

fn render(records: &[Record], format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json if records.len() == 1 => serde_json::to_string_pretty(&records[0])? + "\n",
        Format::Json => serde_json::to_string_pretty(records)? + "\n",
        Format::Jsonl => {
            let mut s = String::new();
            for r in records {
                s.push_str(&serde_json::to_string(r)?);
                s.push('\n');
            }
            s
        }
        Format::Pretty => records.iter().map(pretty).collect::<Vec<_>>().join("\n"),
    })
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
