//! The second reading of the measures (issue #15): the 差额 inspection lists, one application per
//! unit and round, identity numbers for the 第十八条 ban and exceptions scoped to one exit and one
//! round, units' systems (集团) for host changes, the exact mean behind a grade, and the policies
//! HRSS chooses where the text is silent.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InspectionList {
    Table,
    Id,
    RoundId,
    Level,
    Candidates,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    InspectionListId,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Studio {
    Table,
    LeaderIdNumber,
}

#[derive(DeriveIden)]
enum StudioExit {
    Table,
    LeaderIdNumber,
}

#[derive(DeriveIden)]
enum BanOverride {
    Table,
    ExitId,
    RoundId,
    Subject,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    GroupName,
}

#[derive(DeriveIden)]
enum Assessment {
    Table,
    SumTenths,
    Experts,
}

#[derive(DeriveIden)]
enum StudioChange {
    Table,
    Findings,
    NewLeaderIdNumber,
}

#[derive(DeriveIden)]
enum PolicySetting {
    Table,
    Key,
    Value,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InspectionList::Table)
                    .col(pk_auto(InspectionList::Id))
                    .col(integer(InspectionList::RoundId))
                    .col(
                        string_len(InspectionList::Level, 16).check(
                            Expr::col(InspectionList::Level).is_in(["regional", "national"]),
                        ),
                    )
                    .col(text(InspectionList::Candidates))
                    .col(text_null(InspectionList::Reason))
                    .col(string_len(InspectionList::CreatedBy, 64))
                    .col(timestamp_with_time_zone(InspectionList::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionList::Table, InspectionList::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let add = |table: DynIden, col: ColumnDef| {
            let mut col = col;
            Table::alter().table(table).add_column(&mut col).to_owned()
        };
        for stmt in [
            add(
                Application::Table.into_iden(),
                integer_null(Application::InspectionListId),
            ),
            add(
                Studio::Table.into_iden(),
                string_len_null(Studio::LeaderIdNumber, 18),
            ),
            add(
                StudioExit::Table.into_iden(),
                string_len_null(StudioExit::LeaderIdNumber, 18),
            ),
            add(
                BanOverride::Table.into_iden(),
                integer_null(BanOverride::ExitId),
            ),
            add(
                BanOverride::Table.into_iden(),
                integer_null(BanOverride::RoundId),
            ),
            add(
                BanOverride::Table.into_iden(),
                string_len(BanOverride::Subject, 16)
                    .default("unit")
                    .to_owned(),
            ),
            add(
                Unit::Table.into_iden(),
                string_len_null(Unit::GroupName, 128),
            ),
            add(
                Assessment::Table.into_iden(),
                big_integer_null(Assessment::SumTenths),
            ),
            add(
                Assessment::Table.into_iden(),
                integer_null(Assessment::Experts),
            ),
            add(
                StudioChange::Table.into_iden(),
                text_null(StudioChange::Findings),
            ),
            add(
                StudioChange::Table.into_iden(),
                string_len_null(StudioChange::NewLeaderIdNumber, 18),
            ),
        ] {
            manager.alter_table(stmt).await?;
        }
        let db = manager.get_connection();
        // 第四章: one application per unit per round (a withdrawn one no longer counts). A partial
        // unique index, the same SQL on SQLite and PostgreSQL.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_application_round_unit ON application (round_id, unit_id) \
             WHERE state <> 'withdrawn'",
        )
        .await?;
        // Exceptions granted before they named an exit and a round: the unit's latest exit and
        // the latest round, which is what they were granted for.
        db.execute_unprepared(
            "UPDATE ban_override SET \
             exit_id = (SELECT MAX(e.id) FROM studio_exit e WHERE e.unit_id = ban_override.unit_id), \
             round_id = (SELECT MAX(r.id) FROM round r)",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(PolicySetting::Table)
                    .col(string_len(PolicySetting::Key, 64).primary_key())
                    .col(string_len(PolicySetting::Value, 64))
                    .col(string_len(PolicySetting::UpdatedBy, 64))
                    .col(timestamp_with_time_zone(PolicySetting::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PolicySetting::Table).to_owned())
            .await?;
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX ux_application_round_unit")
            .await?;
        for (table, col) in [
            (
                StudioChange::Table.into_iden(),
                StudioChange::NewLeaderIdNumber.into_iden(),
            ),
            (
                StudioChange::Table.into_iden(),
                StudioChange::Findings.into_iden(),
            ),
            (
                Assessment::Table.into_iden(),
                Assessment::Experts.into_iden(),
            ),
            (
                Assessment::Table.into_iden(),
                Assessment::SumTenths.into_iden(),
            ),
            (Unit::Table.into_iden(), Unit::GroupName.into_iden()),
            (
                BanOverride::Table.into_iden(),
                BanOverride::Subject.into_iden(),
            ),
            (
                BanOverride::Table.into_iden(),
                BanOverride::RoundId.into_iden(),
            ),
            (
                BanOverride::Table.into_iden(),
                BanOverride::ExitId.into_iden(),
            ),
            (
                StudioExit::Table.into_iden(),
                StudioExit::LeaderIdNumber.into_iden(),
            ),
            (
                Studio::Table.into_iden(),
                Studio::LeaderIdNumber.into_iden(),
            ),
            (
                Application::Table.into_iden(),
                Application::InspectionListId.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(InspectionList::Table).to_owned())
            .await
    }
}
