//! How many changes each sheet's item received (issue #17), kept with its current value by the
//! sync's upsert: the panel's progress and the tablet's answer read it instead of counting every
//! change of a sheet on each request.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScoreValue {
    Table,
    Changes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ScoreValue::Table)
                    .add_column(integer(ScoreValue::Changes).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE score_value SET changes = (SELECT COUNT(*) FROM score_change c \
                 WHERE c.sheet_id = score_value.sheet_id AND c.item_key = score_value.item_key)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ScoreValue::Table)
                    .drop_column(ScoreValue::Changes)
                    .to_owned(),
            )
            .await
    }
}
