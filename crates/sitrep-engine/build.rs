//! Compiles the bundled gazetteer's name index: every folded name (half a million) in an FST
//! with its entries packed beside it, so the engine starts without folding or hashing them.
//! The loader is the engine's own (`src/gazetteer/`), included here, so index and records
//! agree by construction.

#![allow(clippy::print_stdout)] // Cargo reads a build script's directives from standard output.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon/tsv.rs"]
pub mod tsv;

#[allow(dead_code, unused_imports)]
mod lexicon {
    pub(crate) use super::tsv;

    pub fn parse_place_kind(s: &str) -> Option<sitrep_model::PlaceKind> {
        use sitrep_model::PlaceKind::*;
        Some(match s {
            "country" => Country,
            "admin1" => Admin1,
            "admin2" => Admin2,
            "admin3" => Admin3,
            "city" => City,
            "village" => Village,
            "landmark" => Landmark,
            "region" => Region,
            "water" => Water,
            "border" => Border,
            _ => return None,
        })
    }
}

#[allow(dead_code, unused_imports)]
#[path = "src/gazetteer/mod.rs"]
mod gazetteer;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let data = Path::new(&manifest).join("../../data/gazetteer");
    for dir in [
        "src/gazetteer",
        "src/lexicon/tsv.rs",
        "../../data/gazetteer",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
    let g = gazetteer::Gazetteer::builtin();
    let (fst, postings) = gazetteer::build_index(&g);
    std::fs::write(Path::new(&out).join("names.fst"), fst).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("names.postings"), postings).expect("OUT_DIR is writable");
    let _ = data;
}
