//! Rounds, recommendation lists, inspection lists, notices and objections in the database, and
//! the board's filtered, sorted query.

use crate::entity::{
    application, inspection_list, notice, objection, org, recommendation_list, round, unit,
};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, NullOrdering, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Select,
};
use shared::api::query::{BoardQuery, BoardSort, Direction};
use std::collections::HashMap;

pub async fn rounds<C: ConnectionTrait>(db: &C) -> Result<Vec<round::Model>, DbErr> {
    round::Entity::find()
        .order_by_desc(round::Column::Year)
        .all(db)
        .await
}

pub async fn round<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<round::Model>, DbErr> {
    round::Entity::find_by_id(id).one(db).await
}

pub async fn round_of_year<C: ConnectionTrait>(
    db: &C,
    year: i32,
) -> Result<Option<round::Model>, DbErr> {
    round::Entity::find()
        .filter(round::Column::Year.eq(year))
        .one(db)
        .await
}

pub async fn latest_round<C: ConnectionTrait>(db: &C) -> Result<Option<round::Model>, DbErr> {
    round::Entity::find()
        .order_by_desc(round::Column::Year)
        .one(db)
        .await
}

pub async fn insert_round<C: ConnectionTrait>(
    db: &C,
    row: round::ActiveModel,
) -> Result<round::Model, DbErr> {
    row.insert(db).await
}

pub async fn list_submitted<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
    org_id: i32,
) -> Result<bool, DbErr> {
    Ok(recommendation_list::Entity::find()
        .filter(recommendation_list::Column::RoundId.eq(round_id))
        .filter(recommendation_list::Column::OrgId.eq(org_id))
        .one(db)
        .await?
        .is_some())
}

pub async fn insert_list<C: ConnectionTrait>(
    db: &C,
    row: recommendation_list::ActiveModel,
) -> Result<recommendation_list::Model, DbErr> {
    row.insert(db).await
}

pub async fn insert_inspection_list<C: ConnectionTrait>(
    db: &C,
    row: inspection_list::ActiveModel,
) -> Result<inspection_list::Model, DbErr> {
    row.insert(db).await
}

pub async fn notice<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<notice::Model>, DbErr> {
    notice::Entity::find_by_id(id).one(db).await
}

/// Notices running on `today` or ended since `since`, newest first.
pub async fn notices_since<C: ConnectionTrait>(
    db: &C,
    since: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<Vec<notice::Model>, DbErr> {
    notice::Entity::find()
        .filter(notice::Column::EndsOn.gte(since))
        .filter(notice::Column::StartsOn.lte(today))
        .order_by_desc(notice::Column::StartsOn)
        .order_by_desc(notice::Column::Id)
        .all(db)
        .await
}

pub async fn insert_notice<C: ConnectionTrait>(
    db: &C,
    row: notice::ActiveModel,
) -> Result<notice::Model, DbErr> {
    row.insert(db).await
}

/// The applications a notice lists.
pub async fn on_notice<C: ConnectionTrait>(
    db: &C,
    notice_id: i32,
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::NoticeId.eq(notice_id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await
}

pub async fn unit<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<unit::Model>, DbErr> {
    unit::Entity::find_by_id(id).one(db).await
}

pub async fn application<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id).one(db).await
}

/// Objections, of one round's notices where given.
pub async fn objections<C: ConnectionTrait>(
    db: &C,
    round_id: Option<i32>,
) -> Result<Vec<objection::Model>, DbErr> {
    let mut q = objection::Entity::find()
        .order_by_asc(objection::Column::ResolvedAt)
        .order_by_asc(objection::Column::Id);
    if let Some(r) = round_id {
        q = q.filter(
            objection::Column::NoticeId.in_subquery(
                Query::select()
                    .column(notice::Column::Id)
                    .from(notice::Entity)
                    .and_where(notice::Column::RoundId.eq(r))
                    .to_owned(),
            ),
        );
    }
    q.all(db).await
}

pub async fn objection<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<objection::Model>, DbErr> {
    objection::Entity::find_by_id(id).one(db).await
}

/// Objections filed from `address` after `since`, oldest first.
pub async fn objections_from<C: ConnectionTrait>(
    db: &C,
    address: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<objection::Model>, DbErr> {
    objection::Entity::find()
        .filter(objection::Column::Address.eq(address))
        .filter(objection::Column::FiledAt.gt(since))
        .order_by_asc(objection::Column::FiledAt)
        .all(db)
        .await
}

pub async fn save_objection<C: ConnectionTrait>(
    db: &C,
    row: objection::ActiveModel,
) -> Result<objection::Model, DbErr> {
    let saved = row.save(db).await?;
    saved.try_into()
}

/// The board's applications (of those `visible` shows), filtered and sorted.
pub fn board(visible: Select<application::Entity>, f: &BoardQuery) -> Select<application::Entity> {
    let mut q = visible;
    if let Some(r) = f.round_id {
        q = q.filter(application::Column::RoundId.eq(r));
    }
    if let Some(s) = f.state {
        q = q.filter(application::Column::State.eq(s));
    }
    if let Some(l) = f.level {
        q = q.filter(application::Column::Level.eq(l));
    }
    if let Some(o) = f.channel_org_id {
        q = q.filter(application::Column::ChannelOrgId.eq(o));
    }
    let text = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if f.city.is_some() || text.is_some() {
        let mut units = Query::select();
        units.column(unit::Column::Id).from(unit::Entity);
        if let Some(c) = f.city {
            units.and_where(unit::Column::City.eq(c));
        }
        if let Some(t) = text {
            // Literal text: `%` and `_` in the search are not wildcards.
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            units.and_where(
                Expr::col((unit::Entity, unit::Column::Name))
                    .like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
            );
        }
        q = q.filter(application::Column::UnitId.in_subquery(units.to_owned()));
    }
    let col = match f.sort {
        BoardSort::Id => application::Column::Id,
        BoardSort::SubmittedAt => application::Column::SubmittedAt,
        BoardSort::Rank => application::Column::Rank,
        BoardSort::DefenseScore => application::Column::DefenseScore,
        BoardSort::State => application::Column::State,
    };
    let order = match f.dir {
        Direction::Asc => sea_orm::Order::Asc,
        Direction::Desc => sea_orm::Order::Desc,
    };
    // Rows without a rank or score go last either way, on SQLite and PostgreSQL alike.
    q.order_by_with_nulls(col, order, NullOrdering::Last)
        .order_by_asc(application::Column::Id)
}

/// Applications by id, in the order of `ids`.
pub async fn in_order<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<Vec<application::Model>, DbErr> {
    let mut rows = application::Entity::find()
        .filter(application::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    rows.sort_by_key(|m| ids.iter().position(|id| *id == m.id));
    Ok(rows)
}

pub async fn units_by_id<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
) -> Result<HashMap<i32, unit::Model>, DbErr> {
    Ok(unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

pub async fn org_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<i32, String>, DbErr> {
    Ok(org::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}
