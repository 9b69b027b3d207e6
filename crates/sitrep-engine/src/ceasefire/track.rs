//! The tracker: every report's signals folded in publication order into agreements, each
//! pair's status over time (agreed → in force → suspended → collapsed → renewed), alleged
//! violations (incidents after an agreement took effect and before it ended, with who
//! alleges them) and commitments (each term, for each party, and whether later reports say
//! it was met; a party's own word is not enough).

use sitrep_model::{
    Act, Agreement, Commitment, Incident, Signal, Source, Status, StatusChange, Tracker, Violation,
};

/// The statuses a pair of parties can be in, in the order they usually come.
pub const STATUSES: &[&str] = &["agreed", "in_force", "suspended", "collapsed", "renewed"];

/// Agreements that stop the fighting, and so give a pair a status.
fn is_ceasefire(kind: &str) -> bool {
    matches!(kind, "ceasefire" | "truce" | "armistice")
}

fn source(s: &Signal) -> Source {
    Source {
        report: s.report.clone(),
        published: s.published.clone(),
        sentence: s.sentence.clone(),
    }
}

fn day(s: &str) -> &str {
    s.get(..10).unwrap_or(s)
}

/// The agreement a signal speaks of: by the place it is named for, else the newest of its
/// kind between its parties (unless it is "new").
fn find(agreements: &[Agreement], s: &Signal) -> Option<usize> {
    if let Some(n) = &s.named_for
        && let Some(i) = agreements
            .iter()
            .rposition(|a| a.place_signed.as_ref() == Some(n))
    {
        return Some(i);
    }
    let kind = s.agreement.as_deref().unwrap_or("");
    let same_class = |a: &Agreement| is_ceasefire(&a.kind) == is_ceasefire(kind);
    agreements
        .iter()
        .rposition(|a| a.parties == s.parties && same_class(a))
        // A sentence that names one party only still speaks of that party's agreement.
        .or_else(|| {
            agreements
                .iter()
                .rposition(|a| same_class(a) && s.parties.iter().any(|p| a.parties.contains(p)))
        })
}

/// Keeps only the agreements `keep` accepts, with their statuses, violations and
/// commitments.
pub fn keep_agreements(t: &mut Tracker, keep: impl Fn(&Agreement) -> bool) {
    let kept: Vec<String> = t
        .agreements
        .iter()
        .filter(|a| keep(a))
        .map(|a| a.key.clone())
        .collect();
    t.agreements.retain(|a| kept.contains(&a.key));
    t.status.retain(|s| kept.contains(&s.agreement));
    t.violations.retain(|v| kept.contains(&v.agreement));
    t.commitments.retain(|c| kept.contains(&c.agreement));
}

/// The status of a pair on a date (`YYYY-MM-DD`), from the tracker's timeline.
pub fn status_on<'t>(
    tracker: &'t Tracker,
    parties: &[String],
    date: &str,
) -> Option<&'t StatusChange> {
    tracker
        .status
        .iter()
        .rfind(|s| s.parties == parties && s.date.as_str() <= date)
}

pub fn track(signals: &[Signal], incidents: &[Incident]) -> Tracker {
    let mut sigs: Vec<&Signal> = signals.iter().filter(|s| s.copy_of.is_none()).collect();
    sigs.sort_by(|a, b| {
        (&a.published, &a.report, a.sentence_index).cmp(&(
            &b.published,
            &b.report,
            b.sentence_index,
        ))
    });
    let mut t = Tracker::default();
    // The latest status of each agreement, to keep the timeline from repeating itself.
    let mut last: Vec<Option<String>> = Vec::new();
    let push = |t: &mut Tracker,
                last: &mut Vec<Option<String>>,
                i: usize,
                status: &str,
                date: String,
                s: &Signal| {
        let a = &t.agreements[i];
        if !is_ceasefire(&a.kind) || last[i].as_deref() == Some(status) {
            return;
        }
        // Nothing comes back from the dead: a collapsed agreement only gets mentioned.
        if last[i].as_deref() == Some("collapsed") {
            return;
        }
        last[i] = Some(status.to_string());
        t.status.push(StatusChange {
            parties: a.parties.clone(),
            date,
            status: status.to_string(),
            agreement: a.key.clone(),
            sources: vec![source(s)],
        });
    };
    for s in sigs.iter().copied() {
        let Some(kind) = s.agreement.clone() else {
            continue;
        };
        if s.parties.len() < 2 {
            continue;
        }
        let date = s
            .date
            .clone()
            .or_else(|| s.published.clone())
            .unwrap_or_default();
        let known = find(&t.agreements, s);
        match s.act {
            Act::Agreed => {
                let fresh = match known {
                    None => true,
                    Some(i) => {
                        let a = &t.agreements[i];
                        let ended = matches!(last[i].as_deref(), Some("collapsed" | "suspended"));
                        // "a new ceasefire", or one signed elsewhere, or the old one is over.
                        (s.new && s.named_for.is_none())
                            || ended && s.named_for.is_none()
                            || s.place.is_some()
                                && a.place_signed.is_some()
                                && s.place != a.place_signed
                                && s.named_for.is_none()
                    }
                };
                if fresh {
                    // A renewal when the pair had a ceasefire that ended.
                    let renewed = is_ceasefire(&kind)
                        && t.agreements.iter().enumerate().any(|(j, a)| {
                            a.parties == s.parties
                                && is_ceasefire(&a.kind)
                                && matches!(last[j].as_deref(), Some("collapsed" | "suspended"))
                        });
                    let key = format!("a{}", t.agreements.len() + 1);
                    let place = s.place.clone();
                    t.agreements.push(Agreement {
                        key,
                        kind: kind.clone(),
                        name: match &place {
                            Some(p) => format!("{p} {kind}"),
                            None => kind.clone(),
                        },
                        parties: s.parties.clone(),
                        agreed: Some(date.clone()),
                        effective: s.effective.clone(),
                        place_signed: place,
                        mediator: s.mediator.clone(),
                        terms: s.terms.clone(),
                        sources: vec![source(s)],
                    });
                    last.push(None);
                    let i = t.agreements.len() - 1;
                    push(
                        &mut t,
                        &mut last,
                        i,
                        if renewed { "renewed" } else { "agreed" },
                        date,
                        s,
                    );
                    if let Some(e) = &s.effective
                        && day(e) <= s.published.as_deref().unwrap_or("")
                    {
                        push(&mut t, &mut last, i, "in_force", day(e).to_string(), s);
                    }
                } else if let Some(i) = known {
                    let a = &mut t.agreements[i];
                    a.sources.push(source(s));
                    for term in &s.terms {
                        if !a.terms.contains(term) {
                            a.terms.push(term.clone());
                        }
                    }
                    if a.effective.is_none() {
                        a.effective = s.effective.clone();
                    }
                }
            }
            Act::TakesEffect | Act::InEffect => {
                let Some(i) = known else { continue };
                let a = &mut t.agreements[i];
                if a.effective.is_none()
                    || s.act == Act::InEffect
                        && a.effective.as_deref().is_some_and(|e| e.len() == 10)
                {
                    a.effective = s.effective.clone().or(a.effective.clone());
                }
                a.sources.push(source(s));
                if s.act == Act::InEffect
                    && matches!(last[i].as_deref(), Some("agreed" | "renewed"))
                {
                    let on = a.effective.as_deref().map(day).unwrap_or(&date).to_string();
                    let on = if on.as_str() > date.as_str() {
                        date.clone()
                    } else {
                        on
                    };
                    push(&mut t, &mut last, i, "in_force", on, s);
                }
            }
            Act::Suspended => {
                if let Some(i) = known
                    && matches!(last[i].as_deref(), Some("agreed" | "renewed" | "in_force"))
                {
                    t.agreements[i].sources.push(source(s));
                    push(&mut t, &mut last, i, "suspended", date, s);
                }
            }
            Act::Collapsed => {
                if let Some(i) = known
                    && last[i].is_some()
                {
                    t.agreements[i].sources.push(source(s));
                    push(&mut t, &mut last, i, "collapsed", date, s);
                }
            }
            _ => {}
        }
    }
    // An agreement whose effective time has come is in force from that day, even when no
    // later report says so.
    for (i, a) in t.agreements.clone().iter().enumerate() {
        if let Some(e) = &a.effective
            && is_ceasefire(&a.kind)
            && !t
                .status
                .iter()
                .any(|s| s.agreement == a.key && s.status == "in_force")
        {
            let latest = sigs
                .last()
                .and_then(|s| s.published.clone())
                .unwrap_or_default();
            if day(e) <= latest.as_str() {
                let s = &t.status.iter().find(|s| s.agreement == a.key).cloned();
                let before_end = !t.status.iter().any(|x| {
                    x.agreement == a.key
                        && x.status != "agreed"
                        && x.status != "renewed"
                        && x.date.as_str() <= day(e)
                });
                if let Some(s) = s
                    && before_end
                {
                    t.status.push(StatusChange {
                        parties: a.parties.clone(),
                        date: day(e).to_string(),
                        status: "in_force".into(),
                        agreement: a.key.clone(),
                        sources: s.sources.clone(),
                    });
                    let _ = i;
                }
            }
        }
    }
    t.status.sort_by(|a, b| {
        (&a.date, STATUSES.iter().position(|x| *x == a.status))
            .cmp(&(&b.date, STATUSES.iter().position(|x| *x == b.status)))
    });
    t.violations = violations(&t, incidents);
    t.commitments = commitments(&t, &sigs);
    t
}

/// Incidents between the parties after an agreement took effect and before it ended, with
/// someone alleging them.
fn violations(t: &Tracker, incidents: &[Incident]) -> Vec<Violation> {
    let mut out = Vec::new();
    for a in t.agreements.iter().filter(|a| is_ceasefire(&a.kind)) {
        let Some(start) = a.effective.as_deref().map(day) else {
            continue;
        };
        let end = t
            .status
            .iter()
            .find(|s| s.agreement == a.key && s.status == "collapsed")
            .map(|s| s.date.clone());
        for inc in incidents {
            let Some(date) = inc.profile.first_date.as_deref() else {
                continue;
            };
            // The day it took effect is left out: the hours before it are no breach.
            if date <= start || end.as_deref().is_some_and(|e| date >= e) {
                continue;
            }
            let country = inc.profile.place.as_ref().and_then(|p| p.country.clone());
            let involved = country.as_ref().is_some_and(|c| a.parties.contains(c))
                || inc
                    .profile
                    .actor_countries
                    .iter()
                    .any(|c| a.parties.contains(c));
            if !involved {
                continue;
            }
            let mut alleged_by: Vec<String> = Vec::new();
            let mut against = None;
            for acc in &inc.accounts {
                let by = acc.side.clone().or_else(|| {
                    // An unframed report of the other party's attack on a party's soil is
                    // that party's allegation.
                    acc.actor1_country
                        .as_ref()
                        .filter(|c| a.parties.contains(c) && country.as_ref() != Some(c))
                        .and(country.clone())
                });
                if let Some(b) = by.filter(|b| a.parties.contains(b))
                    && acc.status != Status::Denied
                {
                    if !alleged_by.contains(&b) {
                        alleged_by.push(b.clone());
                    }
                    if against.is_none() {
                        against = acc
                            .actor1_country
                            .clone()
                            .filter(|c| *c != b)
                            .or_else(|| a.parties.iter().find(|p| **p != b).cloned());
                    }
                }
            }
            if alleged_by.is_empty() {
                continue;
            }
            out.push(Violation {
                date: date.to_string(),
                place: inc.profile.place.as_ref().map(|p| p.name.clone()),
                incident: inc.id,
                agreement: a.key.clone(),
                alleged_by,
                against,
                denied: inc.accounts.iter().any(|x| x.status == Status::Denied),
                sources: inc
                    .accounts
                    .iter()
                    .filter(|x| x.copy_of.is_none())
                    .map(|x| Source {
                        report: x.report.clone(),
                        published: x.published.clone(),
                        sentence: x.sentence.clone(),
                    })
                    .collect(),
            });
        }
    }
    out.sort_by(|a, b| (&a.date, a.incident).cmp(&(&b.date, b.incident)));
    out
}

/// Each agreement's terms for each party, and what later reports say of them.
fn commitments(t: &Tracker, sigs: &[&Signal]) -> Vec<Commitment> {
    let mut out = Vec::new();
    for (k, a) in t.agreements.iter().enumerate() {
        let until = t.agreements.get(k + 1).and_then(|n| n.agreed.clone());
        for term in &a.terms {
            for party in &a.parties {
                let mut c = Commitment {
                    agreement: a.key.clone(),
                    term: term.clone(),
                    by: Some(party.clone()),
                    met: None,
                    sources: Vec::new(),
                };
                for s in sigs.iter().filter(|s| {
                    matches!(s.act, Act::TermMet | Act::TermUnmet)
                        && s.terms.contains(term)
                        && s.published > a.agreed
                        && until
                            .as_ref()
                            .is_none_or(|u| s.published.as_ref().is_some_and(|p| p < u))
                        && (s.parties.is_empty()
                            || s.parties.contains(party)
                            || s.parties.len() >= 2)
                }) {
                    // A party's own word that it kept its side proves nothing.
                    let own_word = s.act == Act::TermMet
                        && s.by.as_ref() == Some(party)
                        && s.parties.len() < 2;
                    c.met = match s.act {
                        Act::TermUnmet => Some(false),
                        _ if own_word => c.met,
                        _ => Some(true),
                    };
                    c.sources.push(source(s));
                }
                out.push(c);
            }
        }
    }
    out
}
