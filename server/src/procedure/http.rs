//! The organisers' endpoints: rounds, the channel's list, the defense score, the 差额 inspection,
//! the notice and its objections, closing a round, and the board.

use super::{board, notices, proposal, rounds, service};
use crate::accounts::http::{AdminUser, CurrentUser};
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use crate::web::{Body, IdPath, Query, QueryParams, Reply, Routes};
use axum::extract::State;
use shared::api::procedure::{
    Board, BoardExport, CloseRound, CreateRound, DefenseScore, InspectionList, InspectionResult,
    ListObjections, ListRounds, PublishNotice, Recommend, ResolveObjection,
};
use shared::api::query::{BoardQuery, FormatQuery};

pub fn routes() -> Routes {
    Routes::new()
        .route::<ListRounds, _, _>(list_rounds)
        .route::<CreateRound, _, _>(create_round)
        .route::<Recommend, _, _>(recommend)
        .route::<DefenseScore, _, _>(defense_score)
        .route::<InspectionList, _, _>(inspection_list)
        .route::<InspectionResult, _, _>(inspection_result)
        .route::<PublishNotice, _, _>(publish_notice)
        .route::<ListObjections, _, _>(objections)
        .route::<ResolveObjection, _, _>(resolve_objection)
        .route::<CloseRound, _, _>(close_round)
        .route::<Board, _, _>(board_page)
        .route::<BoardExport, _, _>(board_export)
}

async fn list_rounds(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Reply<ListRounds>, ApiError> {
    Ok(Reply(rounds::rounds(&state).await?))
}

async fn create_round(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    Body(new): Body<CreateRound>,
) -> Result<Reply<CreateRound>, ApiError> {
    Ok(Reply(rounds::open_round(&state, &user, new).await?))
}

async fn recommend(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(list): Body<Recommend>,
) -> Result<Reply<Recommend>, ApiError> {
    Ok(Reply(service::recommend(&state, &user, list).await?))
}

async fn defense_score(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(req): Body<DefenseScore>,
) -> Result<Reply<DefenseScore>, ApiError> {
    Ok(Reply(service::defense_score(&state, &user, id, req).await?))
}

async fn inspection_list(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(round_id): IdPath,
    Body(list): Body<InspectionList>,
) -> Result<Reply<InspectionList>, ApiError> {
    Ok(Reply(
        service::inspection_list(&state, &user, round_id, list).await?,
    ))
}

async fn inspection_result(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(req): Body<InspectionResult>,
) -> Result<Reply<InspectionResult>, ApiError> {
    Ok(Reply(
        service::inspection_result(&state, &user, id, req).await?,
    ))
}

async fn publish_notice(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(round_id): IdPath,
    Body(req): Body<PublishNotice>,
) -> Result<Reply<PublishNotice>, ApiError> {
    Ok(Reply(
        proposal::publish_notice(&state, &user, round_id, req).await?,
    ))
}

async fn objections(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(f): Query<ListObjections>,
) -> Result<Reply<ListObjections>, ApiError> {
    Ok(Reply(notices::objections(&state, f.round_id).await?))
}

async fn resolve_objection(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(req): Body<ResolveObjection>,
) -> Result<Reply<ResolveObjection>, ApiError> {
    Ok(Reply(notices::resolve(&state, &user, id, req).await?))
}

async fn close_round(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(round_id): IdPath,
    Body(req): Body<CloseRound>,
) -> Result<Reply<CloseRound>, ApiError> {
    Ok(Reply(
        rounds::close_round(&state, &user, round_id, req).await?,
    ))
}

async fn board_page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(f): Query<Board>,
) -> Result<Reply<Board>, ApiError> {
    Ok(Reply(board::page(&state, &user, f).await?))
}

/// The format and the board's filter are read from the same query string.
async fn board_export(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(q): QueryParams<FormatQuery>,
    QueryParams(filter): QueryParams<BoardQuery>,
) -> Result<Download, ApiError> {
    board::export(&state, &user, q.format, filter).await
}
