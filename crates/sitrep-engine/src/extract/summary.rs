//! Headline and summary: the report's own title when it has one; an extractive summary of
//! at most 80 words, the most newsworthy sentences first in the order the report gives them.

use sitrep_model::{Event, Figure, Status};

use super::analysis::Analysis;

pub const SUMMARY_WORDS: usize = 80;

/// A heading line: short, on a line of its own, with no sentence-final punctuation.
pub fn is_heading(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=20).contains(&words) && !t.ends_with(['.', '!', '?', '"', '”', ':', ','])
}

/// The report's title: a heading among its first two lines.
pub fn detect_title(a: &Analysis) -> Option<String> {
    a.sentences
        .iter()
        .take(2)
        .map(|s| &a.text[s.span.start..s.span.end])
        .find(|t| is_heading(t) && t.split_whitespace().count() >= 3)
        .map(str::to_string)
}

pub fn summarise(a: &Analysis, events: &[Event], figures: &[Figure]) -> String {
    let n = a.sentences.len();
    let mut scored: Vec<(f64, usize)> = a
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !is_heading(&a.text[s.span.start..s.span.end]))
        .map(|(i, s)| {
            let mut score = 0.0;
            for e in events {
                let here =
                    e.evidence.sentence == s.index || e.also.iter().any(|x| x.sentence == s.index);
                if !here {
                    continue;
                }
                score += match (e.plover.as_str(), e.status) {
                    ("ASSAULT", _) => 3.0,
                    ("AGREE", _) | (_, Status::Scheduled) => 2.0,
                    _ => 1.0,
                };
            }
            score += 2.5
                * figures
                    .iter()
                    .filter(|f| f.evidence.sentence == s.index)
                    .count() as f64;
            // The lead carries the news; background comes late.
            score += 3.0 * (1.0 - i as f64 / n.max(1) as f64);
            let text = &a.text[s.span.start..s.span.end];
            if text.starts_with(['"', '“']) {
                score -= 1.5;
            }
            (score, i)
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut chosen = Vec::new();
    let mut words = 0;
    for (_, i) in scored {
        let s = &a.sentences[i];
        let w = a.text[s.span.start..s.span.end].split_whitespace().count();
        if words + w <= SUMMARY_WORDS {
            words += w;
            chosen.push(i);
        }
        if chosen.len() == 3 {
            break;
        }
    }
    chosen.sort_unstable();
    chosen
        .iter()
        .map(|&i| &a.text[a.sentences[i].span.start..a.sentences[i].span.end])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A headline from the leading event when the report has no title.
pub fn headline_from(events: &[Event], summary: &str) -> String {
    let lead = events
        .iter()
        .find(|e| e.plover == "ASSAULT" && matches!(e.status, Status::Reported | Status::Claimed))
        .or_else(|| events.first());
    let line = match lead {
        Some(e) => {
            let what = e
                .sub_event_type
                .clone()
                .unwrap_or_else(|| e.plover.to_lowercase());
            let who = e
                .actor1
                .clone()
                .map(|a| format!(" by {a}"))
                .unwrap_or_default();
            let on = e
                .actor2
                .clone()
                .map(|a| format!(" against {a}"))
                .unwrap_or_default();
            let at = e
                .locations
                .first()
                .map(|l| format!(" in {}", l.name))
                .unwrap_or_default();
            let claimed = e
                .claimed_by
                .clone()
                .map(|c| format!(", {c} says"))
                .unwrap_or_default();
            format!("{what}{who}{on}{at}{claimed}")
        }
        None => summary
            .split_whitespace()
            .take(14)
            .collect::<Vec<_>>()
            .join(" "),
    };
    truncate_chars(&line, 100)
}

pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}
