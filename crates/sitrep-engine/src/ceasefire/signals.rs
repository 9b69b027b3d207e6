//! A report's diplomacy, sentence by sentence: agreements made, taking effect, holding,
//! suspended or collapsed (`ceasefire.tsv`), terms said to be met or not, talks scheduled
//! and held, appeals, and each party's positions, demands, conditions and commitments.

use sitrep_model::{Act, ActorKind, ClaimKind, PlaceKind, Record, Signal, Span, Status};

use super::effective::effective;
use crate::lexicon::{CeasefireWord, Lexicon};

/// The report's signals; `copy_of` names the report it reprints, if any.
pub fn signals(record: &Record, lex: &Lexicon, copy_of: Option<&str>) -> Vec<Signal> {
    let doc = &record.document;
    let published = doc
        .published
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
    let in_sentence = |span: Span, s: Span| s.start <= span.start && span.end <= s.end;
    // The countries a sentence names, in order: states' actors and country places.
    let countries_in = |s: Span| -> Vec<String> {
        let mut found: Vec<(usize, String)> = Vec::new();
        for a in &record.actors {
            let statal = matches!(
                a.kind,
                ActorKind::State | ActorKind::Government | ActorKind::Military | ActorKind::Police
            );
            if let Some(c) = a.country.as_ref().filter(|_| statal) {
                for sp in a.spans.iter().filter(|sp| in_sentence(**sp, s)) {
                    found.push((sp.start, c.clone()));
                }
            }
        }
        for p in record
            .places
            .iter()
            .filter(|p| p.kind == PlaceKind::Country)
        {
            if let Some(c) = &p.country {
                for sp in p.spans.iter().filter(|sp| in_sentence(**sp, s)) {
                    found.push((sp.start, c.clone()));
                }
            }
        }
        found.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, c) in found {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    };
    // The report's two main countries, for sentences that name fewer.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in &record.sentences {
        for c in countries_in(*s) {
            match counts.iter_mut().find(|(x, _)| *x == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let report_pair: Vec<String> = counts.iter().take(2).map(|(c, _)| c.clone()).collect();
    let base = |i: usize, act: Act| Signal {
        report: doc.id.clone(),
        published: doc.published.clone(),
        copy_of: copy_of.map(str::to_string),
        sentence_index: i,
        sentence: record.sentence_text(i).trim().to_string(),
        act,
        agreement: None,
        named_for: None,
        new: false,
        parties: Vec::new(),
        by: None,
        mediator: None,
        place: None,
        date: published.map(|d| d.to_string()),
        effective: None,
        terms: Vec::new(),
    };
    let mut out = Vec::new();
    // Each sentence tokenised and matched against `ceasefire.tsv` once.
    let read: Vec<_> = record
        .sentences
        .iter()
        .map(|s| {
            let toks = lex.tokenize(&doc.text, *s);
            let found = lex.ceasefire.find_all(&toks);
            (toks, found)
        })
        .collect();
    let sentence_terms: Vec<Vec<String>> = read
        .iter()
        .map(|(_, found)| {
            found
                .iter()
                .filter_map(|m| match m.value {
                    CeasefireWord::Term(t) => Some(t.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    for (i, s) in record.sentences.iter().enumerate() {
        let (toks, found) = &read[i];
        // "ASTANA — …": a dateline names where the report was filed, not a party.
        let dateline_end = toks
            .iter()
            .take(8)
            .position(|t| matches!(t.norm.as_str(), "-" | "—" | "–"))
            .filter(|_| i == 0)
            .map_or(0, |k| toks[k].span.end);
        let agreement = found.iter().find_map(|m| match m.value {
            CeasefireWord::Agreement(k) => Some((m.start, m.end, k.clone())),
            _ => None,
        });
        let countries: Vec<String> = countries_in(Span::new(dateline_end.max(s.start), s.end));
        let claim_by = record
            .claims
            .iter()
            .find(|c| c.evidence.sentence == i)
            .and_then(|c| c.by_country.clone());
        let mut emitted = false;
        if let Some((at, end, kind)) = agreement.clone() {
            // Acts count near the agreement noun; "agreed" only before it ("agreed to a
            // truce"), since after it ("the truce agreed in Astana") it recalls one.
            let near = |w: &CeasefireWord, before_only: bool| {
                found.iter().any(|m| {
                    m.value == w
                        && if before_only {
                            m.end <= at && at - m.end <= 8
                        } else {
                            (m.end <= at && at - m.end <= 8)
                                || (m.start >= end && m.start - end <= 8)
                        }
                })
            };
            let act = if near(&CeasefireWord::NotMade, false) {
                None
            } else if near(&CeasefireWord::Agree, true) {
                Some(Act::Agreed)
            } else if near(&CeasefireWord::FutureEffect, false) {
                Some(Act::TakesEffect)
            } else if near(&CeasefireWord::InEffect, false) {
                Some(Act::InEffect)
            } else if near(&CeasefireWord::Suspend, false) {
                Some(Act::Suspended)
            } else if near(&CeasefireWord::Collapse, false) {
                Some(Act::Collapsed)
            } else {
                None
            };
            if let Some(act) = act {
                let mut sig = base(i, act);
                sig.agreement = Some(kind);
                sig.new = (at.saturating_sub(3)..at).any(|k| toks[k].norm == "new");
                // "the Astana truce": a place named right before the agreement noun.
                sig.named_for = record
                    .places
                    .iter()
                    .filter(|p| p.kind != PlaceKind::Country)
                    .find(|p| {
                        p.spans
                            .iter()
                            .any(|sp| at > 0 && toks[at - 1].span.end == sp.end)
                    })
                    .map(|p| p.name.clone());
                // The parties: the countries that are the subject of "agreed" ("Kyrgyzstan
                // and Tajikistan agreed"), else the sentence's countries the report names
                // most, else the report's two main countries.
                let cue_at = found
                    .iter()
                    .find(|m| m.value == &CeasefireWord::Agree && m.end <= at)
                    .map_or(toks[at].span.start, |m| toks[m.start].span.start);
                let subjects = countries_in(Span::new(
                    dateline_end.max(s.start),
                    cue_at.max(dateline_end.max(s.start)),
                ));
                let rank = |c: &String| {
                    counts
                        .iter()
                        .position(|(x, _)| x == c)
                        .unwrap_or(usize::MAX)
                };
                sig.parties = if act == Act::Agreed && subjects.len() >= 2 {
                    subjects.iter().take(2).cloned().collect()
                } else if countries.len() >= 2 {
                    let mut cs = countries.clone();
                    cs.sort_by_key(rank);
                    cs.into_iter().take(2).collect()
                } else {
                    report_pair.clone()
                };
                sig.parties.sort();
                sig.mediator = countries.iter().find(|c| !sig.parties.contains(c)).cloned();
                sig.by = claim_by.clone().or_else(|| countries.first().cloned());
                sig.place = record
                    .places
                    .iter()
                    .filter(|p| matches!(p.kind, PlaceKind::City | PlaceKind::Admin1))
                    .find(|p| p.spans.iter().any(|sp| in_sentence(*sp, *s)))
                    .map(|p| p.name.clone());
                if let (Some(p), Some(cue)) = (
                    published,
                    found.iter().find(|m| {
                        matches!(
                            m.value,
                            CeasefireWord::FutureEffect | CeasefireWord::InEffect
                        )
                    }),
                ) {
                    let past = cue.value == &CeasefireWord::InEffect;
                    sig.effective = effective(&toks[cue.end..], p, past);
                }
                if act == Act::Agreed {
                    // The terms come in the sentence and the few after it.
                    for t in sentence_terms.iter().skip(i).take(4).flatten() {
                        if !sig.terms.contains(t) {
                            sig.terms.push(t.clone());
                        }
                    }
                    // "takes effect at 1400 GMT on Saturday" may follow in the next sentence.
                    if sig.effective.is_none()
                        && let Some(p) = published
                    {
                        for (nt, nf) in read.iter().skip(i + 1).take(2) {
                            if let Some(cue) =
                                nf.iter().find(|m| m.value == &CeasefireWord::FutureEffect)
                            {
                                sig.effective = effective(&nt[cue.end..], p, false);
                                break;
                            }
                        }
                    }
                }
                out.push(sig);
                emitted = true;
            }
        }
        // Terms said to be done or not, each by the nearest cue; a sentence that only
        // supposes ("would finish the pullback once …") says neither.
        if emitted || found.iter().any(|m| m.value == &CeasefireWord::NotMade) {
            continue;
        }
        for m in found.iter() {
            let CeasefireWord::Term(term) = m.value else {
                continue;
            };
            let nearest = found
                .iter()
                .filter(|c| matches!(c.value, CeasefireWord::Met | CeasefireWord::Unmet))
                .min_by_key(|c| c.start.abs_diff(m.start));
            let Some(cue) = nearest.filter(|c| c.start.abs_diff(m.start) <= 10) else {
                continue;
            };
            let act = if cue.value == &CeasefireWord::Met {
                Act::TermMet
            } else {
                Act::TermUnmet
            };
            if out
                .iter()
                .any(|x: &Signal| x.sentence_index == i && x.act == act && x.terms.contains(term))
            {
                continue;
            }
            let mut sig = base(i, act);
            sig.terms = vec![term.clone()];
            sig.parties = countries.clone();
            sig.by = claim_by.clone();
            out.push(sig);
        }
    }
    // Talks and appeals from the report's events; positions from its claims.
    for e in &record.events {
        let act = match (e.plover.as_str(), e.status) {
            ("CONSULT", Status::Scheduled) => Act::TalksScheduled,
            ("CONSULT", Status::Reported | Status::Claimed) => Act::TalksHeld,
            ("REQUEST" | "APPEAL", Status::Reported | Status::Claimed) => Act::Appeal,
            _ => continue,
        };
        let mut sig = base(e.evidence.sentence, act);
        sig.by = e.actor1_country.clone().or_else(|| e.actor1.clone());
        sig.place = e
            .locations
            .iter()
            .find(|l| l.kind != PlaceKind::Country)
            .map(|l| l.name.clone());
        sig.parties = [&e.actor1_country, &e.actor2_country]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        sig.date = e.date.clone().or(sig.date);
        out.push(sig);
    }
    for c in &record.claims {
        let act = match c.kind {
            ClaimKind::Demand => Act::Demand,
            ClaimKind::Commitment => Act::Commitment,
            ClaimKind::Position
            | ClaimKind::Accusation
            | ClaimKind::Denial
            | ClaimKind::SelfDefence => {
                let t = c.text.to_lowercase();
                if [
                    " only after ",
                    " only if ",
                    " unless ",
                    " on condition ",
                    " provided that ",
                ]
                .iter()
                .any(|w| t.contains(w) || t.starts_with(w.trim_start()))
                {
                    Act::Condition
                } else {
                    Act::Position
                }
            }
            _ => continue,
        };
        if c.by_country.is_none() || c.text.trim().is_empty() {
            continue;
        }
        let mut sig = base(c.evidence.sentence, act);
        sig.by = c.by_country.clone();
        out.push(sig);
    }
    out.sort_by_key(|s| (s.sentence_index, s.act));
    out
}
