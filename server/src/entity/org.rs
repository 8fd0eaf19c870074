//! `org`: HRSS, the five city bureaus, regional departments, Education, SASAC.

use sea_orm::entity::prelude::*;
use shared::geo::City;
use shared::registry::OrgKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub city: Option<City>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
