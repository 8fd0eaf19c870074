//! One error type for every use case: what went wrong, and the status and shared [`ErrorBody`]
//! it answers with (the HTTP response itself is made in `web`).

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

    /// The HTTP status and the body this error answers with.
    pub fn status_and_body(&self) -> (u16, ErrorBody) {
        let body = |code, message: &str| ErrorBody {
            code,
            message: message.to_owned(),
            fields: Vec::new(),
            current_version: None,
        };
        match self {
            ApiError::BadRequest(m) => (
                400,
                body(ErrorCode::BadRequest, &format!("请求格式错误：{m}")),
            ),
            ApiError::Validation(fields) => (422, ErrorBody::validation(fields.clone())),
            ApiError::Unauthorized => (401, body(ErrorCode::Unauthorized, "请先登录")),
            ApiError::UnauthorizedWith(m) => (401, body(ErrorCode::Unauthorized, m)),
            ApiError::Forbidden(m) => (403, body(ErrorCode::Forbidden, m)),
            ApiError::NotFound => (404, body(ErrorCode::NotFound, "未找到")),
            ApiError::Conflict(m) => (409, body(ErrorCode::Conflict, m)),
            ApiError::Stale { current_version } => (
                409,
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
                429,
                body(
                    ErrorCode::RateLimited,
                    &format!(
                        "尝试次数过多，请 {retry_after_secs} 秒后再试 (too many attempts: retry in {retry_after_secs} s)"
                    ),
                ),
            ),
            ApiError::MethodNotAllowed => {
                (405, body(ErrorCode::MethodNotAllowed, "不支持此请求方法"))
            }
            ApiError::PayloadTooLarge => (413, body(ErrorCode::PayloadTooLarge, "请求体过大")),
            ApiError::Database(_) | ApiError::Internal(_) => {
                (500, body(ErrorCode::Internal, "服务器内部错误，请稍后重试"))
            }
        }
    }
}
