//! Assessment panels (第十五条, 附件): the figures a studio reported, from which `shared` computes
//! items 1–4 and 6–7 for the experts to verify, and each expert's comment (考核组评语).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PanelCandidate {
    Table,
    Reported,
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Comment,
    CommentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PanelCandidate::Table)
                    .add_column(text_null(PanelCandidate::Reported))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ScoreSheet::Table)
                    .add_column(text_null(ScoreSheet::Comment))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ScoreSheet::Table)
                    .add_column(timestamp_with_time_zone_null(ScoreSheet::CommentAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PanelCandidate::Table)
                    .drop_column(PanelCandidate::Reported)
                    .to_owned(),
            )
            .await?;
        for c in [
            ScoreSheet::Comment.into_iden(),
            ScoreSheet::CommentAt.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ScoreSheet::Table)
                        .drop_column(c)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
