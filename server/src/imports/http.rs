//! The imports', the roster's and the picker's endpoints.

use super::{roster, service};
use crate::accounts::http::{AdminUser, CurrentUser};
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use crate::web::{BodyBytes, Query, Reply, Routes};
use axum::extract::{DefaultBodyLimit, State};
use axum::handler::Handler;
use shared::api::admin::{
    ApplyImport, ExportRegistry, ImportTemplate, ListExperts, PickUnits, PreviewImport,
};

/// A registry's file may be larger than the API's usual body limit.
pub const IMPORT_MAX_BYTES: usize = 20 * 1024 * 1024;

pub fn routes() -> Routes {
    let preview = preview.layer(DefaultBodyLimit::max(IMPORT_MAX_BYTES));
    let apply = apply.layer(DefaultBodyLimit::max(IMPORT_MAX_BYTES));
    Routes::new()
        .route::<PickUnits, _, _>(pick_units)
        .route::<ListExperts, _, _>(list_experts)
        .route::<ImportTemplate, _, _>(template)
        .route::<PreviewImport, _, _>(preview)
        .route::<ApplyImport, _, _>(apply)
        .route::<ExportRegistry, _, _>(export)
}

async fn pick_units(
    State(state): State<AppState>,
    _user: CurrentUser,
    Query(q): Query<PickUnits>,
) -> Result<Reply<PickUnits>, ApiError> {
    Ok(Reply(roster::pick_units(&state, q).await?))
}

async fn list_experts(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Reply<ListExperts>, ApiError> {
    Ok(Reply(roster::list(&state, &user).await?))
}

async fn template(
    _admin: AdminUser,
    Query(q): Query<ImportTemplate>,
) -> Result<Download, ApiError> {
    service::template(q.kind)
}

async fn preview(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<PreviewImport>,
    BodyBytes(body): BodyBytes,
) -> Result<Reply<PreviewImport>, ApiError> {
    Ok(Reply(service::preview(&state, q.kind, &body).await?))
}

async fn apply(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    Query(q): Query<ApplyImport>,
    BodyBytes(body): BodyBytes,
) -> Result<Reply<ApplyImport>, ApiError> {
    Ok(Reply(
        service::apply(&state, &user, q.kind, q.sha256, &body).await?,
    ))
}

async fn export(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<ExportRegistry>,
) -> Result<Download, ApiError> {
    service::export(&state, q.kind).await
}
