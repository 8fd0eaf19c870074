//! What the tablet's sync reads and writes: the expert's sheets and their panels, the score
//! changes (each client id once), comments and signatures.

use crate::entity::{panel, score_change, score_sheet, score_value};
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
/// tablet's late resend of an earlier tap); one statement per change, no lock beyond its row.
pub async fn keep_current<C: ConnectionTrait>(
    db: &C,
    rows: Vec<score_value::ActiveModel>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
    for row in rows {
        score_value::Entity::insert(row)
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
    }
    Ok(())
}
