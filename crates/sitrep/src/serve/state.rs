//! What every request shares: the store's path and a few open connections to it, the
//! engine (for reports posted to the API), the write token, and a cache of incident
//! summaries that a write clears.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use sitrep_engine::Engine;
use sitrep_store::Store;

use super::api::Summary;
use super::error::{ApiError, Code};

pub struct AppState {
    pub db: PathBuf,
    pool: Mutex<Vec<Store>>,
    pub engine: Engine,
    pub token: Option<String>,
    /// Served on loopback: reads need no token (writes always do).
    pub open_reads: bool,
    pub summaries: RwLock<Option<Arc<Vec<Summary>>>>,
    /// Serialises writes: one ingest at a time.
    pub write: Mutex<()>,
}

impl AppState {
    pub fn new(db: PathBuf, engine: Engine, token: Option<String>, open_reads: bool) -> Self {
        AppState {
            db,
            pool: Mutex::new(Vec::new()),
            engine,
            token,
            open_reads,
            summaries: RwLock::new(None),
            write: Mutex::new(()),
        }
    }

    /// Runs `f` with a store connection, on a blocking thread, returning it to the pool.
    pub async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store, &AppState) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = state.pool.lock().ok().and_then(|mut p| p.pop());
            let mut store = match taken {
                Some(s) => s,
                None => Store::open(&state.db)?,
            };
            let out = f(&mut store, &state);
            if let Ok(mut p) = state.pool.lock()
                && p.len() < 8
            {
                p.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::new(Code::Internal, format!("worker failed: {e}")))?
    }
}
