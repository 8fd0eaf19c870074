//! The applicant's endpoints: applications, their moves and timeline, and evidence files.

use super::{drafts, files, service};
use crate::accounts::http::CurrentUser;
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use crate::web::{Body, BodyBytes, Done, IdPath, Query, Reply, Routes};
use axum::extract::{DefaultBodyLimit, State};
use axum::handler::Handler;
use axum::http::{HeaderMap, header};
use shared::api::applications::{
    CreateApplication, DownloadAttachment, GetApplication, History, ListApplications,
    ListAttachments, RemoveAttachment, Transition, UpdateApplication, UploadAttachment,
};

pub fn routes() -> Routes {
    // A file may be larger than the API's usual body limit.
    let upload = upload.layer(DefaultBodyLimit::max(
        shared::procedure::ATTACHMENT_MAX_BYTES + 1024,
    ));
    Routes::new()
        .route::<ListApplications, _, _>(list)
        .route::<GetApplication, _, _>(get)
        .route::<CreateApplication, _, _>(create)
        .route::<UpdateApplication, _, _>(update)
        .route::<Transition, _, _>(transition)
        .route::<History, _, _>(history)
        .route::<ListAttachments, _, _>(list_files)
        .route::<DownloadAttachment, _, _>(download)
        .route::<RemoveAttachment, _, _>(remove)
        .route::<UploadAttachment, _, _>(upload)
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(f): Query<ListApplications>,
) -> Result<Reply<ListApplications>, ApiError> {
    Ok(Reply(service::list(&state, &user, f.round_id).await?))
}

async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<GetApplication>, ApiError> {
    Ok(Reply(service::get(&state, &user, id).await?))
}

async fn create(
    State(state): State<AppState>,
    user: crate::accounts::http::session::ApplicantUser,
    Body(new): Body<CreateApplication>,
) -> Result<Reply<CreateApplication>, ApiError> {
    Ok(Reply(drafts::create(&state, &user.0, new).await?))
}

async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(edit): Body<UpdateApplication>,
) -> Result<Reply<UpdateApplication>, ApiError> {
    Ok(Reply(drafts::update(&state, &user, id, edit).await?))
}

async fn transition(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Body(req): Body<Transition>,
) -> Result<Reply<Transition>, ApiError> {
    Ok(Reply(service::transition(&state, &user, id, req).await?))
}

async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<History>, ApiError> {
    Ok(Reply(service::history(&state, &user, id).await?))
}

async fn list_files(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Reply<ListAttachments>, ApiError> {
    Ok(Reply(files::list(&state, &user, id).await?))
}

/// The request body is the file itself; its Content-Type is checked against its content.
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    Query(q): Query<UploadAttachment>,
    headers: HeaderMap,
    BodyBytes(body): BodyBytes,
) -> Result<Reply<UploadAttachment>, ApiError> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let view = files::upload(&state, &user, id, q, declared, body.to_vec()).await?;
    Ok(Reply(view))
}

async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Download, ApiError> {
    files::download(&state, &user, id).await
}

async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Done<RemoveAttachment>, ApiError> {
    files::remove(&state, &user, id).await?;
    Ok(Done::new())
}
