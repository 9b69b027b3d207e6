//! The embedded store: every report ingested, once, with the record extracted from it.
//!
//! SQLite in WAL mode, schema versions applied in order (`migrations.rs`), full-text search
//! over titles and texts (FTS5). A batch of reports is one transaction: a crash or a kill
//! loses at most the batch in flight, and a rerun stores each report exactly once (the
//! document id is unique).

mod incidents;
mod migrations;
pub mod minhash;

pub use incidents::{IncidentQuery, Merger};

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use sitrep_model::{Incident, PeriodFigure, Record, Signal};

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("record could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
    #[error(
        "the database is at schema version {found}, newer than this sitrep knows ({known}): upgrade sitrep"
    )]
    TooNew { found: i64, known: i64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
}

/// What a batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    /// Reports stored for the first time.
    pub new: usize,
    /// Reports already in the store (same document id), left as they were.
    pub known: usize,
    /// New reports that reprint one already stored: linked to it, not counted again.
    pub syndicated: usize,
}

/// A report found by full-text search.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    /// The matching passage, with matches in [brackets].
    pub snippet: String,
}

/// Runs `f` again while SQLite says the database is busy, for up to a minute.
fn busy_retry<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let start = std::time::Instant::now();
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && start.elapsed() < std::time::Duration::from_secs(60) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            r => return r,
        }
    }
}

impl Store {
    /// Opens (creating if need be) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(60))?;
        // WAL: readers never block the writer, and a crash leaves committed batches intact.
        // Switching a new file to WAL needs it to itself, and SQLite answers "busy" at once
        // (no busy handler) while another process is setting it up: wait and try again.
        busy_retry(|| conn.pragma_update(None, "journal_mode", "WAL"))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        migrations::apply(&mut store.conn)?;
        Ok(store)
    }

    /// Stores a batch of records in one transaction; a record whose document id is already
    /// stored is skipped.
    pub fn insert(&mut self, records: &[Record]) -> Result<Inserted> {
        self.insert_inner(records, None)
    }

    /// Stores a batch as `insert` does and, in the same transaction, merges each new
    /// report's accounts into incidents.
    pub fn insert_merged(&mut self, records: &[Record], merger: &dyn Merger) -> Result<Inserted> {
        self.insert_inner(records, Some(merger))
    }

    fn insert_inner(
        &mut self,
        records: &[Record],
        merger: Option<&dyn Merger>,
    ) -> Result<Inserted> {
        // Immediate: the write lock is taken at the start, waiting (busy timeout) for another
        // process's batch to commit. A deferred transaction that reads first and writes later
        // cannot wait: SQLite refuses it at once with "database is locked".
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut done = Inserted::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO reports (doc_id, title, published, source, text, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut candidates = tx.prepare_cached(
                "SELECT DISTINCT r.id, r.minhash, coalesce(r.original_id, r.id) FROM report_bands b
                 JOIN reports r ON r.id = b.report_id WHERE b.band = ?1 AND b.hash = ?2
                 ORDER BY b.report_id DESC LIMIT 8",
            )?;
            let mut link = tx.prepare_cached(
                "UPDATE reports SET minhash = ?1, original_id = ?2 WHERE id = ?3",
            )?;
            let mut band = tx.prepare_cached(
                "INSERT INTO report_bands (band, hash, report_id) VALUES (?1, ?2, ?3)",
            )?;
            for r in records {
                let json = serde_json::to_string(r)?;
                let d = &r.document;
                let n =
                    insert.execute(params![d.id, d.title, d.published, d.source, d.text, json])?;
                if n == 0 {
                    done.known += 1;
                    continue;
                }
                done.new += 1;
                let id = tx.last_insert_rowid();
                let sig = minhash::signature(&d.text);
                let keys = minhash::bands(&sig);
                // The stored report this one reprints, if any: the most similar above the bar.
                let mut best: Option<(f64, i64)> = None;
                // A handful of candidates per band is enough: copies are linked to their
                // original, so the newest few stand for the whole story, and a template
                // repeated thousands of times costs no more than a story told twice.
                for (b, key) in keys.iter().enumerate() {
                    if best.is_some_and(|(sim, _)| sim >= 0.95) {
                        break;
                    }
                    let rows = candidates.query_map(params![b as i64, key], |row| {
                        Ok((
                            row.get::<_, i64>(0)?,
                            row.get::<_, Option<Vec<u8>>>(1)?,
                            row.get::<_, i64>(2)?,
                        ))
                    })?;
                    for row in rows {
                        let (other, blob, root) = row?;
                        let sim = blob
                            .map_or(0.0, |b| minhash::similarity(&sig, &minhash::from_bytes(&b)));
                        if other != id
                            && sim >= minhash::SAME_STORY
                            && best.is_none_or(|(s, _)| sim > s)
                        {
                            best = Some((sim, root));
                        }
                    }
                }
                if best.is_some() {
                    done.syndicated += 1;
                }
                link.execute(params![
                    minhash::to_bytes(&sig),
                    best.map(|(_, root)| root),
                    id
                ])?;
                for (b, key) in keys.iter().enumerate() {
                    band.execute(params![b as i64, key, id])?;
                }
                if let Some(m) = merger {
                    let copy_of: Option<String> = match best {
                        Some((_, root)) => Some(tx.query_row(
                            "SELECT doc_id FROM reports WHERE id = ?1",
                            [root],
                            |r| r.get(0),
                        )?),
                        None => None,
                    };
                    incidents::merge_report(&tx, m, id, r, copy_of.as_deref())?;
                }
            }
        }
        tx.commit()?;
        Ok(done)
    }

    /// Merges reports stored without incidents (by `insert`, or before the store had
    /// them), oldest first, in batches of `batch`; returns how many were merged.
    pub fn merge_pending(&mut self, merger: &dyn Merger, batch: usize) -> Result<usize> {
        let mut total = 0;
        loop {
            // Immediate, as in `insert_inner`: read then write, so take the lock first.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let rows: Vec<(i64, String, Option<String>)> = {
                let mut stmt = tx.prepare(
                    "SELECT r.id, r.record, o.doc_id FROM reports r
                     LEFT JOIN reports o ON o.id = r.original_id
                     WHERE r.merged = 0 ORDER BY r.id LIMIT ?1",
                )?;
                stmt.query_map([batch as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()?
            };
            if rows.is_empty() {
                return Ok(total);
            }
            for (id, json, copy_of) in &rows {
                let record: Record = serde_json::from_str(json)?;
                incidents::merge_report(&tx, merger, *id, &record, copy_of.as_deref())?;
            }
            tx.commit()?;
            total += rows.len();
        }
    }

    /// Incidents matching the query, earliest first, each with its accounts.
    pub fn incidents(&self, q: &IncidentQuery) -> Result<Vec<Incident>> {
        incidents::query(&self.conn, q)
    }

    /// One incident with its accounts.
    pub fn incident(&self, id: i64) -> Result<Option<Incident>> {
        incidents::one(&self.conn, id)
    }

    /// The reports' diplomacy signals published in a window, oldest first.
    pub fn signals(&self, since: Option<&str>, until: Option<&str>) -> Result<Vec<Signal>> {
        incidents::signals(&self.conn, since, until)
    }

    /// Every period total stored, copies included (they say which report they reprint).
    pub fn period_figures(&self) -> Result<Vec<PeriodFigure>> {
        incidents::period_figures(&self.conn)
    }

    /// Whether a report with this document id is stored.
    pub fn contains(&self, doc_id: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM reports WHERE doc_id = ?1", [doc_id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(found.is_some())
    }

    /// The document id of the report this one reprints, when it is a syndicated copy.
    pub fn original_of(&self, doc_id: &str) -> Result<Option<String>> {
        let found: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT o.doc_id FROM reports r LEFT JOIN reports o ON o.id = r.original_id WHERE r.doc_id = ?1",
                [doc_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.flatten())
    }

    /// Every stored record, oldest publication first (undated last), each once: syndicated
    /// copies are left out unless `with_copies`.
    pub fn records(&self, with_copies: bool) -> Result<Vec<Record>> {
        let mut stmt = self.conn.prepare(
            "SELECT record FROM reports WHERE ?1 OR original_id IS NULL
             ORDER BY published IS NULL, published, id",
        )?;
        let rows = stmt.query_map([with_copies], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(serde_json::from_str(&json?)?);
        }
        Ok(out)
    }

    pub fn report_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The record stored for a document id.
    pub fn record(&self, doc_id: &str) -> Result<Option<Record>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT record FROM reports WHERE doc_id = ?1",
                [doc_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match json {
            Some(j) => Some(serde_json::from_str(&j)?),
            None => None,
        })
    }

    /// Full-text search over titles and texts (SQLite FTS5 query syntax; plain words match
    /// all of them), best matches first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.doc_id, r.title, r.published, r.source,
                    snippet(reports_fts, 1, '[', ']', '…', 16)
             FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid
             WHERE reports_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts_query(query), limit as i64], |r| {
            Ok(Hit {
                doc_id: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                source: r.get(3)?,
                snippet: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// Plain words become a query that needs all of them, each quoted so that punctuation in
/// user input ("al-Shabaab", "U.N.") is never read as FTS5 syntax.
fn fts_query(input: &str) -> String {
    input
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Document;

    fn record(id: &str, title: &str, text: &str) -> Record {
        Record {
            document: Document {
                id: id.into(),
                title: Some(title.into()),
                text: text.into(),
                language: "en".into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// Writers on one file, from the first open on: a new store's schema is made once, and
    /// each batch waits for the others' instead of failing with "database is locked".
    #[test]
    fn writers_on_one_store_take_turns() {
        let dir = std::env::temp_dir().join(format!(
            "sitrep-store-writers-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.db");
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open(&path).unwrap();
                    for i in 0..25 {
                        let id = format!("w{w}-{i}");
                        s.insert(&[record(&id, "Clashes", &format!("Report {id} of clashes."))])
                            .unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        assert_eq!(Store::open(&path).unwrap().report_count().unwrap(), 100);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn stores_each_report_once() {
        let mut s = Store::in_memory().unwrap();
        let a = record(
            "a",
            "Shelling in Kharkiv",
            "Russian artillery shelled Kharkiv.",
        );
        let b = record("b", "Talks in Jeddah", "Delegations met in Jeddah.");
        assert_eq!(
            s.insert(&[a.clone(), b]).unwrap(),
            Inserted {
                new: 2,
                known: 0,
                syndicated: 0
            }
        );
        assert_eq!(
            s.insert(std::slice::from_ref(&a)).unwrap(),
            Inserted {
                new: 0,
                known: 1,
                syndicated: 0
            }
        );
        assert_eq!(s.report_count().unwrap(), 2);
        assert_eq!(s.record("a").unwrap(), Some(a));
        assert!(s.contains("b").unwrap() && !s.contains("c").unwrap());
    }

    #[test]
    fn finds_reports_by_their_words() {
        let mut s = Store::in_memory().unwrap();
        s.insert(&[
            record(
                "a",
                "Shelling in Kharkiv",
                "Russian artillery shelled Kharkiv overnight.",
            ),
            record("b", "Talks", "al-Shabaab fighters attacked a base."),
        ])
        .unwrap();
        let hits = s.search("artillery Kharkiv", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].doc_id, "a");
        assert!(
            hits[0].snippet.contains("[artillery]"),
            "{}",
            hits[0].snippet
        );
        assert_eq!(
            s.search("al-Shabaab", 10).unwrap().len(),
            1,
            "punctuation is not query syntax"
        );
        assert!(s.search("\"unbalanced", 10).unwrap().is_empty());
    }

    #[test]
    fn a_syndicated_copy_is_linked_to_its_original() {
        let story = "Russian drones struck an apartment block in Kharkiv overnight, killing at least four civilians and wounding seventeen, the regional governor said on Sunday. Firefighters worked through the night to pull survivors from the rubble.";
        let mut s = Store::in_memory().unwrap();
        s.insert(&[record("wire", "Drones hit Kharkiv", story)])
            .unwrap();
        let copy = record(
            "paper",
            "Kharkiv mourns",
            &format!("Kharkiv mourns.\n{story}"),
        );
        let other = record(
            "other",
            "Talks",
            "Delegations met in Jeddah for talks on a truce in Sudan, officials said on Tuesday.",
        );
        let done = s.insert(&[copy, other]).unwrap();
        assert_eq!(
            done,
            Inserted {
                new: 2,
                known: 0,
                syndicated: 1
            }
        );
        assert_eq!(s.original_of("paper").unwrap().as_deref(), Some("wire"));
        assert_eq!(s.original_of("other").unwrap(), None);
        assert_eq!(s.original_of("wire").unwrap(), None);
    }

    #[test]
    fn reopening_keeps_everything() {
        let dir = std::env::temp_dir().join(format!("sitrep-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        {
            let mut s = Store::open(&path).unwrap();
            s.insert(&[record("a", "t", "x")]).unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.report_count().unwrap(), 1);
        std::fs::remove_dir_all(dir).ok();
    }
}
