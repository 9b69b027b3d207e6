//! Roles after the events are found: a party the text names without a country ("militants",
//! "police", "the army", "demonstrators") acts where its event happens. ANNOTATION.md codes a
//! non-state armed group with the country it operates in, and forces, police and crowds with
//! no demonym with the country they act in. Persons, states, international bodies and NGOs
//! keep what the text says of them: a minister abroad is not of the country he visits.

use sitrep_model::{Actor, ActorKind, Event, Figure, FigureKind};

use crate::lexicon::Lexicon;

/// A protest or a riot is made by a crowd: one the text does not name is its protesters or
/// rioters, as ACLED codes them ("violent rioting follows in Guatemala City"). Who the crowd
/// is and where it stands is then the generic party's rule below.
pub fn crowds(events: &mut [Event]) {
    for e in events.iter_mut().filter(|e| e.actor1.is_none()) {
        e.actor1 = match e.event_type.as_deref() {
            Some("Protests") => Some("protesters".to_string()),
            Some("Riots") => Some("rioters".to_string()),
            _ => None,
        };
    }
}

/// Fills `actor1_country` and `actor2_country` from the event's place, where the actor is a
/// generic party and all the event's located places lie in one country.
pub fn home_countries(events: &mut [Event], actors: &[Actor], lex: &Lexicon) {
    for e in events.iter_mut() {
        let mut countries = e.locations.iter().filter_map(|l| l.country.as_deref());
        let Some(first) = countries.next() else {
            continue;
        };
        if countries.any(|c| c != first) {
            continue;
        }
        let here = first.to_string();
        for (name, country) in [
            (&e.actor1, &mut e.actor1_country),
            (&e.actor2, &mut e.actor2_country),
        ] {
            if country.is_none()
                && name
                    .as_deref()
                    .is_some_and(|n| acts_locally(n, actors, lex))
            {
                *country = Some(here.clone());
            }
        }
    }
}

/// An attack with no target named but victims counted in its sentence ("a suicide bomber
/// kills at least 35 people in Baghdad") is aimed at them: actor 2 is the person noun the
/// figure counts, of the figure's country; a figure that names no person ("13 were killed")
/// gives its population's word ("civilians", "combatants", "people"). Not when the victims
/// are of the attacker's own country.
pub fn counted_victims(events: &mut [Event], figures: &[Figure], text: &str, lex: &Lexicon) {
    for e in events.iter_mut() {
        if e.actor2.is_some() || e.plover != "ASSAULT" {
            continue;
        }
        let victims = figures.iter().find_map(|f| {
            let harmed = matches!(
                f.kind,
                FigureKind::Killed
                    | FigureKind::Wounded
                    | FigureKind::Casualties
                    | FigureKind::Missing
            );
            if !harmed || f.evidence.sentence != e.evidence.sentence || f.cumulative {
                return None;
            }
            let country = f.country.clone()?;
            let noun = person_noun(f, text, lex).unwrap_or_else(|| {
                match f.population {
                    sitrep_model::Population::Civilian => "civilians",
                    sitrep_model::Population::Military => "combatants",
                    sitrep_model::Population::Unspecified => "people",
                }
                .to_string()
            });
            Some((noun, country))
        });
        if let Some((noun, country)) = victims
            && e.actor1_country.as_deref() != Some(country.as_str())
        {
            e.actor2 = Some(noun);
            e.actor2_country = Some(country);
        }
    }
}

/// The last person noun of a figure's words ("at least 35 people" → "people").
fn person_noun(f: &Figure, text: &str, lex: &Lexicon) -> Option<String> {
    let (start, end) = (f.evidence.span.start, f.evidence.span.end);
    let words = text.get(start..end)?;
    let tokens = lex.tokenize(words, sitrep_model::Span::new(0, words.len()));
    let mut noun = None;
    let mut i = 0;
    while i < tokens.len() {
        match lex.figures.match_at(&tokens, i) {
            Some(m) if m.value.kind.is_none() => {
                noun = Some(words[tokens[i].span.start..tokens[m.end - 1].span.end].to_string());
                i = m.end;
            }
            Some(m) => i = m.end,
            None => i += 1,
        }
    }
    noun
}

/// Whether a party takes the country of the place it acts in: forces, police, armed groups,
/// crowds and civilians, and, when the record has no entry for the name, a name in lower
/// case ("gunmen", "security forces") or ending in a group's word ("Protesters").
fn acts_locally(name: &str, actors: &[Actor], lex: &Lexicon) -> bool {
    match actors.iter().find(|a| a.name == name) {
        Some(a) => matches!(
            a.kind,
            ActorKind::Military
                | ActorKind::Police
                | ActorKind::Rebel
                | ActorKind::Civilians
                | ActorKind::Government
                | ActorKind::Other
        ),
        None => {
            let tokens = lex.tokenize(name, sitrep_model::Span::new(0, name.len()));
            name.split_whitespace()
                .all(|w| w.chars().next().is_some_and(|c| !c.is_uppercase()))
                || (0..tokens.len()).any(|k| {
                    lex.groups
                        .match_at(&tokens, k)
                        .is_some_and(|m| m.end == tokens.len())
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{EventLocation, PlaceKind};

    fn event(a1: &str, a2: Option<&str>, countries: &[&str]) -> Event {
        let mut e: Event = serde_json::from_value(serde_json::json!({
            "plover": "ASSAULT", "mode": null, "event_type": null, "sub_event_type": null,
            "actor1": a1, "actor1_country": null, "actor2": a2, "actor2_country": null,
            "locations": [], "date": null, "date_text": null, "status": "reported",
            "claimed_by": null, "claimed_by_country": null, "trigger": "attacked",
            "evidence": {"sentence": 0, "span": [0, 1]}
        }))
        .unwrap();
        e.locations = countries
            .iter()
            .map(|c| EventLocation {
                name: "X".into(),
                country: Some(c.to_string()),
                kind: PlaceKind::City,
                lat: None,
                lon: None,
            })
            .collect();
        e
    }

    fn actor(name: &str, kind: ActorKind) -> Actor {
        Actor {
            name: name.into(),
            kind,
            country: None,
            role: None,
            spans: Vec::new(),
        }
    }

    #[test]
    fn generic_parties_act_where_their_event_is() {
        let actors = [
            actor("Police", ActorKind::Police),
            actor("Erna Solberg", ActorKind::Person),
        ];
        let mut evs = [
            event("Police", Some("demonstrators"), &["BH"]),
            event("Erna Solberg", None, &["CN"]),
            event("militants", None, &["PK", "AF"]),
        ];
        home_countries(&mut evs, &actors, &Lexicon::builtin());
        assert_eq!(evs[0].actor1_country.as_deref(), Some("BH"));
        assert_eq!(evs[0].actor2_country.as_deref(), Some("BH"));
        // A person abroad keeps no country the text did not give; two countries say nothing.
        assert_eq!(evs[1].actor1_country, None);
        assert_eq!(evs[2].actor1_country, None);
    }
}
