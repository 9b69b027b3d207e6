//! Incidents in the store: each new report's accounts join the incident they tell, or start
//! one, in the same transaction as the report; queries give incidents with their accounts.
//! What counts as the same happening is the caller's `Merger` (the engine decides, the
//! store keeps).

use rusqlite::{OptionalExtension, Transaction, params};
use sitrep_model::{Account, Incident, PeriodFigure, Profile, Record, Signal};

use crate::Result;

/// Decides which accounts a report gives and which incident each one tells.
pub trait Merger {
    /// The report's accounts; `copy_of` names the report it reprints, if any.
    fn accounts(&self, record: &Record, copy_of: Option<&str>) -> Vec<Account>;
    /// The report's period totals.
    fn period_figures(&self, record: &Record, copy_of: Option<&str>) -> Vec<PeriodFigure>;
    /// The first dates (`YYYY-MM-DD`, inclusive) of the incidents that are candidates.
    fn window(&self, account: &Account) -> Option<(String, String)>;
    /// How well the account fits the incident; `None` when it cannot be the same happening.
    fn affinity(&self, incident: &Profile, account: &Account) -> Option<u32>;
    /// Takes the account into the incident's profile.
    fn absorb(&self, incident: &mut Profile, account: &Account);
    /// The report's diplomacy: agreements, talks, appeals, positions.
    fn signals(&self, record: &Record, copy_of: Option<&str>) -> Vec<Signal>;
}

/// Which incidents to list.
#[derive(Debug, Clone, Default)]
pub struct IncidentQuery {
    pub since: Option<String>,
    pub until: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// A PLOVER type ("ASSAULT") or an ACLED event or sub-event type, case-insensitive.
    pub kind: Option<String>,
    /// Words in an actor's name, or an actor's country code.
    pub actor: Option<String>,
    pub limit: Option<usize>,
}

fn admin1_of(p: &Profile) -> Option<String> {
    let pl = p.place.as_ref()?;
    pl.admin1
        .clone()
        .or_else(|| (pl.kind == sitrep_model::PlaceKind::Admin1).then(|| pl.name.clone()))
}

fn save_profile(tx: &Transaction, id: i64, p: &Profile) -> Result<()> {
    tx.prepare_cached(
        "UPDATE incidents SET first_date = ?1, last_date = ?2, country = ?3, admin1 = ?4,
         plover = ?5, event_type = ?6, profile = ?7 WHERE id = ?8",
    )?
    .execute(params![
        p.first_date,
        p.last_date,
        p.place.as_ref().and_then(|x| x.country.clone()),
        admin1_of(p),
        p.plover,
        p.event_type,
        serde_json::to_string(p)?,
        id
    ])?;
    Ok(())
}

/// Merges one stored report (row `report_id`) into the incidents.
pub(crate) fn merge_report(
    tx: &Transaction,
    merger: &dyn Merger,
    report_id: i64,
    record: &Record,
    copy_of: Option<&str>,
) -> Result<()> {
    for a in merger.accounts(record, copy_of) {
        let mut best: Option<(u32, i64, Profile)> = None;
        if let Some((lo, hi)) = merger.window(&a) {
            // Incidents in the account's country that began in the window (an index range).
            let country = a.place.as_ref().and_then(|p| p.country.clone());
            let mut stmt = tx.prepare_cached(
                "SELECT id, profile FROM incidents
                 WHERE country IS ?3 AND first_date BETWEEN ?1 AND ?2",
            )?;
            let rows = stmt.query_map(params![lo, hi, country], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, json) = row?;
                let p: Profile = serde_json::from_str(&json)?;
                if let Some(score) = merger.affinity(&p, &a)
                    && best.as_ref().is_none_or(|(s, _, _)| score > *s)
                {
                    best = Some((score, id, p));
                }
            }
        }
        let id = match best {
            Some((_, id, mut p)) => {
                merger.absorb(&mut p, &a);
                save_profile(tx, id, &p)?;
                id
            }
            // Only an event starts an incident; a figure alone joins one or stays with
            // its report.
            None if a.event.is_some() && a.date.is_some() => {
                let mut p = Profile::default();
                merger.absorb(&mut p, &a);
                tx.prepare_cached("INSERT INTO incidents (profile) VALUES ('{}')")?
                    .execute([])?;
                let id = tx.last_insert_rowid();
                save_profile(tx, id, &p)?;
                id
            }
            None => continue,
        };
        tx.prepare_cached(
            "INSERT INTO accounts (incident_id, report_id, account) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, report_id, serde_json::to_string(&a)?])?;
    }
    for f in merger.period_figures(record, copy_of) {
        tx.prepare_cached(
            "INSERT INTO period_figures (report_id, country, kind, published, figure)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            report_id,
            f.figure.country,
            serde_json::to_value(f.figure.kind)?.as_str().unwrap_or(""),
            f.published,
            serde_json::to_string(&f)?
        ])?;
    }
    for sig in merger.signals(record, copy_of) {
        tx.prepare_cached(
            "INSERT INTO signals (report_id, published, act, signal) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            report_id,
            sig.published,
            serde_json::to_value(sig.act)?.as_str().unwrap_or(""),
            serde_json::to_string(&sig)?
        ])?;
    }
    tx.prepare_cached("UPDATE reports SET merged = 1 WHERE id = ?1")?
        .execute([report_id])?;
    Ok(())
}

fn accounts_of(conn: &rusqlite::Connection, id: i64) -> Result<Vec<Account>> {
    let mut stmt =
        conn.prepare_cached("SELECT account FROM accounts WHERE incident_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for j in rows {
        out.push(serde_json::from_str(&j?)?);
    }
    Ok(out)
}

fn matches(inc: &Incident, q: &IncidentQuery) -> bool {
    let p = &inc.profile;
    if let Some(k) = &q.kind {
        let k = k.to_lowercase();
        let hit = [&p.plover, &p.event_type, &p.sub_event_type]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase() == k);
        if !hit {
            return false;
        }
    }
    if let Some(actor) = &q.actor {
        let actor = actor.to_lowercase();
        let hit = p.actor_countries.iter().any(|c| c.to_lowercase() == actor)
            || inc.accounts.iter().any(|a| {
                [&a.actor1, &a.actor2]
                    .into_iter()
                    .flatten()
                    .any(|n| n.to_lowercase().contains(&actor))
            });
        if !hit {
            return false;
        }
    }
    true
}

pub(crate) fn query(conn: &rusqlite::Connection, q: &IncidentQuery) -> Result<Vec<Incident>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, profile FROM incidents
         WHERE (?1 IS NULL OR last_date >= ?1) AND (?2 IS NULL OR first_date <= ?2)
           AND (?3 IS NULL OR country = upper(?3))
           AND (?4 IS NULL OR lower(admin1) = lower(?4))
         ORDER BY first_date, id",
    )?;
    let rows = stmt.query_map(params![q.since, q.until, q.country, q.admin1], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, json) = row?;
        let inc = Incident {
            id,
            profile: serde_json::from_str(&json)?,
            accounts: accounts_of(conn, id)?,
        };
        if matches(&inc, q) {
            out.push(inc);
            if q.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
        }
    }
    Ok(out)
}

pub(crate) fn one(conn: &rusqlite::Connection, id: i64) -> Result<Option<Incident>> {
    let json: Option<String> = conn
        .query_row("SELECT profile FROM incidents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match json {
        Some(j) => Some(Incident {
            id,
            profile: serde_json::from_str(&j)?,
            accounts: accounts_of(conn, id)?,
        }),
        None => None,
    })
}

pub(crate) fn period_figures(conn: &rusqlite::Connection) -> Result<Vec<PeriodFigure>> {
    let mut stmt = conn.prepare_cached("SELECT figure FROM period_figures ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for j in rows {
        out.push(serde_json::from_str(&j?)?);
    }
    Ok(out)
}

pub(crate) fn signals(
    conn: &rusqlite::Connection,
    since: Option<&str>,
    until: Option<&str>,
) -> Result<Vec<Signal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT signal FROM signals
         WHERE (?1 IS NULL OR published >= ?1) AND (?2 IS NULL OR published <= ?2)
         ORDER BY published, id",
    )?;
    let rows = stmt.query_map(params![since, until], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for j in rows {
        out.push(serde_json::from_str(&j?)?);
    }
    Ok(out)
}
