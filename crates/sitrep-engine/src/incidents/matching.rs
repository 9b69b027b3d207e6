//! Does this account tell an incident already known? Compatible type, the same or a nested
//! place, dates within a day or two, and actors that are the same or mirrored (each side
//! blames the other for the same clash). A wrong merge hides an incident, so an account
//! with nothing to place it joins nothing.

use sitrep_model::{Account, AccountPlace, Profile};

use super::accounts::{is_specific, rank};
use super::day;
use crate::gazetteer::fold_name;

/// PLOVER types that can be one happening told differently: an army's "strike" is the other
/// side's "attack" or "clash".
fn compatible_types(a: &str, b: &str) -> bool {
    const FORCE: &[&str] = &["ASSAULT", "FIGHT", "COERCE"];
    a == b || (FORCE.contains(&a) && FORCE.contains(&b))
}

fn km(a: &AccountPlace, b: &AccountPlace) -> Option<f64> {
    let (la1, lo1, la2, lo2) = (a.lat?, a.lon?, b.lat?, b.lon?);
    let (p1, p2) = (la1.to_radians(), la2.to_radians());
    let dp = p2 - p1;
    let dl = (lo2 - lo1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    Some(2.0 * 6371.0 * h.sqrt().min(1.0).asin())
}

/// How two places relate: 3 the same, 2 one inside the other (or a few km apart), 1 only
/// the same country, 0 different places.
fn relation(a: &AccountPlace, b: &AccountPlace) -> u8 {
    if a.country.is_some() && b.country.is_some() && a.country != b.country {
        return 0;
    }
    if fold_name(&a.name) == fold_name(&b.name)
        && (rank(a.kind) == rank(b.kind) || a.country == b.country)
    {
        return 3;
    }
    let near = km(a, b);
    if is_specific(a.kind) && is_specific(b.kind) {
        // Two spots: the same happening only if they are next to each other (a district of
        // a city, a village by a town).
        return match near {
            Some(d) if d <= 5.0 => 3,
            Some(d) if d <= 15.0 => 2,
            _ => 0,
        };
    }
    let (fine, coarse) = if rank(a.kind) <= rank(b.kind) {
        (a, b)
    } else {
        (b, a)
    };
    let inside = match coarse.kind {
        sitrep_model::PlaceKind::Country => {
            fine.country.is_some() && fine.country == coarse.country
        }
        _ => {
            fine.admin1
                .as_ref()
                .is_some_and(|a1| fold_name(a1) == fold_name(&coarse.name))
                || (coarse.admin1.is_some()
                    && fine.admin1 == coarse.admin1
                    && !is_specific(fine.kind))
        }
    };
    if inside && coarse.kind != sitrep_model::PlaceKind::Country {
        2
    } else if a.country.is_some() && a.country == b.country {
        1
    } else {
        0
    }
}

/// The longest an incident lasts, first to last day.
const MAX_SPAN_DAYS: i64 = 3;

/// How far apart in days the account's date and the incident's dates can be. A date taken
/// from the publication may be a day or two after the happening.
fn day_gap(p: &Profile, a: &Account) -> Option<i64> {
    let d = day(a.date.as_deref()?)?;
    let first = day(p.first_date.as_deref()?)?;
    let last = p.last_date.as_deref().and_then(day).unwrap_or(first);
    let lo = if a.date_from_published {
        d - chrono::Days::new(2)
    } else {
        d
    };
    // One incident spans a few days at most: a town shelled every day is many incidents,
    // not one that grows with each report.
    if (lo.max(last) - first.min(lo)).num_days() > MAX_SPAN_DAYS {
        return None;
    }
    if d < first {
        Some((first - d).num_days())
    } else if lo > last {
        Some((lo - last).num_days())
    } else {
        Some(0)
    }
}

/// The countries of the parties the account names: victims a figure counts are no party.
fn named_countries(a: &Account) -> impl Iterator<Item = &String> {
    let second = a.actor2_country.as_ref().filter(|_| !a.actor2_counted);
    a.actor1_country.iter().chain(second)
}

/// How well the account fits the incident, or `None` when it cannot be the same happening.
/// Higher is better.
pub fn affinity(p: &Profile, a: &Account) -> Option<u32> {
    let gap = day_gap(p, a)?;
    if gap > 2 {
        return None;
    }
    if let (Some(x), Some(y)) = (&p.plover, &a.plover)
        && !compatible_types(x, y)
    {
        return None;
    }
    let mine: Vec<&String> = named_countries(a).collect();
    let actors_agree = mine.iter().any(|c| p.actor_countries.contains(c));
    if !mine.is_empty() && !p.actor_countries.is_empty() && !actors_agree {
        return None;
    }
    let place = a.place.as_ref()?;
    let best = p.place.as_ref()?;
    let rel = relation(best, place);
    // A coarser place ("Kharkiv region") fits an incident within it; two different spots
    // never merge, nor do accounts that share only a country.
    if rel < 2 {
        return None;
    }
    // A figure alone ("the toll rose to 19") joins only the incident at its very place.
    if a.event.is_none() && rel < 3 {
        return None;
    }
    Some(u32::from(rel) * 10 + (2 - gap as u32) * 3 + u32::from(actors_agree) * 2)
}

/// Takes the account into the incident's profile.
pub fn absorb(p: &mut Profile, a: &Account) {
    if let Some(d) = &a.date {
        // A date from the publication only bounds the happening from above.
        if p.first_date.as_ref().is_none_or(|f| d < f)
            && (!a.date_from_published || p.first_date.is_none())
        {
            p.first_date = Some(d.clone());
        }
        if p.last_date.as_ref().is_none_or(|l| d > l) && !a.date_from_published {
            p.last_date = Some(d.clone());
        }
        if p.last_date.is_none() {
            p.last_date = p.first_date.clone();
        }
    }
    if p.plover.is_none() {
        p.plover = a.plover.clone();
    }
    if p.event_type.is_none() {
        p.event_type = a.event_type.clone();
        p.sub_event_type = a.sub_event_type.clone();
    }
    // The attacker and target as an unframed report gives them, else the first account.
    if a.side.is_none() || p.actor1_country.is_none() {
        if a.actor1_country.is_some() && (a.side.is_none() || p.actor1_country.is_none()) {
            p.actor1_country = a.actor1_country.clone();
        }
        if a.actor2_country.is_some() && (a.side.is_none() || p.actor2_country.is_none()) {
            p.actor2_country = a.actor2_country.clone();
        }
    }
    for c in named_countries(a) {
        if !p.actor_countries.contains(c) {
            p.actor_countries.push(c.clone());
        }
    }
    if let Some(pl) = &a.place {
        if p.place
            .as_ref()
            .is_none_or(|b| rank(pl.kind) < rank(b.kind))
        {
            p.place = Some(pl.clone());
        }
        if !p
            .places
            .iter()
            .any(|q| q.name == pl.name && q.country == pl.country)
        {
            p.places.push(pl.clone());
        }
    }
    if !p.reports.contains(&a.report) {
        p.reports.push(a.report.clone());
    }
}

/// The first dates (inclusive) of the incidents the account could join: an incident lasts
/// at most a few days, so its first day lies a little before the account's date at most.
pub fn window(a: &Account) -> Option<(String, String)> {
    let d = day(a.date.as_deref()?)?;
    Some((
        (d - chrono::Days::new(2 + MAX_SPAN_DAYS as u64 + 1)).to_string(),
        (d + chrono::Days::new(2)).to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::PlaceKind;

    fn place(name: &str, kind: PlaceKind, admin1: &str, lat: f64, lon: f64) -> AccountPlace {
        AccountPlace {
            name: name.into(),
            kind,
            country: Some("UA".into()),
            admin1: Some(admin1.into()),
            lat: Some(lat),
            lon: Some(lon),
        }
    }

    fn account(report: &str, date: &str, at: AccountPlace, actors: [Option<&str>; 2]) -> Account {
        let mut a = super::super::fixtures::account(report, date);
        a.place = Some(at);
        a.actor1_country = actors[0].map(str::to_string);
        a.actor2_country = actors[1].map(str::to_string);
        a
    }

    fn town() -> AccountPlace {
        place("Kupiansk", PlaceKind::City, "Kharkiv", 49.71, 37.61)
    }

    fn incident(a: &Account) -> Profile {
        let mut p = Profile::default();
        absorb(&mut p, a);
        p
    }

    #[test]
    fn same_place_within_days_and_mirrored_actors_merge() {
        let p = incident(&account(
            "a",
            "2025-10-06",
            town(),
            [Some("RU"), Some("UA")],
        ));
        // The other side tells it the other way round, a day later.
        let b = account("b", "2025-10-07", town(), [Some("UA"), Some("RU")]);
        assert!(affinity(&p, &b).is_some());
        // "Kharkiv region" holds the town.
        let region = place("Kharkiv", PlaceKind::Admin1, "Kharkiv", 49.5, 36.5);
        assert!(
            affinity(
                &p,
                &account("c", "2025-10-06", region.clone(), [None, None])
            )
            .is_some()
        );
        // A figure alone needs the very place.
        let mut fig = account("d", "2025-10-06", region, [None, None]);
        fig.event = None;
        assert!(affinity(&p, &fig).is_none());
    }

    #[test]
    fn other_towns_other_weeks_and_other_wars_stay_apart() {
        let p = incident(&account(
            "a",
            "2025-10-06",
            town(),
            [Some("RU"), Some("UA")],
        ));
        let other = place("Balakliia", PlaceKind::City, "Kharkiv", 49.46, 36.84);
        assert!(affinity(&p, &account("b", "2025-10-06", other, [Some("RU"), None])).is_none());
        assert!(affinity(&p, &account("c", "2025-10-12", town(), [Some("RU"), None])).is_none());
        assert!(affinity(&p, &account("d", "2025-10-06", town(), [Some("SD"), None])).is_none());
    }

    #[test]
    fn counted_victims_are_no_party_to_match_on() {
        let p = incident(&account("a", "2025-10-06", town(), [Some("RU"), None]));
        // "Shelling kills 12 people in Kupiansk": the victims' country is no named side.
        let mut victims = account("b", "2025-10-06", town(), [None, Some("UA")]);
        victims.actor2_counted = true;
        assert!(affinity(&p, &victims).is_some());
        let mut q = incident(&victims);
        absorb(&mut q, &victims);
        assert!(q.actor_countries.is_empty());
        // Named as a party, the same country would have to agree.
        victims.actor2_counted = false;
        let sudan = incident(&account("c", "2025-10-06", town(), [Some("SD"), None]));
        assert!(affinity(&sudan, &victims).is_none());
    }

    #[test]
    fn an_incident_does_not_grow_day_by_day() {
        let mut p = incident(&account("a", "2025-10-01", town(), [None, None]));
        let mut joined = 0;
        for d in 2..=9 {
            let a = account("x", &format!("2025-10-0{d}"), town(), [None, None]);
            if affinity(&p, &a).is_some() {
                absorb(&mut p, &a);
                joined += 1;
            }
        }
        assert_eq!(joined, 3, "{p:?}");
    }
}
