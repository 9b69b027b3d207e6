//! Properties every record keeps, whatever the input: spans inside the text on character
//! boundaries, evidence pointing at real sentences, and normalisation that is idempotent.

use proptest::prelude::*;
use sitrep_engine::model::{Record, Span};
use sitrep_engine::{Input, NaiveDate};

use crate::engine;

fn check_spans(r: &Record) {
    let t = &r.document.text;
    let ok = |s: &Span| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    assert!(r.sentences.iter().all(ok));
    assert!(r.places.iter().flat_map(|p| &p.spans).all(ok));
    assert!(r.actors.iter().flat_map(|a| &a.spans).all(ok));
    for e in &r.events {
        assert!(ok(&e.evidence.span) && e.evidence.sentence < r.sentences.len());
        assert!(e.also.iter().all(|x| ok(&x.span)));
    }
    for f in &r.figures {
        assert!(ok(&f.evidence.span) && f.evidence.sentence < r.sentences.len());
    }
    assert!(r.claims.iter().all(|c| ok(&c.evidence.span)));
    assert!(r.headline.chars().count() <= 100);
    assert!(r.summary.split_whitespace().count() <= 80);
}

/// Words that exercise the extractors: names, numbers, triggers, punctuation.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Thailand",
        "Cambodia's",
        "Thai",
        "army",
        "said",
        "at",
        "least",
        "23",
        "killed",
        "in",
        "and",
        "20",
        "more",
        "than",
        "900,000",
        "displaced",
        "Monday",
        "\"",
        ",",
        ".",
        "—",
        "Gen.",
        "U.S.",
        "accused",
        "of",
        "bombing",
        "Siem",
        "Reap",
        "province",
        "village",
        "of",
        "twenty-three",
        "dozens",
        "rockets",
        "fired",
        "into",
        "territory",
        "denied",
        "talks",
        "would",
        "be",
        "held",
        "Kyiv",
        "Russian",
        "drones",
        "struck",
        "\n",
        "’s",
        "between",
        "10",
        "million",
        "é",
        "🙂",
        "President",
        "Putin",
        "urged",
        "ceasefire",
        "was",
        "wounded",
        "by",
        "Hamas",
        "UN",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_lie_inside_the_text(text in "\\PC{0,300}") {
        check_spans(&engine().extract(&Input { text: &text, ..Default::default() }));
    }

    #[test]
    fn spans_lie_inside_newsy_text(text in newsy()) {
        let published = NaiveDate::from_ymd_opt(2025, 12, 23);
        check_spans(&engine().extract(&Input { text: &text, published, ..Default::default() }));
    }

    #[test]
    fn normalising_twice_changes_nothing(text in "(\\PC|[\\r\\n\\t\\u{a0}\\u{200b}]){0,200}") {
        let once = sitrep_engine::text::normalize(&text).text;
        prop_assert_eq!(sitrep_engine::text::normalize(&once).text, once);
    }
}

#[test]
fn empty_and_odd_inputs_give_records_with_diagnostics() {
    for text in [
        "",
        " \n\n ",
        "\u{0}\u{1}",
        "....",
        "\"\"\"",
        "12345678901234567890 killed",
    ] {
        let r = engine().extract(&Input {
            text,
            ..Default::default()
        });
        check_spans(&r);
        assert!(!r.diagnostics.is_empty(), "no diagnostic for {text:?}");
    }
}
