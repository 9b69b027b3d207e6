//! Small pieces of English for generated text: lists, plurals, numbers and dates.

/// "A", "A and B", "A, B and C".
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// 900000 → "900,000".
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 person", "23 people".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

/// "2025-10-06" → "6 October 2025" (as given when it is no date; an unknown date is said
/// in words, so no line reads "agreed on ;").
pub fn long_date(d: &str) -> String {
    if d.trim().is_empty() {
        return "an unknown date".into();
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = d.get(..10).unwrap_or(d).split('-').collect();
    match parts.as_slice() {
        [y, m, day] => match (m.parse::<usize>(), day.parse::<u32>()) {
            (Ok(m), Ok(day)) if (1..=12).contains(&m) => format!("{day} {} {y}", MONTHS[m - 1]),
            _ => d.to_string(),
        },
        _ => d.to_string(),
    }
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Cuts at a word boundary so the result has at most `max` characters.
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
}

/// Keeps whole sentences, in order, while their word count stays within `max`; a sentence
/// that would pass it is left out and shorter ones after it may still fit.
pub fn within_words<T: AsRef<str>>(sentences: Vec<T>, max: usize) -> Vec<T> {
    let mut words = 0;
    sentences
        .into_iter()
        .filter(|s| {
            let w = s.as_ref().split_whitespace().count();
            let keep = words + w <= max;
            if keep {
                words += w;
            }
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_pieces() {
        assert_eq!(
            join_list(&["Malaysia", "China", "the US"]),
            "Malaysia, China and the US"
        );
        assert_eq!(join_list(&["A"]), "A");
        assert_eq!(number(900_000), "900,000");
        assert_eq!(number(23), "23");
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(long_date("2025-12-08"), "8 December 2025");
        assert_eq!(long_date(""), "an unknown date");
        assert_eq!(fit("one two three four", 10), "one two…");
        assert!(fit("one two three four", 10).chars().count() <= 10);
    }
}
