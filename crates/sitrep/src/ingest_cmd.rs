//! `sitrep ingest` and `sitrep search`: reports into the store, in committed batches, and
//! found again by their words.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_engine::{Engine, Input};
use sitrep_model::Record;
use sitrep_store::Store;

use crate::cli::{IngestArgs, SearchArgs, StoreArgs};
use crate::input::{self, InputError};
use crate::output::write_out;

/// Reports extracted and committed together: a crash loses at most one batch, and a rerun
/// skips what was committed.
const BATCH: usize = 256;

fn db_path(args: &StoreArgs) -> anyhow::Result<PathBuf> {
    if let Some(p) = &args.db {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os("SITREP_DB") {
        return Ok(PathBuf::from(p));
    }
    let home =
        crate::paths::home_dir().context("no home folder: give --db PATH or set SITREP_DB")?;
    std::fs::create_dir_all(&home).with_context(|| format!("{}: cannot create", home.display()))?;
    Ok(home.join("sitrep.db"))
}

pub fn open(args: &StoreArgs) -> anyhow::Result<(Store, PathBuf)> {
    let path = db_path(args)?;
    let store =
        Store::open(&path).with_context(|| format!("{}: cannot open the store", path.display()))?;
    Ok((store, path))
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let published = match &args.published {
        Some(s) => Some(input::date_flag("--published", s)?),
        None => None,
    };
    let (mut store, path) = open(&args.store)?;
    let engine = Engine::new(
        sitrep_engine::lexicon::Lexicon::builtin(),
        crate::gazetteer_cmd::load()?,
    );
    let mut errors: Vec<InputError> = Vec::new();
    let files = input::expand(&args.inputs, &mut errors);
    // Inputs that named nothing ("a*.txt" matching no file, a missing folder) are said at
    // once, as `extract` says them.
    for e in &errors {
        eprintln!("sitrep: {}: {}", e.input, e.message);
    }
    let start = Instant::now();
    let merger = sitrep::EngineMerger {
        lexicon: engine.lexicon(),
    };
    // Reports stored before incidents existed, or by an older sitrep, are merged first.
    store
        .merge_pending(&merger, BATCH)
        .with_context(|| format!("{}: cannot merge stored reports", path.display()))?;
    let (mut new, mut known, mut syndicated, mut seen) = (0, 0, 0, 0);
    // A bar with rate and ETA on a terminal; nothing in a pipe (indicatif hides itself).
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} reports  {per_sec}  ETA {eta}  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut flush = |batch: Vec<input::Report>, store: &mut Store| -> anyhow::Result<()> {
        let records: Vec<Record> = batch
            .par_iter()
            .map(|r| {
                engine.extract(&Input {
                    text: &r.text,
                    id: r.id.clone(),
                    title: r.title.clone(),
                    published: r.published.or(published),
                    source: Some(r.source.clone()),
                })
            })
            .collect();
        let done = store
            .insert_merged(&records, &merger)
            .with_context(|| format!("{}: cannot store", path.display()))?;
        new += done.new;
        known += done.known;
        syndicated += done.syndicated;
        seen += records.len();
        bar.inc(records.len() as u64);
        bar.set_message(format!("{new} new, {known} known, {syndicated} syndicated"));
        Ok(())
    };
    let mut pending: Vec<input::Report> = Vec::new();
    for file in &files {
        let before = errors.len();
        let reports = input::read(file, &mut errors);
        bar.inc_length(reports.len() as u64);
        pending.extend(reports);
        for e in &errors[before..] {
            bar.suspend(|| eprintln!("sitrep: {}: {}", e.input, e.message));
        }
        // Committed in batches of BATCH, however many reports one input holds.
        while pending.len() >= BATCH {
            let rest = pending.split_off(BATCH);
            flush(std::mem::replace(&mut pending, rest), &mut store)?;
        }
    }
    flush(pending, &mut store)?;
    bar.finish_and_clear();
    let total = store.report_count()?;
    write_out(&format!(
        "ingested {seen} reports in {:.1}s: {new} new ({syndicated} of them syndicated copies, linked to their originals), {known} already stored; {} inputs failed; {} holds {total}\n",
        start.elapsed().as_secs_f64(),
        errors.len(),
        path.display()
    ))?;
    // As `extract`: nothing readable at all is an error (2); some inputs lost, a partial
    // success (1).
    if seen == 0 && !errors.is_empty() {
        anyhow::bail!("no report could be read");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let (store, path) = open(&args.store)?;
    let hits = store
        .search(&args.words.join(" "), args.limit)
        .with_context(|| format!("{}: search failed", path.display()))?;
    let mut out = String::new();
    for h in &hits {
        out.push_str(&format!(
            "{}  {}  {}\n    {}\n",
            h.published.as_deref().unwrap_or("----------"),
            h.title.as_deref().unwrap_or("(untitled)"),
            h.source.as_deref().unwrap_or(""),
            h.snippet.replace('\n', " ")
        ));
    }
    if hits.is_empty() {
        out.push_str("no report matches\n");
    }
    write_out(&out)?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
