//! Where sitrep keeps its own files (the store, the user gazetteer).

use std::path::PathBuf;

/// sitrep's own folder: `$SITREP_HOME`, else `$XDG_DATA_HOME/sitrep`, else
/// `~/.local/share/sitrep`.
pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("SITREP_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("sitrep")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/sitrep")))
}
