//! Tallies: how many were killed, wounded or displaced per country, without counting
//! anyone twice. Within one incident and one side's account the latest figure supersedes
//! the earlier ones, and a syndicated copy never counts; the side that holds the place gives
//! the incident's figure, the other side only widens the range. A period total ("since
//! 6 October, at least 340") is the tally for what it covers: incident counts inside it are
//! never added to it, and are summed only where no period total covers them.

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{FigureKind, Incident, PeriodFigure, Tally, TallyPoint, TallySource};

/// Which tallies to give.
#[derive(Debug, Clone, Default)]
pub struct TallyQuery {
    pub countries: Vec<String>,
    pub kinds: Vec<FigureKind>,
    /// Only figures from reports published on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
}

/// A current count with its source.
#[derive(Debug, Clone)]
struct Count {
    source: TallySource,
}

fn published_by(p: &Option<String>, as_of: Option<&str>) -> bool {
    match (p, as_of) {
        (_, None) => true,
        (Some(p), Some(d)) => p.as_str() <= d,
        (None, Some(_)) => true,
    }
}

/// Each incident's current count for one country and kind as of a date: the side holding
/// the place first; `(latest, low, high)`.
fn incident_counts(
    incidents: &[Incident],
    country: &str,
    kind: FigureKind,
    since: Option<&str>,
    as_of: Option<&str>,
) -> Vec<(Count, u64, u64, Option<String>)> {
    let mut out = Vec::new();
    for inc in incidents {
        let place_country = inc.profile.place.as_ref().and_then(|p| p.country.clone());
        // side → latest figure of that side's account
        let mut by_side: BTreeMap<Option<String>, Count> = BTreeMap::new();
        for a in &inc.accounts {
            if a.copy_of.is_some()
                || !published_by(&a.published, as_of)
                || since.is_some_and(|s| a.published.as_deref().is_some_and(|p| p < s))
            {
                continue;
            }
            for cf in a.figures.iter().filter(|f| f.figure.kind == kind) {
                let f = &cf.figure;
                let fc = f.country.clone().or_else(|| place_country.clone());
                if fc.as_deref() != Some(country) {
                    continue;
                }
                // Unframed figures are the reporting authority's, which is the side that
                // holds the place.
                let side = f
                    .claimed_by_country
                    .clone()
                    .or_else(|| a.side.clone())
                    .filter(|s| Some(s) != place_country.as_ref());
                let c = Count {
                    source: TallySource {
                        report: a.report.clone(),
                        published: a.published.clone(),
                        count: f.count,
                        qualifier: f.qualifier,
                        claimed_by: f.claimed_by.clone().or_else(|| a.claimed_by.clone()),
                        side: side.clone().or_else(|| place_country.clone()),
                        incident: Some(inc.id),
                        sentence: cf.sentence.clone(),
                    },
                };
                // Later reports supersede earlier ones; on the same day a toll only rises.
                let newer = by_side.get(&side).is_none_or(|old| {
                    (&c.source.published, c.source.count)
                        > (&old.source.published, old.source.count)
                });
                if newer {
                    by_side.insert(side, c);
                }
            }
        }
        if by_side.is_empty() {
            continue;
        }
        let low = by_side.values().map(|c| c.source.count).min().unwrap_or(0);
        let high = by_side.values().map(|c| c.source.count).max().unwrap_or(0);
        let holder = by_side
            .get(&None)
            .cloned()
            .or_else(|| by_side.values().max_by_key(|c| c.source.count).cloned());
        if let Some(h) = holder {
            out.push((h, low, high, inc.profile.first_date.clone()));
        }
    }
    out
}

/// One incident's current count of a kind, in its place's country: the count by the side
/// that holds the place, with the lowest and highest current counts across sides.
pub fn incident_count(inc: &Incident, kind: FigureKind) -> Option<(u64, u64, u64)> {
    let country = inc.profile.place.as_ref()?.country.clone()?;
    incident_counts(std::slice::from_ref(inc), &country, kind, None, None)
        .into_iter()
        .next()
        .map(|(c, low, high, _)| (c.source.count, low, high))
}

/// A tally's figures: latest, range, the period total used, the incidents' counts.
type Reckoning = (u64, [u64; 2], Option<TallySource>, Vec<TallySource>);

/// The tally for one country and kind as the reports stood on `as_of` (all reports when
/// `None`).
fn tally_one(
    incidents: &[Incident],
    periods: &[PeriodFigure],
    country: &str,
    kind: FigureKind,
    since: Option<&str>,
    as_of: Option<&str>,
) -> Option<Reckoning> {
    let counts = incident_counts(incidents, country, kind, since, as_of);
    // The current period totals: those of the latest date that gives one.
    let totals: Vec<&PeriodFigure> = periods
        .iter()
        .filter(|p| {
            p.copy_of.is_none()
                && p.figure.kind == kind
                && p.figure.country.as_deref() == Some(country)
                && published_by(&p.published, as_of)
                && since.is_none_or(|s| p.published.as_deref().is_some_and(|d| d >= s))
        })
        .collect();
    let as_of_total = totals.iter().filter_map(|p| p.published.clone()).max();
    let current: Vec<&&PeriodFigure> = totals
        .iter()
        .filter(|p| p.published == as_of_total)
        .collect();
    let sources: Vec<TallySource> = counts.iter().map(|c| c.0.source.clone()).collect();
    if let Some(best) = current.iter().max_by_key(|p| p.figure.count) {
        // Incidents after the period total's date are not in it.
        let after: Vec<&(Count, u64, u64, Option<String>)> = counts
            .iter()
            .filter(|c| {
                c.3.as_ref()
                    .zip(as_of_total.as_ref())
                    .is_some_and(|(d, t)| d > t)
            })
            .collect();
        let add: u64 = after.iter().map(|c| c.0.source.count).sum();
        let add_low: u64 = after.iter().map(|c| c.1).sum();
        let add_high: u64 = after.iter().map(|c| c.2).sum();
        let low = current.iter().map(|p| p.figure.count).min().unwrap_or(0);
        let src = TallySource {
            report: best.report.clone(),
            published: best.published.clone(),
            count: best.figure.count,
            qualifier: best.figure.qualifier,
            claimed_by: best.figure.claimed_by.clone(),
            side: best.figure.claimed_by_country.clone(),
            incident: None,
            sentence: best.sentence.clone(),
        };
        return Some((
            best.figure.count + add,
            [low + add_low, best.figure.count + add_high],
            Some(src),
            sources,
        ));
    }
    if counts.is_empty() {
        return None;
    }
    let latest = counts.iter().map(|c| c.0.source.count).sum();
    let low = counts.iter().map(|c| c.1).sum();
    let high = counts.iter().map(|c| c.2).sum();
    Some((latest, [low, high], None, sources))
}

/// Tallies per country and kind, each with its time series (one point per day a report
/// changed it).
pub fn tally(incidents: &[Incident], periods: &[PeriodFigure], q: &TallyQuery) -> Vec<Tally> {
    let kinds: Vec<FigureKind> = if q.kinds.is_empty() {
        vec![
            FigureKind::Killed,
            FigureKind::Wounded,
            FigureKind::Displaced,
        ]
    } else {
        q.kinds.clone()
    };
    let mut countries: BTreeSet<String> = BTreeSet::new();
    let mut days: BTreeSet<String> = BTreeSet::new();
    for inc in incidents {
        let pc = inc.profile.place.as_ref().and_then(|p| p.country.clone());
        for a in &inc.accounts {
            for f in &a.figures {
                if let Some(c) = f.figure.country.clone().or_else(|| pc.clone()) {
                    countries.insert(c);
                }
            }
            if let Some(p) = &a.published {
                days.insert(p.clone());
            }
        }
    }
    for p in periods {
        if let Some(c) = &p.figure.country {
            countries.insert(c.clone());
        }
        if let Some(d) = &p.published {
            days.insert(d.clone());
        }
    }
    let since = q.since.as_deref();
    let mut out = Vec::new();
    for country in countries
        .iter()
        .filter(|c| q.countries.is_empty() || q.countries.contains(c))
    {
        for &kind in &kinds {
            let Some((latest, range, cumulative, incidents_src)) =
                tally_one(incidents, periods, country, kind, since, None)
            else {
                continue;
            };
            let mut series: Vec<TallyPoint> = Vec::new();
            for d in days
                .iter()
                .filter(|d| since.is_none_or(|s| d.as_str() >= s))
            {
                if let Some((n, ..)) = tally_one(incidents, periods, country, kind, since, Some(d))
                    && series.last().is_none_or(|p| p.count != n)
                {
                    series.push(TallyPoint {
                        date: d.clone(),
                        count: n,
                    });
                }
            }
            out.push(Tally {
                country: country.clone(),
                kind,
                latest,
                range,
                basis: if cumulative.is_some() {
                    "cumulative"
                } else {
                    "incidents"
                }
                .to_string(),
                cumulative,
                incidents: incidents_src,
                series,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{
        Account, AccountPlace, CountedFigure, Evidence, Figure, PlaceKind, Population, Profile,
        Qualifier, Span,
    };

    fn figure(kind: FigureKind, count: u64, side: Option<&str>) -> Figure {
        Figure {
            kind,
            count,
            qualifier: Qualifier::Exact,
            count_high: None,
            country: Some("UA".into()),
            countries: Vec::new(),
            place: None,
            population: Population::Unspecified,
            period: None,
            cumulative: false,
            claimed_by: None,
            claimed_by_country: side.map(str::to_string),
            evidence: Evidence {
                sentence: 0,
                span: Span::new(0, 0),
            },
        }
    }

    fn account(report: &str, published: &str, figures: Vec<Figure>) -> Account {
        let mut a = super::super::fixtures::account(report, published);
        a.figures = figures
            .into_iter()
            .map(|figure| CountedFigure {
                figure,
                sentence: String::new(),
            })
            .collect();
        a
    }

    fn incident(id: i64, date: &str, accounts: Vec<Account>) -> Incident {
        Incident {
            id,
            profile: Profile {
                first_date: Some(date.into()),
                last_date: Some(date.into()),
                place: Some(AccountPlace {
                    name: "Town".into(),
                    kind: PlaceKind::City,
                    country: Some("UA".into()),
                    admin1: None,
                    lat: None,
                    lon: None,
                }),
                ..Profile::default()
            },
            accounts,
        }
    }

    fn killed(incidents: &[Incident], periods: &[PeriodFigure]) -> Tally {
        let q = TallyQuery {
            kinds: vec![FigureKind::Killed],
            ..TallyQuery::default()
        };
        tally(incidents, periods, &q).remove(0)
    }

    #[test]
    fn a_rising_toll_counts_its_latest_figure_and_copies_never_count() {
        let k = FigureKind::Killed;
        let mut copy = account("c", "2025-10-09", vec![figure(k, 12, None)]);
        copy.copy_of = Some("a".into());
        let inc = incident(
            1,
            "2025-10-08",
            vec![
                account("a", "2025-10-08", vec![figure(k, 12, None)]),
                account("b", "2025-10-09", vec![figure(k, 19, None)]),
                copy,
                // The attacker's side says fewer; it only widens the range.
                account("d", "2025-10-09", vec![figure(k, 2, Some("RU"))]),
            ],
        );
        let t = killed(&[inc], &[]);
        assert_eq!((t.latest, t.range), (19, [2, 19]));
        assert_eq!(t.basis, "incidents");
        let series: Vec<u64> = t.series.iter().map(|p| p.count).collect();
        assert_eq!(series, [12, 19]);
    }

    #[test]
    fn a_period_total_is_the_tally_and_later_incidents_are_added() {
        let k = FigureKind::Killed;
        let incidents = [
            incident(
                1,
                "2025-10-06",
                vec![account("a", "2025-10-06", vec![figure(k, 4, None)])],
            ),
            incident(
                2,
                "2025-10-12",
                vec![account("b", "2025-10-12", vec![figure(k, 3, None)])],
            ),
        ];
        let mut total = figure(k, 40, None);
        total.cumulative = true;
        total.period = Some("since".into());
        let period = |report: &str, copy: Option<&str>| PeriodFigure {
            report: report.into(),
            published: Some("2025-10-10".into()),
            copy_of: copy.map(str::to_string),
            sentence: String::new(),
            figure: total.clone(),
        };
        let t = killed(&incidents, &[period("p", None), period("q", Some("p"))]);
        // 40 covers incident 1 (not added); incident 2 came after it (added); the copy is
        // not a second total.
        assert_eq!(t.latest, 43);
        assert_eq!(t.basis, "cumulative");
    }
}
