//! Scoring place resolution against a place test set (`tests/places/places.jsonl`): one
//! sentence a line with the places it names (`mentions`: name, country, admin1) and the
//! names that are not places there (`not_place`). Accuracy per category, so a developer sees
//! which kind of evidence fails.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde_json::Value;
use sitrep_engine::gazetteer::fold_name;
use sitrep_engine::{Engine, Input};

use super::record_gold::place_key;
use super::score::{Scores, ratio};
use crate::input::parse_date;

#[derive(Default)]
struct Tally {
    mentions: usize,
    found: usize,
    country: usize,
    admin1_expected: usize,
    admin1: usize,
    not_places: usize,
    not_places_ok: usize,
}

/// Whether a JSON Lines gold file is a place test set (its lines carry `mentions`).
pub fn is_place_set(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| serde_json::from_str::<Value>(l).ok())
        .is_some_and(|v| v.get("mentions").is_some())
}

pub fn score(engine: &Engine, path: &Path, text: &str, show: usize) -> anyhow::Result<Scores> {
    let mut misses: Vec<String> = Vec::new();
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    let mut lines = 0;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let g: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not valid JSON", path.display(), i + 1))?;
        let Some(sentence) = g.get("text").and_then(Value::as_str) else {
            continue;
        };
        lines += 1;
        let published = g
            .get("published")
            .and_then(Value::as_str)
            .and_then(parse_date);
        let rec = engine.extract(&Input {
            text: sentence,
            published,
            ..Default::default()
        });
        let cat = g
            .get("category")
            .and_then(Value::as_str)
            .unwrap_or("other")
            .to_string();
        let id = g
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        let t = by_cat.entry(cat.clone()).or_default();
        for m in g
            .get("mentions")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
        {
            let name = m.get("name").and_then(Value::as_str).unwrap_or("");
            let key = place_key(engine, name);
            let got = rec
                .places
                .iter()
                .find(|p| place_key(engine, &p.name) == key);
            if m.get("not_place").and_then(Value::as_bool) == Some(true) {
                t.not_places += 1;
                if got.is_none() {
                    t.not_places_ok += 1;
                } else {
                    misses.push(format!("[{id} {cat}] {name} is not a place here, got one"));
                }
                continue;
            }
            t.mentions += 1;
            let want_country = m.get("country").and_then(Value::as_str);
            let want_admin1 = m.get("admin1").and_then(Value::as_str);
            let Some(p) = got else {
                misses.push(format!(
                    "[{id} {cat}] {name} ({}) not found",
                    want_country.unwrap_or("-")
                ));
                continue;
            };
            t.found += 1;
            // A null country accepts any ("the Sahel").
            if want_country.is_none() || p.country.as_deref() == want_country {
                t.country += 1;
            } else {
                misses.push(format!(
                    "[{id} {cat}] {name}: country {:?}, want {}",
                    p.country,
                    want_country.unwrap_or("-")
                ));
            }
            if let Some(a1) = want_admin1 {
                t.admin1_expected += 1;
                if p.admin1.as_deref().map(fold_name) == Some(fold_name(a1)) {
                    t.admin1 += 1;
                } else {
                    misses.push(format!(
                        "[{id} {cat}] {name}: admin1 {:?}, want {a1}",
                        p.admin1
                    ));
                }
            }
        }
    }
    let mut scores = Scores {
        title: format!(
            "sitrep eval: {} ({lines} sentences, place resolution)",
            path.display()
        ),
        ..Default::default()
    };
    let mut all = Tally::default();
    for (cat, t) in &by_cat {
        scores.values.insert(
            format!("places.{cat}.country"),
            ratio(t.country, t.mentions),
        );
        if t.admin1_expected > 0 {
            scores.values.insert(
                format!("places.{cat}.admin1"),
                ratio(t.admin1, t.admin1_expected),
            );
        }
        all.mentions += t.mentions;
        all.found += t.found;
        all.country += t.country;
        all.admin1_expected += t.admin1_expected;
        all.admin1 += t.admin1;
        all.not_places += t.not_places;
        all.not_places_ok += t.not_places_ok;
    }
    scores
        .values
        .insert("places.found".into(), ratio(all.found, all.mentions));
    scores
        .values
        .insert("places.country".into(), ratio(all.country, all.mentions));
    scores.values.insert(
        "places.admin1".into(),
        ratio(all.admin1, all.admin1_expected),
    );
    scores.values.insert(
        "places.not_places".into(),
        ratio(all.not_places_ok, all.not_places),
    );
    if !misses.is_empty() {
        scores.notes.push(format!("\nmissed ({}):", misses.len()));
        scores
            .notes
            .extend(misses.iter().take(show).map(|m| format!("  - {m}")));
    }
    scores.notes.push(format!(
        "\n{} place mentions ({} with an admin1), {} names that are no place; country and admin1 are accuracies over all expected mentions (a place not found counts as wrong).",
        all.mentions, all.admin1_expected, all.not_places
    ));
    Ok(scores)
}
