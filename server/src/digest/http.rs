//! `GET /api/notifications`.

use super::service;
use crate::accounts::http::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Reply, Routes};
use axum::extract::State;
use shared::api::life::Notifications;

pub fn routes() -> Routes {
    Routes::new().route::<Notifications, _, _>(notifications)
}

async fn notifications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Reply<Notifications>, ApiError> {
    Ok(Reply(service::digest(&state, &user).await?))
}
