//! 第五章 the money ledger: append-only entries (a correction is a reversal pointing at the entry
//! it cancels), and per-studio balances kept in the same transaction as every entry, so the
//! dashboard sums 20,000 studios instead of a million entries.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LedgerEntry {
    Table,
    Id,
    StudioId,
    Kind,
    EffectKind,
    AmountFen,
    SignedFen,
    Purpose,
    Description,
    VoucherNo,
    PayingOffice,
    OccurredOn,
    ReversesId,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum StudioBalance {
    Table,
    StudioId,
    Year,
    DisbursedFen,
    UsedFen,
    ReturnedFen,
}

#[derive(DeriveIden)]
enum Studio {
    Table,
    Id,
}

const KINDS: &str = "'disbursement', 'usage', 'return', 'reversal'";
const EFFECTS: &str = "'disbursement', 'usage', 'return'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LedgerEntry::Table)
                    .col(pk_auto(LedgerEntry::Id))
                    .col(integer(LedgerEntry::StudioId))
                    .col(string_len(LedgerEntry::Kind, 16).check(Expr::cust(format!("kind IN ({KINDS})"))))
                    .col(string_len(LedgerEntry::EffectKind, 16).check(Expr::cust(format!("effect_kind IN ({EFFECTS})"))))
                    .col(big_integer(LedgerEntry::AmountFen).check(Expr::cust("amount_fen > 0")))
                    .col(big_integer(LedgerEntry::SignedFen))
                    .col(string_len_null(LedgerEntry::Purpose, 32))
                    .col(text(LedgerEntry::Description))
                    .col(string_len(LedgerEntry::VoucherNo, 64))
                    .col(string_len(LedgerEntry::PayingOffice, 64))
                    .col(date(LedgerEntry::OccurredOn))
                    .col(integer_null(LedgerEntry::ReversesId))
                    .col(string_len(LedgerEntry::RecordedBy, 64))
                    .col(timestamp_with_time_zone(LedgerEntry::RecordedAt))
                    .check(Expr::cust("(kind = 'reversal') = (reverses_id IS NOT NULL)"))
                    .check(Expr::cust("(kind = 'reversal' AND signed_fen = -amount_fen) OR (kind <> 'reversal' AND signed_fen = amount_fen AND effect_kind = kind)"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerEntry::Table, LedgerEntry::StudioId)
                            .to(Studio::Table, Studio::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerEntry::Table, LedgerEntry::ReversesId)
                            .to(LedgerEntry::Table, LedgerEntry::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ledger_studio")
                    .table(LedgerEntry::Table)
                    .col(LedgerEntry::StudioId)
                    .to_owned(),
            )
            .await?;
        // A reversal cancels its entry once.
        manager
            .create_index(
                Index::create()
                    .name("uq_ledger_reverses")
                    .table(LedgerEntry::Table)
                    .col(LedgerEntry::ReversesId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StudioBalance::Table)
                    .col(integer(StudioBalance::StudioId))
                    .col(integer(StudioBalance::Year))
                    .col(big_integer(StudioBalance::DisbursedFen).default(0))
                    .col(big_integer(StudioBalance::UsedFen).default(0))
                    .col(big_integer(StudioBalance::ReturnedFen).default(0))
                    .primary_key(
                        Index::create()
                            .col(StudioBalance::StudioId)
                            .col(StudioBalance::Year),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StudioBalance::Table, StudioBalance::StudioId)
                            .to(Studio::Table, Studio::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            StudioBalance::Table.into_iden(),
            LedgerEntry::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
