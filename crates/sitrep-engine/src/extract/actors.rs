//! Actors: the states, institutions, organisations and people a report names, each once.

use sitrep_model::{Actor, ActorKind, Span};

use super::analysis::Analysis;
use super::mentions::MentionKind;
use super::places::{Places, Role};
use crate::gazetteer::Gazetteer;

pub fn extract_actors(a: &Analysis, places: &Places, gaz: &Gazetteer) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    for s in &a.sentences {
        let heading = super::summary::is_heading(&a.text[s.span.start..s.span.end]);
        for (mi, m) in s.mentions.iter().enumerate() {
            let state = |iso2: &str| {
                gaz.country(iso2)
                    .map(|c| (c.name.clone(), ActorKind::State, Some(c.iso2.clone()), None))
            };
            let found = match &m.kind {
                MentionKind::Country | MentionKind::Demonym => m.country.as_deref().and_then(state),
                MentionKind::Place { .. } if places.role(s.index, mi) == Some(Role::State) => {
                    places.state_of(s.index, mi).and_then(state)
                }
                MentionKind::Institution { kind, .. } => {
                    let name = m
                        .name
                        .strip_prefix("the ")
                        .or_else(|| m.name.strip_prefix("The "))
                        .unwrap_or(&m.name);
                    Some((name.to_string(), *kind, m.country.clone(), None))
                }
                // "a UNESCO World Heritage site": an organisation naming something else is no actor.
                MentionKind::Organisation { .. }
                    if s.tokens.get(m.end).is_some_and(|t| t.capitalised) && !heading =>
                {
                    None
                }
                MentionKind::Organisation { kind } => {
                    Some((m.name.clone(), *kind, m.country.clone(), None))
                }
                MentionKind::Person { role } => Some((
                    m.name.clone(),
                    ActorKind::Person,
                    m.country.clone(),
                    role.clone(),
                )),
                _ => None,
            };
            // The owner of a person or an institution is an actor too ("Malaysian Prime Minister …").
            if matches!(
                m.kind,
                MentionKind::Person { .. } | MentionKind::Institution { .. }
            ) && let Some((name, kind, country, role)) = m.country.as_deref().and_then(state)
            {
                add(&mut out, name, kind, country, role, None);
            }
            if let Some((name, kind, country, role)) = found {
                add(&mut out, name, kind, country, role, Some(m.span));
            }
        }
    }
    out
}

fn add(
    out: &mut Vec<Actor>,
    name: String,
    kind: ActorKind,
    country: Option<String>,
    role: Option<String>,
    span: Option<Span>,
) {
    if let Some(a) = out.iter_mut().find(|a| a.name == name && a.kind == kind) {
        if let Some(sp) = span
            && !a.spans.contains(&sp)
        {
            a.spans.push(sp);
        }
        if a.country.is_none() {
            a.country = country;
        }
        if a.role.is_none() {
            a.role = role;
        }
        return;
    }
    out.push(Actor {
        name,
        kind,
        country,
        role,
        spans: span.into_iter().collect(),
    });
}
