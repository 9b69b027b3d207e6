//! What the corpus tests share: a team corpus ingested once into a fresh store, and
//! `sitrep` run against that store.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A corpus folder under the repository's `tests/`.
pub fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests")
        .join(name)
}

/// Ingests `tests/NAME/reports.jsonl` into a fresh store; its path and what ingest printed.
pub fn fresh_store(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("sitrep-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("store.db");
    let reports = corpus(name).join("reports.jsonl");
    let out = run(&db, &["ingest", reports.to_str().unwrap()]);
    (db, out)
}

/// Runs `sitrep ARGS --db DB`, which must succeed; its standard output.
pub fn run(db: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("sitrep runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).to_string()
}
