//! Evidence files of an application (certificates, titles, skill-level evidence): PDF, JPG or PNG,
//! at most 10 MB, typed by their content. The bytes are stored under their SHA-256 in the upload
//! directory, outside the web root, and only ever sent back as a download to those who may see the
//! application.

use super::service::visible_one;
use super::store;
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{application, attachment};
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sha2::{Digest, Sha256};
use shared::account::Role;
use shared::api::query::UploadQuery;
use shared::procedure::{AttachmentView, check_upload, clean_filename};
use shared::wire::FieldError;
use shared::workflow::AppState as Stage;
use std::path::{Path, PathBuf};

/// Files one application may hold.
pub const MAX_FILES: u64 = 30;

fn view(a: attachment::Model) -> AttachmentView {
    AttachmentView {
        id: a.id,
        kind: a.kind,
        filename: a.filename,
        file_type: a.file_type,
        size_bytes: a.size_bytes,
        sha256: a.sha256,
        uploaded_by: a.uploaded_by,
        uploaded_at: a.uploaded_at,
    }
}

/// Where the bytes of `sha256` live.
pub fn stored_path(uploads: &Path, sha256: &str) -> PathBuf {
    uploads.join(&sha256[..2]).join(sha256)
}

fn editable(m: &application::Model) -> Result<(), ApiError> {
    if matches!(m.state, Stage::Draft | Stage::Returned) {
        Ok(())
    } else {
        Err(ApiError::conflict(
            format!("“{}”状态的申报不能更改附件", m.state.label_zh()),
            format!(
                "Attachments cannot change while the application is “{}”",
                m.state.label_en()
            ),
        ))
    }
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    application_id: i32,
) -> Result<Vec<AttachmentView>, ApiError> {
    visible_one(&state.db, actor, application_id).await?;
    let rows = store::files(&state.db, application_id).await?;
    Ok(rows.into_iter().map(view).collect())
}

/// Stores the bytes once, by their hash (written to a temporary name, synced, then renamed).
async fn store_bytes(uploads: &Path, sha256: &str, body: Vec<u8>) -> Result<(), ApiError> {
    let path = stored_path(uploads, sha256);
    if path.is_file() {
        return Ok(());
    }
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    let tmp = dir.join(format!("{sha256}.part"));
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        use std::io::Write as _;
        std::fs::create_dir_all(&dir)?;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&body)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("upload task: {e}")))?
    .map_err(|e| ApiError::Internal(format!("store upload: {e}")))
}

/// Uploads one file; `declared` is the request's Content-Type, checked against the content.
pub async fn upload(
    state: &AppState,
    actor: &Actor,
    application_id: i32,
    q: UploadQuery,
    declared: &str,
    body: Vec<u8>,
) -> Result<AttachmentView, ApiError> {
    let m = visible_one(&state.db, actor, application_id).await?;
    actor.require(&[Role::Applicant])?;
    editable(&m)?;
    let file_type = check_upload(declared, &body).map_err(|e| ApiError::Validation(vec![e]))?;
    let filename = clean_filename(&q.filename);
    if store::file_count(&state.db, application_id).await? >= MAX_FILES {
        return Err(ApiError::Validation(vec![FieldError::new(
            "file",
            "每份申报最多 30 个附件",
            "at most 30 files per application",
        )]));
    }
    let sha256 = format!("{:x}", Sha256::digest(&body));
    let size = i64::try_from(body.len()).unwrap_or(i64::MAX);
    store_bytes(&state.uploads, &sha256, body).await?;
    let w = Write::begin(state, actor).await?;
    let row = attachment::ActiveModel {
        application_id: Set(application_id),
        kind: Set(q.kind),
        filename: Set(filename),
        file_type: Set(file_type),
        size_bytes: Set(size),
        sha256: Set(sha256),
        uploaded_by: Set(actor.username.clone()),
        uploaded_at: Set(w.now()),
        ..Default::default()
    };
    let wire = view(store::insert_file(&*w, row).await?);
    w.done(Event::new("attachment.upload", "application", application_id).after(&wire))
        .await?;
    Ok(wire)
}

async fn visible_file(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<(attachment::Model, application::Model), ApiError> {
    let a = store::file(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let m = visible_one(&state.db, actor, a.application_id).await?;
    Ok((a, m))
}

pub async fn download(state: &AppState, actor: &Actor, id: i32) -> Result<Download, ApiError> {
    let (a, _) = visible_file(state, actor, id).await?;
    let bytes = tokio::fs::read(stored_path(&state.uploads, &a.sha256))
        .await
        .map_err(|e| ApiError::Internal(format!("read upload {}: {e}", a.sha256)))?;
    Ok(Download {
        ascii_name: format!("attachment-{id}"),
        utf8_name: Some(a.filename),
        mime: a.file_type.mime().to_owned(),
        bytes,
        cache_control: Some("private, no-store"),
    })
}

/// Removes a file from a draft or returned application (the record stays for the audit trail).
pub async fn remove(state: &AppState, actor: &Actor, id: i32) -> Result<(), ApiError> {
    let (a, m) = visible_file(state, actor, id).await?;
    actor.require(&[Role::Applicant])?;
    editable(&m)?;
    let w = Write::begin(state, actor).await?;
    let application_id = a.application_id;
    store::remove_file(&*w, a, w.now()).await?;
    w.done(
        Event::new("attachment.remove", "application", application_id)
            .after(&serde_json::json!({ "attachment": id })),
    )
    .await?;
    Ok(())
}
