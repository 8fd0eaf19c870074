//! `ban_override`: an HRSS exception to 第十八条's ban: one exit, one round, for the unit or for the
//! leader, with its reason.

use sea_orm::entity::prelude::*;
use shared::eligibility::BanSubject;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ban_override")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub granted_by: String,
    pub granted_at: DateTimeUtc,
    pub exit_id: Option<i32>,
    pub round_id: Option<i32>,
    /// `unit` or `leader`: whose ban from that exit it lifts.
    pub subject: BanSubject,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
