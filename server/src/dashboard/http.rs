//! The dashboard over HTTP (the public summary is served by `public`).

use super::service;
use crate::accounts::http::CurrentUser;
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use crate::web::{Query, QueryParams, Reply, Routes};
use axum::extract::State;
use shared::api::dashboard::{Dashboard, DashboardExport};
use shared::api::query::{DashboardFilter, FormatQuery};

pub fn routes() -> Routes {
    Routes::new()
        .route::<Dashboard, _, _>(dashboard)
        .route::<DashboardExport, _, _>(export)
}

async fn dashboard(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(f): Query<Dashboard>,
) -> Result<Reply<Dashboard>, ApiError> {
    Ok(Reply(service::dashboard(&state, &user, f).await?))
}

async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(q): QueryParams<FormatQuery>,
    QueryParams(f): QueryParams<DashboardFilter>,
) -> Result<Download, ApiError> {
    service::export(&state, &user, q.format, f).await
}
