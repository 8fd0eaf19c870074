//! `studio_reminder_count`: how many windows of `studio_reminder` a unit has per kind and span,
//! kept with them (a digest over every studio counts a few hundred rows, not every window).

use sea_orm::entity::prelude::*;
use shared::life::ReminderKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "studio_reminder_count")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: ReminderKind,
    #[sea_orm(primary_key, auto_increment = false)]
    pub show_from: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub show_until: Date,
    pub n: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
