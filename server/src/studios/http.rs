//! The studios' list and page.

use super::service;
use crate::accounts::http::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{IdPath, Query, Reply, Routes};
use axum::extract::State;
use shared::api::life::{GetStudio, ListStudios};

pub fn routes() -> Routes {
    Routes::new()
        .route::<ListStudios, _, _>(list)
        .route::<GetStudio, _, _>(get)
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(f): Query<ListStudios>,
) -> Result<Reply<ListStudios>, ApiError> {
    let v = service::visibility(&user);
    Ok(Reply(service::list(&state.db, &f, v).await?))
}

async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<GetStudio>, ApiError> {
    Ok(Reply(service::get(&state.db, &user, id).await?))
}
