//! When: the date mention nearest the trigger, in its clause first. A bare weekday for a
//! scheduled event points forward ("talks will be held on Wednesday").

use chrono::NaiveDate;
use sitrep_model::Status;

use super::Site;
use crate::extract::dates::{DateMention, Sense, resolve_weekday};

/// The event's date (when known) and the words that gave it.
pub(super) fn date_for(
    dates: &[DateMention],
    site: &Site,
    status: Status,
    published: Option<NaiveDate>,
) -> Option<(Option<String>, String)> {
    let (cs, ce, t) = (site.cs, site.ce, site.start);
    let in_clause = dates
        .iter()
        .filter(|d| d.start >= cs && d.end <= ce)
        .min_by_key(|d| d.start.abs_diff(t));
    let d = in_clause.or_else(|| dates.iter().min_by_key(|d| d.start.abs_diff(t)))?;
    let mut date = d.date;
    if status == Status::Scheduled
        && d.sense == Sense::Either
        && let (Some(p), Some(wd)) = (published, weekday_of(&d.text))
    {
        date = Some(resolve_weekday(p, wd, Sense::Future));
    }
    Some((date.map(|d| d.to_string()), d.text.clone()))
}

fn weekday_of(text: &str) -> Option<chrono::Weekday> {
    text.split_whitespace().last()?.parse().ok()
}
