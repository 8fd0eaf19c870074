//! Every change of an application, whoever makes it: under the version the decision was made on
//! (409 with the current one otherwise), with a snapshot of the new version and an audit entry, in
//! the caller's write.

use super::store;
pub use super::store::Change;
use crate::audit::Event;
use crate::entity::application;
use crate::error::{ApiError, Said};
use crate::work::Write;
use shared::workflow::{AppState, Refusal};

/// A move of the procedure decided by the caller with `shared::workflow`.
pub struct Move {
    /// Named in the audit trail as `application.{action}`.
    pub action: String,
    pub to: AppState,
    pub changes: Vec<Change>,
    pub reason: Option<String>,
}

impl Move {
    pub fn new(action: impl Into<String>, to: AppState) -> Move {
        Move {
            action: action.into(),
            to,
            changes: Vec::new(),
            reason: None,
        }
    }

    pub fn with(mut self, change: Change) -> Move {
        self.changes.push(change);
        self
    }

    pub fn reason(mut self, reason: Option<String>) -> Move {
        self.reason = reason;
        self
    }
}

/// 409 unless the client edited the version we read; every decision is then made on that row.
pub fn same_version(client: i32, row: &application::Model) -> Result<(), ApiError> {
    if client == row.version {
        Ok(())
    } else {
        Err(ApiError::Stale {
            current_version: row.version,
        })
    }
}

/// A refusal of the state machine as the API answers it: 403 when the role may never do it, 409
/// when a guard failed.
pub fn refusal(r: Refusal) -> ApiError {
    let said = Said::new(
        format!("{}（{}）", r.message_zh, r.article),
        format!("{} ({})", r.message_en, r.article),
    );
    if r.forbidden {
        ApiError::Forbidden(said)
    } else {
        ApiError::Conflict(said)
    }
}

/// Writes `changes` on `m` under its version, keeps a snapshot noted with `note`, and returns the
/// row as it now is.
pub async fn write(
    w: &Write<'_>,
    m: &application::Model,
    mut changes: Vec<Change>,
    note: Option<String>,
) -> Result<application::Model, ApiError> {
    changes.push(Change::UpdatedAt(w.now()));
    if !store::bump(&**w, m.id, m.version, changes).await? {
        let current = store::version_of(&**w, m.id).await?.unwrap_or(m.version);
        return Err(ApiError::Stale {
            current_version: current,
        });
    }
    let updated = store::by_id(&**w, m.id).await?.ok_or(ApiError::NotFound)?;
    store::snapshot(&**w, &updated, &w.actor().username, w.now(), note).await?;
    Ok(updated)
}

/// Applies one move: the new state and its changes, the snapshot, and `application.{action}` in
/// the audit trail.
pub async fn apply(
    w: &Write<'_>,
    m: &application::Model,
    mv: Move,
) -> Result<application::Model, ApiError> {
    let mut changes = mv.changes;
    changes.push(Change::State(mv.to));
    let updated = write(w, m, changes, mv.reason.clone()).await?;
    let event = Event::new(&format!("application.{}", mv.action), "application", m.id)
        .before(&m.state)
        .after(&mv.to)
        .reason(mv.reason);
    w.record(event).await?;
    Ok(updated)
}
