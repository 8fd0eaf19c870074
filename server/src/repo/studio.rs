//! Studios as lists and details, filtered by what the caller may see.

use crate::auth::CurrentUser;
use crate::entity::{studio, unit};
use crate::error::ApiError;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Select};
use serde::Deserialize;
use shared::account::Role;
use shared::geo::City;
pub use shared::studio::{StudioList, StudioRow};
use shared::{Fen, Level};

/// Which studios a caller may see (object-level permission).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// The public list: studios in being (not revoked or exited).
    Public,
    All,
    /// An applicant: its own unit's studios.
    Unit(i32),
    /// A recommender: studios of units routed to its organisation.
    ChannelOrg(i32),
    Nothing,
}

impl Visibility {
    pub fn of(user: &CurrentUser) -> Visibility {
        match user.role {
            Role::HrssAdmin | Role::Finance => Visibility::All,
            Role::Applicant => user
                .user
                .unit_id
                .map_or(Visibility::Nothing, Visibility::Unit),
            Role::Recommender => user
                .user
                .org_id
                .map_or(Visibility::Nothing, Visibility::ChannelOrg),
            // Experts see only what they are assigned (panels come with the scoring issue).
            Role::Expert => Visibility::Nothing,
        }
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct StudioFilter {
    pub city: Option<City>,
    pub level: Option<Level>,
    pub year: Option<i32>,
}

fn query(filter: &StudioFilter, visibility: Visibility) -> Select<studio::Entity> {
    let mut q = studio::Entity::find()
        .order_by_asc(studio::Column::ApprovedOn)
        .order_by_asc(studio::Column::Id);
    if let Some(level) = filter.level {
        q = q.filter(studio::Column::Level.eq(level));
    }
    if let Some(year) = filter.year
        && let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        )
    {
        q = q.filter(studio::Column::ApprovedOn.between(from, to));
    }
    match visibility {
        Visibility::Public => {
            q.filter(studio::Column::Status.is_in(shared::life::StudioStatus::IN_BEING))
        }
        Visibility::All => q,
        Visibility::Unit(id) => q.filter(studio::Column::UnitId.eq(id)),
        Visibility::ChannelOrg(org) => q.filter(
            studio::Column::UnitId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(unit::Column::ChannelOrgId.eq(org))
                    .to_owned(),
            ),
        ),
        Visibility::Nothing => q.filter(studio::Column::Id.eq(-1)),
    }
}

fn row(s: studio::Model, u: unit::Model) -> Result<StudioRow, ApiError> {
    Ok(StudioRow {
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
    })
}

pub async fn list(
    db: &DatabaseConnection,
    filter: &StudioFilter,
    visibility: Visibility,
) -> Result<StudioList, ApiError> {
    crate::extract::check_year(filter.year)?;
    let mut q = query(filter, visibility).find_also_related(unit::Entity);
    if let Some(city) = filter.city {
        q = q.filter(unit::Column::City.eq(city));
    }
    let mut studios = Vec::new();
    let mut total = Fen::ZERO;
    for (s, u) in q.all(db).await? {
        let Some(u) = u else { continue };
        total = total
            .checked_add(Fen::from_fen(s.entitlement_fen))
            .ok_or_else(|| ApiError::Internal("entitlement overflow".into()))?;
        studios.push(row(s, u)?);
    }
    Ok(StudioList {
        studios,
        total_entitlement_fen: total,
    })
}

/// One studio if the caller may see it; otherwise 404, as if it did not exist.
pub async fn get(
    db: &DatabaseConnection,
    id: i32,
    visibility: Visibility,
) -> Result<StudioRow, ApiError> {
    let found = query(&StudioFilter::default(), visibility)
        .filter(studio::Column::Id.eq(id))
        .find_also_related(unit::Entity)
        .one(db)
        .await?;
    match found {
        Some((s, Some(u))) => row(s, u),
        _ => Err(ApiError::NotFound),
    }
}
