//! `studio_reminder`: one window of one studio's obligation ([`shared::life::Window`]): shown
//! from `show_from` to `show_until` (inclusive; open ends stored as [`OPEN_FROM`] and
//! [`OPEN_UNTIL`]). Kept by `life::store` in the transaction that changes the studio, its reports
//! or its assessments.

use sea_orm::entity::prelude::*;
use shared::life::ReminderKind;

/// An open start, stored.
pub const OPEN_FROM: Date = match Date::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("a date"),
};
/// An open end, stored.
pub const OPEN_UNTIL: Date = match Date::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("a date"),
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "studio_reminder")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub studio_id: i32,
    /// The studio's unit (the scope a digest reads by).
    pub unit_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: ReminderKind,
    #[sea_orm(primary_key, auto_increment = false)]
    pub what: i32,
    pub due: Date,
    pub show_from: Date,
    pub show_until: Date,
    pub label: String,
    /// The same line in English (empty on rows written before it existed).
    pub label_en: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
