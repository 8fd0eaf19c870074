//! `score_value`: each sheet's current value per item (the latest change by client time) and how
//! many changes it received, kept by the sync in the same transaction as the changes themselves.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_value")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sheet_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_key: String,
    pub value: i32,
    pub client_at: DateTimeUtc,
    /// How many changes of the item were stored (each once).
    pub changes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
