//! What a learned head sees of a sentence: its words, word pairs and word stems, the kinds
//! of actor it names (state forces, rebels, protesters, civilians…), and what the trigger
//! rules made of it. Each feature is a hashed string, so the model file holds no vocabulary.

use crate::extract::mentions::{Mention, MentionKind};
use crate::text::tokens::{Token, TokenKind};

/// FNV-1a, 32 bits: stable across builds and platforms (the model file depends on it).
pub fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The form a word enters the model in: lowercase, numbers folded to one token.
fn word(t: &Token) -> &str {
    match t.kind {
        TokenKind::Number => "<num>",
        _ => t.norm.as_str(),
    }
}

/// A word's own feature (`w:…`): what a head's weight for one word is read from.
pub fn word_feature(t: &Token) -> u32 {
    hash(&format!("w:{}", word(t)))
}

/// How a mention acts, for the model: "group:rebel", "inst:military", "demonym"…
fn mention_feature(m: &Mention) -> String {
    match &m.kind {
        MentionKind::Country => "country".into(),
        MentionKind::Demonym => "demonym".into(),
        MentionKind::Place { .. } | MentionKind::KindPlace { .. } => "place".into(),
        MentionKind::Organisation { kind } => format!("org:{kind:?}"),
        MentionKind::Institution { kind, .. } => format!("inst:{kind:?}"),
        MentionKind::ArmedMeans => "armed-means".into(),
        MentionKind::Group { kind } => format!("group:{kind:?}"),
        MentionKind::Person { .. } => "person".into(),
        MentionKind::Source => "source".into(),
        MentionKind::Border { .. } => "border".into(),
    }
}

/// A sentence's features; `rules` are what the trigger rules coded in it ("ASSAULT",
/// "sub:Armed clash", "mode:aerial"). Sorted and without repeats.
pub fn sentence(tokens: &[Token], mentions: &[Mention], rules: &[String]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(tokens.len() * 3 + mentions.len() + 8);
    out.push(hash("bias"));
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(word)
        .collect();
    let mut prev = "<s>";
    for w in &words {
        out.push(hash(&format!("w:{w}")));
        out.push(hash(&format!("b:{prev} {w}")));
        let stem: String = w.chars().take(5).collect();
        if stem.len() < w.len() {
            out.push(hash(&format!("p:{stem}")));
        }
        prev = w;
    }
    out.push(hash(&format!("b:{prev} </s>")));
    // Distinct kinds and rule codes only: their pairs below stay few however long the
    // sentence.
    let mut kinds: Vec<String> = mentions.iter().map(mention_feature).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut rules: Vec<&String> = rules.iter().collect();
    rules.sort_unstable();
    rules.dedup();
    for k in &kinds {
        out.push(hash(&format!("m:{k}")));
    }
    for r in &rules {
        out.push(hash(&format!("r:{r}")));
    }
    // Who is named beside what the rules found ("a rebel group" with an armed clash, a
    // protest with the police), and which kinds of actor meet in one sentence: the pairs of
    // ACLED types told apart by who acts.
    for k in &kinds {
        for r in &rules {
            out.push(hash(&format!("mr:{k}|{r}")));
        }
    }
    for (i, a) in kinds.iter().enumerate() {
        for b in &kinds[i + 1..] {
            out.push(hash(&format!("mm:{a}|{b}")));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(hash("foobar"), 0xbf9c_f968);
    }
}
