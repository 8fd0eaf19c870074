//! Studios for signed-in users, limited to what each role may see (404 outside it).

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::extract::{IdPath, QueryParams};
use crate::repo::studio::{self, StudioFilter, StudioList, StudioRow, Visibility};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use shared::wire::ErrorBody;

#[utoipa::path(get, path = "/api/studios", params(StudioFilter),
    responses((status = 200, body = StudioList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(f): QueryParams<StudioFilter>,
) -> Result<Json<StudioList>, ApiError> {
    studio::list(&state.db, &f, Visibility::of(&user))
        .await
        .map(Json)
}

#[utoipa::path(get, path = "/api/studios/{id}", params(("id" = i32, Path)),
    responses((status = 200, body = StudioRow), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<StudioRow>, ApiError> {
    let visibility = Visibility::of(&user);
    match studio::get(&state.db, id, visibility).await {
        Err(ApiError::NotFound) => {
            tracing::warn!(user = %user.user.username, studio = id, "studio not found or outside the caller's scope");
            Err(ApiError::NotFound)
        }
        other => other.map(Json),
    }
}
