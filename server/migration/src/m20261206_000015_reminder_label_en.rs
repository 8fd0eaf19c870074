//! A reminder's line in English beside its Chinese one (issue #20): the notification centre
//! shows the page's language. Rows written before keep an empty English line until their studio
//! next changes (the page then shows the Chinese).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StudioReminder {
    Table,
    LabelEn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StudioReminder::Table)
                    .add_column(string(StudioReminder::LabelEn).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StudioReminder::Table)
                    .drop_column(StudioReminder::LabelEn)
                    .to_owned(),
            )
            .await
    }
}
