//! Panels, their members, candidates, score sheets and score changes in the database.

use crate::entity::{
    application, panel, panel_candidate, panel_member, score_change, score_sheet, score_value,
    studio, unit, user_account,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use shared::Tenths;
use std::collections::{BTreeMap, HashMap};

pub async fn panel<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<panel::Model>, DbErr> {
    panel::Entity::find_by_id(id).one(db).await
}

/// Every panel, or those an organisation organised, or those an expert sits on; newest first.
pub async fn panels<C: ConnectionTrait>(
    db: &C,
    organiser: Option<i32>,
    member: Option<i32>,
) -> Result<Vec<panel::Model>, DbErr> {
    let mut q = panel::Entity::find().order_by_desc(panel::Column::Id);
    if let Some(org) = organiser {
        q = q.filter(panel::Column::OrganiserOrgId.eq(org));
    }
    if let Some(expert) = member {
        q = q.filter(
            panel::Column::Id.in_subquery(
                Query::select()
                    .column(panel_member::Column::PanelId)
                    .from(panel_member::Entity)
                    .and_where(panel_member::Column::ExpertId.eq(expert))
                    .to_owned(),
            ),
        );
    }
    q.all(db).await
}

pub async fn is_member<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    expert: i32,
) -> Result<bool, DbErr> {
    Ok(panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .filter(panel_member::Column::ExpertId.eq(expert))
        .one(db)
        .await?
        .is_some())
}

/// The experts of a panel in the order they were added, with their display names.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
) -> Result<Vec<(i32, String)>, DbErr> {
    let rows = panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|m| m.expert_id).collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(ids
        .into_iter()
        .map(|id| (id, names.get(&id).cloned().unwrap_or_default()))
        .collect())
}

pub async fn accounts<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
) -> Result<Vec<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await
}

pub async fn candidate_rows<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
) -> Result<Vec<panel_candidate::Model>, DbErr> {
    panel_candidate::Entity::find()
        .filter(panel_candidate::Column::PanelId.eq(panel_id))
        .order_by_asc(panel_candidate::Column::Position)
        .all(db)
        .await
}

pub async fn candidate_count<C: ConnectionTrait>(db: &C, panel_id: i32) -> Result<u64, DbErr> {
    panel_candidate::Entity::find()
        .filter(panel_candidate::Column::PanelId.eq(panel_id))
        .count(db)
        .await
}

pub async fn application<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id).one(db).await
}

pub async fn studio<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<studio::Model>, DbErr> {
    studio::Entity::find_by_id(id).one(db).await
}

pub async fn unit<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<unit::Model>, DbErr> {
    unit::Entity::find_by_id(id).one(db).await
}

pub async fn insert_panel<C: ConnectionTrait>(
    db: &C,
    row: panel::ActiveModel,
) -> Result<panel::Model, DbErr> {
    row.insert(db).await
}

pub async fn update_panel<C: ConnectionTrait>(
    db: &C,
    row: panel::ActiveModel,
) -> Result<panel::Model, DbErr> {
    row.update(db).await
}

pub async fn insert_member<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    expert: i32,
) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    panel_member::ActiveModel {
        panel_id: Set(panel_id),
        expert_id: Set(expert),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn insert_candidate<C: ConnectionTrait>(
    db: &C,
    row: panel_candidate::ActiveModel,
) -> Result<panel_candidate::Model, DbErr> {
    row.insert(db).await
}

pub async fn insert_sheet<C: ConnectionTrait>(
    db: &C,
    row: score_sheet::ActiveModel,
) -> Result<score_sheet::Model, DbErr> {
    row.insert(db).await
}

pub async fn sheet<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<score_sheet::Model>, DbErr> {
    score_sheet::Entity::find_by_id(id).one(db).await
}

/// One expert's sheet for one candidate of a panel.
pub async fn sheet_of<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    candidate: i32,
    expert: i32,
) -> Result<Option<score_sheet::Model>, DbErr> {
    score_sheet::Entity::find()
        .filter(score_sheet::Column::PanelId.eq(panel_id))
        .filter(score_sheet::Column::CandidateId.eq(candidate))
        .filter(score_sheet::Column::ExpertId.eq(expert))
        .one(db)
        .await
}

/// A panel's sheets (one expert's where given), in order.
pub async fn sheets<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    expert: Option<i32>,
) -> Result<Vec<score_sheet::Model>, DbErr> {
    let mut q = score_sheet::Entity::find()
        .filter(score_sheet::Column::PanelId.eq(panel_id))
        .order_by_asc(score_sheet::Column::Id);
    if let Some(e) = expert {
        q = q.filter(score_sheet::Column::ExpertId.eq(e));
    }
    q.all(db).await
}

/// An expert's sheets of a panel not yet signed and neither conflicted nor recused.
pub async fn unsigned_sheets<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    expert: i32,
) -> Result<u64, DbErr> {
    score_sheet::Entity::find()
        .filter(score_sheet::Column::PanelId.eq(panel_id))
        .filter(score_sheet::Column::ExpertId.eq(expert))
        .filter(score_sheet::Column::SignedAt.is_null())
        .filter(score_sheet::Column::Conflict.is_null())
        .filter(score_sheet::Column::RecusalReason.is_null())
        .count(db)
        .await
}

pub async fn update_sheet<C: ConnectionTrait>(
    db: &C,
    row: score_sheet::ActiveModel,
) -> Result<score_sheet::Model, DbErr> {
    row.update(db).await
}

/// The current values of each sheet (kept by the sync: the latest change per item by client time)
/// and how many changes it has.
pub async fn values<C: ConnectionTrait>(
    db: &C,
    sheet_ids: &[i32],
) -> Result<HashMap<i32, (BTreeMap<String, Tenths>, usize)>, DbErr> {
    let mut out: HashMap<i32, (BTreeMap<String, Tenths>, usize)> = HashMap::new();
    if sheet_ids.is_empty() {
        return Ok(out);
    }
    for v in score_value::Entity::find()
        .filter(score_value::Column::SheetId.is_in(sheet_ids.iter().copied()))
        .all(db)
        .await?
    {
        let e = out.entry(v.sheet_id).or_default();
        e.0.insert(v.item_key, Tenths::from_tenths(v.value));
        e.1 += usize::try_from(v.changes).unwrap_or(0);
    }
    Ok(out)
}

/// Whether any sheet of the panel has a score.
pub async fn any_score<C: ConnectionTrait>(db: &C, panel_id: i32) -> Result<bool, DbErr> {
    Ok(score_change::Entity::find()
        .filter(
            score_change::Column::SheetId.in_subquery(
                Query::select()
                    .column(score_sheet::Column::Id)
                    .from(score_sheet::Entity)
                    .and_where(score_sheet::Column::PanelId.eq(panel_id))
                    .to_owned(),
            ),
        )
        .one(db)
        .await?
        .is_some())
}
