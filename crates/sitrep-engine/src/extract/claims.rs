//! Claims: who accuses, denies, demands, appeals or states what, each with its clause.

use sitrep_model::{Claim, ClaimKind, Event, Evidence, Span};

use super::analysis::Analysis;
use super::frames::FrameUse;
use crate::lexicon::Frame;

pub fn extract_claims(a: &Analysis, frames: &[Vec<FrameUse>], events: &[Event]) -> Vec<Claim> {
    let mut out = Vec::new();
    for s in &a.sentences {
        for f in &frames[s.index] {
            let Some(src) = f.source.clone().filter(|src| src.party) else {
                continue;
            };
            let (start, end) = f.scope;
            if start >= end || end > s.tokens.len() {
                continue;
            }
            let span = Span::new(s.tokens[start].span.start, s.tokens[end - 1].span.end);
            let text = a.text[span.start..span.end]
                .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
                .to_string();
            let lower = text.to_lowercase();
            let kind = if lower.contains("self-defence") || lower.contains("self-defense") {
                ClaimKind::SelfDefence
            } else {
                match f.frame {
                    Frame::Accuse => ClaimKind::Accusation,
                    Frame::Deny => ClaimKind::Denial,
                    // What a party says of events is its position (RECORD.md kinds).
                    _ => ClaimKind::Position,
                }
            };
            let about = f.about.map(|m| s.mentions[m].name.clone());
            out.push(Claim {
                by: src.name,
                by_country: src.country,
                kind,
                about,
                text,
                evidence: Evidence {
                    sentence: s.index,
                    span,
                },
            });
        }
    }
    // Appeals and demands are claims of what should happen.
    for e in events.iter().filter(|e| e.plover == "REQUEST") {
        let Some(by) = e.actor1.clone() else {
            continue;
        };
        let demand = ["demand", "expect", "insist", "require"]
            .iter()
            .any(|w| e.trigger.to_lowercase().starts_with(w));
        let span = e.evidence.span;
        out.push(Claim {
            by,
            by_country: e.actor1_country.clone(),
            kind: if demand {
                ClaimKind::Demand
            } else {
                ClaimKind::Appeal
            },
            about: e.actor2.clone(),
            text: a.text[span.start..span.end].to_string(),
            evidence: e.evidence,
        });
    }
    out
}
