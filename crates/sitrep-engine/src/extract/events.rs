//! Events: a trigger word coded in PLOVER and ACLED terms, with its actors, places, date,
//! status and source, all taken from the trigger's own clause.
//!
//! Over-generation is what users hate most in rule coders, so a trigger must earn its
//! event: a noun ("air strikes", "talks") needs an actor, a place or a date attached; a
//! casualty verb ("killed") needs an agent; words that need a weapon or an object get one;
//! an infinitive under another trigger ("urged X to cooperate") is part of that event.
//! Mentions of one happening within a report are merged, but each side's account of it is
//! kept apart (`claimed_by` differs).

use chrono::NaiveDate;
use sitrep_model::{Event, EventLocation, Evidence, PlaceKind, Span, Status};

use super::analysis::{Analysis, Sentence};
use super::dates::{DateMention, Sense, find_dates, resolve_weekday};
use super::frames::{FrameUse, Source, actor_of, left_subject};

/// An actor of an event: anything that acts, but not a generic source ("officials").
fn event_actor(s: &Sentence, mi: usize, places: &Places) -> Option<Source> {
    actor_of(s, mi, places).filter(|a| a.party)
}
use super::mentions::MentionKind;
use super::places::{Places, Role};
use crate::lexicon::{Cue, Frame, Lexicon, Pos, Requires};

/// Verbs whose object noun is the event: "launched air strikes", "held talks".
const LIGHT_VERBS: &[&str] = &[
    "launch",
    "launched",
    "launches",
    "launching",
    "carry",
    "carried",
    "carries",
    "carrying",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "stage",
    "staged",
    "stages",
    "staging",
    "mount",
    "mounted",
    "mounts",
    "mounting",
    "hold",
    "held",
    "holds",
    "holding",
    "attend",
    "attended",
    "attends",
    "attending",
    "begin",
    "began",
    "begun",
    "start",
    "started",
    "resume",
    "resumed",
    "announce",
    "announced",
    "announces",
    "order",
    "ordered",
    "unleash",
    "unleashed",
    "step",
    "stepped",
    "intensify",
    "intensified",
    "open",
    "opened",
    "join",
    "joined",
];

const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get",
];

const PRONOUNS: &[&str] = &[
    "it", "he", "she", "they", "we", "i", "its", "his", "her", "their", "our",
];

/// Determiners that make a noun refer back to something already told.
const DEFINITE: &[&str] = &["the", "this", "that"];

/// Speech acts: placed where they are said, not where what they speak of happened.
const VERBAL: &[&str] = &[
    "ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "CONCEDE", "SANCTION",
];

/// Event types whose facts the sides contest: each side's account stays its own event.
const CONTESTED: &[&str] = &["ASSAULT", "COERCE"];

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
            let Some(event) = code_trigger(
                a, s, scan, m.start, m.end, m.value, lex, places, frames, &dates, published,
            ) else {
                continue;
            };
            let clause = s.clause_of(m.start).0;
            // "the alleged bombardment" refers back to the last event of its kind.
            if m.value.pos == Pos::Noun && is_anaphoric(s, m.start, &event) {
                // "the truce" with nothing before it to refer to is background, not news.
                if let Some(k) = events
                    .iter()
                    .rposition(|e| e.plover == event.plover && e.evidence.sentence + 3 >= s.index)
                {
                    absorb(&mut events[k], &event);
                    clause_events.push((clause, k));
                }
                continue;
            }
            // One event per kind per clause: "launched air strikes", "the bombardment struck".
            if let Some(&(_, k)) = clause_events
                .iter()
                .find(|(c, k)| *c == clause && events[*k].plover == event.plover)
            {
                absorb(&mut events[k], &event);
                continue;
            }
            events.push(event);
            clause_events.push((clause, events.len() - 1));
        }
        if let Some(e) = obligation(a, s, frames, places)
            && !events
                .iter()
                .any(|x| x.plover == "REQUEST" && x.evidence.sentence == s.index)
        {
            events.push(e);
        }
    }
    let mut events = merge_document(events);
    // Merging can bring one party to both sides; it stays there only where the text says so.
    for e in &mut events {
        if let (Some(a1), Some(a2)) = (&e.actor1, &e.actor2)
            && a1.eq_ignore_ascii_case(a2)
            && !a.sentences.get(e.evidence.sentence).is_some_and(reciprocal)
        {
            e.actor2 = None;
            e.actor2_country = None;
        }
    }
    events
}

/// What a sentence's triggers all ask of it, found once: where triggers start and which
/// weapons it names. Asked per trigger, a scan of the clause would cost clause length times
/// triggers ("killed killed killed …").
struct Scan<'l> {
    triggers: Vec<usize>,
    weapons: Vec<crate::lexicon::PhraseMatch<'l, crate::lexicon::Weapon>>,
}

impl<'l> Scan<'l> {
    fn of(s: &Sentence, lex: &'l Lexicon) -> Self {
        let toks = &s.tokens;
        Scan {
            triggers: (0..toks.len())
                .filter(|&k| lex.triggers.match_at(toks, k).is_some())
                .collect(),
            weapons: (0..toks.len())
                .filter_map(|k| lex.weapons.match_at(toks, k))
                .collect(),
        }
    }

    /// Whether a trigger starts in `[from, to)`.
    fn trigger_in(&self, from: usize, to: usize) -> bool {
        let i = self.triggers.partition_point(|&k| k < from);
        self.triggers.get(i).is_some_and(|&k| k < to)
    }
}

#[allow(clippy::too_many_arguments)]
fn code_trigger(
    a: &Analysis,
    s: &Sentence,
    scan: &Scan<'_>,
    start: usize,
    end: usize,
    trig: &crate::lexicon::Trigger,
    lex: &Lexicon,
    places: &Places,
    frames: &[FrameUse],
    dates: &[DateMention],
    published: Option<NaiveDate>,
) -> Option<Event> {
    let toks = &s.tokens;
    let (cs, ce) = s.clause_of(start);
    let prev = |k: usize| start.checked_sub(k).map(|p| toks[p].norm.as_str());
    // Infinitive under an earlier trigger in the clause: part of that event.
    if prev(1) == Some("to") && scan.trigger_in(cs, start) {
        return None;
    }
    // The weapon nearest the trigger in its clause, but not one being shot down: the nearest
    // on each side, walking out from the trigger.
    let shot_down = |w: &crate::lexicon::PhraseMatch<'_, crate::lexicon::Weapon>| {
        (w.start.saturating_sub(3)..w.start)
            .any(|j| matches!(toks[j].norm.as_str(), "down" | "intercepted" | "downed"))
    };
    let split = scan.weapons.partition_point(|w| w.start < start);
    let lo = scan.weapons.partition_point(|w| w.start < cs);
    let hi = scan.weapons.partition_point(|w| w.start < ce);
    let left = scan.weapons[lo..split.max(lo)]
        .iter()
        .rev()
        .find(|w| !shot_down(w));
    let right = scan.weapons[split.min(hi)..hi]
        .iter()
        .find(|w| !shot_down(w));
    // Ties go to the earlier weapon, as a scan from the clause's start would have it.
    let weapon = match (left, right) {
        (Some(l), Some(r)) => Some(if r.start - start < start - l.start {
            r
        } else {
            l
        }),
        (l, r) => l.or(r),
    };
    let in_clause = |mm: &&super::mentions::Mention| mm.start >= cs && mm.end <= ce;
    match trig.requires {
        Requires::Weapon
            if weapon.is_none()
                && !s
                    .mentions
                    .iter()
                    .filter(in_clause)
                    .any(|mm| mm.kind == MentionKind::ArmedMeans) =>
        {
            return None;
        }
        Requires::Object => {
            // Words that show no object follows ("hit back", "struck at dawn").
            const NO_OBJECT: &[&str] = &[
                "to", "by", "in", "on", "at", "for", "with", "back", "out", "up", "down", ",", ".",
                "and", "hard",
            ];
            if toks
                .get(end)
                .is_none_or(|t| NO_OBJECT.contains(&t.norm.as_str()))
            {
                return None;
            }
        }
        Requires::Military => {
            use sitrep_model::ActorKind::{Military, Police, Rebel};
            let armed = s.mentions.iter().filter(in_clause).any(|mm| {
                matches!(
                    mm.kind,
                    MentionKind::ArmedMeans
                        | MentionKind::Institution {
                            kind: Military | Police,
                            ..
                        }
                        | MentionKind::Organisation {
                            kind: Rebel | Military
                        }
                )
            }) || weapon.is_some();
            if !armed {
                return None;
            }
        }
        _ => {}
    }
    // "Qatar, which mediates between …", "the Houthis, who have attacked shipping since …":
    // a relative clause in the present or perfect describes a standing role, not news.
    if trig.pos == Pos::Verb
        && matches!(toks.get(cs).map(|t| t.norm.as_str()), Some("which" | "who"))
        && (toks[start].norm.ends_with('s') && !toks[start].norm.ends_with("ss")
            || (cs..start).any(|k| matches!(toks[k].norm.as_str(), "has" | "have")))
    {
        return None;
    }
    // "during President X's visit": a circumstance of another event, not news of its own.
    if trig.pos == Pos::Noun && (start.saturating_sub(4)..start).any(|k| toks[k].norm == "during") {
        return None;
    }
    let is_casualty_word = lex
        .figures
        .match_at(toks, start)
        .is_some_and(|f| f.value.kind.is_some());
    let passive = trig.pos == Pos::Verb && {
        let mut k = start;
        let mut found = false;
        while k > cs {
            k -= 1;
            let w = toks[k].norm.as_str();
            if BE.contains(&w) {
                found = true;
                break;
            }
            if !w.ends_with("ly")
                && !matches!(w, "not" | "reportedly" | "allegedly" | "also" | "later")
            {
                break;
            }
        }
        found
    };
    let by_agent = || {
        (end..ce).find(|&k| toks[k].norm == "by").and_then(|k| {
            s.mentions
                .iter()
                .position(|mm| mm.start == k + 1 || mm.start == k + 2)
                .filter(|&mi| s.mentions[mi].is_actor_like())
        })
    };
    // Actor 1: the agent.
    let mut actor1: Option<Source> = None;
    let mut actor2: Option<Source>;
    let mut anchored = false;
    let frame = innermost_frame(frames, start);
    if passive {
        actor1 = by_agent().and_then(|mi| event_actor(s, mi, places));
        actor2 = left_subject(s, start, places, false).and_then(|mi| event_actor(s, mi, places));
        anchored = actor1.is_some();
    } else {
        if trig.pos == Pos::Noun {
            // "ASEAN talks", "Israeli air strikes", "Russia's shelling".
            let mut k = start;
            while k > cs
                && matches!(
                    toks[k - 1].norm.as_str(),
                    "'s" | "new"
                        | "fresh"
                        | "renewed"
                        | "heavy"
                        | "deadly"
                        | "overnight"
                        | "latest"
                        | "bilateral"
                        | "crisis"
                        | "emergency"
                        | "special"
                        | "regional"
                        | "alleged"
                        | "cross-border"
                )
            {
                k -= 1;
            }
            if let Some(mi) = s.mentions.iter().position(|mm| mm.end == k && mm.end > cs) {
                actor1 = event_actor(s, mi, places);
                anchored = actor1.is_some();
            } else if let Some(mi) = by_agent() {
                actor1 = event_actor(s, mi, places);
                anchored = actor1.is_some();
            } else if k > cs && LIGHT_VERBS.contains(&toks[k.saturating_sub(1)].norm.as_str())
                || (k >= cs + 2 && LIGHT_VERBS.contains(&toks[k - 2].norm.as_str()))
            {
                let lv = if LIGHT_VERBS.contains(&toks[k - 1].norm.as_str()) {
                    k - 1
                } else {
                    k - 2
                };
                actor1 = subject_for(s, lv, places, frame);
                anchored = actor1.is_some();
            }
        } else {
            actor1 = subject_for(s, start, places, frame);
            anchored = actor1.is_some();
        }
        // Actor 2: the first actor after the trigger in its clause that is not the agent
        // ("an attack by CODECO militias on a camp").
        // A mention right after the agent's is the same party ("CODECO militias").
        let agent = actor1.as_ref().and_then(|a| a.mention);
        let agent_end = agent.map(|mi| s.mentions[mi].end);
        actor2 = s
            .mentions
            .iter()
            .enumerate()
            .filter(|(mi, mm)| {
                mm.start >= end && mm.end <= ce && Some(*mi) != agent && Some(mm.start) != agent_end
            })
            .find_map(|(mi, mm)| {
                let prev = mm.start.checked_sub(1).map(|p| toks[p].norm.as_str());
                let locative = matches!(prev, Some("in" | "near" | "at" | "from" | "across"));
                (!locative).then(|| event_actor(s, mi, places)).flatten()
            });
    }
    if is_casualty_word && actor1.is_none() {
        return None;
    }
    // Places in the clause. A speech act (an accusation, an appeal) is not placed by the
    // places of what it speaks about.
    let mut locations: Vec<EventLocation> = Vec::new();
    let mut place_after_noun = false;
    for (mi, mm) in s.mentions.iter().enumerate() {
        if mm.start < cs || mm.end > ce || VERBAL.contains(&trig.plover.as_str()) {
            continue;
        }
        // "talks would be held on Wednesday in Jeddah": a place attached to the noun.
        if mm.start >= end
            && mm.start <= end + 8
            && !(end..mm.start)
                .any(|k| toks[k].norm == "," || lex.triggers.match_at(toks, k).is_some())
        {
            place_after_noun |= matches!(places.role(s.index, mi), Some(Role::Place(_)));
        }
        add_location(&mut locations, places, s.index, mi);
    }
    // "its forces", "their fighters": the body belongs to whoever is speaking.
    for side in [&mut actor1, &mut actor2] {
        if let Some(src) = side.as_mut()
            && let Some(mi) = src.mention
            && matches!(s.mentions[mi].kind, MentionKind::Group { .. })
            && s.mentions[mi].start > 0
            && matches!(
                toks[s.mentions[mi].start - 1].norm.as_str(),
                "its" | "their" | "our" | "his" | "her"
            )
            && let Some(speaker) = frame
                .and_then(|f| f.source.as_ref())
                .filter(|f| f.party && f.country.is_some())
        {
            src.country = speaker.country.clone();
        }
    }
    // A group named by a common noun ("gunmen") acts where the event takes place.
    for side in [&mut actor1, &mut actor2] {
        if let Some(src) = side.as_mut()
            && src.country.is_none()
            && src
                .mention
                .is_some_and(|mi| matches!(s.mentions[mi].kind, MentionKind::Group { .. }))
        {
            src.country = locations
                .iter()
                .find_map(|l| l.country.clone())
                .or_else(|| places.main_country.clone());
        }
    }
    // "two Cambodian military targets": a target named by its nationality is in that country.
    if locations.is_empty()
        && trig.plover == "ASSAULT"
        && let Some(target) = actor2
            .as_ref()
            .and_then(|a2| a2.mention.map(|mi| (&s.mentions[mi], a2)))
        && target.0.kind == MentionKind::Demonym
        && let Some(c) = target.1.country.clone()
    {
        locations.push(EventLocation {
            name: country_name(places, &c).unwrap_or(c.clone()),
            country: Some(c),
            kind: PlaceKind::Country,
            lat: None,
            lon: None,
        });
    }
    // A definite noun ("the alleged bombardment") is anchored by what it refers back to;
    // the caller drops it when nothing before it can be that.
    let definite = trig.pos == Pos::Noun
        && actor1.is_none()
        && (start.saturating_sub(3)..start)
            .any(|k| matches!(toks[k].norm.as_str(), "the" | "this" | "that"));
    if trig.pos == Pos::Noun && !anchored && !definite {
        let date_here = dates.iter().any(|d| d.start >= cs && d.end <= ce);
        // "Renewed fighting this month has killed …" is a running total, not an event.
        let running_total = (cs..ce).any(|k| {
            lex.cues
                .match_at(toks, k)
                .is_some_and(|c| matches!(*c.value, Cue::Cumulative | Cue::Toll))
        });
        // "A car bombing killed 12 people", "Twin suicide attacks kill 41": a noun whose
        // predicate is a toll tells a happening, placed or dated or not.
        let toll_predicate = (end..ce.min(end + 3)).any(|k| {
            lex.figures
                .match_at(toks, k)
                .is_some_and(|f| f.value.kind.is_some())
                && matches!(
                    toks[k].norm.as_str(),
                    "killed" | "kills" | "kill" | "wounded" | "wounds" | "injured" | "injures"
                )
        });
        if !(place_after_noun || date_here || toll_predicate) || running_total {
            return None;
        }
    }
    // Status from cues before the trigger in its clause, then from the frame.
    let mut status = Status::Reported;
    let cue_window = cs.max(start.saturating_sub(6))..start;
    let mut cue = None;
    for k in cue_window {
        if let Some(c) = lex.cues.match_at(toks, k) {
            cue = Some(*c.value);
        }
    }
    // A plan word after a noun trigger: "talks would be held", "talks between the two
    // delegations are scheduled for Thursday".
    if cue.is_none() && trig.pos == Pos::Noun {
        cue = (end..(end + 8).min(ce))
            .find(|&k| {
                lex.cues
                    .match_at(toks, k)
                    .is_some_and(|c| *c.value == Cue::Plan)
            })
            .map(|_| Cue::Plan);
    }
    match cue {
        Some(Cue::Negation) => status = Status::Denied,
        Some(Cue::Plan | Cue::Commit) => status = Status::Scheduled,
        Some(Cue::Condition | Cue::Hypothetical) => status = Status::Hypothetical,
        _ => {}
    }
    let mut claimed_by = None;
    if let Some(f) = frame {
        if f.frame == Frame::Deny && status == Status::Reported {
            status = Status::Denied;
        }
        if let Some(src) = &f.source {
            if status == Status::Reported && src.party {
                status = Status::Claimed;
            }
            claimed_by = Some(src.clone());
        }
        // The speech act's own agent is its speaker ("the governor, Viktor Sorokin,
        // accused Ukrainian forces of …").
        if actor1.is_none() && f.start == start {
            actor1 = f.source.clone().filter(|src| src.party);
        }
        // "X accused Y of bombing": Y is the agent when the clause names none.
        if actor1.is_none()
            && f.start != start
            && let Some(about) = f.about
        {
            actor1 = event_actor(s, about, places);
        }
        if actor1.is_none() && f.frame == Frame::Deny {
            actor1 = f.source.clone();
        }
        // "X said … and called on Y": a speech act with no subject of its own is the speaker's.
        if actor1.is_none()
            && (VERBAL.contains(&trig.plover.as_str())
                || matches!(trig.plover.as_str(), "AGREE" | "REJECT"))
        {
            actor1 = f.source.clone().filter(|src| src.party);
        }
    }
    // The speech act itself is not claimed by its own speaker.
    if let Some(f) = frame
        && f.start == start
    {
        claimed_by = None;
        status = Status::Reported;
    }
    // Still no agent of a verb in the active voice: the first party of known country
    // named before it in its clause, when it is not the target, the speaker or a place
    // ("A group of Moroccan soldiers set up base", "Rebel forces, backed by …, capture").
    // Counted people and people a casualty word follows are victims, never the agent
    // ("Four soldiers are killed during a raid").
    // A noun is told less plainly: a definite one refers back to a happening told before
    // ("Damascus condemned the strike"), and a party before a verb or frame is that verb's
    // ("agreed to a truce, ending a week of clashes"), so its party must follow them.
    if actor1.is_none() && !passive {
        let from = if trig.pos == Pos::Noun {
            let after_trigger = scan.triggers[..scan.triggers.partition_point(|&k| k < start)]
                .last()
                .map_or(cs, |&k| k + 1);
            let after_frame = frames
                .iter()
                .filter(|f| f.end <= start)
                .map(|f| f.end)
                .max()
                .unwrap_or(cs);
            let definite =
                (start.saturating_sub(3)..start).any(|k| DEFINITE.contains(&toks[k].norm.as_str()));
            (!definite).then_some(cs.max(after_trigger).max(after_frame))
        } else {
            Some(cs)
        };
        if let Some(from) = from {
            actor1 = agent_before(s, (from, start), places, actor2.as_ref(), frame, lex);
        }
    }
    if trig.plover == "ASSAULT"
        && actor2.is_none()
        && let Some(c) = locations.iter().find_map(|l| l.country.clone())
        && actor1.as_ref().and_then(|a| a.country.as_ref()) != Some(&c)
    {
        actor2 = Some(Source {
            name: country_name(places, &c).unwrap_or(c.clone()),
            country: Some(c),
            party: true,
            mention: None,
        });
    }
    // One party on both sides only where the text says so ("rival factions of the army
    // clashed with each other"): otherwise the second is a misreading of the first.
    if let (Some(a1), Some(a2)) = (&actor1, &actor2)
        && a1.name.eq_ignore_ascii_case(&a2.name)
        && !reciprocal(s)
    {
        actor2 = None;
    }
    let (mode, event_type, sub_event_type) = match (&weapon, trig.plover.as_str()) {
        // The trigger's own coding wins; a weapon word fills what the trigger leaves open.
        // Its sub-type only where its event type agrees with the trigger's.
        (Some(w), "ASSAULT") => {
            let event_type = trig.event_type.clone().or(w.value.event_type.clone());
            let agrees = trig.event_type.is_none() || w.value.event_type == trig.event_type;
            let sub =
                trig.sub_event_type
                    .clone()
                    .or(w.value.sub_event_type.clone().filter(|_| agrees));
            (trig.mode.clone().or(w.value.mode.clone()), event_type, sub)
        }
        _ => (
            trig.mode.clone(),
            trig.event_type.clone(),
            trig.sub_event_type.clone(),
        ),
    };
    let (mode, event_type, sub_event_type) = acled_type(
        trig,
        (mode, event_type, sub_event_type),
        s,
        (cs, ce),
        actor1.as_ref(),
        actor2.as_ref(),
        lex,
    );
    let date = date_for(dates, cs, ce, start, status, published);
    let clause_span = Span::new(toks[cs].span.start, toks[ce - 1].span.end);
    let conditional = (end..s.tokens.len()).any(|k| {
        lex.cues
            .match_at(toks, k)
            .is_some_and(|c| *c.value == Cue::Condition)
    });
    let (plover, mode, event_type, sub_event_type, status) = by_intent(
        trig,
        cue,
        conditional,
        status,
        (mode, event_type, sub_event_type),
    );
    Some(Event {
        plover,
        mode,
        event_type,
        sub_event_type,
        actor1: actor1.as_ref().map(|a| a.name.clone()),
        actor1_country: actor1.as_ref().and_then(|a| a.country.clone()),
        actor2: actor2.as_ref().map(|a| a.name.clone()),
        actor2_country: actor2.as_ref().and_then(|a| a.country.clone()),
        locations,
        date: date.as_ref().and_then(|d| d.0.clone()),
        date_text: date.map(|d| d.1),
        status,
        claimed_by: claimed_by.as_ref().map(|c| c.name.clone()),
        claimed_by_country: claimed_by.and_then(|c| c.country),
        trigger: a.text[toks[start].span.start..toks[end - 1].span.end].to_string(),
        evidence: Evidence {
            sentence: s.index,
            span: clause_span,
        },
        also: Vec::new(),
        confidence: None,
    })
}

/// "X said Y must …": a party stating what another must do makes a demand (REQUEST).
/// The place a mention names, as an event's location, once.
pub(super) fn add_location(
    locations: &mut Vec<EventLocation>,
    places: &Places,
    sentence: usize,
    mi: usize,
) {
    if let Some(Role::Place(p)) = places.role(sentence, mi) {
        let place = &places.places[p];
        if !locations.iter().any(|l| l.name == place.name) {
            locations.push(EventLocation {
                name: place.name.clone(),
                country: place.country.clone(),
                kind: place.kind,
                lat: place.lat,
                lon: place.lon,
            });
        }
    }
}

fn obligation(a: &Analysis, s: &Sentence, frames: &[FrameUse], places: &Places) -> Option<Event> {
    let toks = &s.tokens;
    let k = (0..toks.len())
        .find(|&k| toks[k].norm == "must" && toks.get(k + 1).is_none_or(|t| t.norm != "have"))?;
    let f = frames
        .iter()
        .find(|f| f.scope.0 <= k && k < f.scope.1 && f.start < k)?;
    let source = f.source.clone().filter(|src| src.party)?;
    let target = left_subject(s, k, places, false).and_then(|mi| event_actor(s, mi, places));
    let (cs, ce) = s.clause_of(k);
    Some(Event {
        plover: "REQUEST".into(),
        mode: None,
        event_type: None,
        sub_event_type: None,
        actor1: Some(source.name),
        actor1_country: source.country,
        actor2: target.as_ref().map(|t| t.name.clone()),
        actor2_country: target.and_then(|t| t.country),
        locations: Vec::new(),
        date: None,
        date_text: None,
        status: Status::Reported,
        claimed_by: None,
        claimed_by_country: None,
        trigger: a.text[toks[k].span.start..toks[k].span.end].to_string(),
        evidence: Evidence {
            sentence: s.index,
            span: Span::new(toks[cs].span.start, toks[ce - 1].span.end),
        },
        also: Vec::new(),
        confidence: None,
    })
}

/// ACLED's type for an assault whose words leave it open, from who acts on whom: taking a
/// place is "Government regains territory" for a state and "Non-state actor overtakes
/// territory" for a group; an attack on civilians or protesters is violence against them;
/// an attack between armed sides is an armed clash; a strike with no weapon named is from
/// the air, a blast with none named is an explosive device.
fn acled_type(
    trig: &crate::lexicon::Trigger,
    coding: Coding,
    s: &Sentence,
    (cs, ce): (usize, usize),
    actor1: Option<&Source>,
    actor2: Option<&Source>,
    lex: &Lexicon,
) -> Coding {
    use sitrep_model::ActorKind;
    let (mode, event_type, sub) = coding;
    if trig.plover != "ASSAULT" || sub.is_some() {
        return (mode, event_type, sub);
    }
    let kind_of = |a: Option<&Source>| {
        a.and_then(|a| a.mention)
            .map(|mi| match &s.mentions[mi].kind {
                MentionKind::Organisation { kind }
                | MentionKind::Group { kind }
                | MentionKind::Institution { kind, .. } => *kind,
                MentionKind::Person { .. } => ActorKind::Person,
                _ => ActorKind::State,
            })
    };
    let state = |k: Option<ActorKind>| {
        matches!(
            k,
            Some(
                ActorKind::State | ActorKind::Military | ActorKind::Police | ActorKind::Government
            )
        )
    };
    // Words of the clause outside names: "the Line of Control" takes no territory.
    let triggered = |w: &[&str]| {
        (cs..ce).any(|k| w.contains(&s.tokens[k].norm.as_str()) && s.mention_at(k).is_none())
    };
    let words: Vec<&str> = s.tokens[cs..ce].iter().map(|t| t.norm.as_str()).collect();
    let civilians = (cs..ce).any(|k| {
        lex.figures
            .match_at(&s.tokens, k)
            .is_some_and(|f| f.value.population == Some(sitrep_model::Population::Civilian))
    }) || kind_of(actor2) == Some(ActorKind::Civilians)
        || words.iter().any(|w| {
            matches!(
                *w,
                "convoy"
                    | "market"
                    | "village"
                    | "homes"
                    | "camp"
                    | "school"
                    | "hospital"
                    | "wedding"
                    | "mosque"
                    | "church"
            )
        });
    let protesters = words
        .iter()
        .any(|w| matches!(*w, "protesters" | "protestors" | "demonstrators"));
    // Taking a place: by the state it is regained, by anyone else overtaken.
    let battle = || {
        let taken = triggered(&[
            "captured",
            "capture",
            "captures",
            "seized",
            "seize",
            "overran",
            "overrun",
            "stormed",
            "recaptured",
            "retook",
            "retaken",
            "control",
        ]);
        match (taken, state(kind_of(actor1))) {
            (true, true) => ("Battles", "Government regains territory"),
            (true, false) => ("Battles", "Non-state actor overtakes territory"),
            (false, _) => ("Battles", "Armed clash"),
        }
    };
    let (t, st) = match event_type.as_deref() {
        Some("Battles") => battle(),
        Some("Explosions/Remote violence") => {
            const BLAST: &[&str] = &[
                "explosion",
                "explosions",
                "blast",
                "blasts",
                "exploded",
                "detonated",
                "bomb",
                "bombs",
            ];
            let blast = words.iter().any(|w| BLAST.contains(w));
            let sub = if blast {
                "Remote explosive/landmine/IED"
            } else {
                "Air/drone strike"
            };
            ("Explosions/Remote violence", sub)
        }
        Some(_) => return (mode, event_type, sub),
        None if protesters && state(kind_of(actor1)) => {
            ("Protests", "Excessive force against protesters")
        }
        None if civilians => ("Violence against civilians", "Attack"),
        None => battle(),
    };
    (mode, Some(t.to_string()), Some(st.to_string()))
}

type Coding = (Option<String>, Option<String>, Option<String>);

/// PLOVER codes what a party says it will or will not do by its intent: refusing a
/// cooperative act is REJECT ("would not agree to a ceasefire"); announcing a hostile act,
/// or making any act conditional, is THREATEN ("will boycott the vote", "will withdraw
/// unless…"); promising a cooperative act is AGREE ("will give a grant", "is willing to
/// withdraw"). Talks announced stay CONSULT with status `scheduled`. The words used to
/// state the intent are events now (reported); the act itself has not happened.
fn by_intent(
    trig: &crate::lexicon::Trigger,
    cue: Option<Cue>,
    conditional: bool,
    status: Status,
    coding: Coding,
) -> (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Status,
) {
    const COOPERATIVE: &[&str] = &[
        "AGREE",
        "SUPPORT",
        "COOPERATE",
        "CONSULT",
        "CONCEDE",
        "AID",
        "RETREAT",
    ];
    const HOSTILE: &[&str] = &["ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"];
    let plover = trig.plover.as_str();
    let stated = if status == Status::Hypothetical
        || status == Status::Scheduled
        || status == Status::Denied
    {
        Status::Reported
    } else {
        status
    };
    let intent_mode = Some(plover.to_lowercase());
    match cue {
        Some(Cue::Commit) if COOPERATIVE.contains(&plover) => {
            return ("AGREE".into(), intent_mode, None, None, stated);
        }
        Some(Cue::Commit) if HOSTILE.contains(&plover) => {
            return ("THREATEN".into(), intent_mode, None, None, stated);
        }
        _ => {}
    }
    if trig.pos != Pos::Verb {
        return (trig.plover.clone(), coding.0, coding.1, coding.2, status);
    }
    match cue {
        Some(Cue::Negation) if COOPERATIVE.contains(&plover) => {
            ("REJECT".into(), intent_mode, None, None, stated)
        }
        Some(Cue::Plan | Cue::Hypothetical)
            if HOSTILE.contains(&plover)
                || (conditional && plover != "CONSULT" && plover != "AGREE") =>
        {
            ("THREATEN".into(), intent_mode, None, None, stated)
        }
        Some(Cue::Plan) if COOPERATIVE.contains(&plover) && plover != "CONSULT" => {
            ("AGREE".into(), intent_mode, None, None, stated)
        }
        _ => (trig.plover.clone(), coding.0, coding.1, coding.2, status),
    }
}

fn country_name(places: &Places, iso2: &str) -> Option<String> {
    places
        .places
        .iter()
        .find(|p| p.kind == PlaceKind::Country && p.country.as_deref() == Some(iso2))
        .map(|p| p.name.clone())
}

/// The subject of the verb at `t`; a pronoun subject is the frame's source ("it said it expects").
fn subject_for(
    s: &Sentence,
    t: usize,
    places: &Places,
    frame: Option<&FrameUse>,
) -> Option<Source> {
    if let Some(mi) = left_subject(s, t, places, false) {
        return event_actor(s, mi, places);
    }
    let (cs, _) = s.clause_of(t);
    let pronoun = (cs..t).any(|k| PRONOUNS.contains(&s.tokens[k].norm.as_str()));
    if pronoun {
        return frame.and_then(|f| f.source.clone()).filter(|src| src.party);
    }
    // "Qatar, which mediates between …, condemned": the subject stands before the relative clause.
    if let Some(&(rcs, _)) = s.clauses.iter().rev().find(|&&(c, e)| e <= cs && c < cs)
        && matches!(s.tokens[rcs].norm.as_str(), "which" | "who")
        && rcs >= 2
        && s.tokens[rcs - 1].norm == ","
        && let Some(mi) = s.mentions.iter().position(|m| m.end == rcs - 1)
        && let Some(src) = event_actor(s, mi, places)
    {
        return Some(src);
    }
    // A coordinated verb shares the subject of the clause before it: "Zelensky condemned
    // the strike and called on …". Not across a subordinator ("after", "which", "that").
    let opener = s.tokens.get(cs).map(|t| t.norm.as_str());
    let coordinated =
        cs > 0 && matches!(opener, Some("and" | "-" | "\"" | "“" | "”" | ";" | "but"));
    if coordinated
        && let Some(&(pcs, _)) = s.clauses.iter().rev().find(|&&(c, e)| e <= cs && c < cs)
        && let Some(mi) = left_subject(s, cs.saturating_sub(1).max(pcs), places, false)
        && frame.is_none_or(|f| f.scope.0 <= pcs || f.start > cs)
    {
        return event_actor(s, mi, places);
    }
    None
}

/// Whether the sentence says a party acted on itself: "each other", "among themselves",
/// "infighting", "rival", "between two armed groups".
fn reciprocal(s: &Sentence) -> bool {
    s.tokens.windows(2).any(|w| {
        matches!(
            (w[0].norm.as_str(), w[1].norm.as_str()),
            ("each", "other") | ("one", "another") | ("among", "themselves") | ("between", "two")
        )
    }) || s.tokens.iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "infighting" | "rival" | "rivals" | "internecine"
        )
    })
}

/// Whether a mention names people counted or struck by a casualty word before `to`:
/// "Four soldiers", "soldiers were killed", "an Israeli soldier died".
fn is_victim(s: &Sentence, m: &super::mentions::Mention, to: usize, lex: &Lexicon) -> bool {
    let toks = &s.tokens;
    // A year before a name ("2011 Syrian uprising") counts nobody.
    let year = |t: &crate::text::Token| {
        t.norm.len() == 4 && (t.norm.starts_with("19") || t.norm.starts_with("20"))
    };
    let counted = m.start.checked_sub(1).is_some_and(|p| {
        toks[p].kind == crate::text::TokenKind::Number && !year(&toks[p])
            || lex.numbers.match_at(toks, p).is_some()
    });
    counted
        || (m.end..(m.end + 3).min(to)).any(|k| {
            lex.figures
                .match_at(toks, k)
                .is_some_and(|f| f.value.kind.is_some())
        })
}

/// The first party of known country named in `[from, to)`, skipping places, locative
/// phrases ("in Iraq"), the event's target and the frame's speaker.
fn agent_before(
    s: &Sentence,
    (from, to): (usize, usize),
    places: &Places,
    target: Option<&Source>,
    frame: Option<&FrameUse>,
    lex: &Lexicon,
) -> Option<Source> {
    let speaker = frame
        .and_then(|f| f.source.as_ref())
        .and_then(|f| f.mention);
    let target = target.and_then(|t| t.mention);
    s.mentions
        .iter()
        .enumerate()
        .filter(|(mi, m)| {
            m.start >= from && m.end <= to && Some(*mi) != speaker && Some(*mi) != target
        })
        .filter(|(mi, _)| !matches!(places.role(s.index, *mi), Some(Role::Place(_))))
        .filter(|(_, m)| {
            let prev = m.start.checked_sub(1).map(|p| s.tokens[p].norm.as_str());
            !matches!(
                prev,
                Some("in" | "near" | "at" | "from" | "across" | "into" | "to")
            )
        })
        .filter(|(_, m)| !is_victim(s, m, to, lex))
        .find_map(|(mi, _)| event_actor(s, mi, places).filter(|a| a.country.is_some()))
}

/// The nearest frame whose scope covers `t` and whose own words come before it.
fn innermost_frame(frames: &[FrameUse], t: usize) -> Option<&FrameUse> {
    frames
        .iter()
        .filter(|f| (f.scope.0 <= t && t < f.scope.1) || f.start == t)
        .max_by_key(|f| if f.start <= t { f.start } else { 0 })
}

fn date_for(
    dates: &[DateMention],
    cs: usize,
    ce: usize,
    t: usize,
    status: Status,
    published: Option<NaiveDate>,
) -> Option<(Option<String>, String)> {
    let in_clause = dates
        .iter()
        .filter(|d| d.start >= cs && d.end <= ce)
        .min_by_key(|d| d.start.abs_diff(t));
    let d = in_clause.or_else(|| dates.iter().min_by_key(|d| d.start.abs_diff(t)))?;
    let mut date = d.date;
    // A bare weekday for a scheduled event points forward: "talks will be held on Wednesday".
    if status == Status::Scheduled
        && d.sense == Sense::Either
        && let (Some(p), Some(wd)) = (published, weekday_of(&d.text))
    {
        date = Some(resolve_weekday(p, wd, Sense::Future));
    }
    Some((date.map(|d| d.to_string()), d.text.clone()))
}

fn weekday_of(text: &str) -> Option<chrono::Weekday> {
    text.split_whitespace().last()?.parse().ok()
}

/// Whether two events can be one happening in one account.
fn compatible(a: &Event, b: &Event) -> bool {
    fn same<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        x.is_none() || y.is_none() || x == y
    }
    let status_class = |s: Status| matches!(s, Status::Reported | Status::Claimed);
    let contested = CONTESTED.contains(&a.plover.as_str());
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

/// A definite noun with no agent of its own: "the attack", "the alleged bombardment".
fn is_anaphoric(s: &Sentence, start: usize, e: &Event) -> bool {
    let before: Vec<&str> = s.tokens[start.saturating_sub(3)..start]
        .iter()
        .map(|t| t.norm.as_str())
        .collect();
    e.actor1.is_none()
        && before.iter().any(|w| matches!(*w, "the" | "this" | "that"))
        && s.tokens.get(start).is_some_and(|t| !t.capitalised)
        && !before.iter().any(|w| matches!(*w, "a" | "an"))
}

/// Adds what a later mention says of an event: its places, and any field still unknown.
fn absorb(a: &mut Event, b: &Event) {
    let status = a.status;
    let claimed = (a.claimed_by.clone(), a.claimed_by_country.clone());
    let mut b = b.clone();
    // The earlier account decides who claims it and how sure it is.
    b.claimed_by = claimed.0.clone();
    b.claimed_by_country = claimed.1.clone();
    b.status = status;
    b.plover = a.plover.clone();
    b.sub_event_type = a.sub_event_type.clone().or(b.sub_event_type);
    b.actor2_country = a.actor2_country.clone().or(b.actor2_country);
    b.date = a.date.clone().or(b.date);
    merge_into(a, &b);
}

/// Merges `b` into `a` when compatible; returns whether it did.
fn merge_into(a: &mut Event, b: &Event) -> bool {
    if !compatible(a, b) {
        return false;
    }
    macro_rules! fill {
        ($($f:ident),*) => { $( if a.$f.is_none() { a.$f = b.$f.clone(); } )* };
    }
    // A party already on one side does not fill the other.
    let (a1, a2) = (a.actor1.clone(), a.actor2.clone());
    let mut b = b.clone();
    if b.actor2.is_some() && b.actor2 == a1 {
        b.actor2 = None;
        b.actor2_country = None;
    }
    if b.actor1.is_some() && b.actor1 == a2 {
        b.actor1 = None;
        b.actor1_country = None;
    }
    let b = &b;
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
    if CONTESTED.contains(&a.plover.as_str()) {
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
fn merge_document(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        if let Some(k) = out.iter().position(|o| compatible(o, &e)) {
            merge_into(&mut out[k], &e);
        } else {
            out.push(e);
        }
    }
    out
}
