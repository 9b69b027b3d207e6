//! The multi-report incident set (`tests/real/incidents/*.jsonl`): real reports, several per
//! incident, with the incident each tells (UCDP's own grouping of the headlines it coded as
//! one event). Each split's reports are ingested into a fresh store as `sitrep ingest` would,
//! and the incidents the store merges are scored pairwise: of all pairs of reports, those
//! told of one incident against those put in one incident (precision, recall, F1).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use sitrep_engine::{Engine, Input};
use sitrep_model::Record;
use sitrep_store::{IncidentQuery, Store};

use super::corpus::{files, jsonl};
use super::record_gold::s;
use super::score::{Scores, Section};
use crate::input::parse_date;

/// One report of the set.
struct Report {
    id: String,
    text: String,
    published: Option<chrono::NaiveDate>,
    incident: String,
    split: String,
}

fn load(dir: &Path) -> anyhow::Result<Vec<Report>> {
    let mut out = Vec::new();
    for p in files(dir, "jsonl")? {
        for (n, v) in jsonl(&p)?.into_iter().enumerate() {
            let field = |k: &str| {
                s(&v, k)
                    .map(str::to_string)
                    .with_context(|| format!("{}: item {}: no {k:?}", p.display(), n + 1))
            };
            out.push(Report {
                id: field("id")?,
                text: field("text")?,
                published: s(&v, "published").and_then(parse_date),
                incident: field("incident")?,
                split: field("split")?,
            });
        }
    }
    Ok(out)
}

/// Pairwise merge scores of one split's reports: gold incident per report against the
/// incidents the store put each report in.
fn pairwise(reports: &[&Report], predicted: &HashMap<String, HashSet<i64>>) -> Section {
    let mut sec = Section::default();
    for (i, a) in reports.iter().enumerate() {
        for b in &reports[i + 1..] {
            let gold = a.incident == b.incident;
            let merged = match (predicted.get(&a.id), predicted.get(&b.id)) {
                (Some(x), Some(y)) => !x.is_disjoint(y),
                _ => false,
            };
            match (gold, merged) {
                (true, true) => sec.tp += 1,
                (false, true) => {
                    sec.fp += 1;
                    sec.extras.push(format!(
                        "{} and {} merged (incidents {} and {})",
                        a.id, b.id, a.incident, b.incident
                    ));
                }
                (true, false) => {
                    sec.fn_ += 1;
                    sec.misses.push(format!(
                        "{} and {} not merged (both {})",
                        a.id, b.id, a.incident
                    ));
                }
                (false, false) => {}
            }
        }
    }
    sec
}

/// Adds `<split>.incidents.pairwise` for every split the set has.
pub fn score(engine: &Engine, dir: &Path, scores: &mut Scores) -> anyhow::Result<()> {
    let reports = load(dir)?;
    let mut by_split: BTreeMap<&str, Vec<&Report>> = BTreeMap::new();
    for r in &reports {
        by_split.entry(r.split.as_str()).or_default().push(r);
    }
    let merger = sitrep::EngineMerger {
        lexicon: engine.lexicon(),
    };
    for (split, reports) in by_split {
        let records: Vec<Record> = reports
            .par_iter()
            .map(|r| {
                engine.extract(&Input {
                    text: &r.text,
                    id: Some(r.id.clone()),
                    published: r.published,
                    ..Default::default()
                })
            })
            .collect();
        let mut store = Store::in_memory().context("cannot open a store in memory")?;
        store
            .insert_merged(&records, &merger)
            .context("cannot store the incident set")?;
        let incidents = store
            .incidents(&IncidentQuery::default())
            .context("cannot read the merged incidents")?;
        let mut predicted: HashMap<String, HashSet<i64>> = HashMap::new();
        for inc in &incidents {
            for acc in &inc.accounts {
                predicted
                    .entry(acc.report.clone())
                    .or_default()
                    .insert(inc.id);
            }
        }
        let sec = pairwise(&reports, &predicted);
        let incidents_gold: HashSet<&str> = reports.iter().map(|r| r.incident.as_str()).collect();
        scores.values.insert(
            format!("{split}.incidents.gold"),
            incidents_gold.len() as f64,
        );
        scores
            .values
            .insert(format!("{split}.incidents.merged"), incidents.len() as f64);
        scores
            .section(&format!("{split}.incidents.pairwise"))
            .add(sec);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: &str, incident: &str) -> Report {
        Report {
            id: id.into(),
            text: String::new(),
            published: None,
            incident: incident.into(),
            split: "dev".into(),
        }
    }

    #[test]
    fn pairs_are_scored_against_the_gold_grouping() {
        let rs = [
            report("a", "1"),
            report("b", "1"),
            report("c", "1"),
            report("d", "2"),
        ];
        let refs: Vec<&Report> = rs.iter().collect();
        // a and b merged, c alone, d merged with b by mistake.
        let predicted: HashMap<String, HashSet<i64>> = [
            ("a", vec![10]),
            ("b", vec![10, 11]),
            ("c", vec![12]),
            ("d", vec![11]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().collect()))
        .collect();
        let sec = pairwise(&refs, &predicted);
        // Gold pairs: ab, ac, bc. Predicted: ab, bd.
        assert_eq!((sec.tp, sec.fp, sec.fn_), (1, 1, 2));
    }
}
