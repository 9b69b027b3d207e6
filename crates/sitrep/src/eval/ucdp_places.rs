//! The UCDP place benchmark (`tests/real/ucdp/places.jsonl`): a conflict coder's place
//! description with its country ("vicinity of X village in Y district", Syria) against the
//! row's coordinates and first-level division. The first place sitrep finds (other than the
//! country itself) is the answer: the share within 25 and 50 km of the row's point (rows
//! placed to a point, near one, or to a second-level division: `where_prec` 1–3), and the
//! share whose admin1 is the row's (`where_prec` 1–4).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;
use sitrep_engine::{Engine, Input};
use sitrep_model::{Place, PlaceKind, Record};

use super::record_gold::{place_key, s};
use super::score::{Scores, ratio};

const EARTH_KM: f64 = 6371.0;

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().asin()
}

/// The description as a reader meets it: the place, then its country.
fn text_of(row: &Value) -> String {
    format!(
        "{}, {}.",
        s(row, "where_description").unwrap_or(""),
        s(row, "country").unwrap_or("")
    )
}

/// The first place named, the country aside unless it is all there is.
fn first_place(rec: &Record) -> Option<&Place> {
    let start = |p: &Place| p.spans.first().map_or(usize::MAX, |sp| sp.start);
    let mut places: Vec<&Place> = rec.places.iter().collect();
    places.sort_by_key(|p| start(p));
    places
        .iter()
        .find(|p| p.kind != PlaceKind::Country)
        .or(places.first())
        .copied()
}

#[derive(Default)]
struct Tally {
    points: usize,
    within25: usize,
    within50: usize,
    admin1_rows: usize,
    admin1: usize,
    rows: usize,
    found: usize,
    country: usize,
}

pub fn score(
    engine: &Engine,
    path: &Path,
    splits: &HashMap<String, String>,
    scores: &mut Scores,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let rows: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let results: Vec<Option<Place>> = rows
        .par_iter()
        .map(|row| {
            let t = text_of(row);
            let rec = engine.extract(&Input {
                text: &t,
                ..Default::default()
            });
            first_place(&rec).cloned()
        })
        .collect();
    let mut by_split: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut unsplit = 0;
    for (row, got) in rows.iter().zip(&results) {
        let Some(split) = s(row, "id").and_then(|id| splits.get(id)) else {
            unsplit += 1;
            continue;
        };
        let t = by_split.entry(split.as_str()).or_default();
        t.rows += 1;
        let prec = row.get("where_prec").and_then(Value::as_u64).unwrap_or(9);
        let (lat, lon) = (
            row.get("lat").and_then(Value::as_f64).unwrap_or(0.0),
            row.get("lon").and_then(Value::as_f64).unwrap_or(0.0),
        );
        if let Some(p) = got {
            t.found += 1;
            t.country += usize::from(p.country.as_deref() == s(row, "country_code"));
        }
        if prec <= 3 {
            t.points += 1;
            if let Some(p) = got
                && let (Some(plat), Some(plon)) = (p.lat, p.lon)
            {
                let d = haversine_km(lat, lon, plat, plon);
                t.within25 += usize::from(d <= 25.0);
                t.within50 += usize::from(d <= 50.0);
            }
        }
        if prec <= 4
            && let Some(a1) = s(row, "adm_1")
        {
            t.admin1_rows += 1;
            let right = got
                .as_ref()
                .and_then(|p| p.admin1.as_deref())
                .is_some_and(|g| place_key(engine, g) == place_key(engine, a1));
            t.admin1 += usize::from(right);
        }
    }
    for (split, t) in by_split {
        for (name, v) in [
            ("within25", ratio(t.within25, t.points)),
            ("within50", ratio(t.within50, t.points)),
            ("admin1", ratio(t.admin1, t.admin1_rows)),
            ("found", ratio(t.found, t.rows)),
            ("country", ratio(t.country, t.rows)),
        ] {
            scores.values.insert(format!("{split}.ucdp.{name}"), v);
        }
        scores.notes.push(format!(
            "{split} ucdp: {} rows, {} placed to a point or district, {} with admin1",
            t.rows, t.points, t.admin1_rows
        ));
    }
    if unsplit > 0 {
        scores
            .notes
            .push(format!("{unsplit} UCDP rows have no split"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_a_known_distance() {
        // Kyiv to Kharkiv, about 410 km.
        let d = haversine_km(50.45, 30.52, 49.99, 36.23);
        assert!((d - 410.0).abs() < 10.0, "{d}");
        assert!(haversine_km(10.0, 10.0, 10.0, 10.0).abs() < 1e-9);
    }
}
