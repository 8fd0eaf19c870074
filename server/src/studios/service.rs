//! Studios as lists and details, limited to what the caller may see (404 outside it); and the
//! studios of the caller's scope that still owe something, for the digest.

use super::store::{self, Visibility};
use crate::actor::Actor;
use crate::entity::{studio, unit};
use crate::error::ApiError;
use sea_orm::ConnectionTrait;
use shared::Fen;
use shared::account::Role;
use shared::api::query::StudioFilter;
use shared::studio::{StudioList, StudioRow};

/// What an actor may see.
pub fn visibility(actor: &Actor) -> Visibility {
    match actor.role {
        Some(Role::HrssAdmin | Role::Finance) => Visibility::All,
        Some(Role::Applicant) => actor.unit_id.map_or(Visibility::Nothing, Visibility::Unit),
        Some(Role::Recommender) => actor
            .org_id
            .map_or(Visibility::Nothing, Visibility::ChannelOrg),
        // Experts see what panels assign them, not studios.
        _ => Visibility::Nothing,
    }
}

fn row(s: studio::Model, u: unit::Model) -> StudioRow {
    StudioRow {
        id: s.id,
        plaque_no: s.plaque_no,
        name: s.name,
        unit_name: u.name,
        city: u.city,
        level: s.level,
        national_category: s.national_category,
        occupation: s.occupation,
        leader_name: s.leader_name,
        approved_on: s.approved_on,
        term_end: s.term_end,
        status: s.status,
        entitlement_fen: Fen::from_fen(s.entitlement_fen),
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &StudioFilter,
    visibility: Visibility,
) -> Result<StudioList, ApiError> {
    shared::api::query::check_year(filter.year).map_err(|e| ApiError::Validation(vec![e]))?;
    let mut studios = Vec::new();
    let mut total = Fen::ZERO;
    for (s, u) in store::rows(db, visibility, filter, None).await? {
        total = total
            .checked_add(Fen::from_fen(s.entitlement_fen))
            .ok_or_else(|| ApiError::Internal("entitlement overflow".into()))?;
        studios.push(row(s, u));
    }
    Ok(StudioList {
        studios,
        total_entitlement_fen: total,
    })
}

/// One studio's row if the actor may see it; otherwise 404 (logged), as if it did not exist.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<StudioRow, ApiError> {
    let found = store::rows(db, visibility(actor), &StudioFilter::default(), Some(id)).await?;
    match found.into_iter().next() {
        Some((s, u)) => Ok(row(s, u)),
        None => {
            tracing::warn!(user = %actor.username, studio = id, "studio not found or outside the caller's scope");
            Err(ApiError::NotFound)
        }
    }
}

/// The studio itself, if the actor may see it.
pub async fn visible_one<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<studio::Model, ApiError> {
    get(db, actor, id).await?;
    store::studio(db, id).await?.ok_or(ApiError::NotFound)
}

/// The public list: studios in being, for anyone.
pub async fn public_list<C: ConnectionTrait>(
    db: &C,
    filter: &StudioFilter,
) -> Result<StudioList, ApiError> {
    list(db, filter, Visibility::Public).await
}

/// The studios of the actor's scope that still owe something (building, rectifying, or exited
/// with money to return).
/// The ids of the studios an actor may see, as a subquery for another domain's query (`None`:
/// every studio).
pub fn scope(actor: &Actor) -> Option<sea_orm::sea_query::SelectStatement> {
    store::ids_visible(visibility(actor))
}

/// The ids of the units whose studios an actor may see, as a subquery (`None`: every unit).
pub fn unit_scope(actor: &Actor) -> Option<sea_orm::sea_query::SelectStatement> {
    store::unit_ids_visible(visibility(actor))
}
