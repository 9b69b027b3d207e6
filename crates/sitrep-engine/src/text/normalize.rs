//! Normalisation of raw report text, keeping a byte map back to the original.
//!
//! Every span in a record points into the normalised text; `NormText::original_offset`
//! turns it back into an offset of the text as received, so nothing is lost.

/// Normalised text and, for each of its bytes, the offset of the original byte it came from.
#[derive(Debug, Clone)]
pub struct NormText {
    pub text: String,
    map: Vec<u32>,
    original_len: usize,
}

impl NormText {
    /// The offset in the original text of normalised byte `offset` (`text.len()` maps to the end).
    pub fn original_offset(&self, offset: usize) -> usize {
        self.map
            .get(offset)
            .map_or(self.original_len, |&o| o as usize)
    }
}

/// Normalises line endings, spaces and invisible characters; keeps everything else as is.
///
/// - a byte-order mark, zero-width and control characters (but tab and newline) are dropped;
/// - `\r\n` and lone `\r` become `\n`; runs of more than two newlines become two;
/// - no-break, thin and other Unicode spaces and tabs become one ASCII space, runs fold;
/// - spaces at the end of a line are dropped, and so is blank space at the start and end.
///
/// Normalising normalised text changes nothing (a property the tests check).
pub fn normalize(raw: &str) -> NormText {
    normalize_with(raw, true)
}

/// The normalised text alone, for callers that need no way back to the original.
pub fn normalize_text(raw: &str) -> String {
    normalize_with(raw, false).text
}

fn normalize_with(raw: &str, keep_map: bool) -> NormText {
    let mut text = String::with_capacity(raw.len());
    let mut map: Vec<u32> = Vec::with_capacity(if keep_map { raw.len() } else { 0 });
    // Pending whitespace is emitted lazily so trailing spaces and blank runs can be folded.
    let mut pending_space: Option<usize> = None;
    let mut pending_newlines: Vec<usize> = Vec::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let c = match c {
            '\r' => {
                if matches!(chars.peek(), Some((_, '\n'))) {
                    continue;
                }
                '\n'
            }
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' => {
                continue;
            }
            '\u{2028}' | '\u{2029}' => '\n',
            c if c == '\t' || (c.is_whitespace() && c != '\n') => ' ',
            c if c.is_control() && c != '\n' => continue,
            c => c,
        };
        match c {
            '\n' => {
                pending_space = None;
                if pending_newlines.len() < 2 {
                    pending_newlines.push(at);
                }
            }
            ' ' => {
                if pending_newlines.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
            }
            c => {
                if !text.is_empty() {
                    for &nl in &pending_newlines {
                        push(&mut text, keep_map.then_some(&mut map), '\n', nl);
                    }
                    if pending_newlines.is_empty()
                        && let Some(sp) = pending_space
                    {
                        push(&mut text, keep_map.then_some(&mut map), ' ', sp);
                    }
                }
                pending_newlines.clear();
                pending_space = None;
                push(&mut text, keep_map.then_some(&mut map), c, at);
            }
        }
    }
    NormText {
        text,
        map,
        original_len: raw.len(),
    }
}

fn push(text: &mut String, map: Option<&mut Vec<u32>>, c: char, at: usize) {
    text.push(c);
    if let Some(map) = map {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        map.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expect: &str) {
        assert_eq!(normalize(raw).text, expect, "normalising {raw:?}");
    }

    #[test]
    fn folds_spaces_and_line_endings() {
        check("a\u{a0} b\r\nc\r\rd", "a b\nc\n\nd");
        check("  x \t y  \n\n\n\nz  ", "x y\n\nz");
        check("\u{feff}zero\u{200b}width", "zerowidth");
        check("", "");
        check(" \n \n ", "");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let raw = "\u{feff}Ab  cd";
        let n = normalize(raw);
        assert_eq!(n.text, "Ab cd");
        assert_eq!(&raw[n.original_offset(0)..n.original_offset(2)], "Ab");
        assert_eq!(&raw[n.original_offset(3)..n.original_offset(5)], "cd");
    }

    #[test]
    fn text_alone_is_the_same_text() {
        let raw = " a\r\n\r\n\r\nb \u{2009}c\t\u{feff}";
        assert_eq!(normalize_text(raw), normalize(raw).text);
    }

    #[test]
    fn is_idempotent() {
        let once = normalize(" a\r\n\r\n\r\nb \u{2009}c\t").text;
        assert_eq!(normalize(&once).text, once);
    }
}
