//! "X said Y must …": a party stating what another must do makes a demand (REQUEST).

use sitrep_model::{Event, Evidence, Span, Status};

use super::roles::event_actor;
use crate::extract::analysis::{Analysis, Sentence};
use crate::extract::frames::{FrameUse, left_subject};
use crate::extract::places::Places;

pub(super) fn obligation(
    a: &Analysis,
    s: &Sentence,
    frames: &[FrameUse],
    places: &Places,
) -> Option<Event> {
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
