//! Who acts on whom: actor 1 (the agent) and actor 2 (the target or victim), chosen among
//! the mentions of the trigger's clause. The passive's agent follows "by"; a noun's agent
//! stands before it ("Israeli air strikes") or is the subject of its light verb ("launched
//! air strikes"); a verb's is its subject. A frame fills what the clause leaves open, and a
//! party stands on both sides only where the text says so.

use super::Site;
use super::locations::country_name;
use crate::extract::analysis::Sentence;
use crate::extract::frames::{FrameUse, Source, actor_of, left_subject};
use crate::extract::mentions::{Mention, MentionKind};
use crate::extract::places::{Places, Role};
use crate::lexicon::{Frame, Lexicon, Pos, WordClass};
use sitrep_model::EventLocation;

/// The trigger's parties as the stages read them.
pub(super) struct Parties {
    pub(super) actor1: Option<Source>,
    pub(super) actor2: Option<Source>,
    pub(super) passive: bool,
    /// The agent came from the clause's own grammar (not from a frame or a fallback): a noun
    /// so anchored is news.
    pub(super) anchored: bool,
}

/// An actor of an event: anything that acts, but not a generic source ("officials").
pub(super) fn event_actor(s: &Sentence, mi: usize, places: &Places) -> Option<Source> {
    actor_of(s, mi, places).filter(|a| a.party)
}

/// Whether the verb at the trigger is passive: a form of "be" before it, with only
/// adverbs between ("were reportedly killed").
fn passive(site: &Site) -> bool {
    if site.trig.pos != Pos::Verb {
        return false;
    }
    let mut k = site.start;
    while k > site.cs {
        k -= 1;
        if site.lex.is(&site.s.tokens, k, WordClass::Be) {
            return true;
        }
        let w = site.norm(k);
        if !w.ends_with("ly") && !matches!(w, "not" | "reportedly" | "allegedly" | "also" | "later")
        {
            return false;
        }
    }
    false
}

/// Actor 1 and actor 2 from the clause's grammar.
pub(super) fn parties(site: &Site) -> Parties {
    let (s, toks, places, lex) = (site.s, &site.s.tokens, site.places, site.lex);
    let (start, end, cs, ce) = (site.start, site.end, site.cs, site.ce);
    let by_agent = || {
        (end..ce).find(|&k| toks[k].norm == "by").and_then(|k| {
            s.mentions
                .iter()
                .position(|mm| mm.start == k + 1 || mm.start == k + 2)
                .filter(|&mi| s.mentions[mi].is_actor_like())
        })
    };
    let passive = passive(site);
    if passive {
        let actor1 = by_agent().and_then(|mi| event_actor(s, mi, places));
        let actor2 =
            left_subject(s, start, places, false).and_then(|mi| event_actor(s, mi, places));
        let anchored = actor1.is_some();
        return Parties {
            actor1,
            actor2,
            passive,
            anchored,
        };
    }
    let mut actor1 = None;
    if site.trig.pos == Pos::Noun {
        // "ASEAN talks", "Israeli air strikes", "Russia's shelling".
        let mut k = start;
        while k > cs && lex.is(toks, k - 1, WordClass::NounModifier) {
            k -= 1;
        }
        let light = |j: usize| lex.is(toks, j, WordClass::LightVerb);
        if let Some(mi) = s.mentions.iter().position(|mm| mm.end == k && mm.end > cs) {
            actor1 = event_actor(s, mi, places);
        } else if let Some(mi) = by_agent() {
            actor1 = event_actor(s, mi, places);
        } else if k > cs && light(k - 1) || (k >= cs + 2 && light(k - 2)) {
            let lv = if light(k - 1) { k - 1 } else { k - 2 };
            actor1 = subject_for(site, lv);
        }
    } else {
        actor1 = subject_for(site, start);
    }
    let anchored = actor1.is_some();
    // Actor 2: the first actor after the trigger in its clause that is not the agent, nor
    // a mention right after the agent's, which is the same party ("an attack by CODECO
    // militias on a camp").
    let agent = actor1.as_ref().and_then(|a| a.mention);
    let agent_end = agent.map(|mi| s.mentions[mi].end);
    let actor2 = s
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
    Parties {
        actor1,
        actor2,
        passive,
        anchored,
    }
}

/// Countries the clause implies: "its forces" belong to whoever is speaking, and a group
/// named by a common noun ("gunmen") acts where the event takes place.
pub(super) fn settle_countries(site: &Site, parties: &mut Parties, locations: &[EventLocation]) {
    let (s, toks) = (site.s, &site.s.tokens);
    let group = |mi: usize| matches!(s.mentions[mi].kind, MentionKind::Group { .. });
    for side in [&mut parties.actor1, &mut parties.actor2] {
        if let Some(src) = side.as_mut()
            && let Some(mi) = src.mention
            && group(mi)
            && s.mentions[mi].start > 0
            && matches!(
                toks[s.mentions[mi].start - 1].norm.as_str(),
                "its" | "their" | "our" | "his" | "her"
            )
            && let Some(speaker) = site
                .frame
                .and_then(|f| f.source.as_ref())
                .filter(|f| f.party && f.country.is_some())
        {
            src.country = speaker.country.clone();
        }
    }
    for side in [&mut parties.actor1, &mut parties.actor2] {
        if let Some(src) = side.as_mut()
            && src.country.is_none()
            && src.mention.is_some_and(group)
        {
            src.country = locations
                .iter()
                .find_map(|l| l.country.clone())
                .or_else(|| site.places.main_country.clone());
        }
    }
}

/// What the frame tells of the agent when the clause names none: a speech act's agent is
/// its speaker; "X accused Y of bombing" makes Y the bomber; a denial's agent is the denier;
/// "X said … and called on Y" is X's appeal.
pub(super) fn from_frame(site: &Site, parties: &mut Parties) {
    let Some(f) = site.frame else {
        return;
    };
    let actor1 = &mut parties.actor1;
    let speaker = || f.source.clone().filter(|src| src.party);
    if actor1.is_none() && f.start == site.start {
        *actor1 = speaker();
    }
    if actor1.is_none()
        && f.start != site.start
        && let Some(about) = f.about
    {
        *actor1 = event_actor(site.s, about, site.places);
    }
    if actor1.is_none() && f.frame == Frame::Deny {
        *actor1 = f.source.clone();
    }
    let plover = site.trig.plover.as_str();
    if actor1.is_none()
        && (site.lex.plover_class(plover).speech_act || matches!(plover, "AGREE" | "REJECT"))
    {
        *actor1 = speaker();
    }
}

/// Still no agent in the active voice: the first party of known country named before the
/// trigger in its clause, when it is not the target, the speaker, a place or a victim ("A
/// group of Moroccan soldiers set up base", "Rebel forces, backed by …, capture"). A noun
/// is told less plainly: a definite one refers back to a happening told before ("Damascus
/// condemned the strike"), and a party before a verb or frame is that verb's ("agreed to a
/// truce, ending a week of clashes"), so its party must follow them.
pub(super) fn agent_when_none(site: &Site, parties: &mut Parties) {
    if parties.actor1.is_some() || parties.passive {
        return;
    }
    let (toks, start, cs) = (&site.s.tokens, site.start, site.cs);
    let mut from = cs;
    if site.trig.pos == Pos::Noun {
        if (start.saturating_sub(3)..start).any(|k| site.lex.is(toks, k, WordClass::Definite)) {
            return;
        }
        let after_trigger = site.scan.trigger_before(start).map_or(cs, |k| k + 1);
        let after_frame = site
            .frames
            .iter()
            .filter(|f| f.end <= start)
            .map(|f| f.end)
            .max()
            .unwrap_or(cs);
        from = cs.max(after_trigger).max(after_frame);
    }
    parties.actor1 = agent_before(site, (from, start), parties.actor2.as_ref());
}

/// The first party of known country named in `[from, to)`, skipping places, locative
/// phrases ("in Iraq"), victims, the event's target and the frame's speaker.
fn agent_before(
    site: &Site,
    (from, to): (usize, usize),
    target: Option<&Source>,
) -> Option<Source> {
    let (s, places, lex) = (site.s, site.places, site.lex);
    let speaker = site
        .frame
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

/// Whether a mention names people counted or struck by a casualty word before `to`:
/// "Four soldiers", "soldiers were killed", "an Israeli soldier died".
fn is_victim(s: &Sentence, m: &Mention, to: usize, lex: &Lexicon) -> bool {
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

/// An assault with no target named is aimed at the country it strikes, when that is not
/// the attacker's own.
pub(super) fn target_country(site: &Site, parties: &mut Parties, locations: &[EventLocation]) {
    if site.trig.plover == "ASSAULT"
        && parties.actor2.is_none()
        && let Some(c) = locations.iter().find_map(|l| l.country.clone())
        && parties.actor1.as_ref().and_then(|a| a.country.as_ref()) != Some(&c)
    {
        parties.actor2 = Some(Source {
            name: country_name(site.places, &c).unwrap_or(c.clone()),
            country: Some(c),
            party: true,
            mention: None,
        });
    }
}

/// One party on both sides only where the text says so ("rival factions of the army
/// clashed with each other"): otherwise the second is a misreading of the first.
pub(super) fn one_party(site: &Site, parties: &mut Parties) {
    if let (Some(a1), Some(a2)) = (&parties.actor1, &parties.actor2)
        && a1.name.eq_ignore_ascii_case(&a2.name)
        && !site
            .scan
            .class_in(WordClass::Reciprocal, 0, site.s.tokens.len())
    {
        parties.actor2 = None;
    }
}

/// Whether the sentence says a party acted on itself: "each other", "among themselves",
/// "infighting", "between two armed groups".
pub(super) fn reciprocal(s: &Sentence, lex: &Lexicon) -> bool {
    (0..s.tokens.len()).any(|k| lex.is(&s.tokens, k, WordClass::Reciprocal))
}

/// The subject of the verb at `t`; a pronoun subject is the frame's source ("it said it expects").
fn subject_for(site: &Site, t: usize) -> Option<Source> {
    let (s, places, frame) = (site.s, site.places, site.frame);
    if let Some(mi) = left_subject(s, t, places, false) {
        return event_actor(s, mi, places);
    }
    let (cs, _) = s.clause_of(t);
    let pronoun = site.scan.class_in(WordClass::Pronoun, cs, t);
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

/// The nearest frame whose scope covers `t` and whose own words come before it.
pub(super) fn innermost_frame(frames: &[FrameUse], t: usize) -> Option<&FrameUse> {
    frames
        .iter()
        .filter(|f| (f.scope.0 <= t && t < f.scope.1) || f.start == t)
        .max_by_key(|f| if f.start <= t { f.start } else { 0 })
}
