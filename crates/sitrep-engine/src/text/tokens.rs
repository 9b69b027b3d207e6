//! Words, numbers and punctuation with their byte spans.
//!
//! Tokens keep the surface text; `norm` is the lowercase form lexicons match on, with
//! typographic apostrophes and dashes folded to ASCII. A possessive `'s` is its own token
//! so that "Ukraine's defence ministry" reads as country, possessive, institution.

use sitrep_model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Lowercase, apostrophes and dashes folded: the form lexicons are written in.
    pub norm: String,
    /// Starts with an uppercase letter (or is an all-caps acronym).
    pub capitalised: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is(&self, norm: &str) -> bool {
        self.norm == norm
    }
}

/// Splits `text[span]` into tokens whose spans are offsets into `text`.
///
/// `is_abbreviation` says whether a word followed by a period forms one token with it
/// ("Gen.", "U.S."), given the lowercase word with its period.
pub fn tokenize(text: &str, span: Span, is_abbreviation: &dyn Fn(&str) -> bool) -> Vec<Token> {
    let s = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some(&(i, c)) = iter.peek() {
        if c.is_whitespace() {
            iter.next();
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i;
            let mut all_digits = true;
            while let Some(&(j, d)) = iter.peek() {
                let joins = if d.is_alphanumeric() {
                    true
                } else if matches!(d, '-' | '\'' | '’' | '.' | ',' | '‐' | '‑') {
                    // A joiner stays inside the word only when a letter or digit follows it,
                    // and a comma or period only between digits ("900,000", "5.1").
                    let next = s[j + d.len_utf8()..].chars().next();
                    let next_alnum = next.is_some_and(char::is_alphanumeric);
                    let next_digit = next.is_some_and(|n| n.is_ascii_digit());
                    match d {
                        ',' => all_digits && next_digit,
                        '.' => {
                            (all_digits && next_digit)
                                || (next_alnum && is_initialism(&s[start..j], next))
                        }
                        '\'' | '’' => next_alnum && !is_possessive(&s[j + d.len_utf8()..]),
                        _ => next_alnum,
                    }
                } else {
                    false
                };
                if !joins {
                    break;
                }
                if !(d.is_ascii_digit() || d == ',' || d == '.') {
                    all_digits = false;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            // A trailing period belongs to the word when word+period is an abbreviation.
            if s[end..].starts_with('.') {
                let with_dot = s[start..end + 1].to_lowercase();
                if is_abbreviation(&with_dot) || is_initialism(&s[start..end], Some('.')) {
                    end += 1;
                    iter.next();
                }
            }
            let surface = &s[start..end];
            let kind = if surface.starts_with(|c: char| c.is_ascii_digit())
                && surface
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                span: Span::new(span.start + start, span.start + end),
                kind,
                norm: fold(surface),
                capitalised: surface.starts_with(char::is_uppercase),
            });
        } else {
            // Possessive 's and lone punctuation.
            let rest = &s[i..];
            let len = if (c == '\'' || c == '’') && is_possessive(&rest[c.len_utf8()..]) {
                c.len_utf8() + 1
            } else {
                c.len_utf8()
            };
            for _ in rest[..len].chars() {
                iter.next();
            }
            out.push(Token {
                span: Span::new(span.start + i, span.start + i + len),
                kind: TokenKind::Punct,
                norm: fold(&rest[..len]),
                capitalised: false,
            });
        }
    }
    out
}

/// "'s" followed by a non-letter: a possessive, not a contraction inside a word.
fn is_possessive(after_apostrophe: &str) -> bool {
    let mut it = after_apostrophe.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric)
}

/// "U.S", "U.N": single letters joined by periods.
fn is_initialism(before: &str, next: Option<char>) -> bool {
    let parts_ok = before
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
    parts_ok && next.is_some_and(|n| n.is_uppercase() || n == '.')
}

/// The lexicon form of a surface string: lowercase, typographic apostrophes and dashes folded.
pub fn fold(s: &str) -> String {
    // Most tokens are ASCII: lowercase them bytewise (the hot path of tokenising).
    if s.is_ascii() {
        let mut out = s.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '‐' | '‑' | '–' | '—' => '-',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let abbr = |w: &str| matches!(w, "gen." | "dec." | "no.");
        tokenize(s, Span::new(0, s.len()), &abbr)
            .into_iter()
            .map(|t| s[t.span.start..t.span.end].to_string())
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_possessives() {
        assert_eq!(
            toks("Ukraine's defence ministry said 400,000 fled."),
            [
                "Ukraine", "'s", "defence", "ministry", "said", "400,000", "fled", "."
            ]
        );
        assert_eq!(
            toks("Gen. Smith of the U.S. Army, al-Shabaab’s twenty-three"),
            [
                "Gen.",
                "Smith",
                "of",
                "the",
                "U.S.",
                "Army",
                ",",
                "al-Shabaab",
                "’s",
                "twenty-three"
            ]
        );
        assert_eq!(
            toks("don't 5.1 million, 3,"),
            ["don't", "5.1", "million", ",", "3", ","]
        );
    }

    #[test]
    fn numbers_are_numbers() {
        let t = tokenize("at least 23 people", Span::new(0, 18), &|_| false);
        assert_eq!(t[2].kind, TokenKind::Number);
        assert_eq!(t[3].kind, TokenKind::Word);
    }
}
