//! `sitrep eval`: scores extraction against gold data and prints what it missed.
//!
//! Gold kinds are told apart by shape: the real-text corpus (a folder with `splits.tsv`),
//! PLOVER's sentence file (a JSON array), a JSON Lines file of gold sentences, a folder of
//! record golds, or one record gold.

mod classes;
pub(crate) mod corpus;
mod incident_set;
mod place_set;
mod plover;
pub(crate) mod record_gold;
mod rouge;
pub(crate) mod score;
mod ucdp_places;

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use sitrep_engine::Engine;

use crate::cli::EvalArgs;
use crate::output::write_out;

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let requirements = args
        .require
        .iter()
        .map(|r| {
            let (k, v) = r
                .split_once('=')
                .with_context(|| format!("--require {r:?}: want METRIC=MIN"))?;
            let v: f64 = v
                .parse()
                .with_context(|| format!("--require {r:?}: {v:?} is not a number"))?;
            Ok((k.to_string(), v))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let engine = Engine::builtin();
    let gold = &args.gold;
    let scores = if corpus::is_corpus(gold) {
        corpus::score(&engine, gold, args.misses)?
    } else if gold.is_dir() {
        record_gold::score_folder(&engine, gold)?
    } else if gold.extension().is_some_and(|e| e == "jsonl") {
        let text = std::fs::read_to_string(gold)
            .with_context(|| format!("{}: cannot read gold file", gold.display()))?;
        if place_set::is_place_set(&text) {
            place_set::score(&engine, gold, &text, args.misses)?
        } else {
            record_gold::score_sentences(&engine, gold)?
        }
    } else {
        let text = std::fs::read_to_string(gold)
            .with_context(|| format!("{}: cannot read gold file", gold.display()))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{}: not valid JSON", gold.display()))?;
        if value.is_array() {
            plover::score(&engine, &value)
        } else {
            let report = match &args.input {
                Some(p) => p.clone(),
                None => report_path(gold, &value)?,
            };
            record_gold::score_one(&engine, &value, &report)?
        }
    };
    let mut out = scores.render(args.misses);
    let mut failed = Vec::new();
    for (k, min) in &requirements {
        match scores.metric(k) {
            Some(v) if v + 1e-9 >= *min => {}
            Some(v) => failed.push(format!("{k} = {v:.3} < {min}")),
            None => bail!(
                "--require {k}: no such metric (have: {})",
                scores.metric_names().join(", ")
            ),
        }
    }
    if failed.is_empty() {
        if !requirements.is_empty() {
            out.push_str("\nall thresholds met\n");
        }
    } else {
        out.push_str(&format!("\nBELOW THRESHOLD: {}\n", failed.join("; ")));
    }
    write_out(&out)?;
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The report a record gold names, relative to the gold file (or a sibling `reports/`).
fn report_path(gold: &Path, value: &serde_json::Value) -> anyhow::Result<std::path::PathBuf> {
    let dir = gold.parent().unwrap_or(Path::new("."));
    let Some(name) = value.get("report").and_then(|r| r.as_str()) else {
        // The seed's gold sits beside `article.txt`.
        let beside = dir.join("article.txt");
        if beside.exists() {
            return Ok(beside);
        }
        bail!("{}: the gold names no report; give INPUT", gold.display());
    };
    for candidate in [dir.join(name), dir.join("../reports").join(name)] {
        if candidate.exists() {
            return Ok(candidate);
        }
    }
    bail!(
        "{}: report {name:?} not found beside it or in ../reports",
        gold.display()
    )
}
