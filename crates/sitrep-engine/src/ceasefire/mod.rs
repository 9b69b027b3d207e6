//! Ceasefire tracking: what each report says about agreements, talks and appeals
//! (`signals.rs`, one report at a time, at ingest), and the tracker that folds every
//! report's signals and the incidents into agreements, each pair's status over time,
//! alleged violations and commitments (`track.rs`).

mod effective;
mod signals;
mod track;

pub use signals::signals;
pub use track::{STATUSES, keep_agreements, status_on, track};
