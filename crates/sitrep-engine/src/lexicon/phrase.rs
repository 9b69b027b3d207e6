//! Leftmost-longest matching of multiword phrases over tokens.
//!
//! Phrases are tokenised with the same tokenizer as the text, so "cambodia's" or
//! "u.s." split the same way on both sides. Lookup is by the first token, then the
//! candidates for it are tried longest first: no allocation per token.

use rustc_hash::FxHashMap as HashMap;

use crate::text::Token;

#[derive(Debug, Clone)]
pub struct PhraseMatcher<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        Self {
            by_first: HashMap::default(),
        }
    }
}

/// A phrase found in a token slice: tokens `[start, end)` and its value.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'m, V> {
    pub start: usize,
    pub end: usize,
    pub value: &'m V,
}

impl<V> PhraseMatcher<V> {
    /// Adds a phrase given as its token norms. Empty phrases are ignored.
    pub fn insert(&mut self, words: Vec<String>, value: V) {
        let Some(first) = words.first().cloned() else {
            return;
        };
        let entry = self.by_first.entry(first).or_default();
        entry.push((words, value));
        // Longest first so the first full match is the longest one.
        entry.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The longest phrase that starts at token `at`, if any.
    pub fn match_at<'m>(&'m self, tokens: &[Token], at: usize) -> Option<PhraseMatch<'m, V>> {
        self.matches_at(tokens, at).next()
    }

    /// Every phrase starting at token `at`, longest first.
    pub fn matches_at<'m, 't>(
        &'m self,
        tokens: &'t [Token],
        at: usize,
    ) -> impl Iterator<Item = PhraseMatch<'m, V>> + use<'m, 't, V> {
        let candidates = tokens
            .get(at)
            .and_then(|t| self.by_first.get(t.norm.as_str()))
            .map_or(&[][..], Vec::as_slice);
        candidates.iter().filter_map(move |(words, value)| {
            let end = at + words.len();
            let fits = end <= tokens.len()
                && words
                    .iter()
                    .zip(&tokens[at..end])
                    .all(|(w, t)| *w == t.norm);
            fits.then_some(PhraseMatch {
                start: at,
                end,
                value,
            })
        })
    }

    /// Leftmost-longest, non-overlapping matches over all tokens.
    pub fn find_all<'m>(&'m self, tokens: &[Token]) -> Vec<PhraseMatch<'m, V>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(m) = self.match_at(tokens, i) {
                i = m.end;
                out.push(m);
            } else {
                i += 1;
            }
        }
        out
    }
}
