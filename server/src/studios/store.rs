//! The approved studios a caller may see, with their units.

use crate::entity::{studio, unit};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Select};

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

/// Studios of units routed to `org`.
fn of_channel(org: i32) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(unit::Column::Id)
        .from(unit::Entity)
        .and_where(unit::Column::ChannelOrgId.eq(org))
        .to_owned()
}

/// The ids of the studios `visibility` shows, as a subquery (`None`: every studio).
pub fn ids_visible(visibility: Visibility) -> Option<sea_orm::sea_query::SelectStatement> {
    use sea_orm::{QuerySelect, QueryTrait};
    match visibility {
        Visibility::All => None,
        v => Some(
            visible(v)
                .select_only()
                .column(studio::Column::Id)
                .into_query(),
        ),
    }
}

/// The ids of the units whose studios `visibility` shows, as a subquery (`None`: every unit).
pub fn unit_ids_visible(visibility: Visibility) -> Option<sea_orm::sea_query::SelectStatement> {
    let units = |id: i32| {
        Query::select()
            .column(unit::Column::Id)
            .from(unit::Entity)
            .and_where(unit::Column::Id.eq(id))
            .to_owned()
    };
    match visibility {
        Visibility::All | Visibility::Public => None,
        Visibility::Unit(id) => Some(units(id)),
        Visibility::ChannelOrg(org) => Some(of_channel(org)),
        Visibility::Nothing => Some(units(-1)),
    }
}

/// The studios `visibility` shows.
pub fn visible(visibility: Visibility) -> Select<studio::Entity> {
    let q = studio::Entity::find();
    match visibility {
        Visibility::Public => {
            q.filter(studio::Column::Status.is_in(shared::life::StudioStatus::IN_BEING))
        }
        Visibility::All => q,
        Visibility::Unit(id) => q.filter(studio::Column::UnitId.eq(id)),
        Visibility::ChannelOrg(org) => {
            q.filter(studio::Column::UnitId.in_subquery(of_channel(org)))
        }
        Visibility::Nothing => q.filter(studio::Column::Id.eq(-1)),
    }
}

/// Studios (with their units) of a visibility, filtered by level, approval year and city.
pub async fn rows<C: ConnectionTrait>(
    db: &C,
    visibility: Visibility,
    filter: &shared::api::query::StudioFilter,
    id: Option<i32>,
) -> Result<Vec<(studio::Model, unit::Model)>, DbErr> {
    let mut q = visible(visibility)
        .order_by_asc(studio::Column::ApprovedOn)
        .order_by_asc(studio::Column::Id);
    if let Some(level) = filter.level {
        q = q.filter(studio::Column::Level.eq(level));
    }
    if let Some(year) = filter.year
        && let (Some(from), Some(to)) = (
            chrono::NaiveDate::from_ymd_opt(year, 1, 1),
            chrono::NaiveDate::from_ymd_opt(year, 12, 31),
        )
    {
        q = q.filter(studio::Column::ApprovedOn.between(from, to));
    }
    if let Some(id) = id {
        q = q.filter(studio::Column::Id.eq(id));
    }
    let mut q = q.find_also_related(unit::Entity);
    if let Some(city) = filter.city {
        q = q.filter(unit::Column::City.eq(city));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .filter_map(|(s, u)| Some((s, u?)))
        .collect())
}

pub async fn studio<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<studio::Model>, DbErr> {
    studio::Entity::find_by_id(id).one(db).await
}
