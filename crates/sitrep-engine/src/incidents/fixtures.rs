//! Builders for the incident tests: an account with every field empty but the ones a test
//! sets.

use sitrep_model::{Account, Status};

/// An ASSAULT account of `report`, published and dated `date`, with nothing else known.
pub fn account(report: &str, date: &str) -> Account {
    Account {
        report: report.into(),
        published: Some(date.into()),
        source: None,
        copy_of: None,
        event: Some(0),
        plover: Some("ASSAULT".into()),
        event_type: None,
        sub_event_type: None,
        actor1: None,
        actor1_country: None,
        actor2: None,
        actor2_country: None,
        actor2_counted: false,
        date: Some(date.into()),
        date_from_published: false,
        place: None,
        status: Status::Reported,
        side: None,
        claimed_by: None,
        sentence_index: 0,
        sentence: String::new(),
        figures: Vec::new(),
    }
}
