//! One error type for every use case: what went wrong, and the status and shared [`ErrorBody`]
//! it answers with (the HTTP response itself is made in `web`).

use shared::decision::Reason;
use shared::wire::{ErrorBody, ErrorCode, FieldError};

/// A refusal's words in both languages (the page shows the one it is in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl From<Reason> for Said {
    fn from(r: Reason) -> Said {
        Said::new(r.zh, r.en)
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("not signed in")]
    Unauthorized,
    #[error("not signed in: {0}")]
    UnauthorizedWith(Said),
    #[error("forbidden: {0}")]
    Forbidden(Said),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(Said),
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
    /// 409: the record's state does not allow this now, said in both languages.
    pub fn conflict(zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::Conflict(Said::new(zh, en))
    }

    /// 403: this actor may never do this, said in both languages.
    pub fn forbidden(zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::Forbidden(Said::new(zh, en))
    }

    /// The same error with a more specific message (401/403 only; others keep theirs).
    pub fn with_message(self, zh: &str, en: &str) -> ApiError {
        match self {
            ApiError::Unauthorized => ApiError::UnauthorizedWith(Said::new(zh, en)),
            ApiError::Forbidden(_) => ApiError::forbidden(zh, en),
            other => other,
        }
    }

    /// The HTTP status and the body this error answers with.
    pub fn status_and_body(&self) -> (u16, ErrorBody) {
        let body = |code, message: &str, en: &str| ErrorBody {
            code,
            message: message.to_owned(),
            message_en: en.to_owned(),
            fields: Vec::new(),
            current_version: None,
        };
        match self {
            ApiError::BadRequest(m) => (
                400,
                body(
                    ErrorCode::BadRequest,
                    &format!("请求格式错误：{m}"),
                    &format!("Malformed request: {m}"),
                ),
            ),
            ApiError::Validation(fields) => (422, ErrorBody::validation(fields.clone())),
            ApiError::Unauthorized => (
                401,
                body(ErrorCode::Unauthorized, "请先登录", "Sign in first"),
            ),
            ApiError::UnauthorizedWith(m) => (401, body(ErrorCode::Unauthorized, &m.zh, &m.en)),
            ApiError::Forbidden(m) => (403, body(ErrorCode::Forbidden, &m.zh, &m.en)),
            ApiError::NotFound => (404, body(ErrorCode::NotFound, "未找到", "Not found")),
            ApiError::Conflict(m) => (409, body(ErrorCode::Conflict, &m.zh, &m.en)),
            ApiError::Stale { current_version } => (
                409,
                ErrorBody {
                    code: ErrorCode::Conflict,
                    message: format!(
                        "内容已被他人修改（当前为第 {current_version} 版），请刷新后重试"
                    ),
                    message_en: format!(
                        "Changed by someone else (now version {current_version}): reload and try again"
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
                    &format!("Too many attempts: retry in {retry_after_secs} s"),
                ),
            ),
            ApiError::MethodNotAllowed => (
                405,
                body(
                    ErrorCode::MethodNotAllowed,
                    "不支持此请求方法",
                    "Method not allowed",
                ),
            ),
            ApiError::PayloadTooLarge => (
                413,
                body(
                    ErrorCode::PayloadTooLarge,
                    "请求体过大",
                    "The request is too large",
                ),
            ),
            ApiError::Database(_) | ApiError::Internal(_) => (
                500,
                body(
                    ErrorCode::Internal,
                    "服务器内部错误，请稍后重试",
                    "Server error: try again later",
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #20: a page in English shows every error in English; the body always carries it.
    #[test]
    fn every_error_body_has_its_english_message() {
        let all = [
            ApiError::BadRequest("trailing comma".into()),
            ApiError::Validation(vec![FieldError::new("name", "请填写", "required")]),
            ApiError::Unauthorized,
            ApiError::Unauthorized.with_message("用户名或密码错误", "Wrong username or password"),
            ApiError::forbidden("无权操作", "Not yours to do"),
            ApiError::NotFound,
            ApiError::conflict("当前状态不允许", "Not in this state"),
            ApiError::Stale { current_version: 3 },
            ApiError::RateLimited {
                retry_after_secs: 60,
            },
            ApiError::MethodNotAllowed,
            ApiError::PayloadTooLarge,
            ApiError::Internal("boom".into()),
        ];
        for e in all {
            let (_, body) = e.status_and_body();
            assert!(!body.message_en.is_empty(), "{e:?}");
            assert!(
                !body
                    .message_en
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e:?}: {}",
                body.message_en
            );
            assert!(!body.message.is_empty());
        }
    }
}
