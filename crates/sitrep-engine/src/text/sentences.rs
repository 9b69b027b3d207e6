//! Sentence splitting that survives abbreviations, initials, quotes and headings.
//!
//! Lines are never joined: a heading or a summary line is a sentence of its own. Within a
//! line, a sentence ends at `.`, `!` or `?` (with any closing quotes and brackets) when
//! the next word starts a new sentence, unless the word before the period is an
//! abbreviation ("Gen.", "Dec.", "No. 5") or an initial ("U.S.", "J. Smith").

use sitrep_model::Span;

/// Splits `text` into sentence spans, trimmed of surrounding spaces; blank lines yield nothing.
pub fn split_sentences(text: &str, abbreviations: &dyn Fn(&str) -> AbbreviationKind) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        split_line(body, line_start, abbreviations, &mut out);
        line_start += line.len();
    }
    out
}

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbreviationKind {
    /// Not an abbreviation.
    None,
    /// Never ends a sentence ("Gen.", "Mr.").
    Inner,
    /// May end a sentence ("etc.", "p.m."): split when a capital follows.
    MayEnd,
}

fn split_line(
    line: &str,
    offset: usize,
    abbreviations: &dyn Fn(&str) -> AbbreviationKind,
    out: &mut Vec<Span>,
) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Extend over repeated terminators and closing quotes or brackets.
            let mut end = i + 1;
            while end < line.len() {
                let c = line[end..].chars().next().unwrap_or(' ');
                if matches!(
                    c,
                    '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
                ) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &line[end..];
            let next = rest.trim_start();
            let has_space = rest.len() != next.len();
            if has_space
                && starts_sentence(next)
                && !is_abbreviation_end(line, i, next, abbreviations)
            {
                push_trimmed(line, offset, start, end, out);
                start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(line, offset, start, line.len(), out);
}

fn starts_sentence(next: &str) -> bool {
    next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '[' | '—' | '-')
    })
}

/// Whether the period at `dot` closes an abbreviation rather than the sentence.
fn is_abbreviation_end(
    line: &str,
    dot: usize,
    next: &str,
    abbreviations: &dyn Fn(&str) -> AbbreviationKind,
) -> bool {
    if line.as_bytes()[dot] != b'.' {
        return false;
    }
    let word_start = line[..dot]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '—'))
        .map_or(0, |p| {
            p + line[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &line[word_start..=dot];
    let bare = &line[word_start..dot];
    // A single capital letter is an initial ("J. Smith"), unless it ends a list ("Plan B.").
    if bare.chars().count() == 1 && bare.chars().all(char::is_uppercase) {
        return true;
    }
    match abbreviations(&word.to_lowercase()) {
        AbbreviationKind::Inner => true,
        // "No." is only an abbreviation before a number.
        AbbreviationKind::MayEnd => false,
        AbbreviationKind::None => {
            // Initialisms such as "U.S." end sentences only when a common sentence opener follows.
            let initialism = bare.contains('.')
                && bare
                    .split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
            initialism && !starts_with_opener(next)
        }
    }
}

/// Words that usually begin a sentence rather than continue a name after an initialism.
fn starts_with_opener(next: &str) -> bool {
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        word.as_str(),
        "The"
            | "A"
            | "An"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "But"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Meanwhile"
            | "However"
            | "Officials"
            | "There"
    )
}

fn push_trimmed(line: &str, offset: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    out.push(Span::new(offset + start + lead, offset + end - trail));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        let abbr = |w: &str| match w {
            "gen." | "dec." | "mr." => AbbreviationKind::Inner,
            "no." => AbbreviationKind::Inner,
            "etc." => AbbreviationKind::MayEnd,
            _ => AbbreviationKind::None,
        };
        split_sentences(s, &abbr)
            .into_iter()
            .map(|sp| &s[sp.start..sp.end])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside() {
        assert_eq!(
            split("Gen. Smith met U.S. envoys on Dec. 3. They left. J. Doe stayed."),
            [
                "Gen. Smith met U.S. envoys on Dec. 3.",
                "They left.",
                "J. Doe stayed."
            ]
        );
        assert_eq!(
            split("He spoke to the U.S. The talks ended."),
            ["He spoke to the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn splits_after_quotes_and_keeps_headings_apart() {
        assert_eq!(
            split("Heading Without Stop\n\"We will fight,\" he said. \"Never.\" Then silence"),
            [
                "Heading Without Stop",
                "\"We will fight,\" he said.",
                "\"Never.\"",
                "Then silence"
            ]
        );
    }

    #[test]
    fn does_not_split_decimals_or_lowercase_continuations() {
        assert_eq!(
            split("It cost 5.1 million. ok then."),
            ["It cost 5.1 million. ok then."]
        );
    }
}
