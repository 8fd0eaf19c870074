//! The studios and their life: lists, pages, reports, changes, exits, and each role's digest.

use super::{ban, changes, exits, service};
use crate::accounts::http::{AdminUser, CurrentUser};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Body, IdPath, Reply, Routes};
use axum::extract::State;
use shared::api::admin::{GrantBanOverride, ListBanOverrides};
use shared::api::life::{DecideChange, Exit, JoinChange, RequestChange, SaveReport, StudioLife};

pub fn routes() -> Routes {
    Routes::new()
        .route::<StudioLife, _, _>(life)
        .route::<SaveReport, _, _>(save_report)
        .route::<RequestChange, _, _>(request_change)
        .route::<JoinChange, _, _>(join_change)
        .route::<DecideChange, _, _>(decide_change)
        .route::<Exit, _, _>(exit)
        .route::<ListBanOverrides, _, _>(list_overrides)
        .route::<GrantBanOverride, _, _>(grant_override)
}

async fn life(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<StudioLife>, ApiError> {
    Ok(Reply(service::life(&state, &user, id).await?))
}

async fn save_report(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(input): Body<SaveReport>,
) -> Result<Reply<SaveReport>, ApiError> {
    Ok(Reply(service::save_report(&state, &user, id, input).await?))
}

async fn request_change(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(new): Body<RequestChange>,
) -> Result<Reply<RequestChange>, ApiError> {
    Ok(Reply(
        changes::request_change(&state, &user, id, new).await?,
    ))
}

async fn join_change(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(d): Body<JoinChange>,
) -> Result<Reply<JoinChange>, ApiError> {
    Ok(Reply(changes::join_change(&state, &user, id, d).await?))
}

async fn decide_change(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(d): Body<DecideChange>,
) -> Result<Reply<DecideChange>, ApiError> {
    Ok(Reply(changes::decide_change(&state, &user, id, d).await?))
}

async fn exit(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(new): Body<Exit>,
) -> Result<Reply<Exit>, ApiError> {
    Ok(Reply(exits::exit(&state, &user, id, new).await?))
}

async fn list_overrides(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Reply<ListBanOverrides>, ApiError> {
    Ok(Reply(ban::exceptions(&state).await?))
}

async fn grant_override(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    Body(new): Body<GrantBanOverride>,
) -> Result<Reply<GrantBanOverride>, ApiError> {
    Ok(Reply(ban::grant(&state, &user, new).await?))
}
