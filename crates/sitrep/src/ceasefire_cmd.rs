//! `sitrep ceasefire`: the tracker over the store (agreements, each pair's status over
//! time, alleged violations, commitments), as text or JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_model::{Source, Tracker};
use sitrep_store::{IncidentQuery, Store, StoreError};

use crate::cli::{CeasefireArgs, ViewFormat};
use crate::ingest_cmd::open;
use crate::output::write_out;

/// The tracker over everything stored, for the given parties (all when empty).
pub fn tracker(store: &Store, parties: &[String]) -> Result<Tracker, StoreError> {
    let signals = store.signals(None, None)?;
    let incidents = store.incidents(&IncidentQuery::default())?;
    let mut t = sitrep_engine::ceasefire::track(&signals, &incidents);
    if !parties.is_empty() {
        let want: Vec<String> = parties.iter().map(|p| p.to_uppercase()).collect();
        sitrep_engine::ceasefire::keep_agreements(&mut t, |a| {
            want.iter().all(|p| a.parties.contains(p))
        });
    }
    Ok(t)
}

fn refs(sources: &[Source]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for s in sources {
        if !ids.contains(&s.report.as_str()) {
            ids.push(&s.report);
        }
    }
    format!("[{}]", ids.join(", "))
}

/// The tracker as text a monitor reads.
pub fn render(t: &Tracker) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Agreements");
    for a in &t.agreements {
        let _ = writeln!(
            out,
            "  {}  {} ({}), agreed {}{}{}{}  {}",
            a.key,
            a.name,
            a.parties.join("–"),
            a.agreed.as_deref().unwrap_or("?"),
            a.effective
                .as_deref()
                .map(|e| format!(
                    ", in effect from {}",
                    e.replace('T', " ") + if e.len() > 10 { " UTC" } else { "" }
                ))
                .unwrap_or_default(),
            a.mediator
                .as_deref()
                .map(|m| format!("; mediator {m}"))
                .unwrap_or_default(),
            if a.terms.is_empty() {
                String::new()
            } else {
                format!("; terms: {}", a.terms.join(", "))
            },
            refs(&a.sources)
        );
    }
    let _ = writeln!(out, "\nStatus over time");
    for s in &t.status {
        let _ = writeln!(
            out,
            "  {}  {:<10} {}  {}  {}",
            s.date,
            s.status,
            s.parties.join("–"),
            s.agreement,
            refs(&s.sources)
        );
    }
    let _ = writeln!(out, "\nAlleged violations");
    for v in &t.violations {
        let _ = writeln!(
            out,
            "  {}  {}  {}: alleged by {}{}{}  incident #{}  {}",
            v.date,
            v.place.as_deref().unwrap_or("unplaced"),
            v.agreement,
            v.alleged_by.join(" and "),
            v.against
                .as_deref()
                .map(|a| format!(" against {a}"))
                .unwrap_or_default(),
            if v.denied { " (denied)" } else { "" },
            v.incident,
            refs(&v.sources)
        );
    }
    if t.violations.is_empty() {
        let _ = writeln!(out, "  none alleged");
    }
    let _ = writeln!(out, "\nCommitments");
    for c in &t.commitments {
        let _ = writeln!(
            out,
            "  {}  {} by {}: {}  {}",
            c.agreement,
            c.term,
            c.by.as_deref().unwrap_or("both"),
            match c.met {
                Some(true) => "met",
                Some(false) => "not met",
                None => "not known",
            },
            refs(&c.sources)
        );
    }
    out
}

pub fn run(args: CeasefireArgs) -> anyhow::Result<ExitCode> {
    let (store, path) = open(&args.store)?;
    let t = tracker(&store, &args.parties)
        .with_context(|| format!("{}: cannot read the store", path.display()))?;
    match args.format {
        ViewFormat::Json => write_out(&(serde_json::to_string_pretty(&t)? + "\n"))?,
        ViewFormat::Text => write_out(&render(&t))?,
    }
    Ok(ExitCode::SUCCESS)
}
