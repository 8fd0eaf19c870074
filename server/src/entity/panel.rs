//! `panel`: an expert panel; `rubric`, `aggregation` and `tie_breakers` are the shared types as
//! JSON, fixed before the first score; `ranking` is written when the chair closes it.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::panel::RankingRow;
use shared::scoring::{Aggregation, PanelPurpose, PanelState, Rubric, TieBreaker};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub purpose: PanelPurpose,
    pub round_id: Option<i32>,
    pub title: String,
    pub occupation_group: String,
    pub session_on: Option<Date>,
    pub location: String,
    #[sea_orm(column_type = "Text")]
    pub rubric: JsonText<Rubric>,
    #[sea_orm(column_type = "Text")]
    pub aggregation: JsonText<Aggregation>,
    #[sea_orm(column_type = "Text")]
    pub tie_breakers: JsonText<Vec<TieBreaker>>,
    pub chair_id: i32,
    pub state: PanelState,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub ranking: Option<JsonText<Vec<RankingRow>>>,
    /// Annual panels: the year assessed.
    pub assessed_year: Option<i32>,
    /// Annual panels a city bureau organised (第十五条（一）); `None`: HRSS.
    pub organiser_org_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
