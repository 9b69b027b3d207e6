//! Does a trigger earn its event? Words that need a weapon, an object or armed men get them;
//! an infinitive under another trigger is part of that event; a relative clause in the
//! present describes a standing role; a noun is news only when something anchors it (an
//! actor, a place or date of its own, a toll as its predicate).

use sitrep_model::Event;

use super::Site;
use super::roles::Parties;
use crate::extract::dates::DateMention;
use crate::extract::mentions::{Mention, MentionKind};
use crate::extract::places::Role;
use crate::lexicon::{Cue, Pos, Requires, WordClass};

/// The checks that come before the trigger's parties are read.
pub(super) fn admits(site: &Site, weapon_named: bool) -> bool {
    let (s, toks, start, end, cs, ce) = (
        site.s,
        &site.s.tokens,
        site.start,
        site.end,
        site.cs,
        site.ce,
    );
    // Infinitive under an earlier trigger in the clause: part of that event.
    if start > 0 && site.norm(start - 1) == "to" && site.scan.trigger_in(cs, start) {
        return false;
    }
    let in_clause = |mm: &&Mention| mm.start >= cs && mm.end <= ce;
    match site.trig.requires {
        Requires::Weapon
            if !weapon_named
                && !s
                    .mentions
                    .iter()
                    .filter(in_clause)
                    .any(|mm| mm.kind == MentionKind::ArmedMeans) =>
        {
            return false;
        }
        Requires::Object if end >= toks.len() || site.lex.is(toks, end, WordClass::NoObject) => {
            return false;
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
            }) || weapon_named;
            if !armed {
                return false;
            }
        }
        _ => {}
    }
    // "Qatar, which mediates between …", "the Houthis, who have attacked shipping since …":
    // a relative clause in the present or perfect describes a standing role, not news.
    if site.trig.pos == Pos::Verb
        && matches!(toks.get(cs).map(|t| t.norm.as_str()), Some("which" | "who"))
        && (toks[start].norm.ends_with('s') && !toks[start].norm.ends_with("ss")
            || (cs..start).any(|k| matches!(site.norm(k), "has" | "have")))
    {
        return false;
    }
    // "during President X's visit": a circumstance of another event, not news of its own.
    !(site.trig.pos == Pos::Noun
        && (start.saturating_sub(4)..start).any(|k| site.norm(k) == "during"))
}

/// Whether the trigger itself is a casualty word ("killed"): such an event needs an agent.
pub(super) fn casualty_word(site: &Site) -> bool {
    site.lex
        .figures
        .match_at(&site.s.tokens, site.start)
        .is_some_and(|f| f.value.kind.is_some())
}

/// A noun with no party of its own is news only with a place or date of its own or a toll
/// as its predicate, and never as a running total. A definite noun ("the alleged
/// bombardment") is anchored by what it refers back to: the caller drops it when nothing
/// before it can be that.
pub(super) fn noun_anchored(
    site: &Site,
    parties: &Parties,
    place_after_noun: bool,
    dates: &[DateMention],
) -> bool {
    let (toks, lex) = (&site.s.tokens, site.lex);
    let (start, end, cs, ce) = (site.start, site.end, site.cs, site.ce);
    if site.trig.pos != Pos::Noun || parties.anchored {
        return true;
    }
    let definite = parties.actor1.is_none()
        && (start.saturating_sub(3)..start).any(|k| lex.is(toks, k, WordClass::Definite));
    if definite {
        return true;
    }
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
                site.norm(k),
                "killed" | "kills" | "kill" | "wounded" | "wounds" | "injured" | "injures"
            )
    });
    (place_after_noun || date_here || toll_predicate) && !running_total
}

/// A definite noun with no agent of its own: "the attack", "the alleged bombardment".
pub(super) fn is_anaphoric(site: &Site, e: &Event) -> bool {
    let (toks, start, lex) = (&site.s.tokens, site.start, site.lex);
    let before = start.saturating_sub(3)..start;
    e.actor1.is_none()
        && before.clone().any(|k| lex.is(toks, k, WordClass::Definite))
        && toks.get(start).is_some_and(|t| !t.capitalised)
        && !before
            .into_iter()
            .any(|k| matches!(toks[k].norm.as_str(), "a" | "an"))
}

/// Whether a place stands right after a noun trigger, before any comma or other trigger:
/// "talks would be held on Wednesday in Jeddah".
pub(super) fn place_attached(site: &Site, mi: usize) -> bool {
    let (s, toks, end) = (site.s, &site.s.tokens, site.end);
    let mm = &s.mentions[mi];
    mm.start >= end
        && mm.start <= end + 8
        && !(end..mm.start)
            .any(|k| toks[k].norm == "," || site.lex.triggers.match_at(toks, k).is_some())
        && matches!(site.places.role(s.index, mi), Some(Role::Place(_)))
}
