//! `score_change`: one value an expert gave one item, as the tablet sent it (once: the client's id
//! is UNIQUE). A sheet's value per item is the latest change by client time, ties by id.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub sheet_id: i32,
    pub expert_id: i32,
    pub item_key: String,
    /// Tenths of a point.
    pub value: i32,
    pub client_change_id: String,
    pub client_at: DateTimeUtc,
    pub server_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
