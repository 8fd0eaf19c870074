//! Expert panels and tablet scoring (答辩评审, 考核): who sits on a panel and whom it scores, the
//! experts' affiliations (conflicts of interest), one score sheet per expert and candidate, and
//! every score change the tablets sent, each once (`client_change_id` UNIQUE).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ExpertAffiliation {
    Table,
    Id,
    UserId,
    UnitId,
    OrgId,
    FromDate,
    UntilDate,
}

#[derive(DeriveIden)]
enum Panel {
    Table,
    Id,
    Purpose,
    RoundId,
    Title,
    OccupationGroup,
    SessionOn,
    Location,
    Rubric,
    Aggregation,
    TieBreakers,
    ChairId,
    State,
    CreatedBy,
    CreatedAt,
    ClosedAt,
    Ranking,
}

#[derive(DeriveIden)]
enum PanelMember {
    Table,
    Id,
    PanelId,
    ExpertId,
}

#[derive(DeriveIden)]
enum PanelCandidate {
    Table,
    Id,
    PanelId,
    ApplicationId,
    StudioId,
    Position,
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Id,
    PanelId,
    CandidateId,
    ExpertId,
    Conflict,
    RecusalReason,
    SignedAt,
    Signature,
    ReopenedReason,
}

#[derive(DeriveIden)]
enum ScoreChange {
    Table,
    Id,
    SheetId,
    ExpertId,
    ItemKey,
    Value,
    ClientChangeId,
    ClientAt,
    ServerAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
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

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Studio {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExpertAffiliation::Table)
                    .col(pk_auto(ExpertAffiliation::Id))
                    .col(integer(ExpertAffiliation::UserId))
                    .col(integer_null(ExpertAffiliation::UnitId))
                    .col(integer_null(ExpertAffiliation::OrgId))
                    .col(date(ExpertAffiliation::FromDate))
                    .col(date_null(ExpertAffiliation::UntilDate))
                    .check(Expr::cust("(unit_id IS NULL) <> (org_id IS NULL)"))
                    .foreign_key(&mut fk(
                        (ExpertAffiliation::Table, ExpertAffiliation::UserId),
                        (UserAccount::Table, UserAccount::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ExpertAffiliation::Table, ExpertAffiliation::UnitId),
                        (Unit::Table, Unit::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ExpertAffiliation::Table, ExpertAffiliation::OrgId),
                        (Org::Table, Org::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Panel::Table)
                    .col(pk_auto(Panel::Id))
                    .col(string_len(Panel::Purpose, 16).check(Expr::cust(
                        "purpose IN ('defense', 'annual', 'end_of_term')",
                    )))
                    .col(integer_null(Panel::RoundId))
                    .col(string_len(Panel::Title, 128))
                    .col(string_len(Panel::OccupationGroup, 64))
                    .col(date_null(Panel::SessionOn))
                    .col(string_len(Panel::Location, 128))
                    .col(text(Panel::Rubric))
                    .col(text(Panel::Aggregation))
                    .col(text(Panel::TieBreakers))
                    .col(integer(Panel::ChairId))
                    .col(
                        string_len(Panel::State, 8)
                            .check(Expr::cust("state IN ('open', 'closed')")),
                    )
                    .col(string_len(Panel::CreatedBy, 64))
                    .col(timestamp_with_time_zone(Panel::CreatedAt))
                    .col(timestamp_with_time_zone_null(Panel::ClosedAt))
                    .col(text_null(Panel::Ranking))
                    .foreign_key(&mut fk(
                        (Panel::Table, Panel::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Panel::Table, Panel::ChairId),
                        (UserAccount::Table, UserAccount::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PanelMember::Table)
                    .col(pk_auto(PanelMember::Id))
                    .col(integer(PanelMember::PanelId))
                    .col(integer(PanelMember::ExpertId))
                    .foreign_key(&mut fk(
                        (PanelMember::Table, PanelMember::PanelId),
                        (Panel::Table, Panel::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PanelMember::Table, PanelMember::ExpertId),
                        (UserAccount::Table, UserAccount::Id),
                    ))
                    .index(
                        Index::create()
                            .name("uq_panel_member")
                            .col(PanelMember::PanelId)
                            .col(PanelMember::ExpertId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PanelCandidate::Table)
                    .col(pk_auto(PanelCandidate::Id))
                    .col(integer(PanelCandidate::PanelId))
                    .col(integer_null(PanelCandidate::ApplicationId))
                    .col(integer_null(PanelCandidate::StudioId))
                    .col(integer(PanelCandidate::Position))
                    .check(Expr::cust(
                        "(application_id IS NULL) <> (studio_id IS NULL)",
                    ))
                    .foreign_key(&mut fk(
                        (PanelCandidate::Table, PanelCandidate::PanelId),
                        (Panel::Table, Panel::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PanelCandidate::Table, PanelCandidate::ApplicationId),
                        (Application::Table, Application::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PanelCandidate::Table, PanelCandidate::StudioId),
                        (Studio::Table, Studio::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScoreSheet::Table)
                    .col(pk_auto(ScoreSheet::Id))
                    .col(integer(ScoreSheet::PanelId))
                    .col(integer(ScoreSheet::CandidateId))
                    .col(integer(ScoreSheet::ExpertId))
                    .col(text_null(ScoreSheet::Conflict))
                    .col(text_null(ScoreSheet::RecusalReason))
                    .col(timestamp_with_time_zone_null(ScoreSheet::SignedAt))
                    .col(text_null(ScoreSheet::Signature))
                    .col(text_null(ScoreSheet::ReopenedReason))
                    .foreign_key(&mut fk(
                        (ScoreSheet::Table, ScoreSheet::PanelId),
                        (Panel::Table, Panel::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ScoreSheet::Table, ScoreSheet::CandidateId),
                        (PanelCandidate::Table, PanelCandidate::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ScoreSheet::Table, ScoreSheet::ExpertId),
                        (UserAccount::Table, UserAccount::Id),
                    ))
                    .index(
                        Index::create()
                            .name("uq_score_sheet")
                            .col(ScoreSheet::CandidateId)
                            .col(ScoreSheet::ExpertId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScoreChange::Table)
                    .col(pk_auto(ScoreChange::Id))
                    .col(integer(ScoreChange::SheetId))
                    .col(integer(ScoreChange::ExpertId))
                    .col(string_len(ScoreChange::ItemKey, 32))
                    .col(integer(ScoreChange::Value).check(Expr::cust("value BETWEEN 0 AND 1000")))
                    .col(string_len_uniq(ScoreChange::ClientChangeId, 64))
                    .col(timestamp_with_time_zone(ScoreChange::ClientAt))
                    .col(timestamp_with_time_zone(ScoreChange::ServerAt))
                    .foreign_key(&mut fk(
                        (ScoreChange::Table, ScoreChange::SheetId),
                        (ScoreSheet::Table, ScoreSheet::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_score_change_sheet")
                    .table(ScoreChange::Table)
                    .col(ScoreChange::SheetId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ScoreChange::Table.into_iden(),
            ScoreSheet::Table.into_iden(),
            PanelCandidate::Table.into_iden(),
            PanelMember::Table.into_iden(),
            Panel::Table.into_iden(),
            ExpertAffiliation::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
