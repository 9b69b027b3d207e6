//! Where an event happens: the places of its clause. A speech act (an accusation, an
//! appeal) is not placed by the places of what it speaks about; an assault on a target
//! named by its nationality ("two Cambodian military targets") is in that country.

use sitrep_model::{EventLocation, PlaceKind};

use super::Site;
use super::detect::place_attached;
use super::roles::Parties;
use crate::extract::mentions::MentionKind;
use crate::extract::places::{Places, Role};

/// The place a mention names, as an event's location, once.
pub(in crate::extract) fn add_location(
    locations: &mut Vec<EventLocation>,
    places: &Places,
    sentence: usize,
    mi: usize,
) {
    if let Some(Role::Place(p)) = places.role(sentence, mi) {
        let place = &places.places[p];
        if !locations.iter().any(|l| l.name == place.name) {
            locations.push(EventLocation {
                name: place.name.clone(),
                country: place.country.clone(),
                kind: place.kind,
                lat: place.lat,
                lon: place.lon,
            });
        }
    }
}

/// The clause's places, and whether one stands right after the trigger.
pub(super) fn of_clause(site: &Site) -> (Vec<EventLocation>, bool) {
    let mut locations = Vec::new();
    let mut place_after = false;
    if site.lex.plover_class(&site.trig.plover).speech_act {
        return (locations, place_after);
    }
    for (mi, mm) in site.s.mentions.iter().enumerate() {
        if mm.start < site.cs || mm.end > site.ce {
            continue;
        }
        place_after |= place_attached(site, mi);
        add_location(&mut locations, site.places, site.s.index, mi);
    }
    (locations, place_after)
}

/// "two Cambodian military targets": an assault with no place on a target named by its
/// nationality is in that country.
pub(super) fn target_nationality(
    site: &Site,
    parties: &Parties,
    locations: &mut Vec<EventLocation>,
) {
    if locations.is_empty()
        && site.trig.plover == "ASSAULT"
        && let Some(target) = parties.actor2.as_ref()
        && target
            .mention
            .is_some_and(|mi| site.s.mentions[mi].kind == MentionKind::Demonym)
        && let Some(c) = target.country.clone()
    {
        locations.push(EventLocation {
            name: country_name(site.places, &c).unwrap_or(c.clone()),
            country: Some(c),
            kind: PlaceKind::Country,
            lat: None,
            lon: None,
        });
    }
}

/// The name the report gives a country, when it names it.
pub(super) fn country_name(places: &Places, iso2: &str) -> Option<String> {
    places
        .places
        .iter()
        .find(|p| p.kind == PlaceKind::Country && p.country.as_deref() == Some(iso2))
        .map(|p| p.name.clone())
}
