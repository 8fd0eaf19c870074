//! `ledger_entry`: one append-only money entry of a studio. `effect_kind` and `signed_fen` say what
//! it does to the balance (a reversal: the cancelled entry's kind, negative).

use sea_orm::entity::prelude::*;
use shared::ledger::EntryKind;
use shared::subsidy::Purpose;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub studio_id: i32,
    pub kind: EntryKind,
    pub effect_kind: EntryKind,
    pub amount_fen: i64,
    pub signed_fen: i64,
    pub purpose: Option<Purpose>,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub voucher_no: String,
    pub paying_office: String,
    pub occurred_on: Date,
    pub reverses_id: Option<i32>,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
