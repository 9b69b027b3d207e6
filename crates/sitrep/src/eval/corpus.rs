//! Scoring the real-text corpus (`tests/real/`): full reports and snippets with their gold,
//! per split (train, dev, test) and per section, with per-class scores and confusions for
//! event types and the UCDP place benchmark beside them.
//!
//! Layout (see `tests/real/README.md` and `ANNOTATION.md`): `splits.tsv` (`id<TAB>split`),
//! `reports/<id>.txt` (header lines, a blank line, the body) with `gold/<id>.json`,
//! `snippets/*.jsonl` (`id`, `text`, `published`) with `gold/snippets/*.jsonl` (the same ids),
//! and `ucdp/places.jsonl`. Misses are listed for dev only: train is for tuning by eye too,
//! but test is never read, only its scores printed.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, bail};
use rayon::prelude::*;
use serde_json::Value;
use sitrep_engine::gazetteer::fold_name;
use sitrep_engine::{Engine, Input};
use sitrep_model::{Event, Record};

use super::classes::{Confusion, NONE};
use super::record_gold::{
    describe_figure, describe_place, enum_name, list, place_key, s, score_actors, score_events,
};
use super::score::{Scores, Section, ratio};
use crate::input::parse_date;

pub const SPLITS: [&str; 3] = ["train", "dev", "test"];

/// Whether a folder is the real-text corpus (it has a split file).
pub fn is_corpus(dir: &Path) -> bool {
    dir.join("splits.tsv").is_file()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Report,
    Snippet,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Report => "reports",
            Unit::Snippet => "snippets",
        }
    }
}

#[derive(Clone)]
pub(crate) struct Item {
    pub id: String,
    pub unit: Unit,
    pub text: String,
    pub published: Option<chrono::NaiveDate>,
    pub gold: Value,
}

/// `id<TAB>split`, a header line allowed.
pub fn read_splits(dir: &Path) -> anyhow::Result<HashMap<String, String>> {
    let path = dir.join("splits.tsv");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some((id, split)) = line.split_once('\t') else {
            continue;
        };
        if i == 0 && id == "id" {
            continue;
        }
        let split = split.trim();
        if !SPLITS.contains(&split) {
            bail!("{}:{}: unknown split {split:?}", path.display(), i + 1);
        }
        out.insert(id.to_string(), split.to_string());
    }
    Ok(out)
}

/// A report file: `key: value` header lines, a blank line, the body. The text sitrep reads
/// is the title line, then the body, as a page gives them.
pub fn read_report(raw: &str) -> (BTreeMap<String, String>, String) {
    let mut header = BTreeMap::new();
    let mut rest = raw;
    while let Some((line, tail)) = rest.split_once('\n') {
        if line.trim().is_empty() {
            rest = tail;
            break;
        }
        match line.split_once(':') {
            Some((k, v)) if !k.contains(' ') => {
                header.insert(k.trim().to_string(), v.trim().to_string());
                rest = tail;
            }
            _ => break,
        }
    }
    let body = rest.trim();
    let text = match header.get("title") {
        Some(t) => format!("{t}\n\n{body}\n"),
        None => format!("{body}\n"),
    };
    (header, text)
}

pub(super) fn jsonl(path: &Path) -> anyhow::Result<Vec<Value>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}:{}: not valid JSON", path.display(), i + 1))
        })
        .collect()
}

pub(super) fn files(dir: &Path, ext: &str) -> anyhow::Result<Vec<std::path::PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    Ok(v)
}

/// Every annotated unit with its gold; the count of units with no gold yet.
pub(crate) fn load(dir: &Path) -> anyhow::Result<(Vec<Item>, usize)> {
    let mut items = Vec::new();
    let mut unannotated = 0;
    for path in files(&dir.join("reports"), "txt")? {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let gold_path = dir.join("gold").join(format!("{id}.json"));
        if !gold_path.is_file() {
            unannotated += 1;
            continue;
        }
        let raw = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read report", path.display()))?;
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)
            .with_context(|| format!("{}: not valid JSON", gold_path.display()))?;
        let (header, text) = read_report(&raw);
        let published = header
            .get("published")
            .map(String::as_str)
            .or_else(|| s(&gold, "published"))
            .and_then(parse_date);
        items.push(Item {
            id,
            unit: Unit::Report,
            text,
            published,
            gold,
        });
    }
    let mut golds: HashMap<String, Value> = HashMap::new();
    for path in files(&dir.join("gold/snippets"), "jsonl")? {
        for g in jsonl(&path)? {
            if let Some(id) = s(&g, "id") {
                golds.insert(id.to_string(), g.clone());
            }
        }
    }
    for path in files(&dir.join("snippets"), "jsonl")? {
        for v in jsonl(&path)? {
            let (Some(id), Some(text)) = (s(&v, "id"), s(&v, "text")) else {
                continue;
            };
            let Some(gold) = golds.remove(id) else {
                unannotated += 1;
                continue;
            };
            items.push(Item {
                id: id.to_string(),
                unit: Unit::Snippet,
                text: text.to_string(),
                published: s(&v, "published").and_then(parse_date),
                gold,
            });
        }
    }
    Ok((items, unannotated))
}

/// What one split gathers.
#[derive(Default)]
struct Acc {
    sections: BTreeMap<String, Section>,
    /// name → (right, all)
    shares: BTreeMap<String, (usize, usize)>,
    acled: Confusion,
    plover: Confusion,
    /// The main event's confidence against whether its ACLED type is right, in ten bins:
    /// (sum of confidences, right, count).
    calibration: [(f64, usize, usize); 10],
    items: BTreeMap<&'static str, usize>,
}

impl Acc {
    fn share(&mut self, name: &str, right: bool) {
        let e = self.shares.entry(name.to_string()).or_default();
        e.0 += usize::from(right);
        e.1 += 1;
    }
    fn section(&mut self, name: &str) -> &mut Section {
        self.sections.entry(name.to_string()).or_default()
    }
}

pub fn score(engine: &Engine, dir: &Path, confusions: usize) -> anyhow::Result<Scores> {
    let splits = read_splits(dir)?;
    let (items, unannotated) = load(dir)?;
    let mut scores = score_items(engine, &items, &splits, confusions);
    scores.title = format!(
        "sitrep eval: {} ({} annotated units, {} not yet annotated)",
        dir.display(),
        items.len(),
        unannotated
    );
    let ucdp = dir.join("ucdp/places.jsonl");
    if ucdp.is_file() {
        super::ucdp_places::score(engine, &ucdp, &splits, &mut scores)?;
    }
    let incidents = dir.join("incidents");
    if incidents.is_dir() {
        super::incident_set::score(engine, &incidents, &mut scores)?;
    }
    Ok(scores)
}

/// Scores of loaded units, per split (no UCDP benchmark, no title).
pub(crate) fn score_items(
    engine: &Engine,
    items: &[Item],
    splits: &HashMap<String, String>,
    confusions: usize,
) -> Scores {
    let records: Vec<Record> = items
        .par_iter()
        .map(|it| {
            engine.extract(&Input {
                text: &it.text,
                published: it.published,
                ..Default::default()
            })
        })
        .collect();
    let mut accs: BTreeMap<&str, Acc> = SPLITS.iter().map(|s| (*s, Acc::default())).collect();
    let mut unsplit = Vec::new();
    for (it, rec) in items.iter().zip(&records) {
        let Some(split) = splits.get(&it.id) else {
            unsplit.push(it.id.clone());
            continue;
        };
        let acc = accs.get_mut(split.as_str()).expect("a known split");
        score_item(engine, it, rec, acc);
    }
    let mut scores = Scores::default();
    for (split, acc) in accs {
        let counts: Vec<String> = acc.items.iter().map(|(k, n)| format!("{n} {k}")).collect();
        scores.notes.push(format!("{split}: {}", counts.join(", ")));
        for (name, mut sec) in acc.sections {
            if split != "dev" {
                sec.misses.clear();
                sec.extras.clear();
            }
            scores.sections.insert(format!("{split}.{name}"), sec);
        }
        for (name, (right, all)) in acc.shares {
            if all > 0 {
                scores
                    .values
                    .insert(format!("{split}.{name}"), ratio(right, all));
            }
        }
        let judged: usize = acc.calibration.iter().map(|b| b.2).sum();
        if judged > 0 {
            // Expected calibration error: how far confidence is from accuracy, bin by bin.
            let ece: f64 = acc
                .calibration
                .iter()
                .filter(|b| b.2 > 0)
                .map(|(conf, right, n)| {
                    let n = *n as f64;
                    (n / judged as f64) * (*right as f64 / n - conf / n).abs()
                })
                .sum();
            scores
                .values
                .insert(format!("{split}.snippets.acled.ece"), ece);
        }
        for (name, conf) in [
            ("snippets.acled", &acc.acled),
            ("snippets.plover", &acc.plover),
        ] {
            if conf.total() > 0 {
                scores
                    .values
                    .insert(format!("{split}.{name}.weighted_f1"), conf.weighted_f1());
                if split != "train" {
                    scores
                        .notes
                        .push(conf.render(&format!("{split} {name}"), confusions));
                }
            }
        }
    }
    if !unsplit.is_empty() {
        scores.notes.push(format!(
            "{} annotated units have no split (run scripts/real_splits.py): {}",
            unsplit.len(),
            unsplit
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    scores
}

/// The event a one-line summary would name: the first with an ACLED type, else the first.
fn main_event(rec: &Record) -> Option<&Event> {
    let mut events: Vec<&Event> = rec.events.iter().collect();
    events.sort_by_key(|e| e.evidence.span.start);
    events
        .iter()
        .find(|e| e.sub_event_type.is_some())
        .or(events.first())
        .copied()
}

fn score_item(engine: &Engine, it: &Item, rec: &Record, acc: &mut Acc) {
    let unit = it.unit.name();
    *acc.items.entry(unit).or_default() += 1;
    let tag = |x: String| format!("[{}] {x}", it.id);
    let g = &it.gold;
    let events = score_events(g, rec, &tag);
    acc.section(&format!("{unit}.events")).add(events);
    score_figures(g, rec, acc, unit, &tag);
    score_places(engine, g, rec, acc, unit, &tag);
    if g.get("actors").is_some() {
        let sec = score_actors(engine, g, rec, &tag);
        acc.section(&format!("{unit}.actors")).add(sec);
    }
    // An event aimed at its own actor exists only where the gold has one.
    let gold_self = list(g, "events").iter().any(|e| {
        s(e, "actor1_country").is_some() && s(e, "actor1_country") == s(e, "actor2_country")
    });
    if !gold_self {
        for e in &rec.events {
            let own = e.actor1_country.is_some() && e.actor1_country == e.actor2_country;
            acc.share("events.self_targeting", own);
        }
    }
    if it.unit == Unit::Snippet {
        score_snippet(g, rec, acc, &tag);
    }
}

/// Detection, the main event's type, and its actors' countries.
fn score_snippet(g: &Value, rec: &Record, acc: &mut Acc, tag: &dyn Fn(String) -> String) {
    let gold_main = list(g, "events").first();
    let main = main_event(rec);
    let mut det = Section::default();
    match (gold_main.is_some(), main.is_some()) {
        (true, true) => det.tp += 1,
        (true, false) => {
            det.fn_ += 1;
            det.misses.push(tag("no event found".into()));
        }
        (false, true) => {
            det.fp += 1;
            det.extras.push(tag(format!(
                "event where gold has none: {}",
                main.map_or("", |e| e.plover.as_str())
            )));
        }
        (false, false) => {}
    }
    acc.section("snippets.detection").add(det);
    let Some(gm) = gold_main else {
        return;
    };
    let alternatives =
        |k: &str| -> Vec<&str> { list(gm, k).iter().filter_map(Value::as_str).collect() };
    if let Some(sub) = s(gm, "sub_event_type") {
        let got = main
            .and_then(|e| e.sub_event_type.as_deref())
            .unwrap_or(NONE);
        let acceptable = alternatives("acceptable_sub_event_types");
        if let Some(c) = main.and_then(|e| e.confidence) {
            let bin = &mut acc.calibration[((f64::from(c) * 10.0) as usize).min(9)];
            bin.0 += f64::from(c);
            bin.1 += usize::from(got == sub || acceptable.contains(&got));
            bin.2 += 1;
        }
        acc.acled.add(sub, &acceptable, got);
    }
    if let Some(p) = s(gm, "plover") {
        let got = main.map_or(NONE, |e| e.plover.as_str());
        acc.plover.add(p, &alternatives("acceptable_plover"), got);
    }
    let symmetric = gm.get("symmetric").and_then(Value::as_bool) == Some(true);
    let (a1, a2) = (s(gm, "actor1_country"), s(gm, "actor2_country"));
    let got1 = main.and_then(|e| e.actor1_country.as_deref());
    let got2 = main.and_then(|e| e.actor2_country.as_deref());
    let swapped = symmetric && got1 == a2 && got2 == a1;
    if let Some(a1) = a1 {
        acc.share("snippets.actor1_country", got1 == Some(a1) || swapped);
    }
    if let Some(a2) = a2 {
        acc.share("snippets.actor2_country", got2 == Some(a2) || swapped);
    }
}

/// Figures match on kind, count and qualifier (and the upper bound of a range); the country
/// is scored on the matched ones.
fn score_figures(
    g: &Value,
    rec: &Record,
    acc: &mut Acc,
    unit: &str,
    tag: &dyn Fn(String) -> String,
) {
    if g.get("figures").is_none() {
        return;
    }
    let mut sec = Section::default();
    let mut used = vec![false; rec.figures.len()];
    for gf in list(g, "figures") {
        let kind = s(gf, "kind").unwrap_or("");
        let count = gf.get("count").and_then(Value::as_u64);
        let qualifier = s(gf, "qualifier").unwrap_or("exact");
        let high = gf.get("count_high").and_then(Value::as_u64);
        let hit = (0..rec.figures.len()).find(|&i| {
            let f = &rec.figures[i];
            !used[i]
                && enum_name(&f.kind) == kind
                && Some(f.count) == count
                && enum_name(&f.qualifier) == qualifier
                && (qualifier != "range" || f.count_high == high)
        });
        match hit {
            Some(i) => {
                used[i] = true;
                sec.tp += 1;
                let right = rec.figures[i].country.as_deref() == s(gf, "country");
                acc.share(&format!("{unit}.figures.country"), right);
                if let Some(c) = gf.get("cumulative").and_then(Value::as_bool) {
                    acc.share(
                        &format!("{unit}.figures.cumulative"),
                        rec.figures[i].cumulative == c,
                    );
                }
            }
            None => {
                sec.fn_ += 1;
                sec.misses.push(tag(format!(
                    "{kind} {} {qualifier} in {}",
                    count.map_or("?".into(), |c| c.to_string()),
                    s(gf, "country").unwrap_or("-")
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
    acc.section(&format!("{unit}.figures")).add(sec);
}

/// Places match on name without its kind word; country and admin1 are scored on the matched
/// ones, and every predicted place the gold does not have counts as a name wrongly taken.
fn score_places(
    engine: &Engine,
    g: &Value,
    rec: &Record,
    acc: &mut Acc,
    unit: &str,
    tag: &dyn Fn(String) -> String,
) {
    if g.get("places").is_none() {
        return;
    }
    let mut sec = Section::default();
    let keys: Vec<String> = rec
        .places
        .iter()
        .map(|p| place_key(engine, &p.name))
        .collect();
    let mut used = vec![false; rec.places.len()];
    for gp in list(g, "places") {
        let name = place_key(engine, s(gp, "name").unwrap_or(""));
        match (0..rec.places.len()).find(|&i| !used[i] && keys[i] == name) {
            Some(i) => {
                used[i] = true;
                sec.tp += 1;
                let p = &rec.places[i];
                acc.share(
                    &format!("{unit}.places.country"),
                    p.country.as_deref() == s(gp, "country"),
                );
                if let Some(a1) = s(gp, "admin1") {
                    let right = p.admin1.as_deref().map(fold_name) == Some(fold_name(a1));
                    acc.share(&format!("{unit}.places.admin1"), right);
                }
            }
            None => {
                sec.fn_ += 1;
                sec.misses.push(tag(format!(
                    "{} ({})",
                    s(gp, "name").unwrap_or("?"),
                    s(gp, "country").unwrap_or("-")
                )));
            }
        }
    }
    let not_places: Vec<String> = list(g, "not_places")
        .iter()
        .filter_map(Value::as_str)
        .map(|n| place_key(engine, n))
        .collect();
    for np in &not_places {
        acc.share(
            &format!("{unit}.places.not_places_taken"),
            keys.contains(np),
        );
    }
    for (i, p) in rec.places.iter().enumerate() {
        let not_place = not_places.contains(&keys[i]);
        acc.share(&format!("{unit}.places.wrongly_taken"), !used[i]);
        if !used[i] {
            sec.fp += 1;
            sec.extras.push(tag(describe_place(p, not_place)));
        }
    }
    acc.section(&format!("{unit}.places")).add(sec);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_header_is_read_and_title_leads_the_text() {
        let (h, text) = read_report(
            "url: https://x\npublished: 2009-01-02\ntitle: Blast kills 3\n\nBody one.\nBody two.\n",
        );
        assert_eq!(h["published"], "2009-01-02");
        assert_eq!(text, "Blast kills 3\n\nBody one.\nBody two.\n");
    }

    #[test]
    fn a_report_without_header_is_all_body() {
        let (h, text) = read_report("Gunmen attacked a village: five died.\n");
        assert!(h.is_empty());
        assert_eq!(text, "Gunmen attacked a village: five died.\n");
    }
}
