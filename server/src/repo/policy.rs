//! The policies HRSS sets where the measures are silent (`shared::policy`), by key in
//! `policy_setting`; a key not set is the documented default.

use crate::entity::policy_setting;
use crate::error::ApiError;
use sea_orm::{ConnectionTrait, EntityTrait};
use shared::policy::{Policies, PoliciesView};

pub const SIXTY: &str = "sixty_policy";
pub const BAN_BINDS: &str = "ban_binds";

fn setting<T: serde::de::DeserializeOwned>(r: &policy_setting::Model) -> Result<T, ApiError> {
    serde_json::from_value(r.value.0.clone())
        .map_err(|e| ApiError::Internal(format!("policy {}: {e}", r.key)))
}

/// The policies in force, with who set them last and when.
pub async fn load<C: ConnectionTrait>(db: &C) -> Result<PoliciesView, ApiError> {
    let rows = policy_setting::Entity::find().all(db).await?;
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

/// Just the policies.
pub async fn policies<C: ConnectionTrait>(db: &C) -> Result<Policies, ApiError> {
    Ok(load(db).await?.policies)
}
