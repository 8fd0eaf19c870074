//! Public lists (no login): approved studios, filterable by city, level and year.

use crate::error::ApiError;
use crate::extract::QueryParams;
use crate::repo::studio::{self, StudioFilter, StudioList, Visibility};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;

#[utoipa::path(get, path = "/api/public/studios", params(StudioFilter), responses((status = 200, body = StudioList)))]
pub async fn studios(
    State(state): State<AppState>,
    QueryParams(f): QueryParams<StudioFilter>,
) -> Result<Json<StudioList>, ApiError> {
    studio::list(&state.db, &f, Visibility::Public)
        .await
        .map(Json)
}
