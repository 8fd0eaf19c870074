//! HRSS's administration endpoints.

use super::service::{affiliations, calendar, policies, registry, users};
use crate::accounts::http::AdminUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Body, IdPath, Query, Reply, Routes};
use axum::extract::State;
use shared::api::admin::{
    AuditLog, CreateUnit, CreateUser, GetAffiliations, GetPolicies, ListHolidays, ListOrgs,
    ListUnits, ListUsers, PutAffiliations, PutHolidays, PutPolicies, Scopes, UpdateUnit,
    UpdateUser, VerifyAudit,
};

pub fn routes() -> Routes {
    Routes::new()
        .route::<ListUsers, _, _>(list_users)
        .route::<CreateUser, _, _>(create_user)
        .route::<UpdateUser, _, _>(update_user)
        .route::<Scopes, _, _>(scopes)
        .route::<AuditLog, _, _>(audit_log)
        .route::<VerifyAudit, _, _>(verify_audit)
        .route::<ListHolidays, _, _>(list_holidays)
        .route::<PutHolidays, _, _>(put_holidays)
        .route::<ListUnits, _, _>(list_units)
        .route::<CreateUnit, _, _>(create_unit)
        .route::<UpdateUnit, _, _>(update_unit)
        .route::<ListOrgs, _, _>(list_orgs)
        .route::<GetPolicies, _, _>(get_policies)
        .route::<PutPolicies, _, _>(put_policies)
        .route::<GetAffiliations, _, _>(get_affiliations)
        .route::<PutAffiliations, _, _>(put_affiliations)
}

async fn list_users(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Reply<ListUsers>, ApiError> {
    Ok(Reply(users::list(&state).await?))
}

async fn create_user(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    Body(new): Body<CreateUser>,
) -> Result<Reply<CreateUser>, ApiError> {
    Ok(Reply(users::create(&state, &user, new).await?))
}

async fn update_user(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(change): Body<UpdateUser>,
) -> Result<Reply<UpdateUser>, ApiError> {
    Ok(Reply(users::update(&state, &user, id, change).await?))
}

async fn scopes(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Reply<Scopes>, ApiError> {
    Ok(Reply(users::scopes(&state).await?))
}

async fn audit_log(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<AuditLog>,
) -> Result<Reply<AuditLog>, ApiError> {
    Ok(Reply(users::audit_log(&state, q).await?))
}

async fn verify_audit(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Reply<VerifyAudit>, ApiError> {
    Ok(Reply(users::verify_audit(&state).await?))
}

async fn list_holidays(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Reply<ListHolidays>, ApiError> {
    Ok(Reply(calendar::years(&state).await?))
}

async fn put_holidays(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(year): IdPath,
    Body(s): Body<PutHolidays>,
) -> Result<Reply<PutHolidays>, ApiError> {
    Ok(Reply(calendar::put(&state, &user, year, s).await?))
}

async fn list_units(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<ListUnits>,
) -> Result<Reply<ListUnits>, ApiError> {
    Ok(Reply(registry::units(&state, q).await?))
}

async fn create_unit(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    Body(input): Body<CreateUnit>,
) -> Result<Reply<CreateUnit>, ApiError> {
    Ok(Reply(registry::save(&state, &user, None, input).await?))
}

async fn update_unit(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(input): Body<UpdateUnit>,
) -> Result<Reply<UpdateUnit>, ApiError> {
    Ok(Reply(registry::save(&state, &user, Some(id), input).await?))
}

async fn list_orgs(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Reply<ListOrgs>, ApiError> {
    Ok(Reply(registry::orgs(&state.db).await?))
}

async fn get_policies(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Reply<GetPolicies>, ApiError> {
    Ok(Reply(policies::view(&state.db).await?))
}

async fn put_policies(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    Body(change): Body<PutPolicies>,
) -> Result<Reply<PutPolicies>, ApiError> {
    Ok(Reply(policies::set(&state, &user, change).await?))
}

async fn get_affiliations(
    State(state): State<AppState>,
    _admin: AdminUser,
    IdPath(id): IdPath,
) -> Result<Reply<GetAffiliations>, ApiError> {
    Ok(Reply(affiliations::get(&state, id).await?))
}

async fn put_affiliations(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    Body(list): Body<PutAffiliations>,
) -> Result<Reply<PutAffiliations>, ApiError> {
    Ok(Reply(affiliations::put(&state, &user, id, list).await?))
}
