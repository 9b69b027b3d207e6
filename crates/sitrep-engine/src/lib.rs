//! sitrep's extraction engine: one report's text in, one verifiable record out.
//!
//! The engine does no I/O and keeps no global state: its lexicons and gazetteer are
//! compiled in (or handed over), and `Engine::extract` is a pure function of its input.
//! Messy input is data: extraction never fails, it reports diagnostics.

pub mod brief;
pub mod ceasefire;
pub mod extract;
pub mod gazetteer;
pub mod incidents;
pub mod learned;
pub mod lexicon;
mod pipeline;
pub mod text;

pub use chrono::NaiveDate;
pub use pipeline::{Engine, Input, builtin_gazetteer};
pub use sitrep_model as model;
