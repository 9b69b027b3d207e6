//! The record's plain data types: what `sitrep extract` emits for one report.
//!
//! This crate is the stable contract that evaluation, exports and the API build on
//! (`RECORD.md`). It holds data only: no parsing, no I/O, no behaviour beyond
//! small helpers on spans.

use serde::{Deserialize, Serialize};

mod diplomacy;
mod incident;
pub use diplomacy::{Act, Agreement, Commitment, Signal, Source, StatusChange, Tracker, Violation};
pub use incident::{
    Account, AccountPlace, CountedFigure, Incident, PeriodFigure, Profile, Tally, TallyPoint,
    TallySource,
};

/// A byte range `[start, end)` in the normalised document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<[usize; 2]> for Span {
    fn from([start, end]: [usize; 2]) -> Self {
        Span { start, end }
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

/// Where an item came from: the sentence index and the byte span of the text that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: usize,
    pub span: Span,
}

/// The whole record for one report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub document: Document,
    pub headline: String,
    pub summary: String,
    pub places: Vec<Place>,
    pub actors: Vec<Actor>,
    pub events: Vec<Event>,
    pub figures: Vec<Figure>,
    pub claims: Vec<Claim>,
    /// The sentences of the normalised text, so that every `evidence.sentence` can be read.
    pub sentences: Vec<Span>,
    /// What the extractor noticed but could not resolve (unknown dates, odd input).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Record {
    /// The text of sentence `i` (empty when there is no such sentence).
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .and_then(|s| self.document.text.get(s.start..s.end))
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `sha256:` of the normalised text, or the id a JSON Lines input gave.
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub language: String,
    /// The normalised text all spans point into.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Precision,
    pub gazetteer_id: Option<String>,
    /// Why this reading was chosen, in a few words (for users who doubt it).
    pub basis: String,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    Admin1,
    Admin2,
    Admin3,
    City,
    Village,
    Landmark,
    Region,
    Water,
    Border,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Exact,
    Near,
    Admin2,
    Admin1,
    Country,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub role: Option<String>,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Government,
    Military,
    Police,
    Rebel,
    Igo,
    Ngo,
    Party,
    Person,
    Civilians,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub plover: String,
    pub mode: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    pub actor1: Option<String>,
    pub actor1_country: Option<String>,
    pub actor2: Option<String>,
    pub actor2_country: Option<String>,
    pub locations: Vec<EventLocation>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub status: Status,
    pub claimed_by: Option<String>,
    pub claimed_by_country: Option<String>,
    /// The words that triggered the event.
    pub trigger: String,
    pub evidence: Evidence,
    /// Further mentions of the same event in this report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Evidence>,
    /// How sure the learned heads are of this event's type (0–1, calibrated on dev);
    /// absent when no model judged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    pub name: String,
    pub country: Option<String>,
    pub kind: PlaceKind,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Reported,
    Claimed,
    Denied,
    Scheduled,
    Hypothetical,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub kind: FigureKind,
    pub count: u64,
    pub qualifier: Qualifier,
    pub count_high: Option<u64>,
    pub country: Option<String>,
    /// Every country the figure covers, when it spans several ("on both sides").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    pub place: Option<String>,
    pub population: Population,
    pub period: Option<String>,
    pub cumulative: bool,
    pub claimed_by: Option<String>,
    pub claimed_by_country: Option<String>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Killed,
    Wounded,
    Casualties,
    Displaced,
    Missing,
    Detained,
    Evacuated,
    Refugees,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    About,
    UpTo,
    Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    Civilian,
    Military,
    Unspecified,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub by: String,
    pub by_country: Option<String>,
    pub kind: ClaimKind,
    pub about: Option<String>,
    pub text: String,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    Accusation,
    Denial,
    Demand,
    Commitment,
    Appeal,
    Position,
    SelfDefence,
}

/// Something the extractor noticed and could not resolve; data, never an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}
