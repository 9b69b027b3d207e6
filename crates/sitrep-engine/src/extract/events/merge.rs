//! Mentions of one happening become one event: a later mention adds its places and any
//! field still unknown. Each side's account of a contested happening (an assault, an
//! arrest) stays its own event, and one party stands on both sides only where the text
//! says so.

use sitrep_model::{Event, PlaceKind, Status};

use super::roles::reciprocal;
use crate::extract::analysis::Analysis;
use crate::lexicon::Lexicon;

/// Whether two events can be one happening in one account.
fn compatible(a: &Event, b: &Event, lex: &Lexicon) -> bool {
    fn same<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        x.is_none() || y.is_none() || x == y
    }
    let status_class = |s: Status| matches!(s, Status::Reported | Status::Claimed);
    let contested = lex.plover_class(&a.plover).contested;
    // Two speakers make two appeals, even from one country.
    let same_speaker = contested || same(&a.actor1, &b.actor1);
    a.plover == b.plover
        && same(&a.sub_event_type, &b.sub_event_type)
        && same(&a.actor1_country, &b.actor1_country)
        && same(&a.actor2_country, &b.actor2_country)
        && same_speaker
        && (!contested || a.claimed_by_country == b.claimed_by_country)
        && (a.status == b.status || status_class(a.status) && status_class(b.status))
        && same(&a.date, &b.date)
        && (a.locations.is_empty()
            || b.locations.is_empty()
            || a.locations
                .iter()
                .any(|l| b.locations.iter().any(|m| m.country == l.country)))
}

/// Adds what a later mention says of an event: its places, and any field still unknown.
pub(super) fn absorb(a: &mut Event, b: &Event, lex: &Lexicon) {
    let mut b = b.clone();
    // The earlier account decides who claims it and how sure it is.
    b.claimed_by = a.claimed_by.clone();
    b.claimed_by_country = a.claimed_by_country.clone();
    b.status = a.status;
    b.plover = a.plover.clone();
    b.sub_event_type = a.sub_event_type.clone().or(b.sub_event_type);
    b.actor2_country = a.actor2_country.clone().or(b.actor2_country);
    b.date = a.date.clone().or(b.date);
    merge_into(a, &b, lex);
}

/// Merges `b` into `a` when compatible; returns whether it did.
fn merge_into(a: &mut Event, b: &Event, lex: &Lexicon) -> bool {
    if !compatible(a, b, lex) {
        return false;
    }
    macro_rules! fill {
        ($($f:ident),*) => { $( if a.$f.is_none() { a.$f = b.$f.clone(); } )* };
    }
    fill!(
        mode,
        event_type,
        sub_event_type,
        actor1,
        actor1_country,
        actor2,
        actor2_country,
        date,
        date_text,
        claimed_by,
        claimed_by_country
    );
    for l in &b.locations {
        if !a.locations.iter().any(|m| m.name == l.name) {
            a.locations.push(l.clone());
        }
    }
    // A country location is dropped once a place inside it is known.
    let finer: Vec<Option<String>> = a
        .locations
        .iter()
        .filter(|l| l.kind != PlaceKind::Country)
        .map(|l| l.country.clone())
        .collect();
    a.locations
        .retain(|l| l.kind != PlaceKind::Country || !finer.contains(&l.country));
    if lex.plover_class(&a.plover).contested {
        if a.status == Status::Reported && b.status == Status::Claimed {
            a.status = Status::Claimed;
        }
    } else if b.status == Status::Reported && a.status == Status::Claimed {
        // A meeting one side mentions and the reporter states is a fact.
        a.status = Status::Reported;
        a.claimed_by = None;
        a.claimed_by_country = None;
    }
    if a.evidence != b.evidence && !a.also.contains(&b.evidence) {
        a.also.push(b.evidence);
    }
    true
}

/// Merges mentions of one happening across the report.
pub(super) fn merge_document(events: Vec<Event>, lex: &Lexicon) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        if let Some(k) = out.iter().position(|o| compatible(o, &e, lex)) {
            merge_into(&mut out[k], &e, lex);
        } else {
            out.push(e);
        }
    }
    out
}

/// Merging can bring one party to both sides; it stays there only where the text says so.
pub(super) fn one_party_per_side(events: &mut [Event], a: &Analysis, lex: &Lexicon) {
    for e in events {
        if let (Some(a1), Some(a2)) = (&e.actor1, &e.actor2)
            && a1.eq_ignore_ascii_case(a2)
            && !a
                .sentences
                .get(e.evidence.sentence)
                .is_some_and(|s| reciprocal(s, lex))
        {
            e.actor2 = None;
            e.actor2_country = None;
        }
    }
}
