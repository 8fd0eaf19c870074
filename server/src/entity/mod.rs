//! sea-orm entities, one file per table. Enum columns hold the `shared` enums' snake_case names
//! (CHECK-constrained in the migration); [`enum_text`] and [`text_enum`] convert at the boundary.

pub mod annual_report;
pub mod application;
pub mod application_version;
pub mod assessment;
pub mod attachment;
pub mod audit_head;
pub mod audit_log;
pub mod ban_override;
pub mod expert_affiliation;
pub mod holiday;
pub mod inspection_list;
pub mod ledger_entry;
pub mod login_throttle;
pub mod notice;
pub mod objection;
pub mod org;
pub mod panel;
pub mod panel_candidate;
pub mod panel_member;
pub mod policy_setting;
pub mod recommendation_list;
pub mod round;
pub mod score_change;
pub mod score_sheet;
pub mod session;
pub mod studio;
pub mod studio_balance;
pub mod studio_change;
pub mod studio_exit;
pub mod unit;
pub mod user_account;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A `shared` enum as stored: its serde name.
pub fn enum_text<T: Serialize>(value: &T) -> String {
    shared::wire::enum_name(value)
}

/// The stored text back as a `shared` enum.
pub fn text_enum<T: DeserializeOwned>(text: &str) -> Result<T, sea_orm::DbErr> {
    shared::wire::from_enum_name(text)
        .map_err(|e| sea_orm::DbErr::Type(format!("unknown enum value {text:?}: {e}")))
}
