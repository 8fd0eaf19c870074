//! HRSS administration: accounts (create, change role/scope, disable) and the audit trail.

use crate::audit::{self, Event};
use crate::auth::{AdminUser, password, session};
use crate::entity::{audit_log, org, unit, user_account};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody, QueryParams};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use shared::account::{
    AuditEntry, AuditVerification, NewUser, Role, UserSummary, UserUpdate, check_scope,
};
use shared::wire::{ErrorBody, FieldError};

async fn summary(state: &AppState, u: &user_account::Model) -> Result<UserSummary, ApiError> {
    let me = super::auth::me_of(&state.db, u).await?;
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

/// 422 naming `unit_id` / `org_id` when the scope does not exist.
async fn check_scope_exists(
    state: &AppState,
    unit_id: Option<i32>,
    org_id: Option<i32>,
) -> Result<(), ApiError> {
    if let Some(id) = unit_id
        && unit::Entity::find_by_id(id).one(&state.db).await?.is_none()
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "unit_id",
            "单位不存在",
            "no such unit",
        )]));
    }
    if let Some(id) = org_id
        && org::Entity::find_by_id(id).one(&state.db).await?.is_none()
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "org_id",
            "推荐单位不存在",
            "no such organisation",
        )]));
    }
    Ok(())
}

#[utoipa::path(get, path = "/api/admin/users", responses((status = 200, body = [UserSummary]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<Vec<UserSummary>>, ApiError> {
    let mut out = Vec::new();
    for u in user_account::Entity::find()
        .order_by_asc(user_account::Column::Id)
        .all(&state.db)
        .await?
    {
        out.push(summary(&state, &u).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/admin/users", request_body = NewUser,
    responses((status = 201, body = UserSummary), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    JsonBody(new): JsonBody<NewUser>,
) -> Result<(StatusCode, Json<UserSummary>), ApiError> {
    new.check().map_err(ApiError::Validation)?;
    check_scope_exists(&state, new.unit_id, new.org_id).await?;
    if user_account::Entity::find()
        .filter(user_account::Column::Username.eq(&new.username))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "username",
            "用户名已存在",
            "username already taken",
        )]));
    }
    let hash = password::hash(new.password.clone()).await?;
    let txn = state.begin_audited().await?;
    let created = user_account::ActiveModel {
        username: Set(new.username.clone()),
        display_name: Set(new.display_name.trim().to_owned()),
        password_hash: Set(hash),
        role: Set(new.role),
        unit_id: Set(new.unit_id),
        org_id: Set(new.org_id),
        disabled: Set(false),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let view = Snapshot::of(&created);
    audit::append(
        &*txn,
        state.now(),
        &user.actor(),
        Event::new("user.create", "user", created.id).after(&view),
    )
    .await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(summary(&state, &created).await?)))
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

#[utoipa::path(patch, path = "/api/admin/users/{id}", params(("id" = i32, Path)), request_body = UserUpdate,
    responses((status = 200, body = UserSummary), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_user(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(change): JsonBody<UserUpdate>,
) -> Result<Json<UserSummary>, ApiError> {
    let target = user_account::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if id == user.user.id && change.disabled == Some(true) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "disabled",
            "不能停用自己的账号",
            "you cannot disable your own account",
        )]));
    }
    let role: Role = change.role.unwrap_or(target.role);
    if id == user.user.id && role != Role::HrssAdmin {
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
    if loses_admin {
        let active_admins = user_account::Entity::find()
            .filter(user_account::Column::Role.eq(Role::HrssAdmin))
            .filter(user_account::Column::Disabled.eq(false))
            .count(&state.db)
            .await?;
        if active_admins <= 1 {
            return Err(ApiError::Validation(vec![FieldError::new(
                "role",
                "系统至少须保留一个有效的管理员账号",
                "at least one active administrator must remain",
            )]));
        }
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
    check_scope_exists(&state, unit_id, org_id).await?;
    let before = Snapshot::of(&target);
    let txn = state.begin_audited().await?;
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
    let updated = active.update(&*txn).await?;
    if updated.disabled {
        session::delete_all_of(&*txn, updated.id, None).await?;
    }
    let event = Event::new("user.update", "user", updated.id)
        .before(&before)
        .after(&Snapshot::of(&updated))
        .reason(change.reason);
    audit::append(&*txn, state.now(), &user.actor(), event).await?;
    txn.commit().await?;
    Ok(Json(summary(&state, &updated).await?))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScopeOption {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Scopes {
    pub units: Vec<ScopeOption>,
    pub orgs: Vec<ScopeOption>,
}

#[utoipa::path(get, path = "/api/admin/scopes", responses((status = 200, body = Scopes), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn scopes(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<Scopes>, ApiError> {
    let units = unit::Entity::find()
        .order_by_asc(unit::Column::Id)
        .all(&state.db)
        .await?;
    let orgs = org::Entity::find()
        .order_by_asc(org::Column::Id)
        .all(&state.db)
        .await?;
    Ok(Json(Scopes {
        units: units
            .into_iter()
            .map(|u| ScopeOption {
                id: u.id,
                name: u.name,
            })
            .collect(),
        orgs: orgs
            .into_iter()
            .filter(|o| o.kind != shared::registry::OrgKind::Hrss)
            .map(|o| ScopeOption {
                id: o.id,
                name: o.name,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    /// At most this many entries, newest first (default 200, at most 1000).
    pub limit: Option<u64>,
}

#[utoipa::path(get, path = "/api/admin/audit", params(AuditQuery),
    responses((status = 200, body = [AuditEntry]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    _admin: AdminUser,
    QueryParams(q): QueryParams<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let mut find = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .limit(q.limit.unwrap_or(200).min(1000));
    if let Some(t) = q.object_type {
        find = find.filter(audit_log::Column::ObjectType.eq(t));
    }
    if let Some(id) = q.object_id {
        find = find.filter(audit_log::Column::ObjectId.eq(id));
    }
    Ok(Json(
        find.all(&state.db)
            .await?
            .into_iter()
            .map(audit::to_wire)
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/admin/audit/verify",
    responses((status = 200, body = AuditVerification), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn verify_audit(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<AuditVerification>, ApiError> {
    let result = audit::verify(&state.db).await?;
    if !result.ok {
        tracing::error!(seq = ?result.first_broken_seq, "audit chain broken");
    }
    Ok(Json(result))
}
