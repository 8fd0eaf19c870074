//! Ledger entries and the per-studio, per-year balances in the database.

use crate::entity::{ledger_entry, studio_balance};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

pub async fn entries<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<ledger_entry::Model>, DbErr> {
    ledger_entry::Entity::find()
        .filter(ledger_entry::Column::StudioId.eq(studio_id))
        .order_by_asc(ledger_entry::Column::OccurredOn)
        .order_by_asc(ledger_entry::Column::Id)
        .all(db)
        .await
}

/// The entries of several studios (a few hundred ids per query), in each studio's order.
pub async fn entries_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<Vec<ledger_entry::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            ledger_entry::Entity::find()
                .filter(ledger_entry::Column::StudioId.is_in(chunk.iter().copied()))
                .order_by_asc(ledger_entry::Column::OccurredOn)
                .order_by_asc(ledger_entry::Column::Id)
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: ledger_entry::ActiveModel,
) -> Result<ledger_entry::Model, DbErr> {
    row.insert(db).await
}

/// Adds signed amounts to a studio's balance of `year` (creating the row the first time).
pub async fn add_to_balance<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
    year: i32,
    (disbursed, used, returned): (i64, i64, i64),
) -> Result<(), DbErr> {
    let add =
        |col: studio_balance::Column, by: i64| Expr::col((studio_balance::Entity, col)).add(by);
    studio_balance::Entity::insert(studio_balance::ActiveModel {
        studio_id: Set(studio_id),
        year: Set(year),
        disbursed_fen: Set(disbursed),
        used_fen: Set(used),
        returned_fen: Set(returned),
    })
    .on_conflict(
        OnConflict::columns([
            studio_balance::Column::StudioId,
            studio_balance::Column::Year,
        ])
        .value(
            studio_balance::Column::DisbursedFen,
            add(studio_balance::Column::DisbursedFen, disbursed),
        )
        .value(
            studio_balance::Column::UsedFen,
            add(studio_balance::Column::UsedFen, used),
        )
        .value(
            studio_balance::Column::ReturnedFen,
            add(studio_balance::Column::ReturnedFen, returned),
        )
        .to_owned(),
    )
    .exec_without_returning(db)
    .await
    .map(|_| ())
}
