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
    if d < first {
        Some((first - d).num_days())
    } else if lo > last {
        Some((lo - last).num_days())
    } else {
        Some(0)
    }
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
    let mine: Vec<&String> = [&a.actor1_country, &a.actor2_country]
        .into_iter()
        .flatten()
        .collect();
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
    for c in [&a.actor1_country, &a.actor2_country].into_iter().flatten() {
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
