//! Many reports, one picture: each report's events become accounts (`accounts.rs`),
//! accounts of one happening join one incident (`matching.rs`), and casualty figures are
//! tallied without counting anyone twice (`tally.rs`). Pure functions over records; the
//! store keeps what they decide.

mod accounts;
#[cfg(test)]
mod fixtures;
mod matching;
mod tally;

pub use accounts::{accounts, period_figures};
pub use matching::{absorb, affinity, window};
pub use tally::{TallyQuery, incident_count, tally};

use chrono::NaiveDate;

/// The date part of a record date (`2025-10-06`, or the start of `2025-10-06/2025-10-08`).
pub(crate) fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}
