//! `sitrep brief`: the period brief over the store, as Markdown, HTML or JSON.

use std::process::ExitCode;

use anyhow::Context;
use sitrep::brief::{Scope, build, html, markdown};

use crate::cli::{BriefArgs, BriefFormat};
use crate::incidents_cmd::checked_date;
use crate::ingest_cmd::open;
use crate::output::write_out;

pub fn run(args: BriefArgs) -> anyhow::Result<ExitCode> {
    let scope = Scope {
        since: checked_date("--since", &args.since)?,
        until: checked_date("--until", &args.until)?,
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
