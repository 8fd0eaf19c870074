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
/// two syncs of the same queue race). Returns the client ids this call stored.
pub async fn insert_changes<C: ConnectionTrait>(
    db: &C,
    rows: Vec<score_change::ActiveModel>,
) -> Result<std::collections::HashSet<String>, DbErr> {
    use sea_orm::sea_query::OnConflict;
    if rows.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    Ok(score_change::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(score_change::Column::ClientChangeId)
                .do_nothing()
                .to_owned(),
        )
        .exec_with_returning(db)
        .await?
        .into_iter()
        .map(|c| c.client_change_id)
        .collect())
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

/// Keeps each item's current value and how many changes it received: a change replaces the value
/// unless it is older by client time (a tablet's late resend of an earlier tap), and counts
/// either way. One statement for the whole sync, its rows in key order (so concurrent syncs lock
/// rows alike and cannot deadlock), the latest of the batch per item.
pub async fn keep_current<C: ConnectionTrait>(
    db: &C,
    changes: Vec<(i32, String, i32, chrono::DateTime<chrono::Utc>)>,
) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    use sea_orm::sea_query::{Expr, OnConflict};
    type Latest = (i32, chrono::DateTime<chrono::Utc>, i32);
    let mut latest: std::collections::BTreeMap<(i32, String), Latest> =
        std::collections::BTreeMap::new();
    for (sheet, item, value, at) in changes {
        let e = latest.entry((sheet, item)).or_insert((value, at, 0));
        if at >= e.1 {
            (e.0, e.1) = (value, at);
        }
        e.2 += 1;
    }
    if latest.is_empty() {
        return Ok(());
    }
    let rows = latest
        .into_iter()
        .map(|((sheet, item), (value, at, n))| score_value::ActiveModel {
            sheet_id: Set(sheet),
            item_key: Set(item),
            value: Set(value),
            client_at: Set(at),
            changes: Set(n),
        });
    let newer = |col: &str| {
        Expr::cust(format!(
            "CASE WHEN excluded.client_at >= score_value.client_at \
             THEN excluded.{col} ELSE score_value.{col} END"
        ))
    };
    score_value::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([score_value::Column::SheetId, score_value::Column::ItemKey])
                .values([
                    (score_value::Column::Value, newer("value")),
                    (score_value::Column::ClientAt, newer("client_at")),
                    (
                        score_value::Column::Changes,
                        Expr::cust("score_value.changes + excluded.changes"),
                    ),
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The level of each studio assessed by `panels` (附件's fixed scores depend on it), by candidate:
/// one query, whatever the number of candidates.
pub async fn candidate_levels<C: ConnectionTrait>(
    db: &C,
    panels: Vec<i32>,
) -> Result<HashMap<i32, shared::Level>, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    if panels.is_empty() {
        return Ok(HashMap::new());
    }
    let (c, s) = (panel_candidate::Entity, studio::Entity);
    let q = Query::select()
        .column((c, panel_candidate::Column::Id))
        .column((s, studio::Column::Level))
        .from(c)
        .inner_join(
            s,
            Expr::col((s, studio::Column::Id)).equals((c, panel_candidate::Column::StudioId)),
        )
        .and_where(Expr::col((c, panel_candidate::Column::PanelId)).is_in(panels))
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&q).await? {
        out.insert(
            row.try_get::<i32>("", "id")?,
            row.try_get::<shared::Level>("", "level")?,
        );
    }
    Ok(out)
}
