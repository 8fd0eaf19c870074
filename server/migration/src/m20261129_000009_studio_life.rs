//! 第六章 a studio's life after approval: annual reports (第十五条), assessment results and what
//! they decided (第十五条, 第十七条), change requests (第十六条), exits with the ban and the return
//! due (第十八条), and HRSS exceptions to the ban.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Studio {
    Table,
    Id,
    LeaderFacts,
    RectificationUntil,
}

#[derive(DeriveIden)]
enum Panel {
    Table,
    AssessedYear,
    OrganiserOrgId,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AnnualReport {
    Table,
    Id,
    StudioId,
    Year,
    Figures,
    Summary,
    Plan,
    FiledOn,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Id,
    StudioId,
    Kind,
    Year,
    PanelId,
    TotalTenths,
    Grade,
    PolicyNote,
    Outcome,
    DecidedOn,
    Items,
    Comments,
    DecidedBy,
}

#[derive(DeriveIden)]
enum StudioChange {
    Table,
    Id,
    StudioId,
    Kind,
    State,
    EventOn,
    Cause,
    OldLeaderName,
    NewLeaderName,
    NewLeader,
    OldUnitId,
    NewUnitId,
    Mode,
    DecidedOn,
    DecisionReason,
    FiledBy,
    FiledAt,
}

#[derive(DeriveIden)]
enum StudioExit {
    Table,
    Id,
    StudioId,
    UnitId,
    LeaderName,
    LeaderBirthDate,
    ExitCase,
    Evidence,
    Investigation,
    DecidedOn,
    BanUntil,
    ReturnDueFen,
    DecidedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum BanOverride {
    Table,
    Id,
    UnitId,
    Reason,
    GrantedBy,
    GrantedAt,
}

fn fk<T: IntoIden, C: IntoIden>(
    table: T,
    col: C,
    to: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(to, to_col)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            text_null(Studio::LeaderFacts),
            date_null(Studio::RectificationUntil),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Studio::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        // An annual panel assesses one year and may be organised by a city bureau (第十五条（一）).
        for col in [
            integer_null(Panel::AssessedYear),
            integer_null(Panel::OrganiserOrgId),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Panel::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AnnualReport::Table)
                    .col(pk_auto(AnnualReport::Id))
                    .col(integer(AnnualReport::StudioId))
                    .col(integer(AnnualReport::Year))
                    .col(text(AnnualReport::Figures))
                    .col(text(AnnualReport::Summary))
                    .col(text(AnnualReport::Plan))
                    .col(date_null(AnnualReport::FiledOn))
                    .col(string_len(AnnualReport::UpdatedBy, 64))
                    .col(timestamp_with_time_zone(AnnualReport::UpdatedAt))
                    .foreign_key(&mut fk(
                        AnnualReport::Table,
                        AnnualReport::StudioId,
                        Studio::Table,
                        Studio::Id,
                    ))
                    .index(
                        Index::create()
                            .name("uq_report_studio_year")
                            .col(AnnualReport::StudioId)
                            .col(AnnualReport::Year)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Assessment::Table)
                    .col(pk_auto(Assessment::Id))
                    .col(integer(Assessment::StudioId))
                    .col(string_len(Assessment::Kind, 16).check(Expr::cust(
                        "kind IN ('annual', 'end_of_term', 're_assessment')",
                    )))
                    .col(integer(Assessment::Year))
                    .col(integer_null(Assessment::PanelId))
                    .col(
                        integer(Assessment::TotalTenths)
                            .check(Expr::cust("total_tenths BETWEEN 0 AND 1000")),
                    )
                    .col(string_len(Assessment::Grade, 16).check(Expr::cust(
                        "grade IN ('unqualified', 'qualified', 'excellent')",
                    )))
                    .col(text_null(Assessment::PolicyNote))
                    .col(text(Assessment::Outcome))
                    .col(date(Assessment::DecidedOn))
                    .col(text(Assessment::Items))
                    .col(text(Assessment::Comments))
                    .col(string_len(Assessment::DecidedBy, 64))
                    .foreign_key(&mut fk(
                        Assessment::Table,
                        Assessment::StudioId,
                        Studio::Table,
                        Studio::Id,
                    ))
                    .index(
                        Index::create()
                            .name("uq_assessment_studio_kind_year")
                            .col(Assessment::StudioId)
                            .col(Assessment::Kind)
                            .col(Assessment::Year)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StudioChange::Table)
                    .col(pk_auto(StudioChange::Id))
                    .col(integer(StudioChange::StudioId))
                    .col(
                        string_len(StudioChange::Kind, 16)
                            .check(Expr::cust("kind IN ('leader', 'host')")),
                    )
                    .col(string_len(StudioChange::State, 24).check(Expr::cust(
                        "state IN ('awaiting_new_unit', 'submitted', 'approved', 'rejected')",
                    )))
                    .col(date(StudioChange::EventOn))
                    .col(text(StudioChange::Cause))
                    .col(string_len(StudioChange::OldLeaderName, 64))
                    .col(string_len(StudioChange::NewLeaderName, 64))
                    .col(text_null(StudioChange::NewLeader))
                    .col(integer(StudioChange::OldUnitId))
                    .col(integer_null(StudioChange::NewUnitId))
                    .col(string_len_null(StudioChange::Mode, 16))
                    .col(date_null(StudioChange::DecidedOn))
                    .col(text_null(StudioChange::DecisionReason))
                    .col(string_len(StudioChange::FiledBy, 64))
                    .col(timestamp_with_time_zone(StudioChange::FiledAt))
                    .foreign_key(&mut fk(
                        StudioChange::Table,
                        StudioChange::StudioId,
                        Studio::Table,
                        Studio::Id,
                    ))
                    .foreign_key(&mut fk(
                        StudioChange::Table,
                        StudioChange::OldUnitId,
                        Unit::Table,
                        Unit::Id,
                    ))
                    .foreign_key(&mut fk(
                        StudioChange::Table,
                        StudioChange::NewUnitId,
                        Unit::Table,
                        Unit::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StudioExit::Table)
                    .col(pk_auto(StudioExit::Id))
                    .col(integer(StudioExit::StudioId).unique_key())
                    .col(integer(StudioExit::UnitId))
                    .col(string_len(StudioExit::LeaderName, 64))
                    .col(date_null(StudioExit::LeaderBirthDate))
                    .col(string_len(StudioExit::ExitCase, 24).check(Expr::cust("exit_case IN ('unit_dissolved', 'leader_unable', 'funds_misused', 'violation', 'fraud')")))
                    .col(text(StudioExit::Evidence))
                    .col(text(StudioExit::Investigation))
                    .col(date(StudioExit::DecidedOn))
                    .col(date(StudioExit::BanUntil))
                    .col(big_integer(StudioExit::ReturnDueFen).check(Expr::cust("return_due_fen >= 0")))
                    .col(string_len(StudioExit::DecidedBy, 64))
                    .col(timestamp_with_time_zone(StudioExit::RecordedAt))
                    .foreign_key(&mut fk(StudioExit::Table, StudioExit::StudioId, Studio::Table, Studio::Id))
                    .foreign_key(&mut fk(StudioExit::Table, StudioExit::UnitId, Unit::Table, Unit::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_exit_unit")
                    .table(StudioExit::Table)
                    .col(StudioExit::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BanOverride::Table)
                    .col(pk_auto(BanOverride::Id))
                    .col(integer(BanOverride::UnitId))
                    .col(text(BanOverride::Reason))
                    .col(string_len(BanOverride::GrantedBy, 64))
                    .col(timestamp_with_time_zone(BanOverride::GrantedAt))
                    .foreign_key(&mut fk(
                        BanOverride::Table,
                        BanOverride::UnitId,
                        Unit::Table,
                        Unit::Id,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            BanOverride::Table.into_iden(),
            StudioExit::Table.into_iden(),
            StudioChange::Table.into_iden(),
            Assessment::Table.into_iden(),
            AnnualReport::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for c in [
            Panel::AssessedYear.into_iden(),
            Panel::OrganiserOrgId.into_iden(),
        ] {
            manager
                .alter_table(Table::alter().table(Panel::Table).drop_column(c).to_owned())
                .await?;
        }
        for c in [
            Studio::LeaderFacts.into_iden(),
            Studio::RectificationUntil.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Studio::Table)
                        .drop_column(c)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
