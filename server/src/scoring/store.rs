//! What the tablet's sync reads and writes: the expert's sheets and their panels, the score
//! changes (each client id once), comments and signatures.

use crate::entity::{panel, panel_candidate, score_change, score_sheet, score_value, studio};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Of `ids`, the client change ids already stored.
pub async fn held<C: ConnectionTrait>(
    db: &C,
    ids: Vec<String>,
) -> Result<std::collections::HashSet<String>, DbErr> {
    Ok(score_change::Entity::find()
        .filter(score_change::Column::ClientChangeId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.client_change_id)
        .collect())
}

/// Stores score changes; a client change id already stored is skipped (exactly once, even when
/// two syncs of the same queue race).
pub async fn insert_changes<C: ConnectionTrait>(
    db: &C,
    rows: Vec<score_change::ActiveModel>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::OnConflict;
    if rows.is_empty() {
        return Ok(());
    }
    score_change::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(score_change::Column::ClientChangeId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// An expert's sheets among `ids`.
pub async fn sheets_of_expert<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    expert: i32,
) -> Result<Vec<score_sheet::Model>, DbErr> {
    score_sheet::Entity::find()
        .filter(score_sheet::Column::Id.is_in(ids))
        .filter(score_sheet::Column::ExpertId.eq(expert))
        .all(db)
        .await
}

pub async fn panels_by_id<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
) -> Result<Vec<panel::Model>, DbErr> {
    panel::Entity::find()
        .filter(panel::Column::Id.is_in(ids))
        .all(db)
        .await
}

pub async fn update_sheet<C: ConnectionTrait>(
    db: &C,
    row: score_sheet::ActiveModel,
) -> Result<score_sheet::Model, DbErr> {
    row.update(db).await
}

/// Sheets by id.
pub fn by_id(rows: Vec<score_sheet::Model>) -> HashMap<i32, score_sheet::Model> {
    rows.into_iter().map(|s| (s.id, s)).collect()
}

/// Keeps each item's current value: a change replaces it unless it is older by client time (a
/// tablet's late resend of an earlier tap). One statement for the whole sync, its rows in key
/// order (so concurrent syncs lock rows alike and cannot deadlock), the latest of the batch per item.
pub async fn keep_current<C: ConnectionTrait>(
    db: &C,
    changes: Vec<(i32, String, i32, chrono::DateTime<chrono::Utc>)>,
) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
    let mut latest: std::collections::BTreeMap<
        (i32, String),
        (i32, chrono::DateTime<chrono::Utc>),
    > = std::collections::BTreeMap::new();
    for (sheet, item, value, at) in changes {
        let keep = latest
            .get(&(sheet, item.clone()))
            .is_none_or(|(_, seen)| at >= *seen);
        if keep {
            latest.insert((sheet, item), (value, at));
        }
    }
    if latest.is_empty() {
        return Ok(());
    }
    let rows = latest
        .into_iter()
        .map(|((sheet, item), (value, at))| score_value::ActiveModel {
            sheet_id: Set(sheet),
            item_key: Set(item),
            value: Set(value),
            client_at: Set(at),
        });
    score_value::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([score_value::Column::SheetId, score_value::Column::ItemKey])
                .update_columns([score_value::Column::Value, score_value::Column::ClientAt])
                .action_and_where(
                    Expr::col((Alias::new("excluded"), score_value::Column::ClientAt)).gte(
                        Expr::col((score_value::Entity, score_value::Column::ClientAt)),
                    ),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The level of each studio assessed by `panels` (附件's fixed scores depend on it), by candidate:
/// two queries, whatever the number of candidates.
pub async fn candidate_levels<C: ConnectionTrait>(
    db: &C,
    panels: Vec<i32>,
) -> Result<HashMap<i32, shared::Level>, DbErr> {
    if panels.is_empty() {
        return Ok(HashMap::new());
    }
    let candidates = panel_candidate::Entity::find()
        .filter(panel_candidate::Column::PanelId.is_in(panels))
        .all(db)
        .await?;
    let studio_ids: Vec<i32> = candidates.iter().filter_map(|c| c.studio_id).collect();
    let levels: HashMap<i32, shared::Level> = studio::Entity::find()
        .filter(studio::Column::Id.is_in(studio_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.level))
        .collect();
    Ok(candidates
        .into_iter()
        .filter_map(|c| Some((c.id, *levels.get(&c.studio_id?)?)))
        .collect())
}
