//! The ACLED-style CSV: one row per incident, in ACLED's column names and order, so
//! analysts' existing sheets and scripts load it. Columns sitrep cannot fill honestly
//! (ACLED's actor interaction codes, numeric ISO, region) stay empty rather than guessed.

use sitrep_engine::incidents::incident_count;
use sitrep_model::{FigureKind, Incident, PlaceKind};

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// ACLED's geo_precision: 1 the town or spot itself, 2 a part of a district or a place near
/// a town, 3 only a province, region or country.
pub fn geo_precision(kind: PlaceKind, has_point: bool) -> u8 {
    if !has_point {
        return 3;
    }
    match kind {
        PlaceKind::Landmark | PlaceKind::Village | PlaceKind::City => 1,
        PlaceKind::Admin3 | PlaceKind::Admin2 | PlaceKind::Border | PlaceKind::Water => 2,
        PlaceKind::Admin1 | PlaceKind::Region | PlaceKind::Country => 3,
    }
}

fn disorder_type(event_type: &str) -> &'static str {
    match event_type {
        "Protests" | "Riots" => "Demonstrations",
        "Strategic developments" => "Strategic developments",
        _ => "Political violence",
    }
}

/// The one-line description in `notes`: what happened where, by whose count, and who tells it.
pub fn notes(inc: &Incident) -> String {
    let p = &inc.profile;
    let mut s = String::new();
    if let Some(d) = &p.first_date {
        s.push_str(&format!("On {d}, "));
    }
    let what = p
        .sub_event_type
        .as_deref()
        .or(p.event_type.as_deref())
        .unwrap_or("an incident")
        .to_lowercase();
    let by = p
        .actor1_country
        .as_deref()
        .map(|c| format!(" by {c} forces"))
        .unwrap_or_default();
    let at = p
        .place
        .as_ref()
        .map(|pl| {
            let mut w = pl.name.clone();
            if let Some(a1) = pl.admin1.as_ref().filter(|a| **a != pl.name) {
                w.push_str(&format!(", {a1}"));
            }
            if let Some(c) = &pl.country {
                w.push_str(&format!(", {c}"));
            }
            format!(" in {w}")
        })
        .unwrap_or_default();
    s.push_str(&format!("{what}{by}{at}."));
    let mut counts = Vec::new();
    for (kind, word) in [
        (FigureKind::Killed, "killed"),
        (FigureKind::Wounded, "wounded"),
    ] {
        if let Some((n, low, high)) = incident_count(inc, kind) {
            counts.push(if low != high {
                format!("{n} {word} (accounts range {low}-{high})")
            } else {
                format!("{n} {word}")
            });
        }
    }
    if !counts.is_empty() {
        s.push_str(&format!(" {}.", counts.join(", ")));
    }
    let mut sides: Vec<String> = Vec::new();
    for a in &inc.accounts {
        if let Some(sd) = &a.side
            && !sides.contains(sd)
        {
            sides.push(sd.clone());
        }
    }
    if !sides.is_empty() {
        s.push_str(&format!(" Accounts by {}.", sides.join(" and ")));
    }
    let reports: Vec<&str> = inc
        .accounts
        .iter()
        .filter(|a| a.copy_of.is_none())
        .map(|a| a.report.as_str())
        .fold(Vec::new(), |mut v, r| {
            if !v.contains(&r) {
                v.push(r);
            }
            v
        });
    s.push_str(&format!(" Sources: {}.", reports.join(", ")));
    s.replace(['\n', '\r'], " ")
}

/// A country's name and ISO 3166 alpha-3 code, from its alpha-2 code.
pub type CountryOf<'a> = &'a dyn Fn(&str) -> Option<(String, String)>;

/// One CSV row for an incident.
pub fn row(inc: &Incident, country: CountryOf, now: i64) -> Vec<String> {
    let p = &inc.profile;
    let place = p.place.as_ref();
    let cc = place.and_then(|x| x.country.clone()).unwrap_or_default();
    let event_type = p.event_type.clone().unwrap_or_default();
    let dated = inc.accounts.iter().any(|a| !a.date_from_published);
    let first_actor = |pick: fn(&sitrep_model::Account) -> Option<&String>| {
        // The unframed reports' actor first, else the first account's.
        inc.accounts
            .iter()
            .filter(|a| a.side.is_none())
            .chain(inc.accounts.iter())
            .find_map(|a| pick(a).cloned())
            .unwrap_or_default()
    };
    let mut sources: Vec<String> = Vec::new();
    for a in inc.accounts.iter().filter(|a| a.copy_of.is_none()) {
        let s = a.source.clone().unwrap_or_else(|| a.report.clone());
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let (name, iso3) = country(&cc).unwrap_or_else(|| (cc.clone(), cc.clone()));
    let fatalities = incident_count(inc, FigureKind::Killed).map_or(0, |(n, _, _)| n);
    let opt = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    vec![
        format!("{iso3}{}", inc.id),
        p.first_date.clone().unwrap_or_default(),
        p.first_date
            .as_deref()
            .and_then(|d| d.get(..4))
            .unwrap_or("")
            .to_string(),
        if dated { "1" } else { "2" }.to_string(),
        if event_type.is_empty() {
            String::new()
        } else {
            disorder_type(&event_type).to_string()
        },
        event_type.clone(),
        p.sub_event_type.clone().unwrap_or_default(),
        first_actor(|a| a.actor1.as_ref()),
        String::new(),
        String::new(),
        first_actor(|a| a.actor2.as_ref()),
        String::new(),
        String::new(),
        String::new(),
        if event_type == "Violence against civilians" {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        name,
        place
            .and_then(|x| {
                x.admin1
                    .clone()
                    .or_else(|| (x.kind == PlaceKind::Admin1).then(|| x.name.clone()))
            })
            .unwrap_or_default(),
        String::new(),
        String::new(),
        place.map(|x| x.name.clone()).unwrap_or_default(),
        opt(place.and_then(|x| x.lat)),
        opt(place.and_then(|x| x.lon)),
        place
            .map(|x| geo_precision(x.kind, x.lat.is_some()))
            .unwrap_or(3)
            .to_string(),
        sources.join("; "),
        String::new(),
        notes(inc),
        fatalities.to_string(),
        String::new(),
        now.to_string(),
    ]
}
