//! The rest of 第四章: the studio profile beside the facts, the channel's ranked list, the defense
//! and inspection results, evidence files, the public notice and its objections.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    Profile,
    RecommendationId,
    DefenseScore,
    InspectionPassed,
    InspectionNotes,
    NoticeId,
    StudioId,
}

#[derive(DeriveIden)]
enum ApplicationVersion {
    Table,
    Profile,
    Note,
}

#[derive(DeriveIden)]
enum RecommendationList {
    Table,
    Id,
    RoundId,
    OrgId,
    PartyMeetingDate,
    PartyMeetingRef,
    SubmittedBy,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum Attachment {
    Table,
    Id,
    ApplicationId,
    Kind,
    Filename,
    FileType,
    SizeBytes,
    Sha256,
    UploadedBy,
    UploadedAt,
    RemovedAt,
}

#[derive(DeriveIden)]
enum Notice {
    Table,
    Id,
    RoundId,
    StartsOn,
    EndsOn,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Objection {
    Table,
    Id,
    NoticeId,
    ApplicationId,
    Name,
    Contact,
    Text,
    FiledAt,
    Address,
    Outcome,
    ResolvedBy,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Org {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER.
        let added = [
            text(Application::Profile).default("{}").to_owned(),
            integer_null(Application::RecommendationId),
            integer_null(Application::DefenseScore)
                .check(Expr::cust("defense_score BETWEEN 0 AND 1000"))
                .to_owned(),
            boolean_null(Application::InspectionPassed),
            text_null(Application::InspectionNotes),
            integer_null(Application::NoticeId),
            integer_null(Application::StudioId),
        ];
        for mut col in added {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ApplicationVersion::Table)
                    .add_column(text(ApplicationVersion::Profile).default("{}"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApplicationVersion::Table)
                    .add_column(text_null(ApplicationVersion::Note))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecommendationList::Table)
                    .col(pk_auto(RecommendationList::Id))
                    .col(integer(RecommendationList::RoundId))
                    .col(integer(RecommendationList::OrgId))
                    .col(date(RecommendationList::PartyMeetingDate))
                    .col(string_len(RecommendationList::PartyMeetingRef, 128))
                    .col(string_len(RecommendationList::SubmittedBy, 64))
                    .col(timestamp_with_time_zone(RecommendationList::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecommendationList::Table, RecommendationList::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecommendationList::Table, RecommendationList::OrgId)
                            .to(Org::Table, Org::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_recommendation_round_org")
                            .col(RecommendationList::RoundId)
                            .col(RecommendationList::OrgId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Attachment::Table)
                    .col(pk_auto(Attachment::Id))
                    .col(integer(Attachment::ApplicationId))
                    .col(string_len(Attachment::Kind, 24).check(Expr::cust(
                        "kind IN ('skill_certificate', 'title', 'evidence', 'other')",
                    )))
                    .col(string_len(Attachment::Filename, 160))
                    .col(
                        string_len(Attachment::FileType, 8)
                            .check(Expr::cust("file_type IN ('pdf', 'jpeg', 'png')")),
                    )
                    .col(big_integer(Attachment::SizeBytes).check(Expr::cust("size_bytes > 0")))
                    .col(string_len(Attachment::Sha256, 64))
                    .col(string_len(Attachment::UploadedBy, 64))
                    .col(timestamp_with_time_zone(Attachment::UploadedAt))
                    .col(timestamp_with_time_zone_null(Attachment::RemovedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachment::Table, Attachment::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachment_application")
                    .table(Attachment::Table)
                    .col(Attachment::ApplicationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notice::Table)
                    .col(pk_auto(Notice::Id))
                    .col(integer(Notice::RoundId))
                    .col(date(Notice::StartsOn))
                    .col(date(Notice::EndsOn))
                    .col(string_len(Notice::PublishedBy, 64))
                    .col(timestamp_with_time_zone(Notice::PublishedAt))
                    .check(Expr::cust("ends_on >= starts_on"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notice::Table, Notice::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Objection::Table)
                    .col(pk_auto(Objection::Id))
                    .col(integer(Objection::NoticeId))
                    .col(integer_null(Objection::ApplicationId))
                    .col(string_len(Objection::Name, 64))
                    .col(string_len(Objection::Contact, 128))
                    .col(text(Objection::Text))
                    .col(timestamp_with_time_zone(Objection::FiledAt))
                    .col(string_len(Objection::Address, 64))
                    .col(text_null(Objection::Outcome))
                    .col(string_len_null(Objection::ResolvedBy, 64))
                    .col(timestamp_with_time_zone_null(Objection::ResolvedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Objection::Table, Objection::NoticeId)
                            .to(Notice::Table, Notice::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Objection::Table, Objection::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_objection_notice", vec![Objection::NoticeId]),
            (
                "idx_objection_address",
                vec![Objection::Address, Objection::FiledAt],
            ),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(Objection::Table);
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Objection::Table.into_iden(),
            Notice::Table.into_iden(),
            Attachment::Table.into_iden(),
            RecommendationList::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for c in [
            Application::Profile.into_iden(),
            Application::RecommendationId.into_iden(),
            Application::DefenseScore.into_iden(),
            Application::InspectionPassed.into_iden(),
            Application::InspectionNotes.into_iden(),
            Application::NoticeId.into_iden(),
            Application::StudioId.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .drop_column(c)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ApplicationVersion::Table)
                    .drop_column(ApplicationVersion::Profile)
                    .drop_column(ApplicationVersion::Note)
                    .to_owned(),
            )
            .await
    }
}
