//! `objection`: filed by anyone during a notice; open until HRSS records an outcome.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "objection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub notice_id: i32,
    pub application_id: Option<i32>,
    pub name: String,
    pub contact: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub filed_at: DateTimeUtc,
    /// The filer's address, for rate limiting.
    pub address: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
