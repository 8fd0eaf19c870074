//! HRSS's accounts (create, change role or scope, disable), the scopes an account may have, and
//! the audit trail with its chain check.

use crate::accounts::service::me_of;
use crate::actor::Actor;
use crate::admin::store;
use crate::audit::Event;
use crate::entity::user_account;
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use shared::account::{
    AuditEntry, AuditVerification, NewUser, Role, ScopeOption, Scopes, UserSummary, UserUpdate,
    check_scope,
};
use shared::api::query::AuditQuery;
use shared::registry::OrgKind;
use shared::wire::FieldError;

async fn summary(state: &AppState, u: &user_account::Model) -> Result<UserSummary, ApiError> {
    let me = me_of(&state.db, u).await?;
    Ok(UserSummary {
        id: u.id,
        username: me.username,
        display_name: me.display_name,
        role: me.role,
        unit_id: me.unit_id,
        org_id: me.org_id,
        scope_name: me.scope_name,
        disabled: u.disabled,
    })
}

/// What the audit records of an account (never the password hash).
#[derive(Serialize)]
struct Snapshot {
    username: String,
    display_name: String,
    role: Role,
    unit_id: Option<i32>,
    org_id: Option<i32>,
    disabled: bool,
}

impl Snapshot {
    fn of(u: &user_account::Model) -> Snapshot {
        Snapshot {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            unit_id: u.unit_id,
            org_id: u.org_id,
            disabled: u.disabled,
        }
    }
}

/// 422 naming `unit_id` / `org_id` when the scope does not exist.
async fn check_scope_exists(
    state: &AppState,
    unit_id: Option<i32>,
    org_id: Option<i32>,
) -> Result<(), ApiError> {
    if let Some(id) = unit_id
        && store::unit(&state.db, id).await?.is_none()
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "unit_id",
            "单位不存在",
            "no such unit",
        )]));
    }
    if let Some(id) = org_id
        && store::org(&state.db, id).await?.is_none()
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "org_id",
            "推荐单位不存在",
            "no such organisation",
        )]));
    }
    Ok(())
}

pub async fn list(state: &AppState) -> Result<Vec<UserSummary>, ApiError> {
    let mut out = Vec::new();
    for u in store::users(&state.db).await? {
        out.push(summary(state, &u).await?);
    }
    Ok(out)
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    new: NewUser,
) -> Result<UserSummary, ApiError> {
    new.check().map_err(ApiError::Validation)?;
    check_scope_exists(state, new.unit_id, new.org_id).await?;
    let hash = crate::accounts::password::hash(new.password.clone()).await?;
    // Checked inside the write, which holds the audit head: two processes cannot both pass.
    let w = Write::begin(state, actor).await?;
    if store::username_taken(&*w, &new.username).await? {
        return Err(ApiError::Validation(vec![FieldError::new(
            "username",
            "用户名已存在",
            "username already taken",
        )]));
    }
    let created = store::insert_user(
        &*w,
        user_account::ActiveModel {
            username: Set(new.username.clone()),
            display_name: Set(new.display_name.trim().to_owned()),
            password_hash: Set(hash),
            role: Set(new.role),
            unit_id: Set(new.unit_id),
            org_id: Set(new.org_id),
            disabled: Set(false),
            created_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    w.done(Event::new("user.create", "user", created.id).after(&Snapshot::of(&created)))
        .await?;
    summary(state, &created).await
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: i32,
    change: UserUpdate,
) -> Result<UserSummary, ApiError> {
    // Read and checked inside the write: the last administrator cannot be removed by two
    // processes at once.
    let w = Write::begin(state, actor).await?;
    let target = store::user(&*w, id).await?.ok_or(ApiError::NotFound)?;
    let myself = actor.id == Some(id);
    if myself && change.disabled == Some(true) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "disabled",
            "不能停用自己的账号",
            "you cannot disable your own account",
        )]));
    }
    let role = change.role.unwrap_or(target.role);
    if myself && role != Role::HrssAdmin {
        return Err(ApiError::Validation(vec![FieldError::new(
            "role",
            "不能修改自己的管理员角色",
            "you cannot remove your own administrator role",
        )]));
    }
    if let Some(name) = &change.display_name {
        shared::account::check_display_name(name).map_err(|e| ApiError::Validation(vec![e]))?;
    }
    // The region must keep at least one active administrator.
    let loses_admin = target.role == Role::HrssAdmin
        && !target.disabled
        && (role != Role::HrssAdmin || change.disabled == Some(true));
    if loses_admin && store::active_admins(&*w).await? <= 1 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "role",
            "系统至少须保留一个有效的管理员账号",
            "at least one active administrator must remain",
        )]));
    }
    // A role change brings its scope; otherwise the scope may be moved within the role.
    let (unit_id, org_id) =
        if change.role.is_some() || change.unit_id.is_some() || change.org_id.is_some() {
            (change.unit_id, change.org_id)
        } else {
            (target.unit_id, target.org_id)
        };
    let errors = check_scope(role, unit_id, org_id);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    check_scope_exists(state, unit_id, org_id).await?;
    let before = Snapshot::of(&target);
    let mut active = target.into_active_model();
    if let Some(name) = change
        .display_name
        .as_ref()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
    {
        active.display_name = Set(name);
    }
    active.role = Set(role);
    active.unit_id = Set(unit_id);
    active.org_id = Set(org_id);
    if let Some(d) = change.disabled {
        active.disabled = Set(d);
    }
    let updated = store::update_user(&*w, active).await?;
    if updated.disabled {
        crate::accounts::service::end_all(&*w, updated.id).await?;
    }
    w.done(
        Event::new("user.update", "user", updated.id)
            .before(&before)
            .after(&Snapshot::of(&updated))
            .reason(change.reason),
    )
    .await?;
    summary(state, &updated).await
}

/// The units and organisations (not HRSS itself) an account may be scoped to.
pub async fn scopes(state: &AppState) -> Result<Scopes, ApiError> {
    let option = |id, name| ScopeOption { id, name };
    Ok(Scopes {
        units: store::units(&state.db, None)
            .await?
            .into_iter()
            .map(|u| option(u.id, u.name))
            .collect(),
        orgs: store::orgs(&state.db)
            .await?
            .into_iter()
            .filter(|o| o.kind != OrgKind::Hrss)
            .map(|o| option(o.id, o.name))
            .collect(),
    })
}

pub async fn audit_log(state: &AppState, q: AuditQuery) -> Result<Vec<AuditEntry>, ApiError> {
    let limit = q.limit.unwrap_or(200).min(1000);
    // Entries the tablets' sync left waiting are linked first: the trail shows everything done.
    state.chain_audit().await?;
    let rows = store::audit_entries(&state.db, q.object_type, q.object_id, limit).await?;
    Ok(rows.into_iter().map(crate::audit::to_wire).collect())
}

pub async fn verify_audit(state: &AppState) -> Result<AuditVerification, ApiError> {
    state.chain_audit().await?;
    let result = crate::audit::verify(&state.db).await?;
    if !result.ok {
        tracing::error!(seq = ?result.first_broken_seq, "audit chain broken");
    }
    Ok(result)
}
