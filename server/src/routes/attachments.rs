//! Evidence files of an application (certificates, titles, skill-level evidence): PDF, JPG or PNG,
//! at most 10 MB, typed by their content. The bytes are stored under their SHA-256 in the upload
//! directory, outside the web root, and only ever sent back as a download to those who may see the
//! application.

use crate::auth::CurrentUser;
use crate::entity::{application, attachment};
use crate::error::ApiError;
use crate::extract::{BodyBytes, IdPath, QueryParams};
use crate::repo::application as repo;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use shared::account::Role;
use shared::procedure::{AttachmentKind, AttachmentView, FileType, check_upload, clean_filename};
use shared::wire::{ErrorBody, FieldError};
use shared::workflow::AppState as Stage;
use std::path::PathBuf;

/// Files one application may hold.
pub const MAX_FILES: u64 = 30;

fn view(a: attachment::Model) -> Result<AttachmentView, ApiError> {
    Ok(AttachmentView {
        id: a.id,
        kind: a.kind,
        filename: a.filename,
        file_type: a.file_type,
        size_bytes: a.size_bytes,
        sha256: a.sha256,
        uploaded_by: a.uploaded_by,
        uploaded_at: a.uploaded_at,
    })
}

/// Where the bytes of `sha256` live.
pub fn stored_path(uploads: &std::path::Path, sha256: &str) -> PathBuf {
    uploads.join(&sha256[..2]).join(sha256)
}

fn editable(m: &application::Model) -> Result<(), ApiError> {
    let s: Stage = m.state;
    if matches!(s, Stage::Draft | Stage::Returned) {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "“{}”状态的申报不能更改附件",
            s.label_zh()
        )))
    }
}

#[utoipa::path(get, path = "/api/applications/{id}/attachments", params(("id" = i32, Path)),
    responses((status = 200, body = [AttachmentView]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<AttachmentView>>, ApiError> {
    repo::get_visible(&state.db, &user, id).await?;
    let rows = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(id))
        .filter(attachment::Column::RemovedAt.is_null())
        .order_by_asc(attachment::Column::Id)
        .all(&state.db)
        .await?;
    Ok(Json(rows.into_iter().map(view).collect::<Result<_, _>>()?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    pub kind: AttachmentKind,
    pub filename: String,
}

#[utoipa::path(post, path = "/api/applications/{id}/attachments", params(("id" = i32, Path), UploadQuery),
    request_body(content = Vec<u8>, description = "The file's bytes; Content-Type application/pdf, image/jpeg or image/png", content_type = "application/pdf"),
    responses((status = 201, body = AttachmentView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Uploads one file (the request body is the file itself).
pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    QueryParams(q): QueryParams<UploadQuery>,
    headers: HeaderMap,
    BodyBytes(body): BodyBytes,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let m = repo::get_visible(&state.db, &user, id).await?;
    user.require(&[Role::Applicant])?;
    editable(&m)?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let file_type: FileType =
        check_upload(declared, &body).map_err(|e| ApiError::Validation(vec![e]))?;
    let filename = clean_filename(&q.filename);
    let count = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(id))
        .filter(attachment::Column::RemovedAt.is_null())
        .count(&state.db)
        .await?;
    if count >= MAX_FILES {
        return Err(ApiError::Validation(vec![FieldError::new(
            "file",
            "每份申报最多 30 个附件",
            "at most 30 files per application",
        )]));
    }
    let sha256 = format!("{:x}", Sha256::digest(&body));
    let path = stored_path(&state.uploads, &sha256);
    if !path.is_file() {
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        let tmp = dir.join(format!("{sha256}.part"));
        let bytes = body.clone();
        let target = path.clone();
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            use std::io::Write;
            std::fs::create_dir_all(&dir)?;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &target)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("upload task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("store upload: {e}")))?;
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let saved = attachment::ActiveModel {
        application_id: Set(id),
        kind: Set(q.kind),
        filename: Set(filename),
        file_type: Set(file_type),
        size_bytes: Set(i64::try_from(body.len()).unwrap_or(i64::MAX)),
        sha256: Set(sha256),
        uploaded_by: Set(user.user.username.clone()),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let wire = view(saved)?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("attachment.upload", "application", id).after(&wire),
    )
    .await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(wire)))
}

async fn visible_attachment(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
) -> Result<(attachment::Model, application::Model), ApiError> {
    let a = attachment::Entity::find_by_id(id)
        .filter(attachment::Column::RemovedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let m = repo::get_visible(&state.db, user, a.application_id).await?;
    Ok((a, m))
}

#[utoipa::path(get, path = "/api/attachments/{id}", params(("id" = i32, Path)),
    responses((status = 200, description = "The file, as a download", content_type = "application/octet-stream"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let (a, _) = visible_attachment(&state, &user, id).await?;
    let file_type: FileType = a.file_type;
    let bytes = tokio::fs::read(stored_path(&state.uploads, &a.sha256))
        .await
        .map_err(|e| ApiError::Internal(format!("read upload {}: {e}", a.sha256)))?;
    // RFC 5987: the UTF-8 name percent-encoded, with an ASCII fallback.
    let encoded: String = a
        .filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, file_type.mime().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"attachment-{id}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[utoipa::path(delete, path = "/api/attachments/{id}", params(("id" = i32, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// Removes a file from a draft or returned application (the record stays for the audit trail).
pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<StatusCode, ApiError> {
    let (a, m) = visible_attachment(&state, &user, id).await?;
    user.require(&[Role::Applicant])?;
    editable(&m)?;
    let now = state.now();
    let txn = state.begin_audited().await?;
    let app_id = a.application_id;
    let mut active: attachment::ActiveModel = a.into();
    active.removed_at = Set(Some(now));
    active.update(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("attachment.remove", "application", app_id)
            .after(&serde_json::json!({ "attachment": id })),
    )
    .await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
