//! `assessment`: a recorded annual, end-of-term or re-assessment result and what it decided.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::assessment::Grade;
use shared::life::{AssessmentKind, Outcome, SheetItem};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub studio_id: i32,
    pub kind: AssessmentKind,
    pub year: i32,
    pub panel_id: Option<i32>,
    pub total_tenths: i32,
    pub grade: Grade,
    #[sea_orm(column_type = "Text", nullable)]
    pub policy_note: Option<String>,
    /// `shared::life::Outcome` as JSON.
    #[sea_orm(column_type = "Text")]
    pub outcome: JsonText<Outcome>,
    pub decided_on: Date,
    /// `Vec<shared::life::SheetItem>` as JSON.
    #[sea_orm(column_type = "Text")]
    pub items: JsonText<Vec<SheetItem>>,
    /// The experts' comments (考核组评语) as a JSON list.
    #[sea_orm(column_type = "Text")]
    pub comments: JsonText<Vec<String>>,
    pub decided_by: String,
    /// The exact mean is `sum_tenths / experts` (the grade is taken on it; `total_tenths` is the
    /// rounded figure shown). `None` for results recorded without a panel.
    pub sum_tenths: Option<i64>,
    pub experts: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
