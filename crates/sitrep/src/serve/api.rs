//! The JSON API over the store: incidents (filters, pagination), one incident with its
//! accounts and evidence, reports, tallies, briefs, the ceasefire tracker, full-text search,
//! countries, and `POST /api/reports` to ingest.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sitrep_model::{FigureKind, Incident};
use sitrep_store::IncidentQuery;

use super::error::{ApiError, Code};
use super::state::AppState;

type Shared = State<Arc<AppState>>;

/// One incident in a list: enough to draw it and choose it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub place: Option<sitrep_model::AccountPlace>,
    pub plover: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    pub actor1_country: Option<String>,
    pub actor2_country: Option<String>,
    pub reports: usize,
    pub sides: Vec<String>,
    pub killed: Option<u64>,
    /// Actor names and countries, lowercased, for the actor filter.
    #[serde(skip)]
    actors: Vec<String>,
}

fn summary(i: &Incident) -> Summary {
    let mut sides: Vec<String> = Vec::new();
    let mut actors: Vec<String> = i
        .profile
        .actor_countries
        .iter()
        .map(|c| c.to_lowercase())
        .collect();
    for a in &i.accounts {
        let s = a.side.clone().unwrap_or_else(|| "unattributed".into());
        if !sides.contains(&s) {
            sides.push(s);
        }
        actors.extend(
            [&a.actor1, &a.actor2]
                .into_iter()
                .flatten()
                .map(|n| n.to_lowercase()),
        );
    }
    Summary {
        id: i.id,
        first_date: i.profile.first_date.clone(),
        last_date: i.profile.last_date.clone(),
        place: i.profile.place.clone(),
        plover: i.profile.plover.clone(),
        event_type: i.profile.event_type.clone(),
        sub_event_type: i.profile.sub_event_type.clone(),
        actor1_country: i.profile.actor1_country.clone(),
        actor2_country: i.profile.actor2_country.clone(),
        reports: i.profile.reports.len(),
        sides,
        killed: sitrep_engine::incidents::incident_count(i, FigureKind::Killed).map(|c| c.0),
        actors,
    }
}

/// Every incident's summary, computed once per change of the store.
async fn summaries(state: &Arc<AppState>) -> Result<Arc<Vec<Summary>>, ApiError> {
    if let Ok(g) = state.summaries.read()
        && let Some(s) = g.as_ref()
    {
        return Ok(Arc::clone(s));
    }
    let list = state
        .with_store(|s, _| Ok(s.incidents(&IncidentQuery::default())?))
        .await?;
    let all = Arc::new(list.iter().map(summary).collect::<Vec<_>>());
    if let Ok(mut g) = state.summaries.write() {
        *g = Some(Arc::clone(&all));
    }
    Ok(all)
}

fn date(name: &str, v: &Option<String>) -> Result<Option<String>, ApiError> {
    match v.as_deref().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => crate::input::parse_date(s)
            .map(|d| Some(d.to_string()))
            .ok_or_else(|| {
                ApiError::new(
                    Code::BadRequest,
                    format!("{name}={s:?} is not a date (want YYYY-MM-DD)"),
                )
            }),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct IncidentParams {
    since: Option<String>,
    until: Option<String>,
    country: Option<String>,
    admin1: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    actor: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// The largest page of incidents one request returns.
pub const MAX_LIMIT: usize = 10_000;

pub async fn incidents(
    State(state): Shared,
    Query(q): Query<IncidentParams>,
) -> Result<Json<Value>, ApiError> {
    let since = date("since", &q.since)?;
    let until = date("until", &q.until)?;
    let limit = q.limit.unwrap_or(200);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::new(
            Code::BadRequest,
            format!("limit must be 1 to {MAX_LIMIT}"),
        ));
    }
    let offset = q.offset.unwrap_or(0);
    let all = summaries(&state).await?;
    let countries: Vec<String> = q
        .country
        .iter()
        .flat_map(|c| c.split(','))
        .filter(|c| !c.is_empty())
        .map(str::to_uppercase)
        .collect();
    let kind = q
        .kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(str::to_lowercase);
    let actor = q
        .actor
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(str::to_lowercase);
    let admin1 = q
        .admin1
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(str::to_lowercase);
    let mut hits: Vec<&Summary> = all
        .iter()
        .filter(|s| {
            let last = s
                .last_date
                .as_deref()
                .or(s.first_date.as_deref())
                .unwrap_or("");
            let first = s.first_date.as_deref().unwrap_or("");
            since.as_deref().is_none_or(|d| last >= d)
                && until.as_deref().is_none_or(|d| first <= d)
                && (countries.is_empty()
                    || s.place
                        .as_ref()
                        .and_then(|p| p.country.as_ref())
                        .is_some_and(|c| countries.contains(c)))
                && admin1.as_ref().is_none_or(|a| {
                    s.place.as_ref().is_some_and(|p| {
                        p.admin1.as_deref().unwrap_or(&p.name).to_lowercase() == *a
                    })
                })
                && kind.as_ref().is_none_or(|k| {
                    [&s.plover, &s.event_type, &s.sub_event_type]
                        .into_iter()
                        .flatten()
                        .any(|t| t.to_lowercase() == *k)
                })
                && actor
                    .as_ref()
                    .is_none_or(|a| s.actors.iter().any(|x| x.contains(a.as_str())))
        })
        .collect();
    // Newest first.
    hits.sort_by(|a, b| (&b.first_date, b.id).cmp(&(&a.first_date, a.id)));
    let total = hits.len();
    let items: Vec<&Summary> = hits.into_iter().skip(offset).take(limit).collect();
    Ok(Json(
        json!({"total": total, "offset": offset, "limit": limit, "items": items}),
    ))
}

pub async fn incident(
    State(state): Shared,
    Path(id): Path<i64>,
) -> Result<Json<Incident>, ApiError> {
    state
        .with_store(move |s, _| {
            s.incident(id)?
                .ok_or_else(|| ApiError::new(Code::NotFound, format!("no incident {id}")))
        })
        .await
        .map(Json)
}

pub async fn report(
    State(state): Shared,
    Path(id): Path<String>,
) -> Result<Json<sitrep_model::Record>, ApiError> {
    let mut rec = state
        .with_store(move |s, _| {
            s.record(&id)?
                .ok_or_else(|| ApiError::new(Code::NotFound, format!("no report {id:?}")))
        })
        .await?;
    rec.document.source = rec.document.source.as_deref().map(public_source);
    Ok(Json(rec))
}

/// What the API shows of a report's source: an address as it is, a local file by its name
/// only (the server's folders are nobody's business).
pub fn public_source(source: &str) -> String {
    if source.starts_with("http://") || source.starts_with("https://") {
        return source.to_string();
    }
    let (path, item) = match source.split_once('#') {
        Some((p, i)) => (p, Some(i)),
        None => (source, None),
    };
    let name = std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().to_string());
    match item {
        Some(i) => format!("{name}#{i}"),
        None => name,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TallyParams {
    country: Option<String>,
    kind: Option<String>,
    since: Option<String>,
}

fn kinds(s: &Option<String>) -> Result<Vec<FigureKind>, ApiError> {
    s.iter()
        .flat_map(|k| k.split(','))
        .filter(|k| !k.is_empty())
        .map(|k| match k {
            "killed" => Ok(FigureKind::Killed),
            "wounded" => Ok(FigureKind::Wounded),
            "displaced" => Ok(FigureKind::Displaced),
            other => Err(ApiError::new(
                Code::BadRequest,
                format!("kind {other:?}: want killed, wounded or displaced"),
            )),
        })
        .collect()
}

fn codes(s: &Option<String>) -> Vec<String> {
    s.iter()
        .flat_map(|c| c.split(','))
        .filter(|c| !c.is_empty())
        .map(str::to_uppercase)
        .collect()
}

pub async fn tallies(
    State(state): Shared,
    Query(q): Query<TallyParams>,
) -> Result<Json<Vec<sitrep_model::Tally>>, ApiError> {
    let query = sitrep_engine::incidents::TallyQuery {
        countries: codes(&q.country),
        kinds: kinds(&q.kind)?,
        since: date("since", &q.since)?,
    };
    state
        .with_store(move |s, _| {
            let all = s.incidents(&IncidentQuery::default())?;
            let periods = s.period_figures()?;
            Ok(sitrep_engine::incidents::tally(&all, &periods, &query))
        })
        .await
        .map(Json)
}

#[derive(Debug, Default, Deserialize)]
pub struct BriefParams {
    since: Option<String>,
    until: Option<String>,
    country: Option<String>,
    format: Option<String>,
}

pub async fn brief(
    State(state): Shared,
    Query(q): Query<BriefParams>,
) -> Result<Response, ApiError> {
    let scope = sitrep::brief::Scope {
        since: date("since", &q.since)?,
        until: date("until", &q.until)?,
        countries: codes(&q.country),
    };
    let format = q.format.unwrap_or_else(|| "json".into());
    if !["json", "md", "html"].contains(&format.as_str()) {
        return Err(ApiError::new(
            Code::BadRequest,
            "format must be json, md or html",
        ));
    }
    let brief = state
        .with_store(move |s, _| Ok(sitrep::brief::build(s, &scope)?))
        .await?;
    Ok(match format.as_str() {
        "md" => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            sitrep::brief::markdown::render(&brief),
        )
            .into_response(),
        "html" => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            sitrep::brief::html::render(&brief),
        )
            .into_response(),
        _ => Json(brief).into_response(),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct CeasefireParams {
    parties: Option<String>,
}

pub async fn ceasefire(
    State(state): Shared,
    Query(q): Query<CeasefireParams>,
) -> Result<Json<sitrep_model::Tracker>, ApiError> {
    let parties = codes(&q.parties);
    state
        .with_store(move |s, _| Ok(crate::ceasefire_cmd::tracker(s, &parties)?))
        .await
        .map(Json)
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
}

pub async fn search(
    State(state): Shared,
    Query(q): Query<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let words = q.q.unwrap_or_default();
    if words.trim().is_empty() {
        return Err(ApiError::new(
            Code::BadRequest,
            "q is empty: give words to search for",
        ));
    }
    let limit = q.limit.unwrap_or(20).clamp(1, 200);
    let hits = state
        .with_store(move |s, _| {
            s.search(&words, limit).map_err(|e| {
                eprintln!("sitrep serve: search {words:?}: {e}");
                ApiError::new(Code::BadRequest, "the search words could not be read")
            })
        })
        .await?;
    Ok(Json(Value::Array(
        hits.into_iter()
            .map(|h| json!({"doc_id": h.doc_id, "title": h.title, "published": h.published, "source": h.source.as_deref().map(public_source), "snippet": h.snippet}))
            .collect(),
    )))
}

pub async fn countries(State(state): Shared) -> Result<Json<Value>, ApiError> {
    let all = summaries(&state).await?;
    let names = sitrep_engine::gazetteer::country_names();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in all.iter() {
        if let Some(c) = s.place.as_ref().and_then(|p| p.country.clone()) {
            match counts.iter_mut().find(|(x, _)| *x == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts.sort();
    Ok(Json(Value::Array(
        counts
            .into_iter()
            .map(|(c, n)| json!({"code": c, "name": names.get(&c).cloned().unwrap_or_else(|| c.clone()), "incidents": n}))
            .collect(),
    )))
}

/// A report as posted: the JSON Lines shape.
#[derive(Debug, Deserialize)]
pub struct NewReport {
    id: Option<String>,
    text: String,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Posted {
    One(NewReport),
    Many(Vec<NewReport>),
}

pub async fn post_reports(
    State(state): Shared,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let token = state.token.as_deref().ok_or_else(|| {
        ApiError::new(
            Code::Unauthorized,
            "writing is disabled: start the server with --token or SITREP_TOKEN",
        )
    })?;
    let given = bearer(&headers);
    if !given.is_some_and(|g| same_secret(g, token)) {
        return Err(ApiError::new(
            Code::Unauthorized,
            "a valid bearer token is required to write",
        ));
    }
    let posted: Posted = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            Code::BadRequest,
            format!("body is not a report or a list of reports: {e}"),
        )
    })?;
    let reports = match posted {
        Posted::One(r) => vec![r],
        Posted::Many(v) => v,
    };
    if reports.iter().any(|r| r.text.trim().is_empty()) {
        return Err(ApiError::new(Code::BadRequest, "a report has no text"));
    }
    // A request the server has given up on (408) must store nothing: the flag is raised
    // when this handler is dropped unfinished, and the worker checks it before committing.
    let abandoned = Abandoned::default();
    let flag = Arc::clone(&abandoned.0);
    let done = state
        .with_store(move |s, st| {
            let _guard = st.write.lock().map_err(|_| ApiError::new(Code::Internal, "write lock poisoned"))?;
            let records: Vec<sitrep_model::Record> = reports
                .iter()
                .map(|r| {
                    st.engine.extract(&sitrep_engine::Input {
                        text: &r.text,
                        id: r.id.clone(),
                        title: r.title.clone(),
                        published: r.published.as_deref().and_then(crate::input::parse_date),
                        source: r.url.clone(),
                    })
                })
                .collect();
            let ids: Vec<String> = records.iter().map(|r| r.document.id.clone()).collect();
            let merger = sitrep::EngineMerger {
                lexicon: st.engine.lexicon(),
            };
            if flag.load(Ordering::SeqCst) {
                return Err(ApiError::new(
                    Code::Timeout,
                    "the request timed out before its reports were stored: nothing was stored",
                ));
            }
            let done = s.insert_merged(&records, &merger)?;
            if let Ok(mut g) = st.summaries.write() {
                *g = None;
            }
            Ok(json!({"new": done.new, "known": done.known, "syndicated": done.syndicated, "ids": ids}))
        })
        .await;
    abandoned.finished();
    Ok(Json(done?))
}

/// Raised when the request it belongs to is dropped before it finished (the server's
/// timeout answered 408 and let the handler go).
#[derive(Default)]
struct Abandoned(Arc<AtomicBool>, bool);

impl Abandoned {
    fn finished(mut self) {
        self.1 = true;
    }
}

impl Drop for Abandoned {
    fn drop(&mut self) {
        if !self.1 {
            self.0.store(true, Ordering::SeqCst);
        }
    }
}

pub async fn health() -> Json<Value> {
    Json(json!({"ok": true}))
}

pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

pub async fn not_found() -> ApiError {
    ApiError::new(Code::NotFound, "no such endpoint (see /api/openapi.json)")
}

/// The token an `Authorization: Bearer T` header gives.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

/// Compares a given token with the secret in time that does not depend on where they differ.
pub fn same_secret(given: &str, secret: &str) -> bool {
    let (a, b) = (given.as_bytes(), secret.as_bytes());
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

#[cfg(test)]
mod secret_tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("s3cret", "s3cret"));
        assert!(!same_secret("s3cre", "s3cret"));
        assert!(!same_secret("s3cret!", "s3cret"));
        assert!(!same_secret("", "s3cret"));
    }

    #[test]
    fn local_paths_show_as_file_names() {
        assert_eq!(
            public_source("/home/ana/reports/kharkiv.txt"),
            "kharkiv.txt"
        );
        assert_eq!(
            public_source("/srv/feeds/wire.xml#item-3"),
            "wire.xml#item-3"
        );
        assert_eq!(
            public_source("https://news.example/a?b=1"),
            "https://news.example/a?b=1"
        );
        assert_eq!(public_source("<stdin>"), "<stdin>");
    }
}

#[cfg(test)]
mod abandon_tests {
    use super::*;

    #[test]
    fn a_request_dropped_unfinished_is_marked_abandoned_and_a_finished_one_is_not() {
        let dropped = Abandoned::default();
        let flag = Arc::clone(&dropped.0);
        drop(dropped);
        assert!(flag.load(Ordering::SeqCst));
        let done = Abandoned::default();
        let flag = Arc::clone(&done.0);
        done.finished();
        assert!(!flag.load(Ordering::SeqCst));
    }
}
