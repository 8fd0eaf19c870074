//! The audit chain's head: one row holding the newest entry's seq and hash. Every append updates it
//! first (taking the write lock before reading, so concurrent appends queue instead of failing),
//! and verification compares it with the last entry, so removing the newest entries is detected.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    Seq,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(
                        integer(AuditHead::Id)
                            .primary_key()
                            .check(Expr::cust("id = 1")),
                    )
                    .col(big_integer(AuditHead::Seq))
                    .col(string_len(AuditHead::Hash, 64))
                    .to_owned(),
            )
            .await?;
        // Start from the current end of the chain (the genesis hash when it is empty).
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO audit_head (id, seq, hash) \
             SELECT 1, COALESCE(MAX(seq), 0), \
             COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), \
             '0000000000000000000000000000000000000000000000000000000000000000') FROM audit_log",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditHead::Table).to_owned())
            .await
    }
}
