//! Scoring against PLOVER's gold sentences (`PLOVER_GSR_CAMEO.json`, CC BY-SA 4.0).
//!
//! The file predates PLOVER's 16 types; old names map: DEMAND→REQUEST, DISAPPROVE→ACCUSE,
//! INVESTIGATE→ACCUSE, FIGHT→ASSAULT. Actor codes are ISO alpha-3 with CAMEO variants.

use serde_json::Value;
use sitrep_engine::{Engine, Input};

use super::score::{Scores, Section, ratio};
use crate::input::parse_date;

fn map_type(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// CAMEO codes that are not ISO alpha-3.
fn iso3(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "GMY" => "DEU",
        "UKG" => "GBR",
        other => other,
    }
}

pub fn score(engine: &Engine, gold: &Value) -> Scores {
    let mut scores = Scores {
        title: "sitrep eval: PLOVER gold sentences".into(),
        ..Default::default()
    };
    let (
        mut sentences,
        mut type_hits,
        mut with_country,
        mut country_hits,
        mut typed_with_country,
        mut events,
    ) = (0, 0, 0, 0, 0, 0);
    let mut types = Section::default();
    let empty = Vec::new();
    for r in gold.as_array().unwrap_or(&empty) {
        let (Some(text), Some(event)) = (
            r.get("text").and_then(Value::as_str),
            r.get("event").and_then(Value::as_str),
        ) else {
            continue;
        };
        if event == "DOCUMENT" {
            continue;
        }
        let want = map_type(event);
        let published = r.get("date").and_then(Value::as_str).and_then(parse_date);
        let rec = engine.extract(&Input {
            text,
            published,
            ..Default::default()
        });
        sentences += 1;
        events += rec.events.len();
        let typed: Vec<_> = rec.events.iter().filter(|e| e.plover == want).collect();
        if typed.is_empty() {
            types.fn_ += 1;
            let got: Vec<&str> = rec.events.iter().map(|e| e.plover.as_str()).collect();
            types
                .misses
                .push(format!("{want} (got [{}]): {text}", got.join(", ")));
        } else {
            types.tp += 1;
            type_hits += 1;
        }
        types.fp += rec.events.iter().filter(|e| e.plover != want).count();
        let source_country = r
            .get("source")
            .and_then(Value::as_array)
            .and_then(|s| s.first())
            .and_then(|a| a.get("code"))
            .and_then(Value::as_str)
            .and_then(|c| engine.gazetteer().country_by_iso3(iso3(c)))
            .map(|c| c.iso2.clone());
        if let Some(c) = source_country {
            with_country += 1;
            if !typed.is_empty() {
                typed_with_country += 1;
                if typed
                    .iter()
                    .any(|e| e.actor1_country.as_deref() == Some(c.as_str()))
                {
                    country_hits += 1;
                }
            }
        }
    }
    scores.sections.insert("plover".into(), types);
    scores
        .values
        .insert("plover.type_recall".into(), ratio(type_hits, sentences));
    scores.values.insert(
        "plover.actor1_country".into(),
        ratio(country_hits, typed_with_country),
    );
    scores.values.insert(
        "plover.actor1_country_all".into(),
        ratio(country_hits, with_country),
    );
    scores.values.insert(
        "plover.events_per_sentence".into(),
        events as f64 / sentences.max(1) as f64,
    );
    scores.notes.push(format!(
        "\n{sentences} sentences; type recall = sentences with an event of the gold type; actor1_country = of those with a country-coded source and an event of the gold type, the share whose actor 1 is that country ({country_hits}/{typed_with_country}); actor1_country_all counts every country-coded sentence ({country_hits}/{with_country})."
    ));
    scores
}
