//! `user_account`: a login, its role, and the unit or organisation it acts for.

use sea_orm::entity::prelude::*;
use shared::account::Role;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub org_id: Option<i32>,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    /// Experts: 身份证号, the key the roster's import matches on.
    pub id_number: Option<String>,
    /// Experts: 职业（工种）组别.
    pub occupation_group: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
