//! `score_sheet`: one expert's sheet for one candidate. A conflict of interest or a recusal means it
//! never counts; a signature locks it until the chair reopens it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_sheet")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub panel_id: i32,
    pub candidate_id: i32,
    pub expert_id: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub conflict: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub recusal_reason: Option<String>,
    pub signed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub signature: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reopened_reason: Option<String>,
    /// 考核组评语: the expert's comment (the latest by client time).
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub comment_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
