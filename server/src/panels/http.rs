//! Panels over HTTP: each endpoint of `shared::api::panels` to its use case.

use super::{close, forming, service};
use crate::accounts::http::{AdminUser, CurrentUser};
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use crate::web::{Body, IdPath, Reply, Routes};
use axum::extract::State;
use shared::api::panels::{
    ClosePanel, CreatePanel, ExportPanel, GetPanel, ListPanels, Recuse, ReopenSheet, UpdateRubric,
};

pub fn routes() -> Routes {
    Routes::new()
        .route::<CreatePanel, _, _>(create)
        .route::<ListPanels, _, _>(list)
        .route::<GetPanel, _, _>(get)
        .route::<UpdateRubric, _, _>(update_rubric)
        .route::<Recuse, _, _>(recuse)
        .route::<ReopenSheet, _, _>(reopen)
        .route::<ClosePanel, _, _>(close_panel)
        .route::<ExportPanel, _, _>(export)
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(new): Body<CreatePanel>,
) -> Result<Reply<CreatePanel>, ApiError> {
    Ok(Reply(forming::create(&state, &user, new).await?))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Reply<ListPanels>, ApiError> {
    Ok(Reply(service::list(&state, &user).await?))
}

async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<GetPanel>, ApiError> {
    Ok(Reply(service::get(&state, &user, id).await?))
}

async fn update_rubric(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(req): Body<UpdateRubric>,
) -> Result<Reply<UpdateRubric>, ApiError> {
    Ok(Reply(service::update_rubric(&state, &user, id, req).await?))
}

async fn recuse(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(req): Body<Recuse>,
) -> Result<Reply<Recuse>, ApiError> {
    Ok(Reply(service::recuse(&state, &user, id, req).await?))
}

async fn reopen(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(req): Body<ReopenSheet>,
) -> Result<Reply<ReopenSheet>, ApiError> {
    Ok(Reply(service::reopen(&state, &user, id, req).await?))
}

async fn close_panel(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<ClosePanel>, ApiError> {
    Ok(Reply(close::close(&state, &user, id).await?))
}

async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Download, ApiError> {
    service::export(&state, &user, id).await
}
