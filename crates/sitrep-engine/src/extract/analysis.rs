//! A report read once: sentences, their tokens, mentions and clause boundaries.
//! Every extractor works from this, so the text is tokenised a single time.

use sitrep_model::Span;

use super::mentions::{Mention, MentionKind, find_mentions};
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::text::{Token, split_sentences};

#[derive(Debug)]
pub struct Sentence {
    pub index: usize,
    pub span: Span,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    /// Clause boundaries as token ranges `[start, end)`, covering the sentence.
    pub clauses: Vec<(usize, usize)>,
    /// For each token, the first mention covering it (`u32::MAX` for none): finding a
    /// token's mention costs the same however many mentions the sentence has.
    mention_of: Vec<u32>,
}

impl Sentence {
    /// The clause holding token `t`.
    pub fn clause_of(&self, t: usize) -> (usize, usize) {
        self.clauses
            .iter()
            .copied()
            .find(|&(s, e)| s <= t && t < e)
            .unwrap_or((0, self.tokens.len()))
    }

    /// The index of the first mention covering token `t`.
    pub fn mention_index_at(&self, t: usize) -> Option<usize> {
        let i = *self.mention_of.get(t)?;
        (i != u32::MAX).then_some(i as usize)
    }

    pub fn mention_at(&self, t: usize) -> Option<&Mention> {
        self.mention_index_at(t).and_then(|i| self.mentions.get(i))
    }

    /// Whether any token in `[start, end)` has this norm.
    pub fn has_word(&self, start: usize, end: usize, norm: &str) -> bool {
        self.tokens[start.min(self.tokens.len())..end.min(self.tokens.len())]
            .iter()
            .any(|t| t.norm == norm)
    }
}

#[derive(Debug)]
pub struct Analysis<'a> {
    pub text: &'a str,
    pub sentences: Vec<Sentence>,
}

/// Words that open a new clause: subordinators, relatives, complementisers.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "after", "before", "when", "which", "who",
    "that", "because", "until", "where", "if", "unless", "whether",
];

pub fn analyse<'a>(text: &'a str, lex: &Lexicon, gaz: &Gazetteer) -> Analysis<'a> {
    let spans = split_sentences(text, &|w| lex.abbreviation(w));
    let mut known_people: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let mut sentences = Vec::with_capacity(spans.len());
    for (index, span) in spans.into_iter().enumerate() {
        let tokens = lex.tokenize(text, span);
        let mentions = find_mentions(text, &tokens, lex, gaz, &known_people);
        for m in &mentions {
            if let MentionKind::Person { role } = &m.kind
                && m.name.contains(' ')
                && !known_people.iter().any(|(n, _, _)| *n == m.name)
            {
                known_people.push((m.name.clone(), role.clone(), m.country.clone()));
            }
        }
        let mention_of = mention_index(tokens.len(), &mentions);
        let clauses = clauses(&tokens, &mentions, lex);
        sentences.push(Sentence {
            index,
            span,
            tokens,
            mentions,
            clauses,
            mention_of,
        });
    }
    Analysis { text, sentences }
}

/// Each token's first covering mention, as `Sentence::mention_at` reads it.
fn mention_index(tokens: usize, mentions: &[Mention]) -> Vec<u32> {
    let mut out = vec![u32::MAX; tokens];
    for (i, m) in mentions.iter().enumerate() {
        for slot in out.iter_mut().take(m.end.min(tokens)).skip(m.start) {
            if *slot == u32::MAX {
                *slot = i as u32;
            }
        }
    }
    out
}

/// Splits a sentence into clauses at strong punctuation, clause openers and reporting verbs.
fn clauses(tokens: &[Token], mentions: &[Mention], lex: &Lexicon) -> Vec<(usize, usize)> {
    // Tokens inside a mention, past its first: marked in one pass over the mentions.
    let mut inside = vec![false; tokens.len()];
    for m in mentions {
        for slot in inside
            .iter_mut()
            .take(m.end.min(tokens.len()))
            .skip(m.start + 1)
        {
            *slot = true;
        }
    }
    let mut cuts = vec![0];
    for (i, t) in tokens.iter().enumerate() {
        let inside_mention = inside[i];
        if inside_mention {
            continue;
        }
        let strong = matches!(
            t.norm.as_str(),
            ";" | ":" | "-" | "(" | ")" | "\"" | "“" | "”"
        );
        let opener = CLAUSE_OPENERS.contains(&t.norm.as_str());
        // ", and" followed by a new subject starts a new clause.
        let and_clause = t.norm == "and"
            && i > 0
            && tokens[i - 1].norm == ","
            && mentions
                .iter()
                .any(|m| m.start == i + 1 || m.start == i + 2);
        let reporting = lex.reporting.match_at(tokens, i).is_some_and(|m| {
            matches!(
                m.value,
                crate::lexicon::Frame::Say | crate::lexicon::Frame::According
            )
        });
        // A relative clause ends at the comma that closes it: "Qatar, which mediates …, condemned".
        let closes_relative = t.norm == ","
            && cuts
                .last()
                .is_some_and(|&c| c < i && matches!(tokens[c].norm.as_str(), "which" | "who"));
        if strong || opener || and_clause || closes_relative {
            cuts.push(i);
        } else if reporting {
            // The reporting verb closes its own clause: what follows is what was said.
            if let Some(m) = lex.reporting.match_at(tokens, i) {
                cuts.push(m.end);
            }
        }
    }
    cuts.push(tokens.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(s, e)| s < e)
        .collect()
}
