//! A studio's ledger: read it, record an entry.

use super::service;
use crate::accounts::http::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Body, IdPath, Reply, Routes};
use axum::extract::State;
use shared::api::ledger::{GetLedger, RecordEntry};

pub fn routes() -> Routes {
    Routes::new()
        .route::<GetLedger, _, _>(get)
        .route::<RecordEntry, _, _>(record)
}

async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<GetLedger>, ApiError> {
    Ok(Reply(service::get(&state, &user, id).await?))
}

async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(new): Body<RecordEntry>,
) -> Result<Reply<RecordEntry>, ApiError> {
    Ok(Reply(service::record(&state, &user, id, new).await?))
}
