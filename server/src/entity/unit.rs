//! `unit`: a host unit (申报单位/依托单位) with its location and recommending channel.

use sea_orm::entity::prelude::*;
use shared::channel::Affiliation;
use shared::eligibility::UnitKind;
use shared::geo::City;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub credit_code: String,
    pub name: String,
    pub kind: UnitKind,
    pub affiliation: Affiliation,
    pub city: City,
    pub county_code: i32,
    pub channel_org_id: Option<i32>,
    /// 所属系统（集团）: 第十六条（二） moves a studio only within one.
    pub group_name: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
/// None from here: a studio names its unit (`studio::Relation::Unit`), one direction only.
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
