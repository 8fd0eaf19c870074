//! `panel`: an expert panel; `rubric`, `aggregation` and `tie_breakers` are the shared types as
//! JSON, fixed before the first score; `ranking` is written when the chair closes it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub purpose: String,
    pub round_id: Option<i32>,
    pub title: String,
    pub occupation_group: String,
    pub session_on: Option<Date>,
    pub location: String,
    #[sea_orm(column_type = "Text")]
    pub rubric: String,
    #[sea_orm(column_type = "Text")]
    pub aggregation: String,
    #[sea_orm(column_type = "Text")]
    pub tie_breakers: String,
    pub chair_id: i32,
    pub state: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub ranking: Option<String>,
    /// Annual panels: the year assessed.
    pub assessed_year: Option<i32>,
    /// Annual panels a city bureau organised (第十五条（一）); `None`: HRSS.
    pub organiser_org_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
