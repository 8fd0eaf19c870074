//! Several processes on one database (issue #17): audit entries that wait to be chained (written
//! by the tablets' sync without taking the audit head), and each sheet's current value per item,
//! kept in the sync's transaction instead of being recomputed from every change.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditPending {
    Table,
    Id,
    At,
    ActorId,
    Actor,
    Role,
    Action,
    ObjectType,
    ObjectId,
    Before,
    After,
    Reason,
}

#[derive(DeriveIden)]
enum ScoreValue {
    Table,
    SheetId,
    ItemKey,
    Value,
    ClientAt,
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditPending::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditPending::Id))
                    .col(timestamp_with_time_zone(AuditPending::At))
                    .col(integer_null(AuditPending::ActorId))
                    .col(string_len(AuditPending::Actor, 64))
                    .col(string_len_null(AuditPending::Role, 16))
                    .col(string_len(AuditPending::Action, 64))
                    .col(string_len(AuditPending::ObjectType, 32))
                    .col(string_len(AuditPending::ObjectId, 64))
                    .col(text_null(AuditPending::Before))
                    .col(text_null(AuditPending::After))
                    .col(text_null(AuditPending::Reason))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScoreValue::Table)
                    .if_not_exists()
                    .col(integer(ScoreValue::SheetId))
                    .col(string_len(ScoreValue::ItemKey, 32))
                    .col(integer(ScoreValue::Value))
                    .col(timestamp_with_time_zone(ScoreValue::ClientAt))
                    .primary_key(
                        Index::create()
                            .col(ScoreValue::SheetId)
                            .col(ScoreValue::ItemKey),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ScoreValue::Table, ScoreValue::SheetId)
                            .to(ScoreSheet::Table, ScoreSheet::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The current value of every item already scored: the latest change by client time, ties
        // by id (what the sync keeps from now on).
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO score_value (sheet_id, item_key, value, client_at) \
                 SELECT sheet_id, item_key, value, client_at FROM ( \
                   SELECT sheet_id, item_key, value, client_at, ROW_NUMBER() OVER ( \
                     PARTITION BY sheet_id, item_key ORDER BY client_at DESC, id DESC) AS rn \
                   FROM score_change) latest \
                 WHERE rn = 1",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScoreValue::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditPending::Table).to_owned())
            .await
    }
}
