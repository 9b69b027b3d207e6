//! Incidents: one happening as told by many reports. Each report's telling is an
//! `Account` that keeps its source, its side and the sentence it came from; the
//! `Incident` is what the accounts agree on (type, place, dates) plus the accounts.

use serde::{Deserialize, Serialize};

use crate::{Figure, FigureKind, PlaceKind, Qualifier, Status};

/// Where an account puts the happening: its most specific place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPlace {
    pub name: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One report's telling of one happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// The report's document id.
    pub report: String,
    pub published: Option<String>,
    pub source: Option<String>,
    /// The report this one reprints, when it is a syndicated copy: its figures are its
    /// original's and are never counted again.
    pub copy_of: Option<String>,
    /// The event's index in the report's record; `None` for an account made of figures only
    /// ("the toll rose to 19"), which can join an incident but never starts one.
    pub event: Option<usize>,
    pub plover: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    pub actor1: Option<String>,
    pub actor1_country: Option<String>,
    pub actor2: Option<String>,
    pub actor2_country: Option<String>,
    /// Actor 2 is the victims a figure counts ("35 people"), not a party the report names:
    /// its country does not decide which incident the account joins.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub actor2_counted: bool,
    /// The happening's date: the event's own, or else the report's publication date
    /// (`date_from_published`).
    pub date: Option<String>,
    pub date_from_published: bool,
    pub place: Option<AccountPlace>,
    pub status: Status,
    /// Whose account: the party that claims it (a country code), if the report frames it.
    pub side: Option<String>,
    pub claimed_by: Option<String>,
    /// The sentence the account comes from, as the report has it.
    pub sentence_index: usize,
    pub sentence: String,
    /// The report's casualty and displacement figures that belong to this happening.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<CountedFigure>,
}

/// A figure with the sentence that gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountedFigure {
    #[serde(flatten)]
    pub figure: Figure,
    pub sentence: String,
}

/// What the accounts of an incident agree on, kept up to date as accounts join; new
/// accounts are compared against it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub plover: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    /// The most specific place any account gives, and every place named.
    pub place: Option<AccountPlace>,
    pub places: Vec<AccountPlace>,
    /// Countries of the actors on either side, across accounts.
    pub actor_countries: Vec<String>,
    pub actor1_country: Option<String>,
    pub actor2_country: Option<String>,
    pub reports: Vec<String>,
}

/// An incident with its accounts, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: i64,
    pub profile: Profile,
    pub accounts: Vec<Account>,
}

/// One point of a tally's time series: the tally as the reports stood on `date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TallyPoint {
    pub date: String,
    pub count: u64,
}

/// A figure that backs a tally, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TallySource {
    pub report: String,
    pub published: Option<String>,
    pub count: u64,
    pub qualifier: Qualifier,
    pub claimed_by: Option<String>,
    pub side: Option<String>,
    pub incident: Option<i64>,
    pub sentence: String,
}

/// How many were killed, wounded or displaced in one country, by the reports' count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub country: String,
    pub kind: FigureKind,
    /// The best current figure: the latest cumulative total, or else the sum of each
    /// incident's latest count by the side that holds the place.
    pub latest: u64,
    /// The lowest and highest current figures across sources.
    pub range: [u64; 2],
    /// `cumulative` when a period total gives the figure, `incidents` when incident counts
    /// are summed (only where no period total covers them).
    pub basis: String,
    /// The period total used, if any.
    pub cumulative: Option<TallySource>,
    /// Each incident's current count (those inside a period total are listed, not added).
    pub incidents: Vec<TallySource>,
    pub series: Vec<TallyPoint>,
}

/// A period total a report gives ("since 6 October, at least 340 killed"), with where it
/// came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodFigure {
    pub report: String,
    pub published: Option<String>,
    pub copy_of: Option<String>,
    pub sentence: String,
    pub figure: Figure,
}
