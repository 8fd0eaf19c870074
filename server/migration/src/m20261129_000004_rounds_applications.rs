//! Yearly rounds (calls) and applications: the facts the eligibility rules read (JSON validated by
//! `shared`), the state of 第四章's procedure, optimistic versions, and an immutable snapshot per
//! version so returned-and-fixed applications can be compared.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
    Year,
    Title,
    OpensOn,
    ClosesOn,
    RegionalSlots,
    NationalSlots,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    RoundId,
    UnitId,
    Level,
    State,
    Facts,
    Justifications,
    ChannelOrgId,
    HrssDirect,
    Rank,
    PartyMeetingDate,
    LastReason,
    Version,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ApplicationVersion {
    Table,
    Id,
    ApplicationId,
    Version,
    State,
    Facts,
    Justifications,
    At,
    Actor,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Org {
    Table,
    Id,
}

const STATES: &str = "'draft', 'submitted', 'returned', 'recommended', 'defense_review', 'field_inspection', \
                      'proposed', 'approved', 'not_selected', 'withdrawn'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Round::Table)
                    .col(pk_auto(Round::Id))
                    .col(integer_uniq(Round::Year))
                    .col(string_len(Round::Title, 128))
                    .col(date(Round::OpensOn))
                    .col(date(Round::ClosesOn))
                    .col(integer(Round::RegionalSlots).check(Expr::cust("regional_slots >= 0")))
                    .col(integer(Round::NationalSlots).check(Expr::cust("national_slots >= 0")))
                    .col(timestamp_with_time_zone(Round::CreatedAt))
                    .check(Expr::cust("closes_on >= opens_on"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Application::Table)
                    .col(pk_auto(Application::Id))
                    .col(integer(Application::RoundId))
                    .col(integer(Application::UnitId))
                    .col(
                        string_len(Application::Level, 16)
                            .check(Expr::cust("level IN ('regional', 'national')")),
                    )
                    .col(
                        string_len(Application::State, 24)
                            .check(Expr::cust(format!("state IN ({STATES})"))),
                    )
                    .col(text(Application::Facts))
                    .col(text(Application::Justifications))
                    .col(integer_null(Application::ChannelOrgId))
                    .col(boolean(Application::HrssDirect))
                    .col(integer_null(Application::Rank))
                    .col(date_null(Application::PartyMeetingDate))
                    .col(text_null(Application::LastReason))
                    .col(integer(Application::Version).check(Expr::cust("version >= 1")))
                    .col(timestamp_with_time_zone(Application::CreatedAt))
                    .col(timestamp_with_time_zone(Application::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Application::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::UnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::ChannelOrgId)
                            .to(Org::Table, Org::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_round_state")
                    .table(Application::Table)
                    .col(Application::RoundId)
                    .col(Application::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_unit")
                    .table(Application::Table)
                    .col(Application::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationVersion::Table)
                    .col(pk_auto(ApplicationVersion::Id))
                    .col(integer(ApplicationVersion::ApplicationId))
                    .col(integer(ApplicationVersion::Version))
                    .col(string_len(ApplicationVersion::State, 24))
                    .col(text(ApplicationVersion::Facts))
                    .col(text(ApplicationVersion::Justifications))
                    .col(timestamp_with_time_zone(ApplicationVersion::At))
                    .col(string_len(ApplicationVersion::Actor, 64))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationVersion::Table, ApplicationVersion::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_application_version")
                            .col(ApplicationVersion::ApplicationId)
                            .col(ApplicationVersion::Version)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ApplicationVersion::Table.into_iden(),
            Application::Table.into_iden(),
            Round::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
