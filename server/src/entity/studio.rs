//! `studio`: an approved skill master studio.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::eligibility::LeaderFacts;
use shared::life::StudioStatus;
use shared::{Level, NationalCategory};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "studio")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plaque_no: String,
    pub name: String,
    pub unit_id: i32,
    pub leader_name: String,
    pub level: Level,
    pub national_category: Option<NationalCategory>,
    pub occupation: String,
    pub industry: String,
    pub approved_on: Date,
    pub term_start: Date,
    pub term_end: Date,
    pub status: StudioStatus,
    pub entitlement_fen: i64,
    /// The leader's `shared::eligibility::LeaderFacts` as JSON (第十六条 compares a new leader with it).
    #[sea_orm(column_type = "Text", nullable)]
    pub leader_facts: Option<JsonText<LeaderFacts>>,
    /// 第十七条: the end of the rectification year.
    pub rectification_until: Option<Date>,
    /// The leader's 居民身份证号 (GB 11643), what 第十八条's ban follows.
    pub leader_id_number: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id"
    )]
    Unit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
