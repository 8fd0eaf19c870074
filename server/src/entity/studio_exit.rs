//! `studio_exit`: an exit decision (第十八条), the return it makes due and the ban it starts.

use sea_orm::entity::prelude::*;
use shared::life::ExitCase;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "studio_exit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub studio_id: i32,
    pub unit_id: i32,
    pub leader_name: String,
    pub leader_birth_date: Option<Date>,
    pub exit_case: ExitCase,
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    #[sea_orm(column_type = "Text")]
    pub investigation: String,
    pub decided_on: Date,
    pub ban_until: Date,
    pub return_due_fen: i64,
    pub decided_by: String,
    pub recorded_at: DateTimeUtc,
    pub leader_id_number: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
