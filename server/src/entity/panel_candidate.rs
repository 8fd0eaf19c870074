//! `panel_candidate`: an application (defense) or a studio (assessment) a panel scores.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::assessment::AssessmentInput;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_candidate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub panel_id: i32,
    pub application_id: Option<i32>,
    pub studio_id: Option<i32>,
    pub position: i32,
    /// The shared `AssessmentInput` a studio reported (assessment panels), as JSON.
    #[sea_orm(column_type = "Text", nullable)]
    pub reported: Option<JsonText<AssessmentInput>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
