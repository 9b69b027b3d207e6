//! Generated text: a report's own headline and summary (`report.rs`), built from its facts
//! with small English helpers (`english.rs`).

pub mod english;
mod report;

pub use report::{Context, HEADLINE_CHARS, SUMMARY_WORDS, Text, headline_and_summary};
