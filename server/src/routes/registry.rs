//! HRSS's registries: the host units with their recommending channel (第十一条（一）) and system
//! (集团, 第十六条（二）), the organisations a channel can be, and the policies the measures leave
//! to the programme. Every change is audited.

use crate::auth::AdminUser;
use crate::entity::{org, unit};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody, QueryParams};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Deserialize;
use shared::channel::channel;
use shared::geo::City;
use shared::policy::{PoliciesView, PolicyChange};
use shared::registry::{OrgOption, UnitInput, UnitView, county_name};
use shared::wire::{ErrorBody, FieldError};

fn org_option(o: org::Model) -> Result<OrgOption, ApiError> {
    Ok(OrgOption {
        id: o.id,
        name: o.name,
        kind: o.kind,
        city: o.city,
    })
}

async fn orgs<C: sea_orm::ConnectionTrait>(db: &C) -> Result<Vec<OrgOption>, ApiError> {
    org::Entity::find()
        .order_by_asc(org::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(org_option)
        .collect()
}

fn unit_view(u: unit::Model, orgs: &[OrgOption]) -> Result<UnitView, ApiError> {
    let city: City = u.city;
    let county_code = u32::try_from(u.county_code).unwrap_or(0);
    let affiliation = u.affiliation;
    Ok(UnitView {
        id: u.id,
        credit_code: u.credit_code,
        name: u.name,
        kind: u.kind,
        affiliation,
        city,
        county_code,
        county: county_name(county_code).unwrap_or_default().to_owned(),
        group_name: u.group_name.unwrap_or_default(),
        channel: channel(affiliation, city),
        channel_org_id: u.channel_org_id,
        channel_name: u
            .channel_org_id
            .and_then(|id| orgs.iter().find(|o| o.id == id))
            .map(|o| o.name.clone())
            .unwrap_or_else(|| channel(affiliation, city).label_zh()),
    })
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UnitQuery {
    /// Part of the name or the credit code.
    pub q: Option<String>,
    pub city: Option<City>,
}

#[utoipa::path(get, path = "/api/admin/units", params(UnitQuery),
    responses((status = 200, body = [UnitView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// The unit registry, searched by name or credit code and filtered by city.
pub async fn list_units(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
    QueryParams(f): QueryParams<UnitQuery>,
) -> Result<Json<Vec<UnitView>>, ApiError> {
    let mut q = unit::Entity::find().order_by_asc(unit::Column::Id);
    if let Some(c) = f.city {
        q = q.filter(unit::Column::City.eq(c));
    }
    let orgs = orgs(&state.db).await?;
    let needle =
        f.q.as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_uppercase();
    let mut out = Vec::new();
    for u in q.all(&state.db).await? {
        // Matched in Rust, literally (no LIKE pattern): a registry is hundreds of rows.
        if needle.is_empty()
            || u.name.to_uppercase().contains(&needle)
            || u.credit_code.contains(&needle)
        {
            out.push(unit_view(u, &orgs)?);
        }
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/api/admin/orgs",
    responses((status = 200, body = [OrgOption]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// The organisations a unit's channel can be.
pub async fn list_orgs(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Json<Vec<OrgOption>>, ApiError> {
    Ok(Json(orgs(&state.db).await?))
}

/// The unit as written to the database, after [`UnitInput::check`].
fn apply(a: &mut unit::ActiveModel, input: &UnitInput, org: Option<i32>) -> Result<(), ApiError> {
    let city = City::of_county(input.county_code).ok_or(ApiError::NotFound)?;
    a.credit_code = Set(input.credit_code.trim().to_uppercase());
    a.name = Set(input.name.trim().to_owned());
    a.kind = Set(input.kind);
    a.affiliation = Set(input.affiliation);
    a.city = Set(city);
    a.county_code =
        Set(i32::try_from(input.county_code).map_err(|_| ApiError::Internal("county".into()))?);
    a.group_name = Set(Some(input.group_name.trim().to_owned()).filter(|g| !g.is_empty()));
    a.channel_org_id = Set(org);
    Ok(())
}

fn taken_code() -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "credit_code",
        "这个统一社会信用代码已登记为另一家单位",
        "another unit is registered with this credit code",
    )])
}

#[utoipa::path(post, path = "/api/admin/units", request_body = UnitInput,
    responses((status = 201, body = UnitView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS registers a unit: its credit code (GB 32100), kind, affiliation, county and system, and the
/// channel that recommends it (第十一条（一）).
pub async fn create_unit(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    JsonBody(input): JsonBody<UnitInput>,
) -> Result<(StatusCode, Json<UnitView>), ApiError> {
    let now = state.now();
    let txn = state.begin_audited().await?;
    let all = orgs(&*txn).await?;
    let (_, org) = input.check(&all).map_err(ApiError::Validation)?;
    let code = input.credit_code.trim().to_uppercase();
    if unit::Entity::find()
        .filter(unit::Column::CreditCode.eq(code))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(taken_code());
    }
    let mut a = <unit::ActiveModel as Default>::default();
    apply(&mut a, &input, org)?;
    let saved = a.insert(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("unit.create", "unit", saved.id).after(&input),
    )
    .await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(unit_view(saved, &all)?)))
}

#[utoipa::path(put, path = "/api/admin/units/{id}", params(("id" = i32, Path)), request_body = UnitInput,
    responses((status = 200, body = UnitView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS edits a unit. Applications already made keep the channel they were routed to.
pub async fn update_unit(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(input): JsonBody<UnitInput>,
) -> Result<Json<UnitView>, ApiError> {
    let now = state.now();
    let txn = state.begin_audited().await?;
    let all = orgs(&*txn).await?;
    let current = unit::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (_, org) = input.check(&all).map_err(ApiError::Validation)?;
    let code = input.credit_code.trim().to_uppercase();
    if unit::Entity::find()
        .filter(unit::Column::CreditCode.eq(code))
        .filter(unit::Column::Id.ne(id))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(taken_code());
    }
    let before = unit_view(current.clone(), &all)?;
    let mut a: unit::ActiveModel = current.into();
    apply(&mut a, &input, org)?;
    let saved = a.update(&*txn).await?;
    let after = unit_view(saved, &all)?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("unit.update", "unit", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(after))
}

#[utoipa::path(get, path = "/api/admin/policies",
    responses((status = 200, body = PoliciesView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// The choices in force where the measures are silent (60 points, who the ban binds).
pub async fn get_policies(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Json<PoliciesView>, ApiError> {
    Ok(Json(crate::repo::policy::load(&state.db).await?))
}

#[utoipa::path(put, path = "/api/admin/policies", request_body = PolicyChange,
    responses((status = 200, body = PoliciesView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS sets the policies, with the reason recorded. Results already decided keep the policy they
/// were decided under (each says which).
pub async fn put_policies(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    JsonBody(change): JsonBody<PolicyChange>,
) -> Result<Json<PoliciesView>, ApiError> {
    use crate::entity::policy_setting;
    change.check().map_err(ApiError::Validation)?;
    let now = state.now();
    let txn = state.begin_audited().await?;
    let before = crate::repo::policy::load(&*txn).await?;
    for (key, value) in [
        (
            crate::repo::policy::SIXTY,
            serde_json::json!(change.policies.sixty),
        ),
        (
            crate::repo::policy::BAN_BINDS,
            serde_json::json!(change.policies.ban_binds),
        ),
    ] {
        policy_setting::Entity::delete_by_id(key.to_owned())
            .exec(&*txn)
            .await?;
        policy_setting::ActiveModel {
            key: Set(key.to_owned()),
            value: Set(crate::entity::JsonText(value)),
            updated_by: Set(user.user.username.clone()),
            updated_at: Set(now),
        }
        .insert(&*txn)
        .await?;
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("policy.update", "policy", "programme")
            .before(&before.policies)
            .after(&change.policies)
            .reason(Some(change.reason.trim().to_owned())),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(crate::repo::policy::load(&state.db).await?))
}
