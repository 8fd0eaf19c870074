//! `studio_balance`: per studio and year (of `occurred_on`), the sums of its ledger, written in the
//! same transaction as each entry. Always equal to the ledger's sums (a test checks it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "studio_balance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub studio_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub disbursed_fen: i64,
    pub used_fen: i64,
    pub returned_fen: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
