//! One error type for every handler, rendered as the shared [`ErrorBody`].

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::wire::{ErrorBody, ErrorCode, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("not signed in")]
    Unauthorized,
    #[error("not signed in: {0}")]
    UnauthorizedWith(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("stale version; current is {current_version}")]
    Stale { current_version: i32 },
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    /// The same error with a more specific message (401/403 only; others keep theirs).
    pub fn with_message(self, message: &str) -> ApiError {
        match self {
            ApiError::Unauthorized => ApiError::UnauthorizedWith(message.to_owned()),
            ApiError::Forbidden(_) => ApiError::Forbidden(message.to_owned()),
            other => other,
        }
    }

    fn status_and_body(&self) -> (StatusCode, ErrorBody) {
        let body = |code, message: &str| ErrorBody {
            code,
            message: message.to_owned(),
            fields: Vec::new(),
            current_version: None,
        };
        match self {
            ApiError::BadRequest(m) => (
                StatusCode::BAD_REQUEST,
                body(ErrorCode::BadRequest, &format!("请求格式错误：{m}")),
            ),
            ApiError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody::validation(fields.clone()),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                body(ErrorCode::Unauthorized, "请先登录"),
            ),
            ApiError::UnauthorizedWith(m) => {
                (StatusCode::UNAUTHORIZED, body(ErrorCode::Unauthorized, m))
            }
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, body(ErrorCode::Forbidden, m)),
            ApiError::NotFound => (StatusCode::NOT_FOUND, body(ErrorCode::NotFound, "未找到")),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, body(ErrorCode::Conflict, m)),
            ApiError::Stale { current_version } => (
                StatusCode::CONFLICT,
                ErrorBody {
                    code: ErrorCode::Conflict,
                    message: format!(
                        "内容已被他人修改（当前为第 {current_version} 版），请刷新后重试"
                    ),
                    fields: Vec::new(),
                    current_version: Some(*current_version),
                },
            ),
            ApiError::RateLimited { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                body(
                    ErrorCode::RateLimited,
                    &format!(
                        "尝试次数过多，请 {retry_after_secs} 秒后再试 (too many attempts: retry in {retry_after_secs} s)"
                    ),
                ),
            ),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                body(ErrorCode::MethodNotAllowed, "不支持此请求方法"),
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                body(ErrorCode::PayloadTooLarge, "请求体过大"),
            ),
            ApiError::Database(_) | ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                body(ErrorCode::Internal, "服务器内部错误，请稍后重试"),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.status_and_body();
        let retry_after = match &self {
            ApiError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        if status.is_server_error() {
            // The cause goes to the log, never to the client.
            tracing::error!(error = %self, "request failed");
        }
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(secs) = retry_after
            && let Ok(v) = axum::http::HeaderValue::from_str(&secs.to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, v);
        }
        response
    }
}
