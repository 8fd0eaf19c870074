//! `inspection_list`: a 差额 field-inspection list of one level in one round (第十一条（四）), in
//! the order the candidates are inspected, with the reason when it departs from the defense ranking.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::Level;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_list")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub level: Level,
    /// Application ids in inspection order, as JSON.
    #[sea_orm(column_type = "Text")]
    pub candidates: JsonText<Vec<i32>>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
