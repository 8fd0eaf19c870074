//! `application_version`: an immutable snapshot of an application at each version.

use super::JsonText;
use sea_orm::entity::prelude::*;
use shared::application::{Justifications, StudioProfile};
use shared::eligibility::EligibilityInput;
use shared::workflow::AppState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub version: i32,
    pub state: AppState,
    #[sea_orm(column_type = "Text")]
    pub facts: JsonText<EligibilityInput>,
    #[sea_orm(column_type = "Text")]
    pub justifications: JsonText<Justifications>,
    pub at: DateTimeUtc,
    pub actor: String,
    #[sea_orm(column_type = "Text")]
    pub profile: JsonText<StudioProfile>,
    /// The reason or note of the move that made this version.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
