//! The JSON API under `/api`: one file per resource, thin handlers.

pub mod health;
pub mod public;
pub mod rules;

use crate::startup::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/rules/eligibility", post(rules::eligibility))
        .route("/rules/assessment-score", post(rules::assessment_score))
        .route("/rules/articles", get(rules::article))
        .route("/calendar/notice-end", get(rules::notice_end))
        .route("/public/studios", get(public::studios))
        .route("/openapi.json", get(crate::openapi::document))
        .fallback(|| async { crate::error::ApiError::NotFound })
        .method_not_allowed_fallback(|| async { crate::error::ApiError::MethodNotAllowed })
}
