//! `sitrep brief`: the period brief over the store, as Markdown, HTML or JSON.

use std::process::ExitCode;

use anyhow::Context;
use sitrep::brief::{Brief, Scope, assemble, html, markdown};
use sitrep_store::{IncidentQuery, Store, StoreError};

use crate::cli::{BriefArgs, BriefFormat};
use crate::ingest_cmd::open;
use crate::input::parse_date;
use crate::output::write_out;

fn date(flag: &str, d: &Option<String>) -> anyhow::Result<Option<String>> {
    match d {
        None => Ok(None),
        Some(s) => parse_date(s)
            .map(|d| Some(d.to_string()))
            .with_context(|| format!("{flag} {s:?} is not a date (want YYYY-MM-DD)")),
    }
}

/// The brief for a scope over what the store holds.
pub fn build(store: &Store, scope: &Scope) -> Result<Brief, StoreError> {
    let incidents = store.incidents(&IncidentQuery {
        since: scope.since.clone(),
        until: scope.until.clone(),
        ..IncidentQuery::default()
    })?;
    let periods = store.period_figures()?;
    let signals = store.signals(None, scope.until.as_deref())?;
    let all_incidents = store.incidents(&IncidentQuery::default())?;
    let mut tracker = sitrep_engine::ceasefire::track(&signals, &all_incidents);
    if !scope.countries.is_empty() {
        let keep: Vec<String> = tracker
            .agreements
            .iter()
            .filter(|a| a.parties.iter().any(|p| scope.countries.contains(p)))
            .map(|a| a.key.clone())
            .collect();
        tracker.agreements.retain(|a| keep.contains(&a.key));
        tracker.status.retain(|s| keep.contains(&s.agreement));
        tracker.violations.retain(|v| keep.contains(&v.agreement));
        tracker.commitments.retain(|c| keep.contains(&c.agreement));
    }
    let countries = sitrep_engine::gazetteer::country_names();
    let names = |cc: &str| countries.get(cc).cloned().unwrap_or_else(|| cc.to_string());
    Ok(assemble(
        scope, &incidents, &periods, &signals, &tracker, &names,
    ))
}

pub fn run(args: BriefArgs) -> anyhow::Result<ExitCode> {
    let scope = Scope {
        since: date("--since", &args.since)?,
        until: date("--until", &args.until)?,
        countries: args.country.iter().map(|c| c.to_uppercase()).collect(),
    };
    let (store, path) = open(&args.store)?;
    let brief = build(&store, &scope)
        .with_context(|| format!("{}: cannot read the store", path.display()))?;
    let out = match args.format {
        BriefFormat::Md => markdown::render(&brief),
        BriefFormat::Html => html::render(&brief),
        BriefFormat::Json => serde_json::to_string_pretty(&brief)? + "\n",
    };
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
