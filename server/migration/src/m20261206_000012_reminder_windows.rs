//! Each studio's reminder windows (issue #17): the days on which each of its obligations shows,
//! kept in the transaction that changes the studio's rows, so that a digest over every studio
//! reads the windows containing today; `studio_reminder_count` keeps how many windows each unit has
//! per kind and span, so that counting over every studio reads a few hundred rows. Open ends are
//! stored as 1900-01-01 and 9999-12-31 (comparable, and part of the count's key). `derived_state` records which version of the rules the
//! kept rows were built with; the server rebuilds them at start when it differs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StudioReminder {
    Table,
    StudioId,
    UnitId,
    Kind,
    What,
    Due,
    ShowFrom,
    ShowUntil,
    Label,
}

#[derive(DeriveIden)]
enum StudioReminderCount {
    Table,
    UnitId,
    Kind,
    ShowFrom,
    ShowUntil,
    N,
}

#[derive(DeriveIden)]
enum DerivedState {
    Table,
    Name,
    Version,
}

#[derive(DeriveIden)]
enum Studio {
    Table,
    Id,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StudioReminder::Table)
                    .if_not_exists()
                    .col(integer(StudioReminder::StudioId))
                    .col(integer(StudioReminder::UnitId))
                    .col(string_len(StudioReminder::Kind, 32))
                    .col(integer(StudioReminder::What))
                    .col(date(StudioReminder::Due))
                    .col(date(StudioReminder::ShowFrom))
                    .col(date(StudioReminder::ShowUntil))
                    .col(text(StudioReminder::Label))
                    .primary_key(
                        Index::create()
                            .col(StudioReminder::StudioId)
                            .col(StudioReminder::Kind)
                            .col(StudioReminder::What),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StudioReminder::Table, StudioReminder::StudioId)
                            .to(Studio::Table, Studio::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_studio_reminder_kind_due")
                    .table(StudioReminder::Table)
                    .col(StudioReminder::Kind)
                    .col(StudioReminder::Due)
                    .col(StudioReminder::StudioId)
                    .col(StudioReminder::What)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_studio_reminder_unit_kind_due")
                    .table(StudioReminder::Table)
                    .col(StudioReminder::UnitId)
                    .col(StudioReminder::Kind)
                    .col(StudioReminder::Due)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StudioReminderCount::Table)
                    .if_not_exists()
                    .col(integer(StudioReminderCount::UnitId))
                    .col(string_len(StudioReminderCount::Kind, 32))
                    .col(date(StudioReminderCount::ShowFrom))
                    .col(date(StudioReminderCount::ShowUntil))
                    .col(integer(StudioReminderCount::N))
                    .primary_key(
                        Index::create()
                            .col(StudioReminderCount::UnitId)
                            .col(StudioReminderCount::Kind)
                            .col(StudioReminderCount::ShowFrom)
                            .col(StudioReminderCount::ShowUntil),
                    )
                    .to_owned(),
            )
            .await?;
        // The digest's outstanding returns read the exited studios.
        manager
            .create_index(
                Index::create()
                    .name("idx_studio_status")
                    .table(Studio::Table)
                    .col(Studio::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DerivedState::Table)
                    .if_not_exists()
                    .col(string_len(DerivedState::Name, 64).primary_key())
                    .col(integer(DerivedState::Version))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DerivedState::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_studio_status")
                    .table(Studio::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(StudioReminderCount::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(StudioReminder::Table).to_owned())
            .await
    }
}
