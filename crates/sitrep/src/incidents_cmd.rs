//! `sitrep incidents`, `sitrep show` and `sitrep tally`: the incidents merged across reports,
//! one incident's accounts side by side, and casualty tallies.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_engine::incidents;
use sitrep_model::{Account, FigureKind, Incident, Profile, Tally};
use sitrep_store::IncidentQuery;

use crate::cli::{IncidentsArgs, ShowArgs, TallyArgs, TallyKind, ViewFormat};
use crate::ingest_cmd::open;
use crate::output::write_out;

/// A date flag checked and written `YYYY-MM-DD`.
pub fn checked_date(flag: &str, d: &Option<String>) -> anyhow::Result<Option<String>> {
    match d {
        None => Ok(None),
        Some(s) => crate::input::date_flag(flag, s).map(|d| Some(d.to_string())),
    }
}

fn where_(p: &Profile) -> String {
    match &p.place {
        Some(pl) => {
            let mut parts = vec![pl.name.clone()];
            if let Some(a1) = pl.admin1.as_ref().filter(|a| **a != pl.name) {
                parts.push(a1.clone());
            }
            if let Some(c) = &pl.country {
                parts.push(c.clone());
            }
            parts.join(", ")
        }
        None => "unplaced".into(),
    }
}

fn dates(p: &Profile) -> String {
    match (&p.first_date, &p.last_date) {
        (Some(a), Some(b)) if a != b => format!("{a}/{b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    }
}

fn sides(inc: &Incident) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in &inc.accounts {
        let s = a.side.clone().unwrap_or_else(|| "unattributed".into());
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn kind_of(p: &Profile) -> String {
    let mut s = p.plover.clone().unwrap_or_else(|| "?".into());
    if let Some(t) = &p.event_type {
        s.push_str(&format!(" ({t}"));
        if let Some(st) = &p.sub_event_type {
            s.push_str(&format!(": {st}"));
        }
        s.push(')');
    }
    s
}

fn actors(p: &Profile) -> String {
    match (&p.actor1_country, &p.actor2_country) {
        (Some(a), Some(b)) => format!("{a} against {b}"),
        (Some(a), None) => format!("by {a}"),
        (None, Some(b)) => format!("against {b}"),
        (None, None) => "actors unknown".into(),
    }
}

pub fn list(args: IncidentsArgs) -> anyhow::Result<ExitCode> {
    let q = IncidentQuery {
        since: checked_date("--since", &args.since)?,
        until: checked_date("--until", &args.until)?,
        country: args.country.clone(),
        admin1: args.admin1.clone(),
        kind: args.kind.clone(),
        actor: args.actor.clone(),
        limit: args.limit,
    };
    let (store, path) = open(&args.store)?;
    let found = store
        .incidents(&q)
        .with_context(|| format!("{}: cannot read incidents", path.display()))?;
    if args.format == ViewFormat::Json {
        write_out(&(serde_json::to_string_pretty(&found)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for inc in &found {
        let p = &inc.profile;
        let copies = inc.accounts.iter().filter(|a| a.copy_of.is_some()).count();
        let _ = writeln!(
            out,
            "#{:<5} {:<10} {:<46} {}; {}; {} reports{}; accounts by {}",
            inc.id,
            dates(p),
            kind_of(p),
            where_(p),
            actors(p),
            p.reports.len(),
            if copies > 0 {
                format!(" ({copies} syndicated)")
            } else {
                String::new()
            },
            sides(inc).join(", ")
        );
    }
    if found.is_empty() {
        out.push_str("no incident matches\n");
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn figure_line(a: &Account) -> String {
    a.figures
        .iter()
        .map(|f| {
            let k = serde_json::to_value(f.figure.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("{k} {}", f.figure.count)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an account is in the incident, in a few words.
fn why(p: &Profile, a: &Account) -> String {
    let mut r = Vec::new();
    match (&a.place, &p.place) {
        (Some(x), Some(y)) if x.name == y.name => r.push(format!("same place ({})", x.name)),
        (Some(x), Some(y)) => r.push(format!("{} and {} are nested or adjacent", x.name, y.name)),
        _ => {}
    }
    if let Some(d) = &a.date {
        r.push(if a.date_from_published {
            format!("published {d}, within two days")
        } else {
            format!("dated {d}")
        });
    }
    if let Some(t) = &a.plover {
        r.push(format!("{t} fits {}", p.plover.as_deref().unwrap_or("?")));
    } else {
        r.push("figures only".into());
    }
    r.join("; ")
}

pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let (store, path) = open(&args.store)?;
    let Some(inc) = store
        .incident(args.incident)
        .with_context(|| format!("{}: cannot read incidents", path.display()))?
    else {
        anyhow::bail!(
            "no incident #{} in {} (`sitrep incidents` lists them)",
            args.incident,
            path.display()
        );
    };
    if args.format == ViewFormat::Json {
        write_out(&(serde_json::to_string_pretty(&inc)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let p = &inc.profile;
    let mut out = String::new();
    let _ = writeln!(out, "Incident #{}: {}", inc.id, kind_of(p));
    let _ = writeln!(out, "  where: {}", where_(p));
    let _ = writeln!(out, "  when:  {}", dates(p));
    let _ = writeln!(out, "  who:   {}", actors(p));
    let _ = writeln!(
        out,
        "  told by {} reports; accounts by {}",
        p.reports.len(),
        sides(&inc).join(", ")
    );
    for side in sides(&inc) {
        let _ = writeln!(out, "\n{side}'s account:");
        for a in inc
            .accounts
            .iter()
            .filter(|a| a.side.clone().unwrap_or_else(|| "unattributed".into()) == side)
        {
            let _ = writeln!(
                out,
                "  [{}] {} {}{}",
                a.report,
                a.published.as_deref().unwrap_or("undated"),
                a.source.as_deref().unwrap_or(""),
                a.copy_of
                    .as_ref()
                    .map(|o| format!(" (syndicated copy of {o}: not counted again)"))
                    .unwrap_or_default()
            );
            if let Some(by) = &a.claimed_by {
                let _ = writeln!(out, "    claimed by {by}");
            }
            let _ = writeln!(out, "    \"{}\"", a.sentence.trim());
            let figs = figure_line(a);
            if !figs.is_empty() {
                let _ = writeln!(out, "    figures: {figs}");
            }
            let _ = writeln!(out, "    merged because: {}", why(p, a));
        }
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn tally(args: TallyArgs) -> anyhow::Result<ExitCode> {
    let since = checked_date("--since", &args.since)?;
    let (store, path) = open(&args.store)?;
    let all = store
        .incidents(&IncidentQuery::default())
        .with_context(|| format!("{}: cannot read incidents", path.display()))?;
    let periods = store.period_figures()?;
    let q = incidents::TallyQuery {
        countries: args.country.iter().map(|c| c.to_uppercase()).collect(),
        kinds: args
            .kind
            .iter()
            .map(|k| match k {
                TallyKind::Killed => FigureKind::Killed,
                TallyKind::Wounded => FigureKind::Wounded,
                TallyKind::Displaced => FigureKind::Displaced,
            })
            .collect(),
        since,
    };
    let tallies = incidents::tally(&all, &periods, &q);
    if args.format == ViewFormat::Json {
        write_out(&(serde_json::to_string_pretty(&tallies)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    write_out(&render_tallies(&tallies))?;
    Ok(ExitCode::SUCCESS)
}

fn render_tallies(tallies: &[Tally]) -> String {
    let mut out = String::new();
    for t in tallies {
        let kind = serde_json::to_value(t.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {}: {} (range {}–{}; {})",
            t.country,
            kind,
            t.latest,
            t.range[0],
            t.range[1],
            match &t.cumulative {
                Some(c) => format!(
                    "period total from {} ({}), incident counts inside it not added",
                    c.report,
                    c.published.as_deref().unwrap_or("undated")
                ),
                None => format!("sum of {} incidents' latest counts", t.incidents.len()),
            }
        );
        for s in &t.incidents {
            let _ = writeln!(
                out,
                "    incident #{}: {} ({}, {})",
                s.incident.unwrap_or(0),
                s.count,
                s.report,
                s.side.as_deref().unwrap_or("?")
            );
        }
        if t.series.len() > 1 {
            let pts: Vec<String> = t
                .series
                .iter()
                .map(|p| format!("{} {}", p.date, p.count))
                .collect();
            let _ = writeln!(out, "    over time: {}", pts.join(" → "));
        }
    }
    if tallies.is_empty() {
        out.push_str("no figures to tally\n");
    }
    out
}
