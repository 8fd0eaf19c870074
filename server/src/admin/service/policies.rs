//! The policies HRSS sets where the measures are silent (`shared::policy`), by key; a key not set
//! is the documented default. Results decided under a policy name it.

use crate::actor::Actor;
use crate::admin::store;
use crate::audit::Event;
use crate::entity::{JsonText, policy_setting};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::policy::{Policies, PoliciesView, PolicyChange};

pub const SIXTY: &str = "sixty_policy";
pub const BAN_BINDS: &str = "ban_binds";

fn setting<T: serde::de::DeserializeOwned>(r: &policy_setting::Model) -> Result<T, ApiError> {
    serde_json::from_value(r.value.0.clone())
        .map_err(|e| ApiError::Internal(format!("policy {}: {e}", r.key)))
}

/// The policies in force, with who set them last and when.
pub async fn view<C: ConnectionTrait>(db: &C) -> Result<PoliciesView, ApiError> {
    let rows = store::policy_settings(db).await?;
    let mut p = Policies::default();
    let mut last: Option<&policy_setting::Model> = None;
    for r in &rows {
        match r.key.as_str() {
            SIXTY => p.sixty = setting(r)?,
            BAN_BINDS => p.ban_binds = setting(r)?,
            _ => continue,
        }
        if last.is_none_or(|l| l.updated_at < r.updated_at) {
            last = Some(r);
        }
    }
    Ok(PoliciesView {
        policies: p,
        updated_by: last.map(|l| l.updated_by.clone()),
        updated_at: last.map(|l| l.updated_at),
    })
}

/// Just the policies in force.
pub async fn current<C: ConnectionTrait>(db: &C) -> Result<Policies, ApiError> {
    Ok(view(db).await?.policies)
}

/// HRSS sets the policies, with the reason recorded. Results already decided keep the policy they
/// were decided under (each says which).
pub async fn set(
    state: &AppState,
    actor: &Actor,
    change: PolicyChange,
) -> Result<PoliciesView, ApiError> {
    change.check().map_err(ApiError::Validation)?;
    let w = Write::begin(state, actor).await?;
    let before = view(&*w).await?;
    for (key, value) in [
        (SIXTY, serde_json::json!(change.policies.sixty)),
        (BAN_BINDS, serde_json::json!(change.policies.ban_binds)),
    ] {
        let row = policy_setting::ActiveModel {
            key: Set(key.to_owned()),
            value: Set(JsonText(value)),
            updated_by: Set(actor.username.clone()),
            updated_at: Set(w.now()),
        };
        store::set_policy(&*w, row, key).await?;
    }
    w.done(
        Event::new("policy.update", "policy", "programme")
            .before(&before.policies)
            .after(&change.policies)
            .reason(Some(change.reason.trim().to_owned())),
    )
    .await?;
    view(&state.db).await
}
