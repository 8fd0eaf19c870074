//! `application`: one unit's application in one round; `facts` is the shared `EligibilityInput`
//! as JSON, `version` guards concurrent edits.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::Level;
use shared::application::{Justifications, StudioProfile};
use shared::eligibility::EligibilityInput;
use shared::workflow::AppState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub unit_id: i32,
    pub level: Level,
    pub state: AppState,
    #[sea_orm(column_type = "Text")]
    pub facts: JsonText<EligibilityInput>,
    #[sea_orm(column_type = "Text")]
    pub justifications: JsonText<Justifications>,
    pub channel_org_id: Option<i32>,
    pub hrss_direct: bool,
    pub rank: Option<i32>,
    pub party_meeting_date: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// The shared `StudioProfile` as JSON.
    #[sea_orm(column_type = "Text")]
    pub profile: JsonText<StudioProfile>,
    pub recommendation_id: Option<i32>,
    /// Tenths of a point.
    pub defense_score: Option<i32>,
    pub inspection_passed: Option<bool>,
    #[sea_orm(column_type = "Text", nullable)]
    pub inspection_notes: Option<String>,
    pub notice_id: Option<i32>,
    pub studio_id: Option<i32>,
    /// The 差额 inspection list it was sent to inspection on (第十一条（四）).
    pub inspection_list_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
