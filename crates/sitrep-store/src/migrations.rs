//! Schema versions, applied in order inside one transaction each; `user_version` says
//! which the database has. A database newer than this code is refused, not damaged.

use rusqlite::Connection;

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: reports with their records, and full-text search over title and text.
    "CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        title TEXT,
        published TEXT,
        source TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX reports_published ON reports (published);
    CREATE VIRTUAL TABLE reports_fts USING fts5 (title, text, content = 'reports', content_rowid = 'id');
    CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
        INSERT INTO reports_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
        INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;",
    // 2: syndicated copies: a MinHash signature per report, its bands for lookup, and the
    // link from a copy to the report it reprints.
    "ALTER TABLE reports ADD COLUMN minhash BLOB;
    ALTER TABLE reports ADD COLUMN original_id INTEGER REFERENCES reports (id);
    CREATE TABLE report_bands (band INTEGER NOT NULL, hash INTEGER NOT NULL, report_id INTEGER NOT NULL REFERENCES reports (id));
    CREATE INDEX report_bands_lookup ON report_bands (band, hash, report_id);",
    // 3: incidents across reports, each report's accounts of them, and period totals.
    // Reports stored before this version have `merged = 0` and are merged on the next ingest.
    "ALTER TABLE reports ADD COLUMN merged INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX reports_pending ON reports (merged) WHERE merged = 0;
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        first_date TEXT,
        last_date TEXT,
        country TEXT,
        admin1 TEXT,
        plover TEXT,
        event_type TEXT,
        profile TEXT NOT NULL
    );
    CREATE INDEX incidents_dates ON incidents (last_date, first_date);
    CREATE INDEX incidents_country ON incidents (country, first_date);
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        report_id INTEGER NOT NULL REFERENCES reports (id),
        account TEXT NOT NULL
    );
    CREATE INDEX accounts_incident ON accounts (incident_id);
    CREATE INDEX accounts_report ON accounts (report_id);
    CREATE TABLE period_figures (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports (id),
        country TEXT,
        kind TEXT NOT NULL,
        published TEXT,
        figure TEXT NOT NULL
    );
    CREATE INDEX period_figures_country ON period_figures (country, kind);",
    // 4: each report's diplomacy (agreements, talks, appeals, positions), for the ceasefire
    // tracker and the briefs. Reports merged before this version have none until re-ingested.
    "CREATE TABLE signals (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports (id),
        published TEXT,
        act TEXT NOT NULL,
        signal TEXT NOT NULL
    );
    CREATE INDEX signals_published ON signals (published);",
];

pub fn apply(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    loop {
        // The version is read inside a write transaction: two processes opening a new store
        // at once take turns (the busy timeout waits), and the second finds the first's work
        // done instead of creating its tables again.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        let Some(sql) = MIGRATIONS.get(found as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}
