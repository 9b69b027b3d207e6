//! How the report tells an event: reported, claimed by a party, denied, planned or
//! hypothetical, from cue words before the trigger in its clause and then from its frame
//! ("X said", "Y denied"). The speech act itself is reported, not claimed by its speaker.

use sitrep_model::Status;

use super::Site;
use crate::extract::frames::Source;
use crate::lexicon::{Cue, Frame, Pos};

/// The last cue word in the six tokens before the trigger; for a noun, a plan word after
/// it ("talks would be held", "talks … are scheduled for Thursday").
pub(super) fn cue(site: &Site) -> Option<Cue> {
    let (toks, lex) = (&site.s.tokens, site.lex);
    let (start, end, cs, ce) = (site.start, site.end, site.cs, site.ce);
    let mut cue = None;
    for k in cs.max(start.saturating_sub(6))..start {
        if let Some(c) = lex.cues.match_at(toks, k) {
            cue = Some(*c.value);
        }
    }
    if cue.is_none() && site.trig.pos == Pos::Noun {
        cue = (end..(end + 8).min(ce))
            .find(|&k| {
                lex.cues
                    .match_at(toks, k)
                    .is_some_and(|c| *c.value == Cue::Plan)
            })
            .map(|_| Cue::Plan);
    }
    cue
}

/// The event's status and who claims it.
pub(super) fn attribution(site: &Site, cue: Option<Cue>) -> (Status, Option<Source>) {
    let mut status = match cue {
        Some(Cue::Negation) => Status::Denied,
        Some(Cue::Plan | Cue::Commit) => Status::Scheduled,
        Some(Cue::Condition | Cue::Hypothetical) => Status::Hypothetical,
        _ => Status::Reported,
    };
    let Some(f) = site.frame else {
        return (status, None);
    };
    // The speech act itself is not claimed by its own speaker.
    if f.start == site.start {
        return (Status::Reported, None);
    }
    if f.frame == Frame::Deny && status == Status::Reported {
        status = Status::Denied;
    }
    let claimed_by = f.source.clone();
    if status == Status::Reported && claimed_by.as_ref().is_some_and(|src| src.party) {
        status = Status::Claimed;
    }
    (status, claimed_by)
}

/// Whether a condition follows the trigger in its sentence ("will withdraw unless …").
pub(super) fn conditional(site: &Site) -> bool {
    let toks = &site.s.tokens;
    (site.end..toks.len()).any(|k| {
        site.lex
            .cues
            .match_at(toks, k)
            .is_some_and(|c| *c.value == Cue::Condition)
    })
}
