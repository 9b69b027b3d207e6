//! Snapshot tests: every report in `tests/corpus/reports/` and `examples/`, condensed to
//! what a reviewer checks (codes, actors, places, figures, and the evidence text itself).

use serde_json::{Value, json};
use sitrep_engine::model::Record;
use sitrep_engine::{Input, NaiveDate};

use crate::{engine, repo};

pub fn condensed(r: &Record) -> Value {
    let text = &r.document.text;
    let ev = |s: sitrep_engine::model::Span| {
        text.get(s.start..s.end).unwrap_or("<bad span>").to_string()
    };
    json!({
        "headline": r.headline,
        "summary": r.summary,
        "events": r.events.iter().map(|e| json!({
            "plover": e.plover, "mode": e.mode, "sub_event_type": e.sub_event_type,
            "actor1": e.actor1, "actor1_country": e.actor1_country,
            "actor2": e.actor2, "actor2_country": e.actor2_country,
            "locations": e.locations.iter().map(|l| format!("{} ({})", l.name, l.country.as_deref().unwrap_or("-"))).collect::<Vec<_>>(),
            "date": e.date, "date_text": e.date_text, "status": e.status,
            "claimed_by": e.claimed_by, "trigger": e.trigger, "evidence": ev(e.evidence.span),
        })).collect::<Vec<_>>(),
        "figures": r.figures.iter().map(|f| json!({
            "kind": f.kind, "count": f.count, "qualifier": f.qualifier, "count_high": f.count_high,
            "country": f.country, "population": f.population, "cumulative": f.cumulative,
            "claimed_by": f.claimed_by, "evidence": ev(f.evidence.span),
        })).collect::<Vec<_>>(),
        "places": r.places.iter().map(|p| format!("{} [{:?}] {} / {} ({:?}; {})", p.name, p.kind, p.country.as_deref().unwrap_or("-"), p.admin1.as_deref().unwrap_or("-"), p.precision, p.basis)).collect::<Vec<_>>(),
        "actors": r.actors.iter().map(|a| format!("{} [{:?}] {}{}", a.name, a.kind, a.country.as_deref().unwrap_or("-"), a.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default())).collect::<Vec<_>>(),
        "claims": r.claims.iter().map(|c| format!("{} ({:?}): {}", c.by, c.kind, c.text)).collect::<Vec<_>>(),
    })
}

/// The publication date a gold file gives its report, if any.
fn published_for(stem: &str) -> Option<NaiveDate> {
    let gold = repo()
        .join("tests/corpus/gold")
        .join(format!("{stem}.json"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(gold).ok()?).ok()?;
    NaiveDate::parse_from_str(v.get("published")?.as_str()?, "%Y-%m-%d").ok()
}

fn reports() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo().join("tests/corpus/reports"))
        .expect("tests/corpus/reports exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.push(repo().join("examples/report.txt"));
    files
}

#[test]
fn corpus_records_are_stable() {
    let files = reports();
    assert!(
        files.len() >= 30,
        "the team corpus has {} reports",
        files.len()
    );
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let published = published_for(&stem).or(NaiveDate::from_ymd_opt(2025, 11, 18));
        let rec = engine().extract(&Input {
            text: &text,
            published,
            ..Default::default()
        });
        insta::with_settings!({snapshot_path => "snapshots/corpus", prepend_module_to_snapshot => false}, {
            insta::assert_json_snapshot!(stem, condensed(&rec));
        });
    }
}

/// Every report's own headline fits in 100 characters and its summary in 80 words, and both
/// are written, not copied: no summary sentence is a sentence of the report.
#[test]
fn headlines_and_summaries_keep_their_limits_and_are_not_copied() {
    for path in reports() {
        let text = std::fs::read_to_string(&path).unwrap();
        let rec = engine().extract(&Input {
            text: &text,
            published: NaiveDate::from_ymd_opt(2025, 11, 18),
            title: Some("A title the report came with".into()),
            ..Default::default()
        });
        let name = path.display();
        assert!(
            rec.headline.chars().count() <= 100,
            "{name}: {}",
            rec.headline
        );
        assert!(
            rec.summary.split_whitespace().count() <= 80,
            "{name}: {}",
            rec.summary
        );
        assert_ne!(
            rec.headline, "A title the report came with",
            "{name}: own headline"
        );
        let has_facts = !rec.events.is_empty() || !rec.figures.is_empty();
        if has_facts {
            for s in &rec.sentences {
                let sentence = rec.document.text[s.start..s.end].trim();
                if sentence.split_whitespace().count() >= 8 {
                    assert!(
                        !rec.summary.contains(sentence),
                        "{name}: copied «{sentence}»"
                    );
                }
            }
        }
    }
}
