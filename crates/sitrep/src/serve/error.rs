//! API errors: one JSON shape, `{"error": {"code", "message"}}`, with stable codes mapped
//! to HTTP statuses in one table.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The stable error codes clients may rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    BadRequest,
    Unauthorized,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    Timeout,
    Internal,
}

impl Code {
    /// The one table from code to name and HTTP status.
    pub fn parts(self) -> (&'static str, StatusCode) {
        match self {
            Code::BadRequest => ("bad_request", StatusCode::BAD_REQUEST),
            Code::Unauthorized => ("unauthorized", StatusCode::UNAUTHORIZED),
            Code::NotFound => ("not_found", StatusCode::NOT_FOUND),
            Code::MethodNotAllowed => ("method_not_allowed", StatusCode::METHOD_NOT_ALLOWED),
            Code::PayloadTooLarge => ("payload_too_large", StatusCode::PAYLOAD_TOO_LARGE),
            Code::Timeout => ("timeout", StatusCode::REQUEST_TIMEOUT),
            Code::Internal => ("internal", StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    /// The code a status stands for, for errors raised by middleware.
    pub fn of_status(s: StatusCode) -> Code {
        [
            Code::BadRequest,
            Code::Unauthorized,
            Code::NotFound,
            Code::MethodNotAllowed,
            Code::PayloadTooLarge,
            Code::Timeout,
        ]
        .into_iter()
        .find(|c| c.parts().1 == s)
        .unwrap_or(Code::Internal)
    }
}

#[derive(Debug)]
pub struct ApiError {
    pub code: Code,
    pub message: String,
}

impl ApiError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

impl From<sitrep_store::StoreError> for ApiError {
    /// The store's own words stay in the server's log: a client learns only that it failed.
    fn from(e: sitrep_store::StoreError) -> Self {
        eprintln!("sitrep serve: store error: {e}");
        ApiError::new(Code::Internal, "the store could not answer")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (name, status) = self.code.parts();
        (
            status,
            axum::Json(json!({"error": {"code": name, "message": self.message}})),
        )
            .into_response()
    }
}
