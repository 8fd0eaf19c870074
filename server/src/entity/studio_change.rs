//! `studio_change`: a request to change the leader or the host (第十六条).

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::Finding;
use shared::eligibility::LeaderFacts;
use shared::life::{ChangeKind, ChangeState, HostMode};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "studio_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub studio_id: i32,
    pub kind: ChangeKind,
    pub state: ChangeState,
    pub event_on: Date,
    #[sea_orm(column_type = "Text")]
    pub cause: String,
    pub old_leader_name: String,
    pub new_leader_name: String,
    /// `shared::eligibility::LeaderFacts` of the proposed leader, as JSON.
    #[sea_orm(column_type = "Text", nullable)]
    pub new_leader: Option<JsonText<LeaderFacts>>,
    pub old_unit_id: i32,
    pub new_unit_id: Option<i32>,
    pub mode: Option<HostMode>,
    pub decided_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
    pub filed_by: String,
    pub filed_at: DateTimeUtc,
    /// What the rules found on filing (the successor's age, the new unit's system), as JSON.
    #[sea_orm(column_type = "Text", nullable)]
    pub findings: Option<JsonText<Vec<Finding>>>,
    pub new_leader_id_number: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
