//! Integration tests of the engine, in one test binary: snapshot tests over the team's
//! corpus, data-driven phenomenon cases, and properties of every record.

mod cases;
mod corpus;
mod gazetteer;
mod properties;

use std::sync::OnceLock;

use sitrep_engine::Engine;

/// One engine for all tests: loading the gazetteer once keeps the suite quick.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::builtin)
}

/// The repository root, from this crate's manifest folder.
pub fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
