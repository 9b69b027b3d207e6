//! `sitrep serve` and `sitrep demo`: an HTTP server (axum) over the store: the JSON API
//! (`api.rs`, errors in one shape from `error.rs`), the dashboard with every asset compiled
//! into the binary (`assets.rs`), and shared state (`state.rs`). Loopback by default; a token
//! is required for writes and for any other bind; request size and time are limited; Ctrl-C
//! or SIGTERM shut it down gracefully.

mod api;
mod assets;
mod connections;
mod error;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use axum::Router;
use axum::routing::get;
use sitrep_engine::Engine;

use crate::cli::{DemoArgs, ServeArgs};
use state::AppState;

/// The largest request body accepted (a batch of reports).
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// The longest a request may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/incidents", get(api::incidents))
        .route("/api/incidents/{id}", get(api::incident))
        .route("/api/reports", axum::routing::post(api::post_reports))
        .route("/api/reports/{id}", get(api::report))
        .route("/api/tallies", get(api::tallies))
        .route("/api/brief", get(api::brief))
        .route("/api/ceasefire", get(api::ceasefire))
        .route("/api/search", get(api::search))
        .route("/api/countries", get(api::countries))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            require_token,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            TIMEOUT,
        ))
        // Outermost, so the limits' own refusals get the API's error shape too.
        .layer(axum::middleware::map_response(uniform_errors))
        .with_state(state)
}

/// Errors raised below the handlers (a body too large, a timeout, a bad path parameter)
/// get the API's one error shape too.
async fn uniform_errors(res: axum::response::Response) -> axum::response::Response {
    use axum::response::IntoResponse;
    let status = res.status();
    let is_json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let code = error::Code::of_status(status);
        let message = status.canonical_reason().unwrap_or("error").to_string();
        return error::ApiError::new(code, message).into_response();
    }
    res
}

/// Beyond loopback every request needs the token (reads too: a store's reports are not the
/// network's), as `Authorization: Bearer T`, or the `sitrep_token` cookie that opening the
/// dashboard once with `?token=T` sets.
async fn require_token(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (Some(secret), false) = (state.token.as_deref(), state.open_reads) else {
        return next.run(req).await;
    };
    let headers = req.headers();
    let bearer = api::bearer(headers);
    let cookie = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("sitrep_token="));
    let query = req
        .uri()
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|kv| kv.strip_prefix("token="));
    let ok = |t: Option<&str>| t.is_some_and(|t| api::same_secret(t, secret));
    if ok(bearer) || ok(cookie) {
        return next.run(req).await;
    }
    if ok(query) {
        let mut res = next.run(req).await;
        if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
            "sitrep_token={secret}; HttpOnly; SameSite=Strict; Path=/"
        )) {
            res.headers_mut().insert(axum::http::header::SET_COOKIE, v);
        }
        return res;
    }
    error::ApiError::new(
        error::Code::Unauthorized,
        "this server is shared beyond its machine: give the token (Authorization: Bearer T)",
    )
    .into_response()
}

fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serves the store at `db` on `addr` until Ctrl-C or SIGTERM; prints the address once it
/// listens (port 0 picks a free one).
pub fn serve(
    db: PathBuf,
    addr: SocketAddr,
    token: Option<String>,
    engine: Engine,
    header_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    // Opens (and migrates) the store before listening, so a bad path fails at once.
    sitrep_store::Store::open(&db)
        .with_context(|| format!("{}: cannot open the store", db.display()))?;
    let state = Arc::new(AppState::new(db, engine, token, is_loopback(&addr)));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        crate::output::write_out(&format!("sitrep: serving http://{local}/ (Ctrl-C stops)\n"))?;
        connections::serve_connections(listener, router(state), header_timeout, shutdown()).await;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The write token: given, else `$SITREP_TOKEN`; required beyond loopback.
fn token(given: Option<String>, addr: &SocketAddr) -> anyhow::Result<Option<String>> {
    let token = given
        .or_else(|| std::env::var("SITREP_TOKEN").ok())
        .filter(|t| !t.is_empty());
    if !is_loopback(addr) && token.is_none() {
        bail!(
            "{addr} is not a loopback address: give --token (or SITREP_TOKEN) to serve beyond this machine"
        );
    }
    Ok(token)
}

fn engine() -> anyhow::Result<Engine> {
    Ok(Engine::new(
        sitrep_engine::lexicon::Lexicon::builtin(),
        crate::gazetteer_cmd::load()?,
    ))
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let token = token(args.token, &args.addr)?;
    let (_, db) = crate::ingest_cmd::open(&args.store)?;
    let header_timeout = Duration::from_secs_f64(args.header_timeout);
    serve(db, args.addr, token, engine()?, header_timeout)
}

/// The bundled example corpus: the team's incident and ceasefire reports.
const DEMO: &[(&str, &str)] = &[
    (
        "incidents",
        include_str!("../../../../tests/incidents/reports.jsonl"),
    ),
    (
        "ceasefire",
        include_str!("../../../../tests/ceasefire/reports.jsonl"),
    ),
];

pub fn demo(args: DemoArgs) -> anyhow::Result<ExitCode> {
    let token = token(None, &args.addr)?;
    let engine = engine()?;
    let dir = std::env::temp_dir().join(format!("sitrep-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let db = dir.join("demo.db");
    let _ = std::fs::remove_file(&db);
    {
        let mut store = sitrep_store::Store::open(&db)?;
        let merger = sitrep::EngineMerger {
            lexicon: engine.lexicon(),
        };
        let mut n = 0;
        for (name, text) in DEMO {
            let mut errors = Vec::new();
            let reports = crate::input::jsonl::read(text, name, &mut errors);
            let records: Vec<sitrep_model::Record> = reports
                .iter()
                .map(|r| {
                    engine.extract(&sitrep_engine::Input {
                        text: &r.text,
                        id: r.id.clone(),
                        title: r.title.clone(),
                        published: r.published,
                        source: Some(r.source.clone()),
                    })
                })
                .collect();
            n += store.insert_merged(&records, &merger)?.new;
        }
        crate::output::write_out(&format!(
            "sitrep demo: {n} example reports in {}\n",
            db.display()
        ))?;
    }
    serve(
        db,
        args.addr,
        token,
        engine,
        Duration::from_secs_f64(args.header_timeout),
    )
}
