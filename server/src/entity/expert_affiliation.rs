//! `expert_affiliation`: where an expert works or worked (a unit) or belongs (an organisation),
//! read for conflicts of interest.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_affiliation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub unit_id: Option<i32>,
    pub org_id: Option<i32>,
    pub from_date: Date,
    pub until_date: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
