//! Extraction never panics, and every span it returns lies inside the text on char boundaries.
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
});

