//! The lexicons: reviewable data files in `data/lexicon/`, compiled into the binary.
//!
//! Each file states general facts of English news language (triggers, reporting verbs,
//! titles, weapon words). `Lexicon::builtin` parses them once; rows that do not parse are
//! kept as diagnostics instead of failing, so an analyst's typo costs one row, not the run.

mod classes;
mod phrase;
pub mod tsv;

use rustc_hash::FxHashMap as HashMap;

use sitrep_model::{ActorKind, FigureKind, PlaceKind, Population, Qualifier, Span};

pub use classes::{PloverClass, Stance, WordClass};
pub use phrase::{PhraseMatch, PhraseMatcher};

use crate::text::{AbbreviationKind, Token, tokenize};

macro_rules! data_file {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/lexicon/",
            $name
        ))
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requires {
    Nothing,
    Weapon,
    Object,
    Military,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub pos: Pos,
    pub plover: String,
    pub mode: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    pub requires: Requires,
}

#[derive(Debug, Clone)]
pub struct Weapon {
    pub mode: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Say,
    According,
    Accuse,
    Deny,
    Allege,
    Hedge,
    Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Negation,
    Plan,
    /// A party binds itself to an act ("is willing to", "agreed to").
    Commit,
    Condition,
    Hypothetical,
    Cumulative,
    /// A running total of one incident ("the death toll rose to 31"): later tolls of the
    /// same incident supersede it; it is no period total.
    Toll,
    PastBackground,
}

/// A word of `ceasefire.tsv`: an agreement noun, an act done to an agreement, a term, or
/// whether a term was met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CeasefireWord {
    Agreement(String),
    Agree,
    FutureEffect,
    InEffect,
    Suspend,
    Collapse,
    NotMade,
    Term(String),
    Met,
    Unmet,
}

#[derive(Debug, Clone, Copy)]
pub struct FigureWord {
    pub kind: Option<FigureKind>,
    pub population: Option<Population>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberSense {
    Exact,
    About,
    Multiplier,
    Singular,
}

#[derive(Debug, Clone, Copy)]
pub struct NumberWord {
    pub value: u64,
    pub sense: NumberSense,
}

#[derive(Debug, Clone)]
pub struct Institution {
    pub kind: ActorKind,
    pub canonical: String,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub role: String,
}

#[derive(Debug, Clone)]
pub struct Organisation {
    /// The form as written; matched case-sensitively so "UN" is not "un".
    pub surface: String,
    pub canonical: String,
    pub kind: ActorKind,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindPosition {
    /// "Kharkiv province".
    After,
    /// "the province of Kherson".
    BeforeOf,
    /// After or before-of.
    Both,
    /// "Mount Sinjar", "Lake Chad".
    Before,
    /// Any of the above.
    Any,
}

impl KindPosition {
    /// Whether the kind word may follow the name.
    pub fn after(self) -> bool {
        matches!(
            self,
            KindPosition::After | KindPosition::Both | KindPosition::Any
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PlaceKindWord {
    /// The kind a name the gazetteer lacks takes (`region` for a word of any kind).
    pub kind: PlaceKind,
    pub position: KindPosition,
    /// "area", "outskirts": the word fits a place of any kind, so it confirms a name
    /// without choosing among its readings.
    pub any_kind: bool,
}

/// A word between a place and the known place that holds it or lies near it
/// ("Kwarangu village, 20 km from Maiduguri").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceLink {
    /// "in", "near", "from": ties the two places.
    Relation,
    /// "km", "miles".
    Unit,
    /// "north", "south-east".
    Direction,
    /// "the", "about", ",".
    Filler,
}

impl PlaceLink {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "relation" => Self::Relation,
            "unit" => Self::Unit,
            "direction" => Self::Direction,
            "filler" => Self::Filler,
            _ => return None,
        })
    }
}

/// A problem in a data file: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    pub abbreviations: HashMap<String, AbbreviationKind>,
    pub triggers: PhraseMatcher<Trigger>,
    pub weapons: PhraseMatcher<Weapon>,
    pub reporting: PhraseMatcher<Frame>,
    pub cues: PhraseMatcher<Cue>,
    pub figures: PhraseMatcher<FigureWord>,
    pub numbers: PhraseMatcher<NumberWord>,
    pub qualifiers: PhraseMatcher<Qualifier>,
    pub institutions: PhraseMatcher<Institution>,
    pub titles: PhraseMatcher<Title>,
    pub organisations: PhraseMatcher<Organisation>,
    /// Armed groups and crowds named by a common noun ("gunmen", "protesters").
    pub groups: PhraseMatcher<ActorKind>,
    pub place_kinds: PhraseMatcher<PlaceKindWord>,
    /// Words between a place and the known place that holds it (`place_links.tsv`).
    pub place_links: PhraseMatcher<PlaceLink>,
    pub ceasefire: PhraseMatcher<CeasefireWord>,
    /// Closed word classes the event rules ask about (`event_words.tsv`).
    pub classes: PhraseMatcher<WordClass>,
    /// What the event rules know of each PLOVER type (`plover_types.tsv`).
    pub plover_classes: HashMap<String, PloverClass>,
    /// Common English words: never a place or a person's name on their own.
    pub stopwords: rustc_hash::FxHashSet<String>,
    pub problems: Vec<DataProblem>,
}

impl Lexicon {
    /// The lexicons shipped in `data/lexicon/`.
    pub fn builtin() -> Self {
        let mut lex = Lexicon::default();
        lex.load_abbreviations(data_file!("abbreviations.txt"));
        for line in data_file!("stopwords.txt").lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                lex.stopwords.insert(w.to_lowercase());
            }
        }
        lex.load_triggers(data_file!("triggers.tsv"));
        lex.load_weapons(data_file!("weapons.tsv"));
        lex.load_simple(
            "reporting.tsv",
            data_file!("reporting.tsv"),
            "frame",
            parse_frame,
            |l| &mut l.reporting,
        );
        lex.load_simple("cues.tsv", data_file!("cues.tsv"), "cue", parse_cue, |l| {
            &mut l.cues
        });
        lex.load_simple(
            "qualifiers.tsv",
            data_file!("qualifiers.tsv"),
            "qualifier",
            parse_qualifier,
            |l| &mut l.qualifiers,
        );
        lex.load_figures(data_file!("figures.tsv"));
        lex.load_numbers(data_file!("numbers.tsv"));
        lex.load_institutions(data_file!("institutions.tsv"));
        lex.load_titles(data_file!("titles.tsv"));
        lex.load_organisations(data_file!("organisations.tsv"));
        lex.load_place_kinds(data_file!("place_kinds.tsv"));
        lex.load_simple(
            "place_links.tsv",
            data_file!("place_links.tsv"),
            "link",
            PlaceLink::parse,
            |l| &mut l.place_links,
        );
        lex.load_ceasefire(data_file!("ceasefire.tsv"));
        lex.load_simple(
            "event_words.tsv",
            data_file!("event_words.tsv"),
            "set",
            WordClass::parse,
            |l| &mut l.classes,
        );
        lex.load_plover_classes(data_file!("plover_types.tsv"));
        lex.load_simple(
            "groups.tsv",
            data_file!("groups.tsv"),
            "kind",
            parse_actor_kind,
            |l| &mut l.groups,
        );
        lex
    }

    /// Whether the token at `at` is a compass word ("northern", "south-east", "NW", from
    /// `place_links.tsv`) or "central": a word that narrows a place without renaming it.
    pub fn is_direction(&self, tokens: &[Token], at: usize) -> bool {
        tokens.get(at).is_some_and(|t| t.norm == "central")
            || self
                .place_links
                .match_at(tokens, at)
                .is_some_and(|l| *l.value == PlaceLink::Direction && l.end == at + 1)
    }

    pub fn abbreviation(&self, lower_with_dot: &str) -> AbbreviationKind {
        self.abbreviations
            .get(lower_with_dot)
            .copied()
            .unwrap_or(AbbreviationKind::None)
    }

    /// Tokenises text with this lexicon's abbreviations.
    pub fn tokenize(&self, text: &str, span: Span) -> Vec<Token> {
        tokenize(text, span, &|w| {
            self.abbreviation(w) == AbbreviationKind::Inner
        })
    }

    /// The token norms of a lexicon form, tokenised exactly as text is.
    fn form_words(&self, form: &str) -> Vec<String> {
        self.tokenize(form, Span::new(0, form.len()))
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    fn problem(&mut self, file: &'static str, line: usize, message: String) {
        self.problems.push(DataProblem {
            file,
            line,
            message,
        });
    }

    fn load_abbreviations(&mut self, src: &str) {
        let mut kind = AbbreviationKind::Inner;
        for line in src.lines().map(str::trim) {
            if line == "[may_end]" {
                kind = AbbreviationKind::MayEnd;
            } else if !line.is_empty() && !line.starts_with('#') {
                self.abbreviations.insert(line.to_lowercase(), kind);
            }
        }
    }

    fn load_triggers(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let pos = match row.get("pos") {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                other => {
                    return self.problem("triggers.tsv", row.line, format!("pos {other:?}"));
                }
            };
            let plover = row.get("plover");
            if !PLOVER_TYPES.contains(&plover) {
                return self.problem("triggers.tsv", row.line, format!("plover {plover:?}"));
            }
            let requires = match row.get("requires") {
                "" => Requires::Nothing,
                "weapon" => Requires::Weapon,
                "object" => Requires::Object,
                "military" => Requires::Military,
                other => {
                    return self.problem("triggers.tsv", row.line, format!("requires {other:?}"));
                }
            };
            let trigger = Trigger {
                pos,
                plover: plover.to_string(),
                mode: row.opt("mode").map(str::to_string),
                event_type: row.opt("event_type").map(str::to_string),
                sub_event_type: row.opt("sub_event_type").map(str::to_string),
                requires,
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                self.triggers.insert(words, trigger.clone());
            }
        });
    }

    fn load_weapons(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let weapon = Weapon {
                mode: row.opt("mode").map(str::to_string),
                event_type: row.opt("event_type").map(str::to_string),
                sub_event_type: row.opt("sub_event_type").map(str::to_string),
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                self.weapons.insert(words, weapon.clone());
            }
        });
    }

    fn load_simple<V: Clone>(
        &mut self,
        file: &'static str,
        src: &'static str,
        column: &str,
        parse: fn(&str) -> Option<V>,
        matcher: fn(&mut Lexicon) -> &mut PhraseMatcher<V>,
    ) {
        tsv::for_each_row(src, |row| {
            let Some(value) = parse(row.get(column)) else {
                return self.problem(file, row.line, format!("{column} {:?}", row.get(column)));
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                matcher(self).insert(words, value.clone());
            }
        });
    }

    fn load_ceasefire(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let label = row.get("label").to_string();
            let word = match row.get("sense") {
                "agreement" if !label.is_empty() => CeasefireWord::Agreement(label),
                "term" if !label.is_empty() => CeasefireWord::Term(label),
                "agree" => CeasefireWord::Agree,
                "future_effect" => CeasefireWord::FutureEffect,
                "in_effect" => CeasefireWord::InEffect,
                "suspend" => CeasefireWord::Suspend,
                "collapse" => CeasefireWord::Collapse,
                "not_made" => CeasefireWord::NotMade,
                "met" => CeasefireWord::Met,
                "unmet" => CeasefireWord::Unmet,
                other => {
                    return self.problem("ceasefire.tsv", row.line, format!("sense {other:?}"));
                }
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                self.ceasefire.insert(words, word.clone());
            }
        });
    }

    fn load_figures(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let kind = match row.get("kind") {
                "" => None,
                k => match parse_figure_kind(k) {
                    Some(k) => Some(k),
                    None => return self.problem("figures.tsv", row.line, format!("kind {k:?}")),
                },
            };
            let population = match row.get("population") {
                "" => None,
                "civilian" => Some(Population::Civilian),
                "military" => Some(Population::Military),
                "unspecified" => Some(Population::Unspecified),
                p => return self.problem("figures.tsv", row.line, format!("population {p:?}")),
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                self.figures.insert(words, FigureWord { kind, population });
            }
        });
    }

    fn load_numbers(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let Ok(value) = row.get("value").replace(',', "").parse::<u64>() else {
                return self.problem(
                    "numbers.tsv",
                    row.line,
                    format!("value {:?}", row.get("value")),
                );
            };
            let sense = match row.get("qualifier") {
                "" | "exact" => NumberSense::Exact,
                "about" => NumberSense::About,
                "multiplier" => NumberSense::Multiplier,
                "singular" => NumberSense::Singular,
                q => return self.problem("numbers.tsv", row.line, format!("qualifier {q:?}")),
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                self.numbers.insert(words, NumberWord { value, sense });
            }
        });
    }

    fn load_institutions(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let kind = match row.get("kind") {
                "military" => ActorKind::Military,
                "government" => ActorKind::Government,
                "police" => ActorKind::Police,
                k => return self.problem("institutions.tsv", row.line, format!("kind {k:?}")),
            };
            let canonical = row.get("canonical").to_string();
            for form in row.list("forms") {
                let words = self.form_words(form);
                let canonical = if canonical.is_empty() {
                    form.to_string()
                } else {
                    canonical.clone()
                };
                self.institutions
                    .insert(words, Institution { kind, canonical });
            }
        });
    }

    fn load_titles(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let role = row.get("role").to_string();
            for form in row.list("forms") {
                let words = self.form_words(form);
                let role = if role.is_empty() {
                    form.to_string()
                } else {
                    role.clone()
                };
                self.titles.insert(words, Title { role });
            }
        });
    }

    fn load_organisations(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let Some(kind) = parse_actor_kind(row.get("kind")) else {
                return self.problem(
                    "organisations.tsv",
                    row.line,
                    format!("kind {:?}", row.get("kind")),
                );
            };
            let canonical = row.get("canonical");
            let country = row.opt("country").map(str::to_uppercase);
            for form in row.list("forms") {
                let words = self.form_words(form);
                let org = Organisation {
                    surface: form.to_string(),
                    canonical: if canonical.is_empty() {
                        form
                    } else {
                        canonical
                    }
                    .to_string(),
                    kind,
                    country: country.clone(),
                };
                self.organisations.insert(words, org);
            }
        });
    }

    fn load_place_kinds(&mut self, src: &'static str) {
        tsv::for_each_row(src, |row| {
            let any_kind = row.get("kind") == "any";
            let kind = if any_kind {
                Some(PlaceKind::Region)
            } else {
                parse_place_kind(row.get("kind"))
            };
            let Some(kind) = kind else {
                return self.problem(
                    "place_kinds.tsv",
                    row.line,
                    format!("kind {:?}", row.get("kind")),
                );
            };
            let position = match row.get("position") {
                "after" => KindPosition::After,
                "before_of" => KindPosition::BeforeOf,
                "both" | "" => KindPosition::Both,
                "before" => KindPosition::Before,
                "any" => KindPosition::Any,
                p => return self.problem("place_kinds.tsv", row.line, format!("position {p:?}")),
            };
            for form in row.list("forms") {
                let words = self.form_words(form);
                self.place_kinds.insert(
                    words,
                    PlaceKindWord {
                        kind,
                        position,
                        any_kind,
                    },
                );
            }
        });
    }
}

pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

fn parse_frame(s: &str) -> Option<Frame> {
    Some(match s {
        "say" => Frame::Say,
        "according" => Frame::According,
        "accuse" => Frame::Accuse,
        "deny" => Frame::Deny,
        "allege" => Frame::Allege,
        "hedge" => Frame::Hedge,
        "source" => Frame::Source,
        _ => return None,
    })
}

fn parse_cue(s: &str) -> Option<Cue> {
    Some(match s {
        "negation" => Cue::Negation,
        "plan" => Cue::Plan,
        "commit" => Cue::Commit,
        "condition" => Cue::Condition,
        "hypothetical" => Cue::Hypothetical,
        "cumulative" => Cue::Cumulative,
        "toll" => Cue::Toll,
        "past_background" => Cue::PastBackground,
        _ => return None,
    })
}

pub fn parse_qualifier(s: &str) -> Option<Qualifier> {
    Some(match s {
        "exact" => Qualifier::Exact,
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "about" => Qualifier::About,
        "up_to" => Qualifier::UpTo,
        "range" => Qualifier::Range,
        _ => return None,
    })
}

pub fn parse_figure_kind(s: &str) -> Option<FigureKind> {
    Some(match s {
        "killed" => FigureKind::Killed,
        "wounded" => FigureKind::Wounded,
        "casualties" => FigureKind::Casualties,
        "displaced" => FigureKind::Displaced,
        "missing" => FigureKind::Missing,
        "detained" => FigureKind::Detained,
        "evacuated" => FigureKind::Evacuated,
        "refugees" => FigureKind::Refugees,
        _ => return None,
    })
}

pub fn parse_actor_kind(s: &str) -> Option<ActorKind> {
    Some(match s {
        "state" => ActorKind::State,
        "government" => ActorKind::Government,
        "military" => ActorKind::Military,
        "police" => ActorKind::Police,
        "rebel" => ActorKind::Rebel,
        "igo" => ActorKind::Igo,
        "ngo" => ActorKind::Ngo,
        "party" => ActorKind::Party,
        "person" => ActorKind::Person,
        "civilians" => ActorKind::Civilians,
        "other" => ActorKind::Other,
        _ => return None,
    })
}

pub fn parse_place_kind(s: &str) -> Option<PlaceKind> {
    Some(match s {
        "country" => PlaceKind::Country,
        "admin1" => PlaceKind::Admin1,
        "admin2" => PlaceKind::Admin2,
        "admin3" => PlaceKind::Admin3,
        "city" => PlaceKind::City,
        "village" => PlaceKind::Village,
        "landmark" => PlaceKind::Landmark,
        "region" => PlaceKind::Region,
        "water" => PlaceKind::Water,
        "border" => PlaceKind::Border,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_load_without_problems() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.problems, []);
        assert!(lex.triggers.len() > 100);
        assert!(lex.titles.len() > 20);
    }
}
