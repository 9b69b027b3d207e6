//! A report's accounts: each violent event it tells, with its place, date, side and
//! sentence, and the figures that count its victims.

use sitrep_model::{
    Account, AccountPlace, CountedFigure, Event, Figure, FigureKind, PeriodFigure, PlaceKind,
    Record, Status,
};

use super::day;

/// PLOVER types that make an incident: violence and force. Talks, appeals and accusations
/// are what parties say about incidents, not incidents.
const INCIDENT_TYPES: &[&str] = &["ASSAULT", "FIGHT", "COERCE"];

/// An event dated this many days before its report is background, not news.
const BACKGROUND_DAYS: i64 = 7;

/// How specific a place is: lower is finer.
pub(crate) fn rank(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Landmark | PlaceKind::Village => 0,
        PlaceKind::City | PlaceKind::Admin3 => 1,
        PlaceKind::Admin2 => 2,
        PlaceKind::Border | PlaceKind::Water => 3,
        PlaceKind::Admin1 => 4,
        PlaceKind::Region => 5,
        PlaceKind::Country => 6,
    }
}

/// Places finer than a first-level division name one spot.
pub(crate) fn is_specific(kind: PlaceKind) -> bool {
    rank(kind) <= 2
}

fn place_of(
    record: &Record,
    name: &str,
    kind: PlaceKind,
    country: Option<&String>,
) -> AccountPlace {
    let known = record
        .places
        .iter()
        .find(|p| p.name == name && p.country.as_ref() == country);
    AccountPlace {
        name: name.to_string(),
        kind,
        country: country.cloned(),
        admin1: known.and_then(|p| p.admin1.clone()),
        lat: known.and_then(|p| p.lat),
        lon: known.and_then(|p| p.lon),
    }
}

/// The event's finest place.
fn event_place(record: &Record, e: &Event) -> Option<AccountPlace> {
    e.locations.iter().min_by_key(|l| rank(l.kind)).map(|l| {
        let mut p = place_of(record, &l.name, l.kind, l.country.as_ref());
        p.lat = p.lat.or(l.lat);
        p.lon = p.lon.or(l.lon);
        p
    })
}

/// Where the report takes place: the specific place its events name most, else the
/// specific place it mentions most (first mentioned on a tie).
fn focus(record: &Record) -> Option<AccountPlace> {
    // "DUSHANBE — …", "KYIV, Oct 6 (Wire) - …": the dateline says where the report was
    // filed, not where anything happened.
    let text = &record.document.text;
    let dateline_end = text
        .get(..text.len().min(80))
        .and_then(|head| head.find(['—', '–']).or_else(|| head.find(" - ")))
        .unwrap_or(0);
    let mut best: Option<(usize, usize, &sitrep_model::Place)> = None;
    for p in record
        .places
        .iter()
        .filter(|p| is_specific(p.kind) && p.spans.iter().any(|s| s.start >= dateline_end))
    {
        let in_events = record
            .events
            .iter()
            .filter(|e| e.locations.iter().any(|l| l.name == p.name))
            .count();
        let first = p.spans.first().map_or(usize::MAX, |s| s.start);
        let score = (in_events, p.spans.len());
        let better = match best {
            None => true,
            Some((e, n, q)) => {
                let qfirst = q.spans.first().map_or(usize::MAX, |s| s.start);
                score > (e, n) || (score == (e, n) && first < qfirst)
            }
        };
        if better {
            best = Some((score.0, score.1, p));
        }
    }
    best.map(|(_, _, p)| AccountPlace {
        name: p.name.clone(),
        kind: p.kind,
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        lat: p.lat,
        lon: p.lon,
    })
}

fn counted(record: &Record, f: &Figure) -> CountedFigure {
    CountedFigure {
        figure: f.clone(),
        sentence: record.sentence_text(f.evidence.sentence).to_string(),
    }
}

fn counts_victims(kind: FigureKind) -> bool {
    !matches!(kind, FigureKind::Detained)
}

/// The report's accounts of violent happenings. `copy_of` names the report this one
/// reprints, if it is a syndicated copy.
pub fn accounts(record: &Record, copy_of: Option<&str>) -> Vec<Account> {
    let doc = &record.document;
    let published = doc.published.as_deref().and_then(day);
    let focus = focus(record);
    let mut out: Vec<Account> = Vec::new();
    for (i, e) in record.events.iter().enumerate() {
        if !INCIDENT_TYPES.contains(&e.plover.as_str())
            || matches!(e.status, Status::Scheduled | Status::Hypothetical)
        {
            continue;
        }
        let date = e.date.as_deref().and_then(day);
        if let (Some(d), Some(p)) = (date, published)
            && (p - d).num_days() > BACKGROUND_DAYS
        {
            continue;
        }
        // Actor 2 may be the victims a figure counts ("35 people"), not a party the report
        // names.
        let actor2_counted = e
            .actor2
            .as_ref()
            .is_some_and(|n| !record.actors.iter().any(|a| &a.name == n));
        // An event its sentence does not place happens where the report does, unless its
        // target is said to be of another country.
        let place = event_place(record, e).or_else(|| {
            focus.clone().filter(|f| {
                actor2_counted
                    || e.actor2_country.is_none()
                    || e.actor2_country.as_ref() == f.country.as_ref()
            })
        });
        out.push(Account {
            report: doc.id.clone(),
            published: doc.published.clone(),
            source: doc.source.clone(),
            copy_of: copy_of.map(str::to_string),
            event: Some(i),
            plover: Some(e.plover.clone()),
            event_type: e.event_type.clone(),
            sub_event_type: e.sub_event_type.clone(),
            actor1: e.actor1.clone(),
            actor1_country: e.actor1_country.clone(),
            actor2: e.actor2.clone(),
            actor2_country: e.actor2_country.clone(),
            actor2_counted,
            date: date.or(published).map(|d| d.to_string()),
            date_from_published: date.is_none(),
            place,
            status: e.status,
            side: e.claimed_by_country.clone(),
            claimed_by: e.claimed_by.clone(),
            sentence_index: e.evidence.sentence,
            sentence: record.sentence_text(e.evidence.sentence).to_string(),
            figures: Vec::new(),
        });
    }
    // Each incident figure goes to the account it most likely counts: in its country, at
    // its place if it names one, told in the nearest sentence at or before it.
    for f in record
        .figures
        .iter()
        .filter(|f| !f.cumulative && counts_victims(f.kind))
    {
        let fits = |a: &Account| {
            let c = a.place.as_ref().and_then(|p| p.country.as_ref());
            (f.country.is_none() || c.is_none() || c == f.country.as_ref())
                && f.place.as_ref().is_none_or(|fp| {
                    a.place
                        .as_ref()
                        .is_some_and(|p| &p.name == fp || p.admin1.as_ref() == Some(fp))
                })
        };
        let s = f.evidence.sentence;
        let pick = out
            .iter()
            .enumerate()
            .filter(|(_, a)| a.event.is_some() && fits(a))
            .min_by_key(|(_, a)| {
                let d = a.sentence_index as i64 - s as i64;
                // Before or in the same sentence first, then after.
                if d <= 0 { (0, -d) } else { (1, d) }
            })
            .map(|(k, _)| k);
        match pick {
            Some(k) => out[k].figures.push(counted(record, f)),
            None => figure_only(record, f, focus.as_ref(), copy_of, &mut out),
        }
    }
    out
}

/// A figure no event of its report counts ("the toll rose to 19") makes an account of its
/// own, placed where the figure or the report is, which may join an incident.
fn figure_only(
    record: &Record,
    f: &Figure,
    focus: Option<&AccountPlace>,
    copy_of: Option<&str>,
    out: &mut Vec<Account>,
) {
    let place = f
        .place
        .as_ref()
        .and_then(|name| record.places.iter().find(|p| &p.name == name))
        .map(|p| place_of(record, &p.name, p.kind, p.country.as_ref()))
        .or_else(|| {
            focus
                .filter(|p| f.country.is_none() || p.country == f.country)
                .cloned()
        });
    let Some(place) = place else { return };
    if let Some(a) = out
        .iter_mut()
        .find(|a| a.event.is_none() && a.place.as_ref() == Some(&place))
    {
        a.figures.push(counted(record, f));
        return;
    }
    let doc = &record.document;
    out.push(Account {
        report: doc.id.clone(),
        published: doc.published.clone(),
        source: doc.source.clone(),
        copy_of: copy_of.map(str::to_string),
        event: None,
        plover: None,
        event_type: None,
        sub_event_type: None,
        actor1: None,
        actor1_country: None,
        actor2: None,
        actor2_country: None,
        actor2_counted: false,
        date: doc
            .published
            .as_deref()
            .and_then(day)
            .map(|d| d.to_string()),
        date_from_published: true,
        place: Some(place),
        status: Status::Reported,
        side: f.claimed_by_country.clone(),
        claimed_by: f.claimed_by.clone(),
        sentence_index: f.evidence.sentence,
        sentence: record.sentence_text(f.evidence.sentence).to_string(),
        figures: vec![counted(record, f)],
    });
}

/// The report's period totals ("since 6 October, at least 340 killed"): tallied as they
/// are, never added to the incidents inside them.
pub fn period_figures(record: &Record, copy_of: Option<&str>) -> Vec<PeriodFigure> {
    record
        .figures
        .iter()
        .filter(|f| f.cumulative && counts_victims(f.kind))
        .map(|f| PeriodFigure {
            report: record.document.id.clone(),
            published: record.document.published.clone(),
            copy_of: copy_of.map(str::to_string),
            sentence: record.sentence_text(f.evidence.sentence).to_string(),
            figure: f.clone(),
        })
        .collect()
}
