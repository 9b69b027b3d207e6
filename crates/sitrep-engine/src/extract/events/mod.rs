//! Events: a trigger word coded in PLOVER and ACLED terms, with its actors, places, date,
//! status and source, all taken from the trigger's own clause.
//!
//! Over-generation is what users hate most in rule coders, so a trigger must earn its
//! event: a noun ("air strikes", "talks") needs an actor, a place or a date attached; a
//! casualty verb ("killed") needs an agent; words that need a weapon or an object get one;
//! an infinitive under another trigger ("urged X to cooperate") is part of that event.
//! Mentions of one happening within a report are merged, but each side's account of it is
//! kept apart (`claimed_by` differs).
//!
//! One trigger goes through small stages, each in its own file: `scan` (what the sentence's
//! triggers all need, found once), `detect` (does the trigger earn an event), `roles` (who
//! acts on whom), `locations`, `status` (reported, claimed, denied, planned, and by whom),
//! `date`, `types` (PLOVER and ACLED types from the trigger, its weapon and its parties) and
//! `merge` (mentions of one happening become one event). `obligation` reads "X said Y must".

mod date;
mod detect;
mod locations;
mod merge;
mod obligation;
mod roles;
mod scan;
mod status;
mod types;

use chrono::NaiveDate;
use sitrep_model::{Event, Evidence, Span};

use super::analysis::{Analysis, Sentence};
use super::dates::{DateMention, find_dates};
use super::frames::FrameUse;
use super::places::Places;
use crate::lexicon::{Lexicon, Pos, Trigger};
pub(super) use locations::add_location;
use scan::Scan;

/// One trigger in its clause: what every stage reads.
struct Site<'a> {
    s: &'a Sentence,
    lex: &'a Lexicon,
    places: &'a Places,
    /// The sentence's frames, and the innermost one over the trigger.
    frames: &'a [FrameUse],
    frame: Option<&'a FrameUse>,
    scan: &'a Scan<'a>,
    trig: &'a Trigger,
    /// The trigger's tokens `[start, end)` and its clause's `[cs, ce)`.
    start: usize,
    end: usize,
    cs: usize,
    ce: usize,
}

impl Site<'_> {
    fn norm(&self, k: usize) -> &str {
        self.s.tokens[k].norm.as_str()
    }
}

pub fn extract_events(
    a: &Analysis,
    lex: &Lexicon,
    places: &Places,
    frames: &[Vec<FrameUse>],
    published: Option<NaiveDate>,
) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for s in &a.sentences {
        let frames = &frames[s.index];
        let dates = find_dates(a.text, &s.tokens, published);
        // Found at the sentence's first trigger: most sentences have none.
        let mut scan: Option<Scan> = None;
        let mut clause_events: Vec<(usize, usize)> = Vec::new(); // (clause start, event index)
        let mut i = 0;
        while i < s.tokens.len() {
            let Some(m) = lex.triggers.match_at(&s.tokens, i) else {
                i += 1;
                continue;
            };
            i = m.end;
            if (m.start..m.end).any(|k| s.mention_at(k).is_some()) {
                continue;
            }
            // A reporting verb that is also a trigger ("accused") codes the speech act itself.
            let scan = scan.get_or_insert_with(|| Scan::of(s, lex));
            let (cs, ce) = s.clause_of(m.start);
            let site = Site {
                s,
                lex,
                places,
                frames,
                frame: roles::innermost_frame(frames, m.start),
                scan,
                trig: m.value,
                start: m.start,
                end: m.end,
                cs,
                ce,
            };
            let Some(event) = code_trigger(a, &site, &dates, published) else {
                continue;
            };
            // "the alleged bombardment" refers back to the last event of its kind.
            if m.value.pos == Pos::Noun && detect::is_anaphoric(&site, &event) {
                // "the truce" with nothing before it to refer to is background, not news.
                if let Some(k) = events
                    .iter()
                    .rposition(|e| e.plover == event.plover && e.evidence.sentence + 3 >= s.index)
                {
                    merge::absorb(&mut events[k], &event, lex);
                    clause_events.push((cs, k));
                }
                continue;
            }
            // One event per kind per clause: "launched air strikes", "the bombardment struck".
            if let Some(&(_, k)) = clause_events
                .iter()
                .find(|(c, k)| *c == cs && events[*k].plover == event.plover)
            {
                merge::absorb(&mut events[k], &event, lex);
                continue;
            }
            events.push(event);
            clause_events.push((cs, events.len() - 1));
        }
        if let Some(e) = obligation::obligation(a, s, frames, places)
            && !events
                .iter()
                .any(|x| x.plover == "REQUEST" && x.evidence.sentence == s.index)
        {
            events.push(e);
        }
    }
    let mut events = merge::merge_document(events, lex);
    merge::one_party_per_side(&mut events, a, lex);
    events
}

/// One trigger through the stages, in order; `None` when it earns no event.
fn code_trigger(
    a: &Analysis,
    site: &Site,
    dates: &[DateMention],
    published: Option<NaiveDate>,
) -> Option<Event> {
    let toks = &site.s.tokens;
    let weapon = scan::weapon_near(site);
    if !detect::admits(site, weapon.is_some()) {
        return None;
    }
    let mut parties = roles::parties(site);
    if detect::casualty_word(site) && parties.actor1.is_none() {
        return None;
    }
    let (mut locations, place_after_noun) = locations::of_clause(site);
    roles::settle_countries(site, &mut parties, &locations);
    locations::target_nationality(site, &parties, &mut locations);
    if !detect::noun_anchored(site, &parties, place_after_noun, dates) {
        return None;
    }
    let cue = status::cue(site);
    let (status, claimed_by) = status::attribution(site, cue);
    roles::from_frame(site, &mut parties);
    roles::agent_when_none(site, &mut parties);
    roles::target_country(site, &mut parties, &locations);
    roles::one_party(site, &mut parties);
    let coding = types::coding(site, weapon, &parties);
    let date = date::date_for(dates, site, status, published);
    let (plover, (mode, event_type, sub_event_type), status) =
        types::by_intent(site, cue, status, coding);
    let (actor1, actor2) = (parties.actor1, parties.actor2);
    Some(Event {
        plover,
        mode,
        event_type,
        sub_event_type,
        actor1: actor1.as_ref().map(|a| a.name.clone()),
        actor1_country: actor1.and_then(|a| a.country),
        actor2: actor2.as_ref().map(|a| a.name.clone()),
        actor2_country: actor2.and_then(|a| a.country),
        locations,
        date: date.as_ref().and_then(|d| d.0.clone()),
        date_text: date.map(|d| d.1),
        status,
        claimed_by: claimed_by.as_ref().map(|c| c.name.clone()),
        claimed_by_country: claimed_by.and_then(|c| c.country),
        trigger: a.text[toks[site.start].span.start..toks[site.end - 1].span.end].to_string(),
        evidence: Evidence {
            sentence: site.s.index,
            span: Span::new(toks[site.cs].span.start, toks[site.ce - 1].span.end),
        },
        also: Vec::new(),
        confidence: None,
    })
}
