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
    #[error("not found")]
    NotFound,
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
    fn status_and_body(&self) -> (StatusCode, ErrorBody) {
        let body = |code, message: &str| ErrorBody {
            code,
            message: message.to_owned(),
            fields: Vec::new(),
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
            ApiError::NotFound => (StatusCode::NOT_FOUND, body(ErrorCode::NotFound, "未找到")),
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
        if status.is_server_error() {
            // The cause goes to the log, never to the client.
            tracing::error!(error = %self, "request failed");
        }
        (status, axum::Json(body)).into_response()
    }
}
