//! `annual_report`: a studio's summary, plan and figures for one year (第十五条).

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::life::AnnualFigures;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "annual_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub studio_id: i32,
    pub year: i32,
    /// `shared::life::AnnualFigures` as JSON.
    #[sea_orm(column_type = "Text")]
    pub figures: JsonText<AnnualFigures>,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub plan: String,
    pub filed_on: Option<Date>,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
