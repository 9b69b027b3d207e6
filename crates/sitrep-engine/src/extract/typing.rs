//! The learned heads beside the trigger rules, sentence by sentence:
//! - **type**: in a sentence that tells one happening (one rule event with an ACLED type), its
//!   ACLED sub-event type gives way to the ACLED head's when the head is sure (`retype` in
//!   the model's metadata), all but rules the rule's type out (below `keep`) and the PLOVER
//!   type agrees; a sentence of two happenings has two
//!   types, which one label per sentence cannot give;
//! - **detect**: a sentence where no rule found an ACLED-typed event gets one when the head is
//!   sure it tells one (`detect`) and no cue says it did not or may not happen (a negation,
//!   a plan, a condition, a hypothesis, background), with its actors, places, date and source
//!   read as the rules read them, its evidence the whole sentence and its trigger the word
//!   that weighed most;
//! - **confidence**: every event of the sentence carries the head's probability of its type.
//!
//! Which PLOVER types go with an ACLED sub-event type, and which event type holds it, come
//! from the corpus the model was trained on (its metadata), not from a list in the code.

use chrono::NaiveDate;
use sitrep_model::{Event, EventLocation, Evidence, Status};

use super::analysis::{Analysis, Sentence};
use super::dates::find_dates;
use super::events::add_location;
use super::frames::{FrameUse, actor_of};
use super::places::{Places, Role};
use crate::learned::{Model, NONE, VERBAL, features};
use crate::lexicon::{Cue, Lexicon};

/// Up to this many sentences, a text is a headline or a snippet, not a full report.
pub const SHORT_SENTENCES: usize = 3;

/// Whether a cue in the sentence says its happening did not, or may not, take place.
fn unreal(s: &Sentence, lex: &Lexicon) -> bool {
    (0..s.tokens.len()).any(|k| {
        lex.cues.match_at(&s.tokens, k).is_some_and(|c| {
            matches!(
                *c.value,
                Cue::Negation
                    | Cue::Plan
                    | Cue::Condition
                    | Cue::Hypothetical
                    | Cue::PastBackground
            )
        })
    })
}

/// What a rule event tells the heads: its PLOVER type, sub-event type and mode.
fn rule_features(e: &Event) -> Vec<String> {
    let mut out = vec![e.plover.clone()];
    if let Some(sub) = &e.sub_event_type {
        out.push(format!("sub:{sub}"));
    }
    if let Some(m) = &e.mode {
        out.push(format!("mode:{m}"));
    }
    out
}

/// The features of a sentence, given the events the rules found in it.
pub fn sentence_features(s: &Sentence, rule_events: &[&Event]) -> Vec<u32> {
    let rules: Vec<String> = rule_events.iter().flat_map(|e| rule_features(e)).collect();
    features::sentence(&s.tokens, &s.mentions, &rules)
}

/// Each sentence's events, by index: one pass, however many sentences and events (a
/// scan of all events per sentence would grow with their product).
pub fn by_sentence(events: &[Event], sentences: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); sentences];
    for (i, e) in events.iter().enumerate() {
        if let Some(g) = out.get_mut(e.evidence.sentence) {
            g.push(i);
        }
    }
    out
}

/// PLOVER types the corpus codes with an ACLED sub-event type, most frequent first.
fn plovers_for<'m>(model: &'m Model, sub: &str) -> Vec<&'m str> {
    model
        .meta
        .get(&format!("plover.{sub}"))
        .map(|v| v.split('|').collect())
        .unwrap_or_default()
}

pub fn apply(
    model: &Model,
    lex: &Lexicon,
    a: &Analysis,
    places: &Places,
    frames: &[Vec<FrameUse>],
    published: Option<NaiveDate>,
    events: &mut Vec<Event>,
) {
    let (Some(acled), Some(plover)) = (model.head("acled"), model.head("plover")) else {
        return;
    };
    let (t_a, t_p) = (
        model.number("temperature.acled", 1.0),
        model.number("temperature.plover", 1.0),
    );
    // A headline or a short item is its own happening. In a long report most sentences are
    // context and the heads, trained on short items, over-generate there (measured on dev
    // and on the team's corpora): they only give confidence, the rules decide.
    let short = a.sentences.len() <= SHORT_SENTENCES;
    let (retype, keep, detect) = if short {
        (
            model.number("retype", 2.0),
            model.number("keep", 0.0),
            model.number("detect", 2.0),
        )
    } else {
        (2.0, 0.0, 2.0)
    };
    let mut added = Vec::new();
    let groups = by_sentence(events, a.sentences.len());
    for s in &a.sentences {
        let idx = &groups[s.index];
        let rule_events: Vec<&Event> = idx.iter().map(|&i| &events[i]).collect();
        let f = sentence_features(s, &rule_events);
        let pa = acled.probs(&f, t_a);
        let pp = plover.probs(&f, t_p);
        let p_of = |head: &crate::learned::Head, p: &[f32], c: &str| {
            head.class_index(c).map_or(0.0, |i| p[i])
        };
        // The likeliest ACLED type that is an event type.
        let best = (0..acled.classes.len())
            .filter(|&c| acled.classes[c] != NONE && acled.classes[c] != VERBAL)
            .max_by(|&x, &y| pa[x].total_cmp(&pa[y]));
        let typed: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| events[i].sub_event_type.is_some())
            .collect();
        match (typed.as_slice(), best) {
            (&[i], Some(b)) if pa[b] >= retype => {
                let sub = acled.classes[b].clone();
                let e = &mut events[i];
                // The rule's type stands unless the head all but rules it out, and always
                // where a weapon named its means ("jets bombed": aerial).
                let current = e
                    .sub_event_type
                    .as_deref()
                    .map_or(0.0, |c| p_of(acled, &pa, c));
                let means_named = matches!(
                    e.mode.as_deref(),
                    Some("aerial" | "drone" | "suicide-attack" | "chemical" | "heavy-weapons")
                );
                if e.sub_event_type.as_deref() != Some(sub.as_str())
                    && current < keep
                    && !means_named
                {
                    let allowed = plovers_for(model, &sub);
                    if allowed.contains(&e.plover.as_str()) {
                        e.event_type = model.meta.get(&format!("parent.{sub}")).cloned();
                        e.sub_event_type = Some(sub);
                    }
                }
            }
            ([], Some(b)) if pa[b] >= detect && !unreal(s, lex) => {
                let sub = acled.classes[b].clone();
                let allowed = plovers_for(model, &sub);
                let pl = allowed
                    .iter()
                    .copied()
                    .max_by(|x, y| p_of(plover, &pp, x).total_cmp(&p_of(plover, &pp, y)));
                // The event is anchored on a content word that speaks for its type; a
                // sentence whose type rests on no such word gets none.
                let strongest = (0..s.tokens.len())
                    .filter(|&t| s.tokens[t].is_word())
                    .filter(|&t| !lex.stopwords.contains(&s.tokens[t].norm))
                    .map(|t| (t, acled.weight(features::word_feature(&s.tokens[t]), b)))
                    .filter(|(_, w)| *w > 0.0)
                    .max_by(|x, y| x.1.total_cmp(&y.1))
                    .map(|(t, _)| t);
                if let (Some(pl), Some(t)) = (pl, strongest) {
                    let trigger = a.text[s.tokens[t].span.start..s.tokens[t].span.end].to_string();
                    let mut e = learned_event(a, s, places, &frames[s.index], published);
                    e.plover = pl.to_string();
                    e.event_type = model.meta.get(&format!("parent.{sub}")).cloned();
                    e.sub_event_type = Some(sub);
                    e.trigger = trigger;
                    added.push(e);
                }
            }
            _ => {}
        }
        for &i in idx {
            let e = &mut events[i];
            e.confidence = Some(match &e.sub_event_type {
                Some(sub) => p_of(acled, &pa, sub),
                None => p_of(plover, &pp, &e.plover),
            });
        }
        for e in added.iter_mut().filter(|e| e.confidence.is_none()) {
            let sub = e.sub_event_type.clone().unwrap_or_default();
            e.confidence = Some(p_of(acled, &pa, &sub));
        }
    }
    events.extend(added);
    events.sort_by_key(|e| (e.evidence.sentence, e.evidence.span.start));
}

/// An event the heads found where no rule did: actors, places, date and source read from
/// the sentence as the rules read them.
fn learned_event(
    a: &Analysis,
    s: &Sentence,
    places: &Places,
    frames: &[FrameUse],
    published: Option<NaiveDate>,
) -> Event {
    let frame = frames.iter().find(|f| f.source.is_some());
    let source_mention = frame
        .and_then(|f| f.source.as_ref())
        .and_then(|src| src.mention);
    let actors: Vec<_> = (0..s.mentions.len())
        .filter(|&mi| Some(mi) != source_mention)
        .filter(|&mi| !matches!(places.role(s.index, mi), Some(Role::Place(_))))
        .filter(|&mi| {
            let m = &s.mentions[mi];
            frame.is_none_or(|f| m.end <= f.start || m.start >= f.end)
        })
        .filter_map(|mi| actor_of(s, mi, places).filter(|a| a.party))
        .collect();
    let mut locations: Vec<EventLocation> = Vec::new();
    for mi in 0..s.mentions.len() {
        add_location(&mut locations, places, s.index, mi);
    }
    let date = find_dates(a.text, &s.tokens, published)
        .into_iter()
        .find(|d| !d.coarse);
    let source = frame.and_then(|f| f.source.clone());
    let status = match &source {
        Some(src) if src.party => Status::Claimed,
        _ => Status::Reported,
    };
    let (a1, a2) = (actors.first(), actors.get(1));
    Event {
        plover: String::new(),
        mode: None,
        event_type: None,
        sub_event_type: None,
        actor1: a1.map(|x| x.name.clone()),
        actor1_country: a1.and_then(|x| x.country.clone()),
        actor2: a2.map(|x| x.name.clone()),
        actor2_country: a2.and_then(|x| x.country.clone()),
        locations,
        date: date.as_ref().and_then(|d| d.date.map(|d| d.to_string())),
        date_text: date.map(|d| d.text),
        status,
        claimed_by: source.as_ref().map(|x| x.name.clone()),
        claimed_by_country: source.and_then(|x| x.country),
        trigger: String::new(),
        evidence: Evidence {
            sentence: s.index,
            span: s.span,
        },
        also: Vec::new(),
        confidence: None,
    }
}
