//! Closed classes the event rules ask about: word classes (`event_words.tsv`: "is this a
//! light verb?", "does a reciprocal phrase start here?") and what the rules need to know of
//! each PLOVER type (`plover_types.tsv`: its stance, whether it is a speech act, whether the
//! sides contest its facts).

use super::{Lexicon, PLOVER_TYPES, tsv};
use crate::text::Token;

/// A class of `event_words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// "launched air strikes", "held talks": the object noun is the event.
    LightVerb,
    /// "were killed": makes the participle after it passive.
    Be,
    Pronoun,
    /// "hit back", "struck at dawn": no object follows the trigger.
    NoObject,
    /// "Russia's renewed shelling": stands between an actor and its event noun.
    NounModifier,
    /// "the attack": refers back to something already told.
    Definite,
    Blast,
    /// "captured", "seized": taking a place.
    Taking,
    /// "market", "school": where civilians are.
    CivilianSite,
    Protester,
    /// "each other", "infighting": a party acting on itself.
    Reciprocal,
}

impl WordClass {
    /// How many classes there are: `class as usize` indexes a table of them.
    pub const COUNT: usize = 11;

    pub(super) fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "light_verb" => Self::LightVerb,
            "be" => Self::Be,
            "pronoun" => Self::Pronoun,
            "no_object" => Self::NoObject,
            "noun_modifier" => Self::NounModifier,
            "definite" => Self::Definite,
            "blast" => Self::Blast,
            "taking" => Self::Taking,
            "civilian_site" => Self::CivilianSite,
            "protester" => Self::Protester,
            "reciprocal" => Self::Reciprocal,
            _ => return None,
        })
    }
}

/// How a PLOVER type's act stands to the other party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stance {
    Cooperative,
    Hostile,
    #[default]
    Neither,
}

/// What the rules need to know of one PLOVER type.
#[derive(Debug, Clone, Copy, Default)]
pub struct PloverClass {
    pub stance: Stance,
    /// A statement: placed where it is said, not where what it speaks of happened.
    pub speech_act: bool,
    /// The sides contest its facts: each side's account stays its own event.
    pub contested: bool,
}

impl Lexicon {
    /// Whether a phrase of `class` starts at token `at`; returns where it ends.
    pub fn class_at(&self, tokens: &[Token], at: usize, class: WordClass) -> Option<usize> {
        self.classes
            .matches_at(tokens, at)
            .find(|m| *m.value == class)
            .map(|m| m.end)
    }

    /// Whether the token at `at` is (or starts) a phrase of `class`.
    pub fn is(&self, tokens: &[Token], at: usize, class: WordClass) -> bool {
        self.class_at(tokens, at, class).is_some()
    }

    /// What the rules know of a PLOVER type (nothing for an unknown one).
    pub fn plover_class(&self, plover: &str) -> PloverClass {
        self.plover_classes.get(plover).copied().unwrap_or_default()
    }

    pub(super) fn load_plover_classes(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let plover = row.get("type");
            if !PLOVER_TYPES.contains(&plover) {
                return self.problem("plover_types.tsv", row.line, format!("type {plover:?}"));
            }
            let stance = match row.get("stance") {
                "cooperative" => Stance::Cooperative,
                "hostile" => Stance::Hostile,
                "" => Stance::Neither,
                other => {
                    return self.problem("plover_types.tsv", row.line, format!("stance {other:?}"));
                }
            };
            let mut flag = |column: &str| match row.get(column) {
                "yes" => Some(true),
                "" => Some(false),
                other => {
                    self.problem("plover_types.tsv", row.line, format!("{column} {other:?}"));
                    None
                }
            };
            let (Some(speech_act), Some(contested)) = (flag("speech_act"), flag("contested"))
            else {
                return;
            };
            self.plover_classes.insert(
                plover.to_string(),
                PloverClass {
                    stance,
                    speech_act,
                    contested,
                },
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_count_covers_every_class() {
        assert_eq!(WordClass::Reciprocal as usize + 1, WordClass::COUNT);
    }

    #[test]
    fn classes_match_words_and_phrases_and_every_plover_type_is_described() {
        let lex = Lexicon::builtin();
        let toks = lex.tokenize("they fought each other", sitrep_model::Span::new(0, 22));
        assert!(lex.is(&toks, 0, WordClass::Pronoun));
        assert_eq!(lex.class_at(&toks, 2, WordClass::Reciprocal), Some(4));
        assert!(!lex.is(&toks, 1, WordClass::LightVerb));
        for t in PLOVER_TYPES {
            assert!(
                lex.plover_classes.contains_key(t),
                "{t} missing from plover_types.tsv"
            );
        }
        assert!(lex.plover_class("ACCUSE").speech_act);
        assert_eq!(lex.plover_class("AID").stance, Stance::Cooperative);
        assert!(lex.plover_class("COERCE").contested);
    }
}
