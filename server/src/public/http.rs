//! The public endpoints: no session; objections limited per address.

use super::service;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Body, ClientIp, Query, Reply, Routes, require_json};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use shared::api::public::{
    Article, AssessmentScore, Eligibility, FileObjection, Health, NoticeEnd, PublicDashboard,
    PublicNotices, PublicStudios,
};

pub fn routes() -> Routes {
    Routes::new()
        .route::<Health, _, _>(health)
        .route::<Eligibility, _, _>(eligibility)
        .route::<AssessmentScore, _, _>(assessment_score)
        .route::<Article, _, _>(article)
        .route::<NoticeEnd, _, _>(notice_end)
        .route::<PublicStudios, _, _>(studios)
        .route::<PublicNotices, _, _>(notices)
        .route::<FileObjection, _, _>(file_objection)
        .route::<PublicDashboard, _, _>(dashboard)
}

/// 200 when the database answers, 503 otherwise.
async fn health(State(state): State<AppState>) -> Response {
    let (up, view) = service::health(&state).await;
    let status = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(view)).into_response()
}

async fn eligibility(
    State(state): State<AppState>,
    Body(input): Body<Eligibility>,
) -> Result<Reply<Eligibility>, ApiError> {
    Ok(Reply(service::eligibility(&state, input)?))
}

async fn assessment_score(
    Body(input): Body<AssessmentScore>,
) -> Result<Reply<AssessmentScore>, ApiError> {
    Ok(Reply(service::assessment_score(input)?))
}

async fn article(Query(q): Query<Article>) -> Result<Reply<Article>, ApiError> {
    Ok(Reply(service::article(q.citation)?))
}

async fn notice_end(
    State(state): State<AppState>,
    Query(q): Query<NoticeEnd>,
) -> Result<Reply<NoticeEnd>, ApiError> {
    Ok(Reply(service::notice_end(&state, &q.start).await?))
}

async fn studios(
    State(state): State<AppState>,
    Query(f): Query<PublicStudios>,
) -> Result<Reply<PublicStudios>, ApiError> {
    Ok(Reply(
        crate::studios::service::public_list(&state.db, &f).await?,
    ))
}

async fn notices(State(state): State<AppState>) -> Result<Reply<PublicNotices>, ApiError> {
    Ok(Reply(crate::procedure::notices::public(&state).await?))
}

async fn file_objection(
    State(state): State<AppState>,
    ClientIp(from): ClientIp,
    headers: HeaderMap,
    Body(req): Body<FileObjection>,
) -> Result<Reply<FileObjection>, ApiError> {
    require_json(&headers)?;
    Ok(Reply(
        crate::procedure::notices::file(&state, req, from).await?,
    ))
}

async fn dashboard(
    State(state): State<AppState>,
    Query(f): Query<PublicDashboard>,
) -> Result<Reply<PublicDashboard>, ApiError> {
    Ok(Reply(crate::dashboard::service::public(&state, f).await?))
}
