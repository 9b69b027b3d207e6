//! Attribution: who says what. A reporting frame ("X said (that) …", "according to X",
//! "X accused Y of …", "X denied …") gives its source to everything in its scope.

use super::analysis::Sentence;
use super::mentions::MentionKind;
use super::places::{Places, Role};
use crate::lexicon::{Frame, Lexicon};
use sitrep_model::ActorKind;

#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub country: Option<String>,
    /// A party (state, institution, person, organisation) rather than a generic source.
    pub party: bool,
    /// Mention index in the sentence, when the source is a mention.
    pub mention: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct FrameUse {
    pub frame: Frame,
    /// Token range of the reporting words.
    pub start: usize,
    pub end: usize,
    pub source: Option<Source>,
    /// Token range the frame covers.
    pub scope: (usize, usize),
    /// For "X accused Y of …": Y, the one the accusation is about.
    pub about: Option<usize>,
}

/// The name and country a mention stands for as an actor, if it can act.
pub fn actor_of(s: &Sentence, mi: usize, places: &Places) -> Option<Source> {
    let m = &s.mentions[mi];
    let party = !matches!(m.kind, MentionKind::Source);
    match (&m.kind, places.role(s.index, mi)) {
        (_, Some(Role::Place(_))) => None,
        (MentionKind::Place { .. } | MentionKind::KindPlace { .. }, None) => None,
        _ => Some(Source {
            name: m.name.clone(),
            country: m
                .country
                .clone()
                .or_else(|| places.state_of(s.index, mi).map(str::to_string))
                .or_else(|| {
                    // "the army said": an unnamed state body belongs to the state the report is about.
                    let state_body = matches!(
                        m.kind,
                        MentionKind::Group {
                            kind: ActorKind::Military | ActorKind::Police | ActorKind::Government
                        }
                    );
                    state_body.then(|| places.main_country.clone()).flatten()
                }),
            party,
            mention: Some(mi),
        }),
    }
}

pub fn find_frames(s: &Sentence, lex: &Lexicon, places: &Places) -> Vec<FrameUse> {
    let mut out = Vec::new();
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        let Some(m) = lex.reporting.match_at(&s.tokens, i) else {
            i += 1;
            continue;
        };
        if s.mention_at(i).is_some() {
            i += 1;
            continue;
        }
        let frame = *m.value;
        let (start, end) = (m.start, m.end);
        i = end;
        if matches!(frame, Frame::Source | Frame::Hedge) {
            continue;
        }
        let resolve = |mi: usize| actor_of(s, mi, places);
        let left = left_subject(s, start, places, true);
        // A frame covers its own clause and what depends on it, up to a coordinated main
        // clause with a subject of its own (", and Ankara called on …").
        let n = s
            .clauses
            .iter()
            .map(|&(c, _)| c)
            .find(|&c| {
                c > end
                    && s.tokens[c].norm == "and"
                    && s.tokens.get(c + 1).is_none_or(|t| t.norm != "that")
            })
            .unwrap_or(n);
        let use_ = match frame {
            Frame::According => {
                let right = s
                    .mentions
                    .iter()
                    .position(|mm| mm.start >= end && mm.start <= end + 2);
                FrameUse {
                    frame,
                    start,
                    end,
                    source: right.and_then(resolve),
                    scope: (0, n),
                    about: None,
                }
            }
            Frame::Accuse => {
                let about = s
                    .mentions
                    .iter()
                    .position(|mm| mm.start >= end && mm.start <= end + 2 && mm.is_actor_like());
                let scope_start = about.map_or(end, |a| s.mentions[a].end);
                FrameUse {
                    frame,
                    start,
                    end,
                    source: left.and_then(resolve),
                    scope: (scope_start, n),
                    about,
                }
            }
            _ => {
                if let Some(l) = left {
                    FrameUse {
                        frame,
                        start,
                        end,
                        source: resolve(l),
                        scope: (end, n),
                        about: None,
                    }
                } else {
                    // Inverted: '"…," said the minister.' The source ends the sentence or
                    // clause, and the scope is what came before.
                    let right = s.mentions.iter().position(|mm| {
                        mm.start >= end
                            && mm.start <= end + 3
                            && s.tokens.get(mm.end).is_none_or(|t| {
                                matches!(
                                    t.norm.as_str(),
                                    "," | "." | ";" | "-" | "on" | "in" | "at" | "who" | "after"
                                )
                            })
                    });
                    let scope = if right.is_some() {
                        (0, start)
                    } else {
                        (end, n)
                    };
                    FrameUse {
                        frame,
                        start,
                        end,
                        source: right.and_then(resolve),
                        scope,
                        about: None,
                    }
                }
            }
        };
        out.push(use_);
    }
    out
}

/// The nearest mention left of `t` in its clause that can be a subject: one that can act
/// (not a place), not after a preposition. Generic sources ("officials") count only when
/// `allow_source` (they report; they do not attack).
pub fn left_subject(s: &Sentence, t: usize, places: &Places, allow_source: bool) -> Option<usize> {
    let (cs, _) = s.clause_of(t);
    let can_act = |mi: usize| {
        actor_of(s, mi, places).is_some()
            && (allow_source || s.mentions[mi].kind != MentionKind::Source)
    };
    // The last mention that can be the subject, searched back from `t` (mentions are in
    // order of their start): a forward scan of them all per verb would grow with the
    // sentence's mentions times its verbs.
    let lo = s.mentions.partition_point(|m| m.start < cs);
    let hi = s.mentions.partition_point(|m| m.start < t);
    for mi in (lo..hi).rev() {
        let m = &s.mentions[mi];
        if m.end > t || !can_act(mi) {
            continue;
        }
        let prev = m.start.checked_sub(1).map(|p| s.tokens[p].norm.as_str());
        if prev.is_some_and(|p| {
            matches!(
                p,
                "in" | "at"
                    | "near"
                    | "into"
                    | "from"
                    | "of"
                    | "on"
                    | "with"
                    | "to"
                    | "by"
                    | "against"
                    | "for"
                    | "between"
                    | "after"
                    | "before"
                    | "than"
                    | "about"
                    | "over"
                    | "during"
            )
        }) {
            continue;
        }
        // Inside a coordination "X and Y verb": take the first conjunct.
        // (Found through the token index: a scan of every mention here would make the
        // whole search cubic in a sentence of many coordinated names.)
        if let Some(prev_i) = m.start.checked_sub(1)
            && s.tokens[prev_i].norm == "and"
            && let Some(first) = prev_i.checked_sub(1).and_then(|k| s.mention_index_at(k))
            && s.mentions[first].end == prev_i
            && s.mentions[first].start >= cs
            && can_act(first)
        {
            return Some(first);
        }
        return Some(mi);
    }
    None
}
