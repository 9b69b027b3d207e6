//! The team's multi-report corpus (`tests/incidents/`): every syndicated copy is linked to
//! its original, and nothing else is, not even the distractor that shares a date, a toll and
//! a weapon with one of the incidents.

use serde_json::Value;
use sitrep_model::{Document, Record};
use sitrep_store::Store;

fn repo(path: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path),
    )
    .expect("corpus file")
}

#[test]
fn syndicated_copies_in_the_incident_corpus_are_found_and_only_they() {
    let records: Vec<Record> = repo("tests/incidents/reports.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().map(str::to_string);
            Record {
                document: Document {
                    id: s("id").unwrap(),
                    title: s("title"),
                    published: s("published"),
                    text: s("text").unwrap(),
                    language: "en".into(),
                    ..Default::default()
                },
                ..Default::default()
            }
        })
        .collect();
    assert!(records.len() >= 30);
    let mut store = Store::in_memory().unwrap();
    // In published order, as a feed would bring them, in two batches.
    let mut sorted = records.clone();
    sorted.sort_by(|a, b| {
        a.document
            .published
            .cmp(&b.document.published)
            .then(a.document.id.cmp(&b.document.id))
    });
    let (first, second) = sorted.split_at(sorted.len() / 2);
    store.insert(first).unwrap();
    store.insert(second).unwrap();
    let expected: Value = serde_json::from_str(&repo("tests/incidents/expected.json")).unwrap();
    let mut want: Vec<(String, String)> = expected["syndicated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["copy"].as_str().unwrap().to_string(),
                p["original"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut got: Vec<(String, String)> = records
        .iter()
        .filter_map(|r| {
            store
                .original_of(&r.document.id)
                .unwrap()
                .map(|o| (r.document.id.clone(), o))
        })
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}
