//! `GET /api/health`: 200 when the database answers, 503 otherwise.

use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
    pub version: &'static str,
    /// The server's clock, and its date in Yinchuan (what every deadline is counted in).
    pub now: chrono::DateTime<chrono::Utc>,
    pub today: chrono::NaiveDate,
}

#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let version = env!("CARGO_PKG_VERSION");
    let (now, today) = (state.now(), state.today());
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                database: "ok",
                version,
                now,
                today,
            }),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "degraded",
                    database: "unreachable",
                    version,
                    now,
                    today,
                }),
            )
        }
    }
}
