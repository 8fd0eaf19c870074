//! The timeline of an application and the diff between its versions.
use crate::workflow::AppState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One field that differs between two versions, by dotted path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The fields of `after` that differ from `before`, leaves compared by dotted path (arrays as values).
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", Some(before), Some(after), &mut out);
    out
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(&p, x.get(k), y.get(k), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(FieldChange {
            path: path.to_owned(),
            before: a.cloned(),
            after: b.cloned(),
        }),
    }
}

/// One step of an application's timeline: a saved version, its state and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub version: i32,
    pub state: AppState,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// The state moved in this version (otherwise it was an edit).
    pub state_changed: bool,
    /// The reason or note given with the move (a return's reason, a score, an inspection's notes).
    pub note: Option<String>,
    /// What changed in the facts, justifications and profile since the previous version.
    pub changes: Vec<FieldChange>,
}

/// One saved version of an application, as the timeline reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub version: i32,
    pub state: AppState,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub note: Option<String>,
    /// The facts, justifications and profile of the version, as JSON.
    pub content: Value,
}

/// The timeline of an application's versions, in order: each with whether its state moved and
/// what changed since the version before.
pub fn timeline(versions: &[Version]) -> Vec<HistoryEntry> {
    let mut out = Vec::with_capacity(versions.len());
    let mut previous: Option<&Version> = None;
    for v in versions {
        let (changes, state_changed) = match previous {
            Some(p) => (diff(&p.content, &v.content), p.state != v.state),
            None => (Vec::new(), true),
        };
        out.push(HistoryEntry {
            version: v.version,
            state: v.state,
            at: v.at,
            actor: v.actor.clone(),
            state_changed,
            note: v.note.clone(),
            changes,
        });
        previous = Some(v);
    }
    out
}
