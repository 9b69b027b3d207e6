//! The extractors, each reading the shared `Analysis` of one report.

pub mod actors;
pub mod analysis;
pub mod claims;
pub mod dates;
pub mod events;
pub mod figures;
pub mod frames;
pub mod mentions;
pub mod places;
pub mod roles;
pub mod summary;
pub mod typing;
