//! Extraction never panics, and every span it returns lies inside the text on char boundaries;
//! nor do the stages that read the record afterwards: accounts, period totals, diplomacy
//! signals, the ceasefire tracker and tallies.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sitrep_engine::model::Span;
use sitrep_engine::{Engine, Input, NaiveDate};

static ENGINE: OnceLock<Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let engine = ENGINE.get_or_init(Engine::builtin);
    let rec = engine.extract(&Input { text, published: NaiveDate::from_ymd_opt(2025, 12, 23), ..Default::default() });
    let t = &rec.document.text;
    let ok = |s: Span| s.start <= s.end && s.end <= t.len() && t.is_char_boundary(s.start) && t.is_char_boundary(s.end);
    for s in &rec.sentences {
        assert!(ok(*s));
    }
    for p in &rec.places {
        assert!(p.spans.iter().all(|s| ok(*s)));
    }
    for a in &rec.actors {
        assert!(a.spans.iter().all(|s| ok(*s)));
    }
    for e in &rec.events {
        assert!(ok(e.evidence.span) && e.evidence.sentence < rec.sentences.len());
    }
    for f in &rec.figures {
        assert!(ok(f.evidence.span) && f.evidence.sentence < rec.sentences.len());
    }
    for c in &rec.claims {
        assert!(ok(c.evidence.span));
    }
    // Normalising normalised text changes nothing.
    assert_eq!(sitrep_engine::text::normalize(t).text, *t);
    // The multi-report stages take any record.
    let accounts = sitrep_engine::incidents::accounts(&rec, None);
    let periods = sitrep_engine::incidents::period_figures(&rec, None);
    let signals = sitrep_engine::ceasefire::signals(&rec, engine.lexicon(), None);
    let mut incidents = Vec::new();
    for (i, a) in accounts.iter().enumerate() {
        let mut profile = sitrep_engine::model::Profile::default();
        sitrep_engine::incidents::absorb(&mut profile, a);
        let _ = sitrep_engine::incidents::affinity(&profile, a);
        let _ = sitrep_engine::incidents::window(a);
        incidents.push(sitrep_engine::model::Incident { id: i as i64, profile, accounts: vec![a.clone()] });
    }
    let _ = sitrep_engine::ceasefire::track(&signals, &incidents);
    let _ = sitrep_engine::incidents::tally(&incidents, &periods, &Default::default());
});

