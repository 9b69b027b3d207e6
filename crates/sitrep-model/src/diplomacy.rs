//! Diplomacy and ceasefires: what a report says about agreements, talks, appeals and
//! positions (`Signal`, one per act and sentence), and the tracker built from many reports:
//! agreements, each pair's status over time, alleged violations and commitments.

use serde::{Deserialize, Serialize};

/// What a sentence says happened to an agreement, or which diplomatic act it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Act {
    /// The parties agreed or signed it.
    Agreed,
    /// It will take effect (at `effective`).
    TakesEffect,
    /// It has taken effect or is holding.
    InEffect,
    Suspended,
    Collapsed,
    /// A term was done, by the report's account.
    TermMet,
    /// A term was not done.
    TermUnmet,
    TalksScheduled,
    TalksHeld,
    Appeal,
    Position,
    Demand,
    Condition,
    Commitment,
}

/// One act a report tells, with the sentence it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub report: String,
    pub published: Option<String>,
    /// The report this one reprints, when it is a syndicated copy.
    pub copy_of: Option<String>,
    pub sentence_index: usize,
    pub sentence: String,
    pub act: Act,
    /// The agreement's kind (`ceasefire`, `truce`, `armistice`, `peace accord`,
    /// `joint declaration`), when the sentence names one.
    pub agreement: Option<String>,
    /// The place that names it ("the Astana truce").
    pub named_for: Option<String>,
    /// "a new ceasefire": not one already known.
    pub new: bool,
    /// The parties (country codes) the sentence names.
    pub parties: Vec<String>,
    /// Who acts or speaks (a country code, or a name).
    pub by: Option<String>,
    pub mediator: Option<String>,
    pub place: Option<String>,
    /// When it happens (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// When the agreement takes effect (`YYYY-MM-DDTHH:MM`, UTC, or a date).
    pub effective: Option<String>,
    pub terms: Vec<String>,
}

/// A source for a tracker entry: a report and the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub report: String,
    pub published: Option<String>,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// `a1`, `a2`, … in the order they were agreed.
    pub key: String,
    pub kind: String,
    /// "Astana truce": the kind named after where it was signed.
    pub name: String,
    pub parties: Vec<String>,
    pub agreed: Option<String>,
    pub effective: Option<String>,
    pub place_signed: Option<String>,
    pub mediator: Option<String>,
    pub terms: Vec<String>,
    pub sources: Vec<Source>,
}

/// A pair's status from a date on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub parties: Vec<String>,
    pub date: String,
    /// `agreed`, `in_force`, `suspended`, `collapsed` or `renewed`.
    pub status: String,
    pub agreement: String,
    pub sources: Vec<Source>,
}

/// An incident after an agreement took effect, and who alleges it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub date: String,
    pub place: Option<String>,
    pub incident: i64,
    pub agreement: String,
    pub alleged_by: Vec<String>,
    pub against: Option<String>,
    pub denied: bool,
    pub sources: Vec<Source>,
}

/// A term an agreement set, for one party, and whether later reports say it was met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub agreement: String,
    pub term: String,
    /// The party bound (a country code), or `None` for both.
    pub by: Option<String>,
    /// `Some(true)` met, `Some(false)` not met, `None` unknown (or only the party's word).
    pub met: Option<bool>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tracker {
    pub agreements: Vec<Agreement>,
    pub status: Vec<StatusChange>,
    pub violations: Vec<Violation>,
    pub commitments: Vec<Commitment>,
}
