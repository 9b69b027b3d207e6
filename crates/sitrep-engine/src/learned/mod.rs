//! Learned where rules fall short: sentence heads that say whether a sentence tells an
//! event, of which ACLED sub-event type and PLOVER type, trained on the real corpus's train
//! split (`sitrep train`) and compiled in from `data/models/events.bin`. The rules keep
//! what they do well (spans, numbers, dates, frames, status); `extract/typing.rs` combines
//! the heads' decision with them.

pub mod features;
pub mod model;
pub mod train;

pub use model::{Head, Model};

/// The label a head gives a sentence that tells no event.
pub const NONE: &str = "none";
/// The ACLED head's label for an event ACLED does not cover (an appeal, a meeting).
pub const VERBAL: &str = "verbal";

/// The model compiled into the binary; an empty model when the file is missing or broken
/// (the rules then work alone).
pub fn builtin() -> Model {
    Model::from_bytes(include_bytes!("../../../../data/models/events.bin")).unwrap_or_default()
}

/// The sha256 of training data, hex: a model file records what it was trained on.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
