//! Database schema, one migration per step; the same code runs on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_organisation_unit_studio;
mod m20261129_000002_accounts_audit;
mod m20261129_000003_audit_head;
mod m20261129_000004_rounds_applications;
mod m20261129_000005_selection_procedure;
mod m20261129_000006_panels_scoring;
mod m20261129_000007_assessment_panels;
mod m20261129_000008_ledger;
mod m20261129_000009_studio_life;
mod m20261206_000010_second_reading;
mod m20261206_000011_scale_out;
mod m20261206_000012_reminder_windows;
mod m20261206_000013_score_value_changes;
mod m20261206_000014_expert_registry;
mod m20261206_000015_reminder_label_en;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_organisation_unit_studio::Migration),
            Box::new(m20261129_000002_accounts_audit::Migration),
            Box::new(m20261129_000003_audit_head::Migration),
            Box::new(m20261129_000004_rounds_applications::Migration),
            Box::new(m20261129_000005_selection_procedure::Migration),
            Box::new(m20261129_000006_panels_scoring::Migration),
            Box::new(m20261129_000007_assessment_panels::Migration),
            Box::new(m20261129_000008_ledger::Migration),
            Box::new(m20261129_000009_studio_life::Migration),
            Box::new(m20261206_000010_second_reading::Migration),
            Box::new(m20261206_000011_scale_out::Migration),
            Box::new(m20261206_000012_reminder_windows::Migration),
            Box::new(m20261206_000013_score_value_changes::Migration),
            Box::new(m20261206_000014_expert_registry::Migration),
            Box::new(m20261206_000015_reminder_label_en::Migration),
        ]
    }
}
