//! The expert roster (issue #19): an expert's identity number, the natural key an import of the
//! roster matches on, and their occupation group. Both stay empty for other accounts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    IdNumber,
    OccupationGroup,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(string_len_null(UserAccount::IdNumber, 18))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(string_len_null(UserAccount::OccupationGroup, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_account_id_number")
                    .table(UserAccount::Table)
                    .col(UserAccount::IdNumber)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_user_account_id_number")
                    .table(UserAccount::Table)
                    .to_owned(),
            )
            .await?;
        for col in [UserAccount::IdNumber, UserAccount::OccupationGroup] {
            manager
                .alter_table(
                    Table::alter()
                        .table(UserAccount::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
