//! `POST /api/scoring/sync`.

use super::service;
use crate::accounts::http::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Body, Reply, Routes};
use axum::extract::State;
use shared::api::scoring::Sync;

pub fn routes() -> Routes {
    Routes::new().route::<Sync, _, _>(sync)
}

async fn sync(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<Sync>,
) -> Result<Reply<Sync>, ApiError> {
    Ok(Reply(service::sync(&state, &user, req).await?))
}
