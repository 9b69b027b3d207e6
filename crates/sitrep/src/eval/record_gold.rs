//! Scoring records against record golds (the shape of `corpus/seed/gold.json`).
//!
//! Matching follows the gold's `scoring` note: events on PLOVER type, ACLED sub-event type,
//! actor 1's country and the location's country (and place name for diplomacy); figures on
//! kind, count and country, with the qualifier scored apart; places on name and country;
//! actors on name, or on country for states. A gold field that is absent is not scored.

use std::path::Path;

use anyhow::Context;
use serde_json::Value;
use sitrep_engine::gazetteer::fold_name;
use sitrep_engine::{Engine, Input};
use sitrep_model::{ActorKind, Event, Record};

use super::score::{Scores, Section};
use crate::input::parse_date;

pub fn score_one(engine: &Engine, gold: &Value, report: &Path) -> anyhow::Result<Scores> {
    let text = std::fs::read_to_string(report)
        .with_context(|| format!("{}: cannot read report", report.display()))?;
    let mut scores = Scores {
        title: format!("sitrep eval: {}", report.display()),
        ..Default::default()
    };
    let rec = extract(engine, gold, &text);
    score_record(engine, gold, &rec, &mut scores, "");
    finish(&mut scores);
    Ok(scores)
}

pub fn score_folder(engine: &Engine, dir: &Path) -> anyhow::Result<Scores> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut scores = Scores {
        title: format!(
            "sitrep eval: {} ({} gold files)",
            dir.display(),
            paths.len()
        ),
        ..Default::default()
    };
    for p in &paths {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(p)?)
            .with_context(|| format!("{}: not valid JSON", p.display()))?;
        let report = super::report_path(p, &gold)?;
        let text = std::fs::read_to_string(&report)
            .with_context(|| format!("{}: cannot read report", report.display()))?;
        let rec = extract(engine, &gold, &text);
        let label = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        score_record(engine, &gold, &rec, &mut scores, &label);
    }
    finish(&mut scores);
    Ok(scores)
}

/// A JSON Lines file of gold sentences: `{"id", "text", "published", "events", "figures"}`.
pub fn score_sentences(engine: &Engine, path: &Path) -> anyhow::Result<Scores> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut scores = Scores {
        title: format!("sitrep eval: {}", path.display()),
        ..Default::default()
    };
    let mut n = 0;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let gold: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not valid JSON", path.display(), i + 1))?;
        let Some(sentence) = gold.get("text").and_then(Value::as_str) else {
            continue;
        };
        let rec = extract(engine, &gold, sentence);
        let label = gold
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        score_record(engine, &gold, &rec, &mut scores, &label);
        n += 1;
    }
    scores.title.push_str(&format!(" ({n} sentences)"));
    finish(&mut scores);
    Ok(scores)
}

fn extract(engine: &Engine, gold: &Value, text: &str) -> Record {
    let published = gold
        .get("published")
        .and_then(Value::as_str)
        .and_then(parse_date);
    engine.extract(&Input {
        text,
        published,
        ..Default::default()
    })
}

fn finish(scores: &mut Scores) {
    if scores.sections.contains_key("places") {
        let bad = scores.values.remove("_np_bad").unwrap_or(0.0);
        scores.values.insert(
            "places.not_places_clean".into(),
            if bad == 0.0 { 1.0 } else { 0.0 },
        );
    }
    let (right, all) = (
        scores.values.remove("_q_right").unwrap_or(0.0),
        scores.values.remove("_q_all").unwrap_or(0.0),
    );
    if all > 0.0 {
        scores
            .values
            .insert("figures.qualifier".into(), right / all);
    }
}

pub(super) fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty())
}

pub(super) fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub fn score_record(engine: &Engine, gold: &Value, rec: &Record, scores: &mut Scores, label: &str) {
    // Generated headline and summary against reference ones, where the gold has them.
    for (field, got) in [("headline", &rec.headline), ("summary", &rec.summary)] {
        if let Some(want) = gold.get(field).and_then(Value::as_str) {
            scores.mean(&format!("{field}.rouge1"), super::rouge::rouge1(got, want));
            scores.mean(&format!("{field}.rougeL"), super::rouge::rouge_l(got, want));
        }
    }
    let tag = |x: String| {
        if label.is_empty() {
            x
        } else {
            format!("[{label}] {x}")
        }
    };
    scores.section("events").add(score_events(gold, rec, &tag));

    // Figures.
    if gold.get("figures").is_some() {
        let mut sec = Section::default();
        let mut used = vec![false; rec.figures.len()];
        let (mut q_right, mut q_all) = (0.0, 0.0);
        for g in list(gold, "figures") {
            let kind = s(g, "kind").unwrap_or("");
            let count = g.get("count").and_then(Value::as_u64);
            let country = s(g, "country");
            let hit = rec.figures.iter().enumerate().position(|(i, f)| {
                !used[i]
                    && enum_name(&f.kind) == kind
                    && Some(f.count) == count
                    && f.country.as_deref() == country
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    sec.tp += 1;
                    q_all += 1.0;
                    if s(g, "qualifier").is_none_or(|q| q == enum_name(&rec.figures[i].qualifier)) {
                        q_right += 1.0;
                    } else {
                        sec.misses.push(tag(format!(
                            "qualifier of {kind} {count:?}: gold {:?}, got {}",
                            s(g, "qualifier"),
                            enum_name(&rec.figures[i].qualifier)
                        )));
                    }
                }
                None => {
                    sec.fn_ += 1;
                    sec.misses.push(tag(format!(
                        "{kind} {} {} in {}",
                        count.map_or("?".into(), |c| c.to_string()),
                        s(g, "qualifier").unwrap_or(""),
                        country.unwrap_or("-")
                    )));
                }
            }
        }
        for (i, f) in rec.figures.iter().enumerate() {
            if !used[i] {
                sec.fp += 1;
                sec.extras.push(tag(describe_figure(f, rec)));
            }
        }
        *scores.values.entry("_q_right".into()).or_default() += q_right;
        *scores.values.entry("_q_all".into()).or_default() += q_all;
        scores.section("figures").add(sec);
    }

    // Places.
    if gold.get("places").is_some() {
        let mut sec = Section::default();
        let mut used = vec![false; rec.places.len()];
        for g in list(gold, "places") {
            let name = place_key(engine, s(g, "name").unwrap_or(""));
            let country = s(g, "country");
            let hit = rec.places.iter().enumerate().position(|(i, p)| {
                !used[i]
                    && place_key(engine, &p.name) == name
                    && (country.is_none() || p.country.as_deref() == country)
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    sec.tp += 1;
                    if let Some(a1) = s(g, "admin1")
                        && rec.places[i].admin1.as_deref().map(fold_name) != Some(fold_name(a1))
                    {
                        sec.misses.push(tag(format!(
                            "admin1 of {name}: gold {a1}, got {:?}",
                            rec.places[i].admin1
                        )));
                    }
                }
                None => {
                    sec.fn_ += 1;
                    sec.misses.push(tag(format!(
                        "{} ({})",
                        s(g, "name").unwrap_or("?"),
                        country.unwrap_or("-")
                    )));
                }
            }
        }
        for (i, p) in rec.places.iter().enumerate() {
            if !used[i] {
                sec.fp += 1;
                let not_place = list(gold, "not_places")
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|n| fold_name(n) == fold_name(&p.name));
                if not_place {
                    *scores.values.entry("_np_bad".into()).or_default() += 1.0;
                }
                sec.extras.push(tag(describe_place(p, not_place)));
            }
        }
        scores.section("places").add(sec);
    }

    // Actors.
    if gold.get("actors").is_some() {
        scores
            .section("actors")
            .add(score_actors(engine, gold, rec, &tag));
    }
}

/// A record's actors against the gold's: by name, or by country for states.
pub(super) fn score_actors(
    engine: &Engine,
    gold: &Value,
    rec: &Record,
    tag: &dyn Fn(String) -> String,
) -> Section {
    let mut sec = Section::default();
    let mut used = vec![false; rec.actors.len()];
    for g in list(gold, "actors") {
        let hit = rec
            .actors
            .iter()
            .enumerate()
            .position(|(i, a)| !used[i] && actor_matches(engine, a, g));
        match hit {
            Some(i) => {
                used[i] = true;
                sec.tp += 1;
            }
            None => {
                sec.fn_ += 1;
                sec.misses.push(tag(format!(
                    "{} ({})",
                    s(g, "name").unwrap_or("?"),
                    s(g, "kind").unwrap_or("?")
                )));
            }
        }
    }
    for (i, a) in rec.actors.iter().enumerate() {
        if !used[i] {
            sec.fp += 1;
            sec.extras
                .push(tag(format!("{} ({})", a.name, enum_name(&a.kind))));
        }
    }
    sec
}

/// A predicted place the gold does not have, as an extras list shows it.
pub(super) fn describe_place(p: &sitrep_model::Place, not_place: bool) -> String {
    format!(
        "{} ({}){}",
        p.name,
        p.country.as_deref().unwrap_or("-"),
        if not_place {
            " — gold says this is NOT a place here"
        } else {
            ""
        }
    )
}

/// A predicted figure as a miss list shows it, with its evidence.
pub(super) fn describe_figure(f: &sitrep_model::Figure, rec: &Record) -> String {
    format!(
        "{} {} {} in {} «{}»",
        enum_name(&f.kind),
        f.count,
        enum_name(&f.qualifier),
        f.country.as_deref().unwrap_or("-"),
        rec.document
            .text
            .get(f.evidence.span.start..f.evidence.span.end)
            .unwrap_or("")
    )
}

/// The serde name of a unit enum ("at_least", "killed").
pub(super) fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Strings of a gold list field (`acceptable_plover`, …).
fn strings<'a>(g: &'a Value, k: &str) -> Vec<&'a str> {
    list(g, k).iter().filter_map(Value::as_str).collect()
}

fn event_matches(e: &Event, g: &Value) -> bool {
    let plover_ok = s(g, "plover").is_none_or(|p| p == e.plover)
        || strings(g, "acceptable_plover").contains(&e.plover.as_str());
    if !plover_ok {
        return false;
    }
    if let Some(sub) = s(g, "sub_event_type") {
        let alternatives = strings(g, "acceptable_sub_event_types");
        let ok = e
            .sub_event_type
            .as_deref()
            .is_some_and(|got| got == sub || alternatives.contains(&got));
        if !ok {
            return false;
        }
    }
    if let Some(c) = s(g, "actor1_country") {
        // A symmetric event (talks, a swap, a treaty) may be told from either side.
        let symmetric = g.get("symmetric").and_then(Value::as_bool) == Some(true);
        let other = s(g, "actor2_country");
        let ok = e.actor1_country.as_deref() == Some(c)
            || (symmetric && other.is_some() && e.actor1_country.as_deref() == other);
        if !ok {
            return false;
        }
    }
    let locs = list(g, "locations");
    if !locs.is_empty() {
        let countries: Vec<&str> = locs.iter().filter_map(|l| s(l, "country")).collect();
        if !countries.is_empty()
            && !e
                .locations
                .iter()
                .any(|l| l.country.as_deref().is_some_and(|c| countries.contains(&c)))
        {
            return false;
        }
        // Diplomacy is placed by name: the talks in Jeddah are not the talks in Geneva.
        if s(g, "sub_event_type").is_none() && s(g, "plover") != Some("ASSAULT") {
            let names: Vec<String> = locs
                .iter()
                .filter_map(|l| s(l, "name"))
                .map(fold_name)
                .collect();
            if !names.is_empty()
                && !e
                    .locations
                    .iter()
                    .any(|l| names.contains(&fold_name(&l.name)))
            {
                return false;
            }
        }
    }
    true
}

/// A place name without its kind word: "Kyivskyi district" and "Kyivskyi" are one place.
pub fn place_key(engine: &Engine, name: &str) -> String {
    let lex = engine.lexicon();
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_kind = |w: &str| {
        let toks = lex.tokenize(w, sitrep_model::Span::new(0, w.len()));
        lex.place_kinds
            .match_at(&toks, 0)
            .is_some_and(|m| m.end == toks.len())
    };
    let mut kept: &[&str] = &words;
    if kept.len() > 1 && is_kind(kept[kept.len() - 1]) {
        kept = &kept[..kept.len() - 1];
    }
    // "northern Mali", "southeastern Turkey" are scored as Mali and Turkey: the direction
    // narrows, it does not rename (the compass words of place_links.tsv).
    let is_direction = |w: &str| {
        let w = w.to_lowercase();
        let toks = lex.tokenize(&w, sitrep_model::Span::new(0, w.len()));
        toks.len() == 1 && lex.is_direction(&toks, 0)
    };
    if kept.len() > 1 && is_direction(kept[0]) {
        kept = &kept[1..];
    }
    fold_name(&kept.join(" "))
}

fn actor_matches(engine: &Engine, a: &sitrep_model::Actor, g: &Value) -> bool {
    let gname = s(g, "name").unwrap_or("");
    if s(g, "kind") == Some("state") {
        return a.kind == ActorKind::State && a.country.as_deref() == s(g, "country");
    }
    if fold_name(&a.name) == fold_name(gname) {
        return true;
    }
    // Institutions: "Thai air force" and "Thailand's air force" are one body.
    let owned = matches!(s(g, "kind"), Some("military" | "government" | "police"));
    owned
        && a.country.as_deref() == s(g, "country")
        && institution_core(engine, &a.name) == institution_core(engine, gname)
}

/// An institution's name without its owner: "thailand's air force" → "air force".
fn institution_core(engine: &Engine, name: &str) -> String {
    let gaz = engine.gazetteer();
    name.split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches("'s").trim_end_matches("’s");
            !(w.eq_ignore_ascii_case("the")
                || gaz.demonym(w).is_some()
                || !gaz.lookup(w).is_empty() && w.chars().next().is_some_and(char::is_uppercase))
        })
        .map(fold_name)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A record's events against the gold's, optional events excusing what they describe.
pub(super) fn score_events(gold: &Value, rec: &Record, tag: &dyn Fn(String) -> String) -> Section {
    let optional = list(gold, "optional_events");
    let mut sec = Section::default();
    let mut used = vec![false; rec.events.len()];
    for g in list(gold, "events") {
        match rec
            .events
            .iter()
            .enumerate()
            .position(|(i, e)| !used[i] && event_matches(e, g))
        {
            Some(i) => {
                used[i] = true;
                sec.tp += 1;
            }
            None => {
                sec.fn_ += 1;
                sec.misses.push(tag(describe_gold_event(g)));
            }
        }
    }
    for (i, e) in rec.events.iter().enumerate() {
        if used[i] || optional.iter().any(|g| event_matches(e, g)) {
            continue;
        }
        sec.fp += 1;
        sec.extras.push(tag(describe_event(e, rec)));
    }
    sec
}

pub(super) fn describe_gold_event(g: &Value) -> String {
    let locs: Vec<&str> = list(g, "locations")
        .iter()
        .filter_map(|l| s(l, "name"))
        .collect();
    format!(
        "{} {} actor1={} at [{}] — {}",
        s(g, "plover").unwrap_or("?"),
        s(g, "sub_event_type").unwrap_or(""),
        s(g, "actor1_country").unwrap_or("-"),
        locs.join(", "),
        s(g, "note").or(s(g, "actor1")).unwrap_or("")
    )
}

pub(super) fn describe_event(e: &Event, rec: &Record) -> String {
    let locs: Vec<String> = e
        .locations
        .iter()
        .map(|l| format!("{} {}", l.name, l.country.as_deref().unwrap_or("-")))
        .collect();
    let sp = e.evidence.span;
    let clause: String = rec
        .document
        .text
        .get(sp.start..sp.end)
        .unwrap_or("")
        .chars()
        .take(90)
        .collect();
    format!(
        "{} {} actor1={} ({}) at [{}] «{}»",
        e.plover,
        e.sub_event_type.as_deref().unwrap_or(""),
        e.actor1_country.as_deref().unwrap_or("-"),
        e.trigger,
        locs.join(", "),
        clause
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_scored_without_its_kind_word_or_direction() {
        let engine = Engine::builtin();
        let key = |n: &str| place_key(&engine, n);
        assert_eq!(key("southeastern Turkey"), key("Turkey"));
        assert_eq!(key("north-east Nigeria"), key("Nigeria"));
        assert_eq!(key("northern Mali"), key("Mali"));
        assert_eq!(key("Gwoza area"), key("Gwoza"));
        assert_eq!(key("Kharkiv province"), key("Kharkiv"));
        assert_ne!(key("Kherson"), key("Kharkiv"));
    }
}
