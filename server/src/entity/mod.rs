//! sea-orm entities, one file per table. Enum columns are the `shared` enums themselves, stored as
//! their snake_case names (CHECK-constrained in the migration); JSON columns are the `shared` types
//! in a [`JsonText`] column.

pub mod annual_report;
pub mod application;
pub mod application_version;
pub mod assessment;
pub mod attachment;
pub mod audit_head;
pub mod audit_log;
pub mod audit_pending;
pub mod ban_override;
pub mod derived_state;
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
pub mod score_value;
pub mod session;
pub mod studio;
pub mod studio_balance;
pub mod studio_change;
pub mod studio_exit;
pub mod studio_reminder;
pub mod studio_reminder_count;
pub mod unit;
pub mod user_account;

mod json;
pub use json::JsonText;

#[cfg(test)]
mod tests {
    use sea_orm::{ActiveEnum, Iterable};

    /// Every value's stored name is its wire name, so rows written before the columns were typed
    /// (and the migration's CHECK lists) still read.
    fn stored_as_on_the_wire<T>()
    where
        T: ActiveEnum<Value = String> + Iterable + serde::Serialize,
    {
        for v in T::iter() {
            assert_eq!(v.to_value(), shared::wire::enum_name(&v));
        }
    }

    #[test]
    fn every_stored_enum_keeps_its_snake_case_name() {
        stored_as_on_the_wire::<shared::Level>();
        stored_as_on_the_wire::<shared::NationalCategory>();
        stored_as_on_the_wire::<shared::workflow::AppState>();
        stored_as_on_the_wire::<shared::account::Role>();
        stored_as_on_the_wire::<shared::assessment::Grade>();
        stored_as_on_the_wire::<shared::life::AssessmentKind>();
        stored_as_on_the_wire::<shared::life::StudioStatus>();
        stored_as_on_the_wire::<shared::procedure::AttachmentKind>();
        stored_as_on_the_wire::<shared::procedure::FileType>();
        stored_as_on_the_wire::<shared::eligibility::BanSubject>();
        stored_as_on_the_wire::<shared::calendar::DayKind>();
        stored_as_on_the_wire::<shared::ledger::EntryKind>();
        stored_as_on_the_wire::<shared::subsidy::Purpose>();
        stored_as_on_the_wire::<shared::registry::OrgKind>();
        stored_as_on_the_wire::<shared::geo::City>();
        stored_as_on_the_wire::<shared::scoring::PanelPurpose>();
        stored_as_on_the_wire::<shared::scoring::PanelState>();
        stored_as_on_the_wire::<shared::life::ChangeKind>();
        stored_as_on_the_wire::<shared::life::ChangeState>();
        stored_as_on_the_wire::<shared::life::HostMode>();
        stored_as_on_the_wire::<shared::life::ExitCase>();
        stored_as_on_the_wire::<shared::eligibility::UnitKind>();
        stored_as_on_the_wire::<shared::channel::Affiliation>();
    }
}
