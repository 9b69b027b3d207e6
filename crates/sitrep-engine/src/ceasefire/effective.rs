//! When an agreement takes effect: "at 1400 GMT on Saturday", "at noon local time today",
//! "from midnight on 24 May", read after the words that say it will take effect and
//! resolved against the report's publication date.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::text::{Token, TokenKind};

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
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

/// The effective time in the tokens after a "takes effect" cue: `YYYY-MM-DDTHH:MM` when a
/// UTC (GMT) time is given, else `YYYY-MM-DD`, else `None`. A weekday is the next one on or
/// after publication ("will take effect on Saturday"), or the last one before it when the
/// report says it already took effect (`past`).
pub fn effective(tokens: &[Token], published: NaiveDate, past: bool) -> Option<String> {
    let mut day: Option<NaiveDate> = None;
    let mut time: Option<(u32, u32)> = None;
    for (i, t) in tokens.iter().enumerate().take(14) {
        let w = t.norm.as_str();
        if day.is_none() {
            if let Some(wd) = weekday(w) {
                let (w, p) = (
                    wd.num_days_from_monday(),
                    published.weekday().num_days_from_monday(),
                );
                day = if past {
                    published.checked_sub_days(Days::new(u64::from((7 + p - w) % 7)))
                } else {
                    published.checked_add_days(Days::new(u64::from((7 + w - p) % 7)))
                };
            } else if w == "today" || w == "tonight" {
                day = Some(published);
            } else if w == "tomorrow" {
                day = published.checked_add_days(Days::new(1));
            } else if t.kind == TokenKind::Number
                && let Ok(d) = w.parse::<u32>()
                && let Some(m) = tokens
                    .get(i + 1)
                    .and_then(|n| crate::extract::dates::month(&n.norm))
            {
                day = NaiveDate::from_ymd_opt(published.year(), m, d);
            }
        }
        // "1400 GMT", "0600 UTC": a four-digit time in universal time.
        if time.is_none()
            && t.kind == TokenKind::Number
            && w.len() == 4
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "gmt" | "utc"))
            && let (Ok(h), Ok(m)) = (w[..2].parse::<u32>(), w[2..].parse::<u32>())
            && h < 24
            && m < 60
        {
            time = Some((h, m));
        }
    }
    let day = day?;
    Some(match time {
        Some((h, m)) => format!("{day}T{h:02}:{m:02}"),
        None => day.to_string(),
    })
}
