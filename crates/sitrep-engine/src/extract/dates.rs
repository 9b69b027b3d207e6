//! Dates: weekdays, "yesterday", "last week", month names and explicit dates, resolved
//! against the report's publication date. Without an anchor the words are kept and the
//! date is `None`: never guessed.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::text::Token;

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Token range `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub date: Option<NaiveDate>,
    /// Whether the words point forward ("next week") or backward ("last week"): used when
    /// the tense of the clause is unknown.
    pub sense: Sense,
    /// Month-only or year-only: a period, not a day.
    pub coarse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Past,
    Future,
    Either,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(crate) fn month(norm: &str) -> Option<u32> {
    let n = norm.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == n
                || (n.len() >= 3 && m.starts_with(n) && n != "mar" && n != "may")
                || (n == "sept")
        })
        .map(|i| if n == "sept" { 9 } else { i as u32 + 1 })
        .or_else(|| (n == "mar").then_some(3))
}

fn weekday(norm: &str) -> Option<Weekday> {
    Some(match norm {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Finds date expressions in a sentence's tokens. `text` is the document text.
pub fn find_dates(text: &str, tokens: &[Token], published: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let w = t.norm.as_str();
        let prev = i.checked_sub(1).map(|p| tokens[p].norm.as_str());
        let mut found: Option<(usize, Option<NaiveDate>, Sense, bool)> = None;
        if let Some(wd) = weekday(w.trim_end_matches("'s")) {
            let sense = match prev {
                Some("next" | "coming" | "this") => Sense::Future,
                Some("last" | "past") => Sense::Past,
                _ => Sense::Either,
            };
            found = Some((
                i + 1,
                published.map(|p| resolve_weekday(p, wd, sense)),
                sense,
                false,
            ));
        } else if matches!(w, "yesterday" | "today" | "tonight" | "tomorrow") {
            let delta = match w {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            let sense = if delta > 0 {
                Sense::Future
            } else {
                Sense::Past
            };
            found = Some((
                i + 1,
                published.map(|p| p + Duration::days(delta)),
                sense,
                false,
            ));
        } else if matches!(w, "last" | "next")
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "week" | "month" | "year"))
        {
            let unit = tokens[i + 1].norm.as_str();
            let sign = if w == "last" { -1 } else { 1 };
            let days = match unit {
                "week" => 7,
                "month" => 30,
                _ => 365,
            };
            let sense = if sign < 0 { Sense::Past } else { Sense::Future };
            found = Some((
                i + 2,
                published.map(|p| p + Duration::days(sign * days)),
                sense,
                true,
            ));
        } else if t.capitalised
            && let Some(m) = month(w)
        {
            // "March 3", "March 3, 2024", "March 2024", "March".
            let day = tokens.get(i + 1).and_then(|n| day_number(&n.norm));
            let mut end = i + 1 + usize::from(day.is_some());
            let mut year = None;
            let mut j = end;
            if tokens.get(j).is_some_and(|n| n.norm == ",") {
                j += 1;
            }
            if let Some(y) = tokens.get(j).and_then(|n| year_number(&n.norm)) {
                year = Some(y);
                end = j + 1;
            }
            // A bare "May" is too often the verb.
            if !(m == 5 && day.is_none() && year.is_none()) {
                found = Some((
                    end,
                    month_date(published, m, day, year),
                    Sense::Either,
                    day.is_none(),
                ));
            }
        } else if let Some(d) = day_number(w)
            && let Some(m) = tokens
                .get(i + 1)
                .and_then(|n| n.capitalised.then(|| month(&n.norm)).flatten())
        {
            // "3 March 2024".
            let mut end = i + 2;
            let year = tokens.get(end).and_then(|n| year_number(&n.norm));
            if year.is_some() {
                end += 1;
            }
            found = Some((
                end,
                month_date(published, m, Some(d), year),
                Sense::Either,
                false,
            ));
        } else if let Some(d) = iso_date(w) {
            found = Some((i + 1, Some(d), Sense::Either, false));
        }
        if let Some((end, date, sense, coarse)) = found {
            let span_text = &text[tokens[i].span.start..tokens[end - 1].span.end];
            out.push(DateMention {
                start: i,
                end,
                text: span_text
                    .trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_string(),
                date,
                sense,
                coarse,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn day_number(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix_ok = matches!(&s[digits.len()..], "" | "st" | "nd" | "rd" | "th");
    let d: u32 = digits.parse().ok()?;
    (suffix_ok && (1..=31).contains(&d) && !digits.is_empty()).then_some(d)
}

fn year_number(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    (s.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

fn iso_date(s: &str) -> Option<NaiveDate> {
    (s.len() == 10)
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// Resolves a weekday: the most recent one on or before the anchor, or for future sense the
/// next one on or after it.
pub fn resolve_weekday(anchor: NaiveDate, wd: Weekday, sense: Sense) -> NaiveDate {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    match sense {
        Sense::Future => anchor + Duration::days((w - a).rem_euclid(7)),
        _ => anchor - Duration::days((a - w).rem_euclid(7)),
    }
}

/// A month (and day) without a year takes the year that puts it closest before the anchor.
fn month_date(
    anchor: Option<NaiveDate>,
    m: u32,
    day: Option<u32>,
    year: Option<i32>,
) -> Option<NaiveDate> {
    let d = day.unwrap_or(1);
    let year = match (year, anchor) {
        (Some(y), _) => y,
        (None, Some(a)) => {
            let this = NaiveDate::from_ymd_opt(a.year(), m, d)?;
            if this > a + Duration::days(31) {
                a.year() - 1
            } else {
                a.year()
            }
        }
        (None, None) => return None,
    };
    NaiveDate::from_ymd_opt(year, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;
    use sitrep_model::Span;

    fn dates(s: &str, published: &str) -> Vec<(String, Option<String>)> {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let toks = tokenize(s, Span::new(0, s.len()), &|_| false);
        find_dates(s, &toks, p)
            .into_iter()
            .map(|d| (d.text, d.date.map(|d| d.to_string())))
            .collect()
    }

    #[test]
    fn resolves_against_publication_date() {
        // 2025-12-23 is a Tuesday.
        assert_eq!(
            dates("on Monday", "2025-12-23"),
            [("Monday".into(), Some("2025-12-22".into()))]
        );
        assert_eq!(
            dates("yesterday", "2025-12-23"),
            [("yesterday".into(), Some("2025-12-22".into()))]
        );
        assert_eq!(
            dates("next Friday", "2025-12-23")[0].1.as_deref(),
            Some("2025-12-26")
        );
        assert_eq!(
            dates("on March 3", "2025-12-23")[0].1.as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(
            dates("on 3 March 2024", "2025-12-23")[0].1.as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            dates("in October", "2025-12-23")[0].1.as_deref(),
            Some("2025-10-01")
        );
    }

    #[test]
    fn keeps_words_without_anchor() {
        assert_eq!(dates("on Monday", "none"), [("Monday".into(), None)]);
    }

    #[test]
    fn may_the_verb_is_no_date() {
        assert!(dates("the meeting may not produce a truce", "2025-12-23").is_empty());
    }
}
