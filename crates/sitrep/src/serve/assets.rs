//! The dashboard's files, compiled into the binary: no CDN, no tile server, nothing fetched.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::error::{ApiError, Code};

macro_rules! asset {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/dashboard/",
            $name
        ))
    };
}

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        asset!("index.html"),
    ),
    ("app.js", "text/javascript; charset=utf-8", asset!("app.js")),
    ("style.css", "text/css; charset=utf-8", asset!("style.css")),
    ("world.json", "application/json", asset!("world.json")),
];

fn file(name: &str) -> Result<Response, ApiError> {
    let (_, mime, bytes) = FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| ApiError::new(Code::NotFound, format!("no asset {name}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, *mime),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        *bytes,
    )
        .into_response())
}

pub async fn index() -> Result<Response, ApiError> {
    file("index.html")
}

pub async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    file(&name)
}
